package org.herald.core.relay;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.herald.core.config.Secret;

/**
 * Certificates a relay's certificate may chain to, instead of the JDK's default authorities: a PKCS#12 or JKS file
 * (the type is read from the file), for a relay with a private CA or a pinned self-signed certificate.
 */
public record TrustStore(Path file, Optional<Secret> password) {
    public TrustStore {
        Objects.requireNonNull(file);
        Objects.requireNonNull(password);
    }
}
