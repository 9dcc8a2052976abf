package org.herald.core.outbound;

import java.util.Objects;

/**
 * What one delivery attempt did for one recipient: accepted by the next hop, refused for now (try again later), or
 * refused for good (bounce). {@code reply} is the next hop's answer or, without one, what went wrong
 * ("connection refused"), as the sender should read it in a bounce.
 */
public record RecipientResult(String recipient, Status status, String reply) {
    public enum Status { DELIVERED, TEMPORARY_FAILURE, PERMANENT_FAILURE }

    public RecipientResult {
        Objects.requireNonNull(recipient);
        Objects.requireNonNull(status);
        Objects.requireNonNull(reply);
    }

    public static RecipientResult delivered(String recipient, String reply) {
        return new RecipientResult(recipient, Status.DELIVERED, reply);
    }

    public static RecipientResult temporaryFailure(String recipient, String reply) {
        return new RecipientResult(recipient, Status.TEMPORARY_FAILURE, reply);
    }

    public static RecipientResult permanentFailure(String recipient, String reply) {
        return new RecipientResult(recipient, Status.PERMANENT_FAILURE, reply);
    }
}
