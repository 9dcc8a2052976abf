package org.herald.core.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.herald.core.config.DurationText;
import org.herald.core.config.XmlConfigFile;
import org.w3c.dom.Element;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Reads conf/dns.xml (documented in that file); an absent file means the system's resolvers and every default. */
public final class DnsConfigurationParser {
    public static final String FILE_NAME = "dns.xml";
    private static final String DISPLAY_NAME = "conf/" + FILE_NAME;

    public DnsConfiguration parse(Path confDirectory) {
        return XmlConfigFile.readIfPresent(confDirectory.resolve(FILE_NAME), DISPLAY_NAME, "dns")
            .map(this::parse)
            .orElse(DnsConfiguration.DEFAULT);
    }

    public DnsConfiguration parse(String xml) {
        return parse(XmlConfigFile.parse(xml, DISPLAY_NAME, "dns"));
    }

    private DnsConfiguration parse(XmlConfigFile file) {
        Element root = file.root();
        file.allowOnlyChildren(root, "resolver", "cache", "health");
        List<InetSocketAddress> resolvers = new ArrayList<>();
        for (Element resolver : file.children(root, "resolver")) {
            String address = file.requiredAttribute(resolver, "address", "give the resolver's IP address, e.g. address=\"127.0.0.1\"");
            int port = file.intAttribute(resolver, "port", 53, 1, 65535);
            InetSocketAddress socketAddress = new InetSocketAddress(ipAddress(file, resolver, address), port);
            if (resolvers.contains(socketAddress)) {
                throw file.error(resolver, "lists " + address + " port " + port + " a second time", "remove the duplicate <resolver>");
            }
            resolvers.add(socketAddress);
        }
        Duration timeout = file.durationAttribute(root, "timeout", DnsConfiguration.DEFAULT_TIMEOUT);
        Duration lookupTimeout = file.durationAttribute(root, "lookupTimeout", DnsConfiguration.defaultLookupTimeout(timeout));
        if (lookupTimeout.compareTo(timeout) < 0) {
            throw file.error(root, "lookupTimeout " + DurationText.format(lookupTimeout) + " is shorter than timeout "
                + DurationText.format(timeout) + ", so no query could ever get its full time",
                "make lookupTimeout at least timeout (e.g. lookupTimeout=\"" + DurationText.format(timeout.multipliedBy(3)) + "\")");
        }
        return new DnsConfiguration(resolvers, timeout,
            file.intAttribute(root, "retries", DnsConfiguration.DEFAULT_RETRIES, 0, 5),
            lookupTimeout,
            file.optionalChild(root, "cache").map(cache -> cache(file, cache)).orElse(DnsCacheSettings.DEFAULT),
            file.optionalChild(root, "health").map(health -> health(file, health)).orElse(ResolverHealthSettings.DEFAULT));
    }

    private static DnsCacheSettings cache(XmlConfigFile file, Element cache) {
        file.allowOnlyChildren(cache);
        return new DnsCacheSettings(
            file.intAttribute(cache, "maxEntries", DnsCacheSettings.DEFAULT_MAX_ENTRIES, 0, 10_000_000),
            file.durationAttribute(cache, "maxTtl", DnsCacheSettings.DEFAULT_MAX_TTL),
            durationOrZero(file, cache, "maxNegativeTtl", DnsCacheSettings.DEFAULT_MAX_NEGATIVE_TTL));
    }

    private static ResolverHealthSettings health(XmlConfigFile file, Element health) {
        file.allowOnlyChildren(health);
        String recoveryQuery = file.attribute(health, "recoveryQuery").orElse(ResolverHealthSettings.DEFAULT_RECOVERY_QUERY);
        try {
            Name.fromString(recoveryQuery, Name.root);
        } catch (TextParseException e) {
            throw file.error(health, "recoveryQuery \"" + recoveryQuery + "\" is not a DNS name (" + e.getMessage() + ")",
                "write a name every resolver can answer, e.g. recoveryQuery=\".\" (the root) or a name of your own zone");
        }
        return new ResolverHealthSettings(
            file.intAttribute(health, "markDownAfter", ResolverHealthSettings.DEFAULT_MARK_DOWN_AFTER, 1, 100),
            file.durationAttribute(health, "recoveryInterval", ResolverHealthSettings.DEFAULT_RECOVERY_INTERVAL),
            recoveryQuery);
    }

    /** A duration where 0 is meaningful (0s: never), unlike {@link XmlConfigFile#durationAttribute}. */
    private static Duration durationOrZero(XmlConfigFile file, Element element, String name, Duration defaultValue) {
        Optional<String> raw = file.attribute(element, name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return DurationText.parse(raw.get()).orElseThrow(() -> file.error(element, name + " \"" + raw.get() + "\" is not a duration",
            "write durations like 0s, 30s, 5m or 1h"));
    }

    /** An IP literal only: resolving a resolver's name would need the very DNS it configures. */
    private static InetAddress ipAddress(XmlConfigFile file, Element element, String address) {
        if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw file.error(element, "address \"" + address + "\" is not an IP address", "write the resolver's IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw file.error(element, "address \"" + address + "\" is not an IP address", "write the resolver's IPv4 or IPv6 address");
        }
    }
}
