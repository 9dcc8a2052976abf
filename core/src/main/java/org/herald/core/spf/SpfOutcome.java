package org.herald.core.spf;

import java.util.Objects;

/**
 * The SPF verdict on one SMTP transaction.
 *
 * @param identity the checked identity: the MAIL FROM address, or postmaster@HELO for the null sender
 * @param domain   the identity's domain, the one DMARC aligns with the From domain
 */
public record SpfOutcome(SpfResult result, String identity, String domain, String explanation) {
    public SpfOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(explanation, "explanation");
    }
}
