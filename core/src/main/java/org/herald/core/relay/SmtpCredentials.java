package org.herald.core.relay;

import java.util.Objects;

import org.herald.core.config.Secret;

/** SMTP AUTH credentials for a relay; the password never appears in logs. */
public record SmtpCredentials(String username, Secret password) {
    public SmtpCredentials {
        Objects.requireNonNull(username);
        Objects.requireNonNull(password);
    }
}
