package org.herald.core.warmup;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import org.herald.core.config.XmlConfigFile;
import org.w3c.dom.Element;

/** Reads conf/warmup.xml (documented in that file); an absent file means the defaults: nothing warms up. */
public final class WarmupConfigurationParser {
    public static final String FILE_NAME = "warmup.xml";
    private static final String DISPLAY_NAME = "conf/" + FILE_NAME;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,2}(\\.\\d{1,3})?)\\s*%");
    private static final Pattern MAILBOX = Pattern.compile("[^@\\s<>\"]+@[A-Za-z0-9.-]+");

    public WarmupConfiguration parse(Path confDirectory) {
        return XmlConfigFile.readIfPresent(confDirectory.resolve(FILE_NAME), DISPLAY_NAME, "warmup")
            .map(this::parse)
            .orElse(WarmupConfiguration.DEFAULT);
    }

    public WarmupConfiguration parse(String xml) {
        return parse(XmlConfigFile.parse(xml, DISPLAY_NAME, "warmup"));
    }

    /**
     * Refuses identities that no relay sends as: a typo would otherwise warm up nothing, silently.
     *
     * @param relayIdentities the names and sourceIdentity values of conf/relays.xml's relays
     */
    public static void requireKnownIdentities(WarmupConfiguration configuration, java.util.Collection<String> relayIdentities) {
        for (WarmupIdentityConfiguration identity : configuration.identities()) {
            if (!relayIdentities.contains(identity.identity())) {
                throw new org.herald.core.config.InvalidConfigurationException(DISPLAY_NAME, "<identity name=\"" + identity.identity() + "\">",
                    "no relay of conf/relays.xml sends as " + identity.identity(),
                    relayIdentities.isEmpty() ? "define the relay in conf/relays.xml first (warmup applies to relayed mail)"
                        : "use one of " + new java.util.TreeSet<>(relayIdentities) + " (a relay's name, or its sourceIdentity)");
            }
        }
    }

    private WarmupConfiguration parse(XmlConfigFile file) {
        Element root = file.root();
        file.allowOnlyChildren(root, "schedule", "identity", "throttle", "providers", "feedback");
        file.allowOnlyAttributes(root, "enabled", "maxWait", "warnAfter");
        WarmupConfiguration defaults = WarmupConfiguration.DEFAULT;
        boolean enabled = file.booleanAttribute(root, "enabled", defaults.enabled());
        Duration maxWait = file.durationAttribute(root, "maxWait", defaults.maxWait());
        Duration warnAfter = file.durationAttribute(root, "warnAfter", defaults.warnAfter());
        if (warnAfter.compareTo(maxWait) >= 0) {
            throw file.error(root, "warnAfter " + warnAfter + " is not shorter than maxWait " + maxWait,
                "warn before the ceiling bites, e.g. warnAfter=\"3d\" maxWait=\"7d\"");
        }

        Map<String, WarmupSchedule> schedules = new LinkedHashMap<>(defaults.schedules());
        Set<String> defined = new HashSet<>();
        for (Element element : file.children(root, "schedule")) {
            WarmupSchedule schedule = schedule(file, element);
            if (!defined.add(schedule.name())) {
                throw file.error(element, "schedule " + schedule.name() + " is defined twice", "give each schedule its own name");
            }
            schedules.put(schedule.name(), schedule);
        }
        List<WarmupIdentityConfiguration> identities = new ArrayList<>();
        for (Element element : file.children(root, "identity")) {
            WarmupIdentityConfiguration identity = identity(file, element, schedules);
            if (identities.stream().anyMatch(other -> other.identity().equals(identity.identity()))) {
                throw file.error(element, "identity " + identity.identity() + " is listed twice", "keep one <identity> per identity");
            }
            identities.add(identity);
        }
        ThrottlePolicy throttle = file.optionalChild(root, "throttle").map(element -> throttle(file, element)).orElse(defaults.throttle());

        List<ProviderGroup> groups = new ArrayList<>();
        boolean byOrganisation = defaults.groupByOrganisationalDomain();
        Optional<Element> providers = file.optionalChild(root, "providers");
        if (providers.isPresent()) {
            file.allowOnlyChildren(providers.get(), "group");
            file.allowOnlyAttributes(providers.get(), "groupByOrganisationalDomain");
            byOrganisation = file.booleanAttribute(providers.get(), "groupByOrganisationalDomain", byOrganisation);
            for (Element group : file.children(providers.get(), "group")) {
                file.allowOnlyAttributes(group, "name", "domains");
                String name = name(file, group, "give the provider a name such as corp");
                List<String> domains = Arrays.stream(file.requiredAttribute(group, "domains",
                        "list the provider's domains: domains=\"corp.example, corp.example.net\"").split("[,\\s]+"))
                    .filter(domain -> !domain.isEmpty()).toList();
                try {
                    groups.add(ProviderGroup.of(name, domains));
                    new DestinationProviders(groups, byOrganisation);
                } catch (IllegalArgumentException e) {
                    throw file.error(group, e.getMessage(), "list domains like corp.example, or brand.* for every public suffix, "
                        + "each in one group only");
                }
            }
        }
        Optional<String> bounceAddress = Optional.empty();
        Optional<String> feedbackAddress = Optional.empty();
        Optional<Element> feedback = file.optionalChild(root, "feedback");
        if (feedback.isPresent()) {
            file.allowOnlyChildren(feedback.get());
            file.allowOnlyAttributes(feedback.get(), "bounceAddress", "feedbackAddress");
            bounceAddress = address(file, feedback.get(), "bounceAddress");
            feedbackAddress = address(file, feedback.get(), "feedbackAddress");
        }
        return new WarmupConfiguration(enabled, schedules, identities, throttle, maxWait, warnAfter, groups, byOrganisation,
            bounceAddress, feedbackAddress);
    }

    private static WarmupSchedule schedule(XmlConfigFile file, Element element) {
        file.allowOnlyChildren(element, "step");
        file.allowOnlyAttributes(element, "name", "hourlyPercent");
        String name = name(file, element, "give the schedule a name such as standard or cautious");
        OptionalInt hourly = file.attribute(element, "hourlyPercent").filter(value -> !value.isEmpty())
            .map(value -> OptionalInt.of(file.intAttribute(element, "hourlyPercent", 0, 1, 100)))
            .orElse(OptionalInt.empty());
        List<WarmupStep> steps = new ArrayList<>();
        for (Element step : file.children(element, "step")) {
            file.allowOnlyAttributes(step, "duration", "dailyLimit");
            if (!step.hasAttribute("duration") || !step.hasAttribute("dailyLimit")) {
                throw file.error(step, "needs duration and dailyLimit", "write <step duration=\"7d\" dailyLimit=\"100\"/>");
            }
            Duration duration = file.durationAttribute(step, "duration", Duration.ZERO);
            long limit = file.intAttribute(step, "dailyLimit", 0, 1, Integer.MAX_VALUE);
            if (!steps.isEmpty() && limit <= steps.get(steps.size() - 1).dailyLimit()) {
                throw file.error(step, "dailyLimit " + limit + " is not above the previous step's",
                    "make each step's dailyLimit larger than the one before: a warmup only goes up");
            }
            steps.add(new WarmupStep(duration, limit));
        }
        if (steps.isEmpty()) {
            throw file.error(element, "has no <step>", "add steps such as <step duration=\"7d\" dailyLimit=\"100\"/>");
        }
        return new WarmupSchedule(name, steps, hourly);
    }

    private static WarmupIdentityConfiguration identity(XmlConfigFile file, Element element, Map<String, WarmupSchedule> schedules) {
        file.allowOnlyChildren(element);
        file.allowOnlyAttributes(element, "name", "schedule", "start", "overflow");
        String name = name(file, element, "name the relay, or its sourceIdentity, of conf/relays.xml");
        String schedule = file.attribute(element, "schedule").filter(value -> !value.isEmpty()).orElse(WarmupSchedule.STANDARD.name());
        if (!schedules.containsKey(schedule)) {
            throw file.error(element, "schedule " + schedule + " is not defined",
                "use one of " + schedules.keySet().stream().sorted().toList() + " or define it with <schedule name=\"" + schedule + "\">");
        }
        Optional<LocalDate> start = file.attribute(element, "start").filter(value -> !value.isEmpty()).map(value -> {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw file.error(element, "start \"" + value + "\" is not a date", "write the UTC day the identity began, e.g. 2026-11-24");
            }
        });
        return new WarmupIdentityConfiguration(name, schedule, start, file.booleanAttribute(element, "overflow", false));
    }

    private static ThrottlePolicy throttle(XmlConfigFile file, Element element) {
        file.allowOnlyChildren(element);
        file.allowOnlyAttributes(element, "bounceRate", "complaintRate", "minimumSample", "window", "cut", "cutPercent");
        ThrottlePolicy defaults = ThrottlePolicy.DEFAULT;
        double bounce = rate(file, element, "bounceRate", defaults.bounceRate());
        double complaint = rate(file, element, "complaintRate", defaults.complaintRate());
        long sample = file.intAttribute(element, "minimumSample", (int) defaults.minimumSample(), 1, 10_000_000);
        Duration window = file.durationAttribute(element, "window", defaults.window());
        String cut = file.attribute(element, "cut").orElse("step");
        if (!cut.equals("step") && !cut.equals("percent")) {
            throw file.error(element, "cut \"" + cut + "\" is not step or percent",
                "cut=\"step\" goes back one step; cut=\"percent\" keeps cutPercent of the current limit");
        }
        int percent = file.intAttribute(element, "cutPercent", defaults.cutPercent(), 1, 99);
        return new ThrottlePolicy(bounce, complaint, sample, window, cut.equals("step"), percent);
    }

    private static double rate(XmlConfigFile file, Element element, String attribute, double defaultValue) {
        Optional<String> raw = file.attribute(element, attribute);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        var matcher = PERCENT.matcher(raw.get());
        if (!matcher.matches() || new BigDecimal(matcher.group(1)).signum() == 0) {
            throw file.error(element, attribute + " \"" + raw.get() + "\" is not a percentage above 0",
                "write a percentage such as 1% or 0.1%");
        }
        return new BigDecimal(matcher.group(1)).movePointLeft(2).doubleValue();
    }

    private static String name(XmlConfigFile file, Element element, String fix) {
        String name = file.requiredAttribute(element, "name", fix).toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw file.error(element, "name \"" + name + "\" is not usable in metric names and URLs",
                "use lower-case letters, digits, '.', '-' and '_'");
        }
        return name;
    }

    private static Optional<String> address(XmlConfigFile file, Element element, String attribute) {
        Optional<String> address = file.attribute(element, attribute).filter(value -> !value.isEmpty());
        if (address.isPresent() && !MAILBOX.matcher(address.get()).matches()) {
            throw file.error(element, attribute + " \"" + address.get() + "\" is not a mail address",
                "write a local address such as bounces@example.org");
        }
        return address.map(value -> value.toLowerCase(Locale.ROOT));
    }
}
