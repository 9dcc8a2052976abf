package org.herald.core.dmarc.report;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

import org.herald.core.dns.TxtAnswer;
import org.herald.core.dns.TxtLookup;
import org.herald.core.dns.TxtRecord;

/**
 * The RFC 7489 §7.1 check that a report destination in another organisation agreed to receive reports about the
 * policy domain. Without it any domain can publish {@code rua=mailto:victim@elsewhere} and turn receivers into a
 * report cannon: servers that skipped the check have been listed for it.
 *
 * <p>Same organisational domain → authorised without DNS. Otherwise Herald looks up the TXT records of
 * {@code <policy-domain>._report._dmarc.<rua-domain>} and requires one that starts with {@code v=DMARC1}
 * (the "v" case-insensitively, "DMARC1" exactly, as the §6.4 ABNF writes it with %x values); TXT records that do not
 * start so are ignored (§7.1 step 4). A DNS failure is not a "no": it answers {@link
 * DestinationAuthorization.Verdict#LOOKUP_FAILED} so the sender can try again later.
 *
 * <p>Organisational domains are not worked out here: the caller supplies the comparison (the public-suffix logic
 * lives in {@code org.herald.core.dmarc}).
 */
public final class ExternalReportAuthorization {
    private static final Pattern DMARC1 = Pattern.compile("^[vV][ \\t]*=[ \\t]*DMARC1[ \\t]*(;.*)?$", Pattern.DOTALL);

    private final TxtLookup dns;
    private final BiPredicate<String, String> sameOrganisation;

    /**
     * @param dns              TXT lookups through Herald's resolver
     * @param sameOrganisation true when the two domains share an organisational domain (RFC 7489 §3.2)
     */
    public ExternalReportAuthorization(TxtLookup dns, BiPredicate<String, String> sameOrganisation) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.sameOrganisation = Objects.requireNonNull(sameOrganisation, "sameOrganisation");
    }

    public DestinationAuthorization check(String policyDomain, String ruaDomain) {
        String policy = normalise(policyDomain, "policy domain");
        String rua = normalise(ruaDomain, "rua domain");
        if (sameOrganisation.test(policy, rua)) {
            return new DestinationAuthorization(DestinationAuthorization.Verdict.SAME_ORGANISATION, Optional.empty(),
                Optional.empty(), rua + " is in the same organisational domain as " + policy
                + "; no authorisation record needed");
        }
        String name = policy + "._report._dmarc." + rua;
        TxtAnswer answer = dns.txt(name);
        if (answer instanceof TxtAnswer.Records records) {
            for (TxtRecord txt : records.records()) {
                String value = txt.joined().trim();
                if (DMARC1.matcher(value).matches()) {
                    return new DestinationAuthorization(DestinationAuthorization.Verdict.AUTHORISED_BY_RECORD,
                        Optional.of(name), Optional.of(value), rua + " accepts reports about " + policy + ": " + name
                        + " publishes \"" + value + "\"");
                }
            }
            return new DestinationAuthorization(DestinationAuthorization.Verdict.NOT_AUTHORISED, Optional.of(name),
                Optional.empty(), rua + " has not agreed to receive reports about " + policy + ": " + name
                + " has TXT records, but none starts with v=DMARC1 (RFC 7489 §7.1)");
        }
        if (answer instanceof TxtAnswer.NoRecord noRecord) {
            return new DestinationAuthorization(DestinationAuthorization.Verdict.NOT_AUTHORISED, Optional.of(name),
                Optional.empty(), rua + " has not agreed to receive reports about " + policy + ": " + name
                + " has no TXT record (" + noRecord.detail() + "; RFC 7489 §7.1)");
        }
        TxtAnswer.Failure failure = (TxtAnswer.Failure) answer;
        return new DestinationAuthorization(DestinationAuthorization.Verdict.LOOKUP_FAILED, Optional.of(name),
            Optional.empty(), "cannot tell whether " + rua + " accepts reports about " + policy + ": the lookup of "
            + name + " failed (" + failure.detail() + "); try later");
    }

    private static String normalise(String domain, String what) {
        Objects.requireNonNull(domain, what);
        String value = domain.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith(".")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c == '@')) {
            throw new IllegalArgumentException(what + " '" + domain + "' is not a domain name");
        }
        return value;
    }
}
