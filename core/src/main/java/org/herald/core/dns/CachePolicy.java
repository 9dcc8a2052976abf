package org.herald.core.dns;

/** Whether a lookup may be answered from the {@link DnsCache}. */
public enum CachePolicy {
    /** A cached answer within its TTL is good enough: delivery, SPF, DKIM verification, reverse DNS. */
    USE,
    /**
     * Always ask a resolver; the fresh answer then replaces the cached one. For the DKIM key pre-check: an operator who
     * has just published a record must not be told "no record" from a negative answer cached minutes ago.
     */
    BYPASS
}
