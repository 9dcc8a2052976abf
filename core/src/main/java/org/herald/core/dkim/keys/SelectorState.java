package org.herald.core.dkim.keys;

/**
 * Where a selector is in its life. Only {@link #ACTIVE} keys sign; {@link #PENDING}, {@link #ACTIVE} and
 * {@link #RETIRING} keys must stay published in DNS so that mail signed with them verifies.
 */
public enum SelectorState {
    /** Generated or imported; its TXT record is shown to the operator but it signs nothing until DNS publishes it. */
    PENDING,
    /** Signs outbound mail. At most one active key per domain and algorithm. */
    ACTIVE,
    /** Replaced by a newer key; still published for the overlap so that mail signed before the rotation verifies. */
    RETIRING,
    /** The overlap has passed: nothing signed with it is expected any more, and its TXT record may be removed. */
    RETIRED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the selector's TXT record must be in DNS. */
    public boolean mustBePublished() {
        return this != RETIRED;
    }
}
