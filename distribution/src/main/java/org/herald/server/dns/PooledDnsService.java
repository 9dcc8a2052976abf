package org.herald.server.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import javax.inject.Inject;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.herald.core.dns.CachePolicy;
import org.herald.core.dns.DnsAnswer;
import org.herald.core.dns.DnsJavaPtrLookup;
import org.herald.core.dns.DnsLookupException;
import org.herald.core.dns.RecordLookup;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * James's {@link DNSService} over Herald's resolver pool (conf/dns.xml), in place of James's {@code DNSJavaService} and
 * its conf/dnsservice.xml: delivery's MX and address lookups, and whatever else in James asks DNS, share the pool's
 * resolvers, health, failover and cache with Herald's own lookups.
 *
 * <p>Behaviour follows James's {@code DNSJavaService} where callers depend on it: MX hosts by preference, shuffled
 * within one preference; the domain itself when it has no MX but has an address (RFC 5321 §5.1); a temporary DNS
 * failure of an MX lookup is a {@link TemporaryResolutionException} (delivery defers, never bounces); IP literals and
 * this host's own name never reach DNS. Where Herald differs: a null MX (RFC 7505, "0 .") means no mail host; names
 * are always absolute (no search domains); an address lookup falls back to AAAA only when a name has no A record;
 * host names come back without the final dot.
 */
public class PooledDnsService implements DNSService {
    private final RecordLookup dns;
    private final DnsJavaPtrLookup ptr;
    private volatile InetAddress localHost;

    @Inject
    public PooledDnsService(RecordLookup dns) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.ptr = new DnsJavaPtrLookup(dns);
    }

    @Override
    public Collection<String> findMXRecords(String hostname) throws TemporaryResolutionException {
        DnsAnswer answer;
        try {
            answer = dns.lookup(hostname, Type.MX, CachePolicy.USE);
        } catch (IllegalArgumentException e) {
            return List.of();
        } catch (DnsLookupException e) {
            throw new TemporaryResolutionException("MX lookup of " + hostname + " failed: " + e.getMessage());
        }
        List<MXRecord> mx = answer.records(MXRecord.class);
        if (mx.size() == 1 && mx.get(0).getTarget().equals(org.xbill.DNS.Name.root)) {
            return List.of();
        }
        if (!mx.isEmpty()) {
            return Collections.unmodifiableList(byPreference(mx));
        }
        if (answer.kind() == DnsAnswer.Kind.NX_DOMAIN) {
            return List.of();
        }
        try {
            addresses(hostname);
            return List.of(hostname);
        } catch (UnknownHostException e) {
            return List.of();
        } catch (DnsLookupException e) {
            throw new TemporaryResolutionException("address lookup of " + hostname + " (it has no MX) failed: " + e.getMessage());
        }
    }

    private static List<String> byPreference(List<MXRecord> records) {
        Map<Integer, List<String>> byPriority = new TreeMap<>(Comparator.naturalOrder());
        for (MXRecord record : records) {
            byPriority.computeIfAbsent(record.getPriority(), priority -> new ArrayList<>()).add(record.getTarget().toString(true));
        }
        List<String> hosts = new ArrayList<>();
        for (List<String> samePriority : byPriority.values()) {
            // spread load over hosts of equal preference, as RFC 5321 §5.1 asks
            Collections.shuffle(samePriority);
            hosts.addAll(samePriority);
        }
        return hosts;
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        try {
            return dns.lookup(hostname, Type.TXT, CachePolicy.USE).records(TXTRecord.class).stream()
                .map(TXTRecord::rdataToString)
                .toList();
        } catch (IllegalArgumentException | DnsLookupException e) {
            return List.of();
        }
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        try {
            return addresses(host);
        } catch (DnsLookupException e) {
            throw new UnknownHostException(host + ": " + e.getMessage());
        }
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        return getAllByName(host).iterator().next();
    }

    /** @throws DnsLookupException when DNS did not answer, UnknownHostException when it said there is no address */
    private List<InetAddress> addresses(String host) throws UnknownHostException {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (Address.isDottedQuad(name) || name.contains(":")) {
            return List.of(Address.getByAddress(name));
        }
        if (name.equalsIgnoreCase("localhost")) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        InetAddress local = localHost();
        if (local != null && name.equalsIgnoreCase(local.getHostName())) {
            return List.of(local);
        }
        try {
            List<InetAddress> found = new ArrayList<>();
            for (ARecord a : dns.lookup(name, Type.A, CachePolicy.USE).records(ARecord.class)) {
                found.add(InetAddress.getByAddress(name, a.getAddress().getAddress()));
            }
            if (found.isEmpty()) {
                for (AAAARecord aaaa : dns.lookup(name, Type.AAAA, CachePolicy.USE).records(AAAARecord.class)) {
                    found.add(InetAddress.getByAddress(name, aaaa.getAddress().getAddress()));
                }
            }
            if (found.isEmpty()) {
                throw new UnknownHostException(host + ": no A or AAAA record");
            }
            return List.copyOf(found);
        } catch (IllegalArgumentException e) {
            throw new UnknownHostException(e.getMessage());
        }
    }

    /**
     * This host, looked up once (James's DNSJavaService did the same at start): its name must not cost a DNS query per
     * lookup. Only its plain name is compared; its canonical name would need a reverse lookup through the system's
     * resolver, which conf/dns.xml may deliberately avoid.
     */
    private InetAddress localHost() {
        InetAddress local = localHost;
        if (local == null) {
            try {
                local = getLocalHost();
                localHost = local;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return local;
    }

    @Override
    public InetAddress getLocalHost() throws UnknownHostException {
        return InetAddress.getLocalHost();
    }

    /** The first PTR name of the address, without the final dot; the address itself when it has none or DNS fails. */
    @Override
    public String getHostName(InetAddress address) {
        try {
            return ptr.hostNames(address).stream().findFirst().orElse(address.getHostAddress());
        } catch (DnsLookupException e) {
            return address.getHostAddress();
        }
    }

    @Override
    public String toString() {
        return "Herald's DNS service (conf/dns.xml)";
    }
}
