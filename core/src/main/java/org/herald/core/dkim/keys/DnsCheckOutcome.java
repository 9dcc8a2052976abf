package org.herald.core.dkim.keys;

/** What the DNS pre-check found at {@code <selector>._domainkey.<domain>}. Only {@link #PUBLISHED} lets a key sign. */
public enum DnsCheckOutcome {
    NOT_CHECKED,
    /** A single DKIM record whose k= and p= are this key. */
    PUBLISHED,
    /** DNS answered that the name has no TXT record. */
    NO_RECORD,
    /** A record is there, but its p= is another key (or the key was revoked with an empty p=). */
    WRONG_KEY,
    /** The key is there but spread over several TXT records, cut short, or with quotes pasted into the value. */
    SPLIT_BADLY,
    /** The record names another key type in k= than this key's algorithm. */
    KEY_TYPE_MISMATCH,
    /** A TXT record is there but is not a valid DKIM key record, or several compete. */
    INVALID_RECORD,
    /** DNS did not answer (timeout, SERVFAIL): nothing is known; the check is repeated. */
    LOOKUP_FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
