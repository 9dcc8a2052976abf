package org.herald.core.dmarc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.herald.core.config.XmlConfigFile;
import org.herald.core.greylist.Cidr;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads conf/dmarc.xml (documented in that file); an absent file means the documented defaults: the root's attributes,
 * {@code <overrides>} and {@code <reports>}.
 */
public final class DmarcConfigurationParser {
    public static final String FILE_NAME = "dmarc.xml";
    private static final String DISPLAY_NAME = "conf/" + FILE_NAME;
    private static final Set<String> ROOT_ATTRIBUTES = Set.of("enabled", "rejectEnabled", "quarantineHeader",
        "quarantineProcessor");
    private static final Set<String> REPORTS_ATTRIBUTES = Set.of("enabled", "orgName", "email", "dailyBudget", "delay",
        "catchUpDays", "checkInterval", "keepEvaluations");
    private static final Pattern MAILBOX = Pattern.compile("[^@\\s<>\"]+@[A-Za-z0-9.-]+");

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
        file.allowOnlyChildren(root, "overrides", "reports");
        file.allowOnlyAttributes(root, ROOT_ATTRIBUTES);
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
        DmarcReportingConfiguration reporting = file.optionalChild(root, "reports")
            .map(element -> reporting(file, element))
            .orElse(defaults.reporting());
        return new DmarcConfiguration(enabled, rejectEnabled, header, processor, overrides, reporting);
    }

    private static DmarcReportingConfiguration reporting(XmlConfigFile file, Element element) {
        file.allowOnlyChildren(element, "exclude");
        file.allowOnlyAttributes(element, REPORTS_ATTRIBUTES);
        DmarcReportingConfiguration defaults = DmarcReportingConfiguration.DEFAULT;
        boolean enabled = file.booleanAttribute(element, "enabled", defaults.enabled());
        Optional<String> orgName = file.attribute(element, "orgName").filter(name -> !name.isEmpty());
        if (orgName.isPresent()) {
            try {
                orgName = Optional.of(OrganizationalDomains.canonical(orgName.get()));
            } catch (IllegalArgumentException e) {
                throw file.error(element, "orgName: " + e.getMessage(), "write your organisation's domain, e.g. mail.example.org, or leave it empty for the default domain");
            }
        }
        Optional<String> email = file.attribute(element, "email").filter(address -> !address.isEmpty());
        if (email.isPresent() && !MAILBOX.matcher(email.get()).matches()) {
            throw file.error(element, "email \"" + email.get() + "\" is not a mail address",
                "write an address like postmaster@example.org, or leave it empty for postmaster@ the default domain");
        }
        int budget = file.intAttribute(element, "dailyBudget", defaults.dailyBudget(), 0, 1_000_000);
        Duration delay = file.durationAttribute(element, "delay", defaults.delay());
        int catchUpDays = file.intAttribute(element, "catchUpDays", defaults.catchUpDays(), 1, 30);
        Duration checkInterval = file.durationAttribute(element, "checkInterval", defaults.checkInterval());
        if (delay.compareTo(Duration.ofHours(12)) > 0) {
            throw file.error(element, "delay " + delay + " is not between 0 and 12 hours", "write a duration like 15m");
        }
        Duration keep = file.durationAttribute(element, "keepEvaluations", defaults.keepEvaluations());
        if (keep.compareTo(Duration.ofDays(catchUpDays + 1L)) < 0) {
            throw file.error(element, "keepEvaluations " + keep + " would delete evaluations the " + catchUpDays
                + " catch-up day(s) still need", "keep them at least " + (catchUpDays + 1) + "d, or lower catchUpDays");
        }
        List<String> excluded = new ArrayList<>();
        for (Element exclude : file.children(element, "exclude")) {
            file.allowOnlyAttributes(exclude, Set.of("domain"));
            String domain = file.requiredAttribute(exclude, "domain", "write <exclude domain=\"example.org\"/>");
            try {
                excluded.add(OrganizationalDomains.canonical(domain));
            } catch (IllegalArgumentException e) {
                throw file.error(exclude, "domain: " + e.getMessage(), "write a domain name like example.org");
            }
        }
        return new DmarcReportingConfiguration(enabled, orgName, email, Set.copyOf(excluded), budget, delay, catchUpDays,
            checkInterval, keep);
    }

    private static DmarcOverrides overrides(XmlConfigFile file, Element element) {
        file.allowOnlyChildren(element, "trustedForwarder", "mailingList");
        file.allowOnlyAttributes(element, Set.of());
        List<Cidr> networks = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        List<String> lists = new ArrayList<>();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (!(nodes.item(i) instanceof Element entry)) {
                continue;
            }
            if (entry.getTagName().equals("mailingList")) {
                file.allowOnlyAttributes(entry, Set.of("listId"));
                lists.add(file.requiredAttribute(entry, "listId",
                    "write the list's List-Id, the part in angle brackets: listId=\"users.lists.example.org\""));
                continue;
            }
            file.allowOnlyAttributes(entry, Set.of("network", "domain"));
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
}
