package org.herald.core.relay;

import java.util.Objects;
import java.util.Optional;

/** A relay Herald hands outbound mail to. */
public record Smarthost(String host, int port, TlsMode tls, boolean verifyCertificate, Optional<SmtpCredentials> credentials) {
    public Smarthost {
        Objects.requireNonNull(host);
        Objects.requireNonNull(tls);
        Objects.requireNonNull(credentials);
    }

    public String address() {
        return host + ":" + port;
    }
}
