package org.herald.core.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.herald.core.config.XmlConfigFile;
import org.w3c.dom.Element;

/** Reads conf/dns.xml (documented in that file); an absent file means the system's resolvers. */
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
        file.allowOnlyChildren(root, "resolver");
        List<InetSocketAddress> resolvers = new ArrayList<>();
        for (Element resolver : file.children(root, "resolver")) {
            String address = file.requiredAttribute(resolver, "address", "give the resolver's IP address, e.g. address=\"127.0.0.1\"");
            int port = file.intAttribute(resolver, "port", 53, 1, 65535);
            resolvers.add(new InetSocketAddress(ipAddress(file, resolver, address), port));
        }
        return new DnsConfiguration(resolvers,
            file.durationAttribute(root, "timeout", DnsConfiguration.DEFAULT_TIMEOUT),
            file.intAttribute(root, "retries", DnsConfiguration.DEFAULT_RETRIES, 0, 5));
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
