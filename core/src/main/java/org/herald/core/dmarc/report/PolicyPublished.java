package org.herald.core.dmarc.report;

import java.util.Objects;
import java.util.Optional;

import org.herald.core.dmarc.AlignmentMode;
import org.herald.core.dmarc.DmarcPolicy;

/**
 * The DMARC record the receiver found for the domain ({@code <policy_published>}). Absent {@code sp}, {@code fo} and
 * {@code np} are kept absent here so a parsed report says what the reporter wrote; {@link #effectiveSp()} and
 * {@link #effectiveFo()} give the RFC 7489 §6.3 defaults, which is what the writer puts in the XML because the
 * Appendix C schema requires both elements. DMARCbis reports have no {@code pct}; it reads as 100, its default.
 */
public record PolicyPublished(String domain, AlignmentMode adkim, AlignmentMode aspf, DmarcPolicy p,
                              Optional<DmarcPolicy> sp, int pct, Optional<String> fo, Optional<DmarcPolicy> np) {
    public PolicyPublished {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(adkim, "adkim");
        Objects.requireNonNull(aspf, "aspf");
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(sp, "sp");
        Objects.requireNonNull(fo, "fo");
        Objects.requireNonNull(np, "np");
        if (domain.isBlank()) {
            throw new IllegalArgumentException("policy_published domain must not be blank");
        }
        if (pct < 0 || pct > 100) {
            throw new IllegalArgumentException("pct " + pct + " is not between 0 and 100");
        }
    }

    /** The subdomain policy in effect: sp=, or p= when sp= was not published (RFC 7489 §6.3). */
    public DmarcPolicy effectiveSp() {
        return sp.orElse(p);
    }

    /** The failure reporting options in effect: fo=, or "0" when not published (RFC 7489 §6.3). */
    public String effectiveFo() {
        return fo.orElse("0");
    }
}
