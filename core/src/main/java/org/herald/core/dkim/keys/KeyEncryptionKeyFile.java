package org.herald.core.dkim.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key-encryption key Herald makes for itself when conf/dkim.xml gives none: 32 random bytes, base64, in a file
 * only the owner may read, inside the data directory. Whoever backs up the store must back up this file too.
 */
public final class KeyEncryptionKeyFile {
    private KeyEncryptionKeyFile() {
    }

    /** @return the 32 key bytes, from the file, which is created first when absent */
    public static byte[] loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] key = new byte[PrivateKeySealer.KEY_BYTES];
            new SecureRandom().nextBytes(key);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING);
                return key;
            } catch (FileAlreadyExistsException raced) {
                // Another process created it first: read theirs.
            }
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a base64 key-encryption key", e);
        }
        if (key.length != PrivateKeySealer.KEY_BYTES) {
            throw new IOException(file + " holds a " + key.length + "-byte key, not " + PrivateKeySealer.KEY_BYTES);
        }
        return key;
    }
}
