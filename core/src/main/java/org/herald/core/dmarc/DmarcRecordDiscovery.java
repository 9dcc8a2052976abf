package org.herald.core.dmarc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.herald.core.dns.TxtAnswer;
import org.herald.core.dns.TxtLookup;
import org.herald.core.dns.TxtRecord;

/**
 * Finds the DMARC record that governs a From domain (RFC 7489 §6.6.3): the TXT records at {@code _dmarc.<domain>}
 * that start with v=DMARC1; when there are none, those at {@code _dmarc.<organisational domain>}, whose sp= then
 * applies. Exactly one record must remain: several mean no DMARC processing, as the RFC says.
 *
 * <p>Failure policy: a DNS failure at either step is a {@link DmarcPolicyLookup.TempError}, never "no record", so a
 * domain's reject policy is not silently skipped when its DNS is slow; the evaluator turns it into a temperror result
 * with no disposition (the mail is not rejected for it). A broken record is a {@link DmarcPolicyLookup.PermError}.
 * The DMARCbis tree walk and np= for non-existent subdomains are not applied: np= is parsed but not acted on.
 */
public final class DmarcRecordDiscovery {
    private final TxtLookup dns;
    private final OrganizationalDomains organizationalDomains;

    public DmarcRecordDiscovery(TxtLookup dns) {
        this(dns, new OrganizationalDomains());
    }

    public DmarcRecordDiscovery(TxtLookup dns, OrganizationalDomains organizationalDomains) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.organizationalDomains = Objects.requireNonNull(organizationalDomains, "organizationalDomains");
    }

    /**
     * The policy for {@code fromDomain}, the domain of the message's single RFC5322.From address.
     *
     * @throws IllegalArgumentException when {@code fromDomain} is not a domain name
     */
    public DmarcPolicyLookup discover(String fromDomain) {
        String domain = OrganizationalDomains.canonical(fromDomain);
        String orgDomain = organizationalDomains.organizationalDomain(domain);
        Step exact = lookup(domain);
        if (exact.outcome().isPresent()) {
            return exact.outcome().get();
        }
        if (exact.records().size() == 1) {
            return parsed(exact.records().get(0), domain, orgDomain, false);
        }
        if (orgDomain.equals(domain)) {
            return new DmarcPolicyLookup.None("no DMARC record at _dmarc." + domain);
        }
        Step org = lookup(orgDomain);
        if (org.outcome().isPresent()) {
            return org.outcome().get();
        }
        if (org.records().size() == 1) {
            return parsed(org.records().get(0), orgDomain, orgDomain, true);
        }
        return new DmarcPolicyLookup.None("no DMARC record at _dmarc." + domain + " nor at _dmarc." + orgDomain);
    }

    /**
     * One step of discovery: either a final outcome (DNS failure, several records) or the DMARC records found there
     * (none or one).
     */
    private record Step(Optional<DmarcPolicyLookup> outcome, List<String> records) {
    }

    private Step lookup(String domain) {
        String name = "_dmarc." + domain;
        TxtAnswer answer = dns.txt(name);
        if (answer instanceof TxtAnswer.Failure failure) {
            return new Step(Optional.of(new DmarcPolicyLookup.TempError("DNS lookup of " + name + " failed: "
                + failure.detail())), List.of());
        }
        if (!(answer instanceof TxtAnswer.Records found)) {
            return new Step(Optional.empty(), List.of());
        }
        List<String> dmarc = found.records().stream()
            .map(TxtRecord::joined)
            .filter(DmarcRecord::isDmarcRecord)
            .toList();
        if (dmarc.size() > 1) {
            return new Step(Optional.of(new DmarcPolicyLookup.None(name + " publishes " + dmarc.size()
                + " v=DMARC1 records; RFC 7489 §6.6.3 applies no policy then")), dmarc);
        }
        return new Step(Optional.empty(), dmarc);
    }

    private static DmarcPolicyLookup parsed(String txt, String policyDomain, String orgDomain, boolean inherited) {
        try {
            return new DmarcPolicyLookup.Found(DmarcRecord.parse(txt), policyDomain, orgDomain, inherited);
        } catch (InvalidDmarcRecordException e) {
            return new DmarcPolicyLookup.PermError("the DMARC record at _dmarc." + policyDomain + " is broken: "
                + e.getMessage());
        }
    }
}
