package org.herald.core.dmarc;

import java.util.Locale;

/** The DMARC verdict on one message, as RFC 8601 §2.7.1 names it after {@code dmarc=} in Authentication-Results. */
public enum DmarcResult {
    /** SPF or DKIM passed for a domain aligned with the From domain. */
    PASS,
    /** A policy was found and neither SPF nor DKIM passed aligned. */
    FAIL,
    /** The From domain publishes no (single) DMARC record. */
    NONE,
    /** DNS did not answer the policy lookup; nothing is applied. */
    TEMPERROR,
    /** The record is broken, or the message has no single From domain to evaluate. */
    PERMERROR;

    public String authResultsValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
