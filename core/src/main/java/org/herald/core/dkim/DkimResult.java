package org.herald.core.dkim;

import java.util.Locale;

/** The outcome of verifying one DKIM signature, as RFC 8601 names it in Authentication-Results. */
public enum DkimResult {
    /** The signature verified with the published key. */
    PASS,
    /** The signature or the body hash did not verify: the message was changed, or the signer erred. */
    FAIL,
    /** The signature could not be evaluated for a reason not covered by the other results. */
    NEUTRAL,
    /** The key could not be fetched now (DNS timeout, SERVFAIL); verifying later may succeed. */
    TEMPERROR,
    /** The signature can never verify as it is: bad syntax, no or revoked key, expired, unsupported algorithm. */
    PERMERROR;

    /** The value written after {@code dkim=} in Authentication-Results. */
    public String authResultsValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
