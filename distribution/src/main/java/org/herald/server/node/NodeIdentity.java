package org.herald.server.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Who this Herald process is: a node id kept in the data directory (so it survives restarts and upgrades, and a
 * copied data directory is recognisably the same node), the host it runs on, and the Herald version.
 */
public record NodeIdentity(String nodeId, String hostname, String version) {
    static final String FILE_NAME = "node-id";

    public static NodeIdentity load(Path dataDirectory) {
        return new NodeIdentity(readOrCreateId(dataDirectory.resolve(FILE_NAME)), localHostname(), heraldVersion());
    }

    private static String readOrCreateId(Path file) {
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            String id = UUID.randomUUID().toString();
            Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(temporary, id + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the node id file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String heraldVersion() {
        return Optional.ofNullable(NodeIdentity.class.getPackage().getImplementationVersion()).orElse("development");
    }
}
