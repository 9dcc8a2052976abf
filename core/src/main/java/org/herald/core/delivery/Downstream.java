package org.herald.core.delivery;

import java.util.Objects;

/** The operator's mailbox server (e.g. Dovecot) that receives mail for local domains over SMTP. */
public record Downstream(String host, int port) {
    public Downstream {
        Objects.requireNonNull(host);
    }

    public String address() {
        return host + ":" + port;
    }
}
