package org.herald.core.dmarc;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.herald.core.dkim.DkimResult;
import org.herald.core.dkim.DkimVerification;
import org.herald.core.greylist.Cidr;
import org.herald.core.spf.SpfOutcome;
import org.herald.core.spf.SpfResult;

/** Verdicts and inputs for DMARC tests. */
final class DmarcTestMessages {
    static final InetAddress CLIENT = Cidr.parseAddress("198.51.100.7");

    private DmarcTestMessages() {
    }

    static DkimVerification dkim(String domain, DkimResult result) {
        return new DkimVerification(result, domain, "s2026", "rsa-sha256", "AbCdEfGh",
            result == DkimResult.PASS ? "" : "body hash did not verify");
    }

    static SpfOutcome spf(String domain, SpfResult result) {
        return new SpfOutcome(result, "bounce@" + domain, domain, "");
    }

    static DmarcInput input(String from, List<DkimVerification> dkim, Optional<SpfOutcome> spf) {
        String envelope = spf.map(SpfOutcome::domain).orElse("");
        return new DmarcInput(from, envelope, CLIENT, dkim, spf, Optional.empty());
    }
}
