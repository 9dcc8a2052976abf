package org.herald.core.dmarc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The policy a domain published, as an aggregate report's {@code <policy_published>} repeats it, with the rua= list
 * the report goes to.
 *
 * @param domain the domain whose record it is (the From domain, or its organisational domain when inherited)
 */
public record DmarcPublishedPolicy(String domain, AlignmentMode adkim, AlignmentMode aspf, DmarcPolicy p,
                                   Optional<DmarcPolicy> sp, Optional<DmarcPolicy> np, int pct, String fo,
                                   List<DmarcReportUri> rua) {
    public DmarcPublishedPolicy {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(adkim, "adkim");
        Objects.requireNonNull(aspf, "aspf");
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(sp, "sp");
        Objects.requireNonNull(np, "np");
        Objects.requireNonNull(fo, "fo");
        rua = List.copyOf(rua);
    }

    public static DmarcPublishedPolicy of(String domain, DmarcRecord record) {
        return new DmarcPublishedPolicy(domain, record.adkim(), record.aspf(), record.p(), record.sp(), record.np(),
            record.pct(), record.fo(), record.rua());
    }
}
