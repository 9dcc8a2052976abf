package org.herald.core.dmarc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.herald.core.config.XmlConfigFile;
import org.herald.core.greylist.Cidr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * Reads conf/dmarc.xml (documented in that file); an absent file means the documented defaults. Only the evaluation
 * part exists so far: the root's attributes and {@code <overrides>}.
 */
public final class DmarcConfigurationParser {
    public static final String FILE_NAME = "dmarc.xml";
    private static final String DISPLAY_NAME = "conf/" + FILE_NAME;
    private static final Set<String> ROOT_ATTRIBUTES = Set.of("enabled", "rejectEnabled", "quarantineHeader",
        "quarantineProcessor");

    public DmarcConfiguration parse(Path confDirectory) {
        return XmlConfigFile.readIfPresent(confDirectory.resolve(FILE_NAME), DISPLAY_NAME, "dmarc")
            .map(this::parse)
            .orElse(DmarcConfiguration.DEFAULT);
    }

    public DmarcConfiguration parse(String xml) {
        return parse(XmlConfigFile.parse(xml, DISPLAY_NAME, "dmarc"));
    }

    private DmarcConfiguration parse(XmlConfigFile file) {
        Element root = file.root();
        file.allowOnlyChildren(root, "overrides");
        allowOnlyAttributes(file, root, ROOT_ATTRIBUTES);
        DmarcConfiguration defaults = DmarcConfiguration.DEFAULT;

        boolean enabled = file.booleanAttribute(root, "enabled", defaults.enabled());
        boolean rejectEnabled = file.booleanAttribute(root, "rejectEnabled", defaults.rejectEnabled());
        String header = file.attribute(root, "quarantineHeader").orElse(defaults.quarantineHeader());
        if (!DmarcConfiguration.HEADER_NAME.matcher(header).matches()) {
            throw file.error(root, "quarantineHeader \"" + header + "\" is not a header field name",
                "use printable ASCII without spaces or colons, e.g. " + DmarcConfiguration.DEFAULT_QUARANTINE_HEADER);
        }
        Optional<String> processor = file.attribute(root, "quarantineProcessor").filter(name -> !name.isEmpty());
        if (processor.isPresent() && !DmarcConfiguration.PROCESSOR_NAME.matcher(processor.get()).matches()) {
            throw file.error(root, "quarantineProcessor \"" + processor.get() + "\" is not a processor name",
                "name a processor of conf/mailetcontainer.xml (letters, digits, - _ .), or leave it empty");
        }
        DmarcOverrides overrides = file.optionalChild(root, "overrides")
            .map(element -> overrides(file, element))
            .orElse(defaults.overrides());
        return new DmarcConfiguration(enabled, rejectEnabled, header, processor, overrides);
    }

    private static DmarcOverrides overrides(XmlConfigFile file, Element element) {
        file.allowOnlyChildren(element, "trustedForwarder", "mailingList");
        allowOnlyAttributes(file, element, Set.of());
        List<Cidr> networks = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        List<String> lists = new ArrayList<>();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (!(nodes.item(i) instanceof Element entry)) {
                continue;
            }
            if (entry.getTagName().equals("mailingList")) {
                allowOnlyAttributes(file, entry, Set.of("listId"));
                lists.add(file.requiredAttribute(entry, "listId",
                    "write the list's List-Id, the part in angle brackets: listId=\"users.lists.example.org\""));
                continue;
            }
            allowOnlyAttributes(file, entry, Set.of("network", "domain"));
            Optional<String> network = file.attribute(entry, "network");
            Optional<String> domain = file.attribute(entry, "domain");
            if (network.isPresent() == domain.isPresent()) {
                throw file.error(entry, "needs exactly one of network and domain",
                    "write <trustedForwarder network=\"192.0.2.0/24\"/> or <trustedForwarder domain=\"forwarder.example\"/>");
            }
            if (network.isPresent()) {
                try {
                    networks.add(Cidr.parse(network.get()));
                } catch (IllegalArgumentException e) {
                    throw file.error(entry, e.getMessage(), "write a network like 192.0.2.0/24 or 2001:db8::/32, or one address");
                }
            } else {
                try {
                    domains.add(OrganizationalDomains.canonical(domain.get()));
                } catch (IllegalArgumentException e) {
                    throw file.error(entry, "domain: " + e.getMessage(), "write a domain name like forwarder.example");
                }
            }
        }
        return new DmarcOverrides(networks, domains, lists);
    }

    /** Rejects attributes this element does not define, so a misspelt one never silently falls back to a default. */
    private static void allowOnlyAttributes(XmlConfigFile file, Element element, Set<String> allowed) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String name = attributes.item(i).getNodeName();
            if (!allowed.contains(name)) {
                throw file.error(element, "has no attribute " + name,
                    allowed.isEmpty() ? "remove it" : "use " + allowed.stream().sorted().toList() + " or remove it");
            }
        }
    }
}
