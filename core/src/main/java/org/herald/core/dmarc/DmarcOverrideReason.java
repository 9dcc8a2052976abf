package org.herald.core.dmarc;

import java.util.Objects;

/**
 * One reason for a disposition other than the published policy, as an aggregate report carries it.
 *
 * @param type    the RFC 7489 reason type
 * @param comment what matched, for the operator and the report's {@code <comment>}, e.g.
 *                "client 192.0.2.7 in trusted forwarder network 192.0.2.0/24"
 */
public record DmarcOverrideReason(DmarcOverrideType type, String comment) {
    public DmarcOverrideReason {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(comment, "comment");
    }
}
