package org.herald.core.greylist;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One RCPT TO to decide on.
 *
 * @param client    the connecting client's address
 * @param sender    the MAIL FROM address as given; {@code ""} for the null sender {@code <>}
 * @param recipient the RCPT TO address
 */
public record GreylistRequest(InetAddress client, String sender, String recipient) {
    public GreylistRequest {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
    }
}
