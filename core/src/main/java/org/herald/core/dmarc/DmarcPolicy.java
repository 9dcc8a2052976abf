package org.herald.core.dmarc;

import java.util.Locale;
import java.util.Optional;

/**
 * What a domain owner asks receivers to do with mail that fails DMARC (the p=, sp= and np= values of RFC 7489 §6.3),
 * and equally what a receiver did with it (the disposition of an aggregate report, which has the same three values).
 */
public enum DmarcPolicy {
    /** Monitor only: deliver as usual, report. */
    NONE,
    /** Treat as suspicious: deliver marked, or to a quarantine. */
    QUARANTINE,
    /** Refuse the mail during the SMTP transaction. */
    REJECT;

    /** The value as written in a DMARC record and in reports: "none", "quarantine", "reject". */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy a tag names, case-insensitively; empty for anything else. */
    public static Optional<DmarcPolicy> fromTag(String tag) {
        for (DmarcPolicy policy : values()) {
            if (policy.tag().equalsIgnoreCase(tag.trim())) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }

    /**
     * The next-lower policy, which RFC 7489 §6.6.4 applies to failing mail left out of the pct= sample:
     * reject → quarantine, quarantine → none, none → none.
     */
    public DmarcPolicy nextLower() {
        return switch (this) {
            case REJECT -> QUARANTINE;
            case QUARANTINE, NONE -> NONE;
        };
    }
}
