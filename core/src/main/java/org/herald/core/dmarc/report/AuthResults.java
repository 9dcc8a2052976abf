package org.herald.core.dmarc.report;

import java.util.List;
import java.util.Objects;

/**
 * The raw DKIM and SPF results of a row ({@code <auth_results>}), not interpreted by DMARC. RFC 7489 says there is
 * always an SPF result and DMARCbis allows none; both lists may be empty here so neither kind of report is refused.
 */
public record AuthResults(List<DkimAuthResult> dkim, List<SpfAuthResult> spf) {
    public AuthResults {
        dkim = List.copyOf(Objects.requireNonNull(dkim, "dkim"));
        spf = List.copyOf(Objects.requireNonNull(spf, "spf"));
    }
}
