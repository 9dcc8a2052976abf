package org.herald.core.greylist;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A set of whitelist entries ready for matching: networks parsed once, the rest compared as normalised text. Built
 * from conf/greylist.xml once, and from the whitelist store for each decision.
 */
public final class Whitelist {
    public static final Whitelist EMPTY = new Whitelist(List.of());

    private final List<WhitelistEntry> entries;
    private final List<Map.Entry<Cidr, WhitelistEntry>> networks = new ArrayList<>();

    public Whitelist(List<WhitelistEntry> entries) {
        this.entries = List.copyOf(entries);
        for (WhitelistEntry entry : this.entries) {
            if (entry.kind() == WhitelistKind.NETWORK) {
                networks.add(Map.entry(Cidr.parse(entry.value()), entry));
            }
        }
    }

    public List<WhitelistEntry> entries() {
        return entries;
    }

    public boolean has(WhitelistKind kind) {
        return entries.stream().anyMatch(entry -> entry.kind() == kind);
    }

    /** An entry equal to the (lower-case) recipient, its local part at any domain ({@code postmaster@}), or its domain. */
    public Optional<WhitelistEntry> recipient(String recipient) {
        int at = recipient.lastIndexOf('@');
        String local = at < 0 ? recipient : recipient.substring(0, at);
        String domain = at < 0 ? "" : recipient.substring(at + 1);
        return first(WhitelistKind.RECIPIENT, value -> value.equals(recipient) || value.equals(local + "@")
            || (!domain.isEmpty() && value.equals("@" + domain)));
    }

    /**
     * An entry equal to the normalised sender, or {@code @domain} for its domain or a parent of it. The null sender
     * ({@code <>}) matches nothing: bounces are greylisted like any mail.
     */
    public Optional<WhitelistEntry> sender(String normalisedSender) {
        int at = normalisedSender.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String domain = normalisedSender.substring(at + 1);
        return first(WhitelistKind.SENDER, value -> value.equals(normalisedSender)
            || (value.startsWith("@") && isAtOrBelow(domain, value.substring(1))));
    }

    public Optional<WhitelistEntry> network(InetAddress client) {
        return networks.stream().filter(network -> network.getKey().contains(client)).map(Map.Entry::getValue).findFirst();
    }

    /** An rDNS domain that is {@code hostName} or a parent of it: {@code google.com} matches {@code mail-x.google.com}. */
    public Optional<WhitelistEntry> rdnsDomain(String hostName) {
        String name = hostName.endsWith(".") ? hostName.substring(0, hostName.length() - 1) : hostName;
        return first(WhitelistKind.RDNS_DOMAIN, value -> isAtOrBelow(name.toLowerCase(Locale.ROOT), value));
    }

    private Optional<WhitelistEntry> first(WhitelistKind kind, Predicate<String> matches) {
        return entries.stream().filter(entry -> entry.kind() == kind && matches.test(entry.value())).findFirst();
    }

    private static boolean isAtOrBelow(String name, String domain) {
        return name.equals(domain) || name.endsWith("." + domain);
    }
}
