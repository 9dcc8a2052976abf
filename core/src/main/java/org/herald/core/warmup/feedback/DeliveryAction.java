package org.herald.core.warmup.feedback;

import java.util.Locale;

/** What the reporting MTA did with one recipient: RFC 3464 §2.3.3's Action field. */
public enum DeliveryAction {
    /** Not delivered and no further attempt will be made. */
    FAILED,
    /** Not delivered yet; the reporting MTA keeps trying. */
    DELAYED,
    DELIVERED,
    /** Handed on to an environment that does not send DSNs. */
    RELAYED,
    /** Delivered and forwarded to several addresses (a list or alias). */
    EXPANDED,
    /** The Action field is missing or is none of the five above. */
    UNKNOWN;

    /** The action in a field value such as {@code failed} or {@code Failed (bad mailbox)}: its first word, any case. */
    static DeliveryAction of(String fieldValue) {
        String word = fieldValue.strip().split("[\\s(;]", 2)[0].toLowerCase(Locale.ROOT);
        return switch (word) {
            case "failed" -> FAILED;
            case "delayed" -> DELAYED;
            case "delivered" -> DELIVERED;
            case "relayed" -> RELAYED;
            case "expanded" -> EXPANDED;
            default -> UNKNOWN;
        };
    }
}
