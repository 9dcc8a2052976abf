package org.herald.core.greylist;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.herald.core.breaker.BreakerSettings;
import org.herald.core.breaker.BreakerSettingsParser;
import org.herald.core.config.XmlConfigFile;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads conf/greylist.xml (documented in that file); an absent file means the documented defaults. A
 * {@code <whitelist>} element replaces the default whitelist as a whole, so an operator who writes one and leaves out
 * {@code postmaster@} really means it.
 */
public final class GreylistConfigurationParser {
    public static final String FILE_NAME = "greylist.xml";
    private static final String DISPLAY_NAME = "conf/" + FILE_NAME;
    private static final Set<String> ROOT_ATTRIBUTES = Set.of("enabled", "delay", "retryWindow", "recordLifetime",
        "ipv4Prefix", "ipv6Prefix", "autoWhitelistAfter", "decisionDeadline", "purgeInterval");
    private static final Set<String> BREAKER_ATTRIBUTES = Set.of("consecutiveFailures", "failureRate", "window",
        "minimumAttempts", "coolDown");
    private static final Map<String, WhitelistKind> WHITELIST_ELEMENTS = Map.of(
        "network", WhitelistKind.NETWORK,
        "rdnsDomain", WhitelistKind.RDNS_DOMAIN,
        "sender", WhitelistKind.SENDER,
        "recipient", WhitelistKind.RECIPIENT);

    public GreylistConfiguration parse(Path confDirectory) {
        return XmlConfigFile.readIfPresent(confDirectory.resolve(FILE_NAME), DISPLAY_NAME, "greylist")
            .map(this::parse)
            .orElse(GreylistConfiguration.DEFAULT);
    }

    public GreylistConfiguration parse(String xml) {
        return parse(XmlConfigFile.parse(xml, DISPLAY_NAME, "greylist"));
    }

    private GreylistConfiguration parse(XmlConfigFile file) {
        Element root = file.root();
        file.allowOnlyChildren(root, "breaker", "whitelist");
        file.allowOnlyAttributes(root, ROOT_ATTRIBUTES);
        GreylistConfiguration defaults = GreylistConfiguration.DEFAULT;

        boolean enabled = file.booleanAttribute(root, "enabled", defaults.enabled());
        Duration delay = file.durationAttribute(root, "delay", defaults.delay());
        Duration retryWindow = file.durationAttribute(root, "retryWindow", defaults.retryWindow());
        Duration recordLifetime = file.durationAttribute(root, "recordLifetime", defaults.recordLifetime());
        int ipv4Prefix = file.intAttribute(root, "ipv4Prefix", defaults.ipv4Prefix(), 8, 32);
        int ipv6Prefix = file.intAttribute(root, "ipv6Prefix", defaults.ipv6Prefix(), 16, 128);
        int autoWhitelistAfter = file.intAttribute(root, "autoWhitelistAfter", defaults.autoWhitelistAfter(), 0, 1_000_000);
        Duration decisionDeadline = file.durationAttribute(root, "decisionDeadline", defaults.decisionDeadline());
        Duration purgeInterval = file.durationAttribute(root, "purgeInterval", defaults.purgeInterval());
        if (retryWindow.compareTo(delay) <= 0) {
            throw file.error(root, "retryWindow " + attribute(file, root, "retryWindow") + " is not longer than delay "
                + attribute(file, root, "delay"), "make retryWindow longer than delay, e.g. delay=\"180s\" retryWindow=\"2d\"");
        }
        if (recordLifetime.compareTo(retryWindow) < 0) {
            throw file.error(root, "recordLifetime " + attribute(file, root, "recordLifetime") + " is shorter than retryWindow "
                + attribute(file, root, "retryWindow"), "make recordLifetime at least as long as retryWindow, e.g. 35d");
        }

        BreakerSettings breaker = file.optionalChild(root, "breaker")
            .map(element -> breaker(file, element))
            .orElse(defaults.breaker());
        List<WhitelistEntry> whitelist = file.optionalChild(root, "whitelist")
            .map(element -> whitelist(file, element))
            .orElse(defaults.whitelist());
        return new GreylistConfiguration(enabled, delay, retryWindow, recordLifetime, ipv4Prefix, ipv6Prefix,
            autoWhitelistAfter, decisionDeadline, breaker, purgeInterval, whitelist);
    }

    private static String attribute(XmlConfigFile file, Element element, String name) {
        return file.attribute(element, name).map(value -> "\"" + value + "\"").orElse("(default)");
    }

    private static BreakerSettings breaker(XmlConfigFile file, Element element) {
        file.allowOnlyAttributes(element, BREAKER_ATTRIBUTES);
        return BreakerSettingsParser.parse(file, element, GreylistConfiguration.DEFAULT_BREAKER);
    }

    private static List<WhitelistEntry> whitelist(XmlConfigFile file, Element whitelist) {
        file.allowOnlyChildren(whitelist, WHITELIST_ELEMENTS.keySet().stream().sorted().toArray(String[]::new));
        List<WhitelistEntry> entries = new ArrayList<>();
        NodeList nodes = whitelist.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element) {
                WhitelistKind kind = WHITELIST_ELEMENTS.get(element.getTagName());
                try {
                    WhitelistEntry entry = WhitelistEntry.parse(kind, element.getTextContent());
                    if (!entries.contains(entry)) {
                        entries.add(entry);
                    }
                } catch (IllegalArgumentException e) {
                    throw file.error(element, e.getMessage(), fix(kind));
                }
            }
        }
        return List.copyOf(entries);
    }

    private static String fix(WhitelistKind kind) {
        return switch (kind) {
            case NETWORK -> "write a network like 192.0.2.0/24 or 2001:db8::/32, or a single address";
            case RDNS_DOMAIN -> "write a domain like google.com: clients whose PTR name ends in it are whitelisted";
            case SENDER -> "write a full address like bounces@partner.example, or @partner.example for a whole domain";
            case RECIPIENT -> "write a full address like sales@example.com, postmaster@ for that local part at any "
                + "domain, or @example.com";
        };
    }
}
