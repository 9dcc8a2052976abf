package org.herald.core.relay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.herald.core.breaker.BreakerSettings;
import org.herald.core.breaker.BreakerSettingsParser;
import org.herald.core.config.DurationText;
import org.herald.core.config.Secret;
import org.herald.core.config.XmlConfigFile;
import org.w3c.dom.Element;

/** Reads conf/relays.xml (documented in that file) into a {@link RelaysConfiguration}. */
public final class RelaysConfigurationParser {
    public static final String FILE_NAME = "relays.xml";
    private static final String DISPLAY_NAME = "conf/" + FILE_NAME;
    private static final List<String> RULE_CONDITIONS = List.of("authenticatedUser", "senderDomain", "fromDomain", "header", "attribute");

    private final Map<String, String> environment;

    public RelaysConfigurationParser(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public RelaysConfiguration parse(Path confDirectory) {
        return XmlConfigFile.readIfPresent(confDirectory.resolve(FILE_NAME), DISPLAY_NAME, "relays")
            .map(this::parse)
            .orElse(RelaysConfiguration.DEFAULT);
    }

    public RelaysConfiguration parse(String xml) {
        return parse(XmlConfigFile.parse(xml, DISPLAY_NAME, "relays"));
    }

    private RelaysConfiguration parse(XmlConfigFile file) {
        Element root = file.root();
        file.allowOnlyChildren(root, "smarthost", "relay", "stream", "rules", "retry", "breaker");
        RetrySchedule retry = file.optionalChild(root, "retry").map(element -> retry(file, element)).orElse(RetrySchedule.DEFAULT);
        BreakerSettings breaker = file.optionalChild(root, "breaker").map(element -> BreakerSettingsParser.parse(file, element, BreakerSettings.DEFAULT)).orElse(BreakerSettings.DEFAULT);
        Map<String, Relay> relays = relays(file);
        if (relays.isEmpty()) {
            for (String needsRelays : List.of("stream", "rules")) {
                file.children(root, needsRelays).stream().findFirst().ifPresent(element -> {
                    throw file.error(element, "needs relays, and none is declared",
                        "declare the relays with <relay name=... host=...> or remove <" + needsRelays + ">");
                });
            }
            return new RelaysConfiguration(List.of(), List.of(), List.of(), RelaysConfiguration.DEFAULT_STREAM, retry, breaker);
        }
        List<MailStream> streams = new ArrayList<>();
        String defaultStream = streams(file, relays, streams);
        List<StreamRule> rules = file.optionalChild(root, "rules")
            .map(element -> rules(file, element, streams.stream().map(MailStream::name).collect(Collectors.toSet())))
            .orElse(List.of());
        return new RelaysConfiguration(List.copyOf(relays.values()), streams, rules, defaultStream, retry, breaker);
    }

    private Map<String, Relay> relays(XmlConfigFile file) {
        Map<String, Relay> relays = new LinkedHashMap<>();
        Optional<Element> smarthost = file.optionalChild(file.root(), "smarthost");
        List<Element> named = file.children(file.root(), "relay");
        if (smarthost.isPresent() && !named.isEmpty()) {
            throw file.error(smarthost.get(), "is given together with <relay> elements",
                "declare the smarthost as one more <relay name=\"...\"> and route streams to it");
        }
        smarthost.ifPresent(element -> relays.put(Relay.SMARTHOST, relay(file, element, Relay.SMARTHOST)));
        for (Element element : named) {
            String name = file.requiredAttribute(element, "name", "give the relay a name such as personal-relay");
            if (!Relay.NAME.matcher(name).matches()) {
                throw file.error(element, "name \"" + name + "\" is not a valid relay name",
                    "use lower-case letters, digits, '-' and '_' (it appears in metric names and URLs)");
            }
            if (relays.containsKey(name)) {
                throw file.error(element, "repeats the relay name " + name, "give every relay its own name");
            }
            relays.put(name, relay(file, element, name));
        }
        return relays;
    }

    private Relay relay(XmlConfigFile file, Element element, String name) {
        Smarthost endpoint = endpoint(file, element);
        int maxConnections = file.intAttribute(element, "maxConnections", Relay.DEFAULT_MAX_CONNECTIONS, 1, 1000);
        RelayTimeouts timeouts = new RelayTimeouts(
            optionalDuration(file, element, "connectTimeout").orElse(RelayTimeouts.DEFAULT.connect()),
            optionalDuration(file, element, "commandTimeout").orElse(RelayTimeouts.DEFAULT.command()));
        Optional<TrustStore> trustStore = file.attribute(element, "trustStore").filter(value -> !value.isEmpty())
            .map(path -> trustStore(file, element, endpoint, path));
        Optional<String> sourceIdentity = file.attribute(element, "sourceIdentity").filter(value -> !value.isEmpty());
        Optional<String> localAddress = file.attribute(element, "localAddress").filter(value -> !value.isEmpty());
        return new Relay(name, endpoint, maxConnections, timeouts, trustStore, sourceIdentity, localAddress);
    }

    private TrustStore trustStore(XmlConfigFile file, Element element, Smarthost endpoint, String path) {
        if (endpoint.tls() == TlsMode.NONE) {
            throw file.error(element, "has a trustStore but tls=\"none\"", "set tls to starttls or implicit, or remove trustStore");
        }
        if (!java.nio.file.Files.isReadable(Path.of(path))) {
            throw file.error(element, "trustStore " + path + " cannot be read", "point trustStore at a readable PKCS#12 or JKS file");
        }
        return new TrustStore(Path.of(path), Secret.fromAttributes(file, element, "trustStorePassword", environment));
    }

    private Smarthost endpoint(XmlConfigFile file, Element element) {
        String host = file.requiredAttribute(element, "host", "set host to the relay's host name or IP address");
        TlsMode tls = tlsMode(file, element);
        if (tls == TlsMode.NONE && !isLoopback(host)) {
            throw file.error(element, "sends mail without TLS to " + host,
                "set tls=\"starttls\" or tls=\"implicit\"; tls=\"none\" is only allowed for a relay on loopback (127.0.0.1, ::1, localhost)");
        }
        int defaultPort = switch (tls) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case IMPLICIT -> 465;
        };
        int port = file.intAttribute(element, "port", defaultPort, 1, 65535);
        boolean verifyCertificate = file.booleanAttribute(element, "verifyCertificate", true);
        Optional<String> username = file.attribute(element, "username").filter(value -> !value.isEmpty());
        if (file.attribute(element, "password").isPresent()) {
            throw file.error(element, "has its password inline",
                "put the password in an environment variable named by passwordEnv, or in a file named by passwordFile");
        }
        Optional<Secret> password = Secret.fromAttributes(file, element, "password", environment);
        if (password.isPresent() && password.get().reveal().isEmpty()) {
            throw file.error(element, "has an empty password", "give the relay's password in passwordEnv or passwordFile");
        }
        if (username.isPresent() != password.isPresent()) {
            throw file.error(element, "has " + (username.isPresent() ? "a username but no password" : "a password but no username"),
                "set both username and passwordEnv (or passwordFile), or neither");
        }
        if (username.isPresent() && tls == TlsMode.NONE) {
            throw file.error(element, "sends AUTH credentials without TLS",
                "set tls=\"starttls\" or tls=\"implicit\"; plain-text passwords are refused");
        }
        Optional<SmtpCredentials> credentials = username.map(user -> new SmtpCredentials(user, password.get()));
        return new Smarthost(host, port, tls, verifyCertificate, credentials);
    }

    static boolean isLoopback(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals("localhost") || lower.equals("::1") || lower.equals("[::1]") || lower.matches("127(\\.\\d{1,3}){3}");
    }

    private TlsMode tlsMode(XmlConfigFile file, Element element) {
        String raw = file.attribute(element, "tls").orElse("starttls");
        try {
            return TlsMode.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw file.error(element, "tls \"" + raw + "\" is not a TLS mode", "set tls to none, starttls or implicit");
        }
    }

    /** Fills {@code streams}; returns the default stream's name. */
    private String streams(XmlConfigFile file, Map<String, Relay> relays, List<MailStream> streams) {
        List<Element> elements = file.children(file.root(), "stream");
        if (elements.isEmpty()) {
            // No streams: one default stream failing over through the relays in the order they are declared.
            streams.add(new MailStream(RelaysConfiguration.DEFAULT_STREAM, List.copyOf(relays.keySet()), Map.of()));
            return RelaysConfiguration.DEFAULT_STREAM;
        }
        Map<String, String> streamOfRelay = new LinkedHashMap<>();
        String defaultStream = null;
        for (Element element : elements) {
            file.allowOnlyChildren(element, "route");
            String name = file.requiredAttribute(element, "name", "give the stream a name such as personal or bulk");
            if (!Relay.NAME.matcher(name).matches()) {
                throw file.error(element, "name \"" + name + "\" is not a valid stream name",
                    "use lower-case letters, digits, '-' and '_' (it appears in queue and metric names)");
            }
            if (streams.stream().anyMatch(stream -> stream.name().equals(name))) {
                throw file.error(element, "repeats the stream name " + name, "give every stream its own name");
            }
            List<String> chain = chain(file, element, relays, name, streamOfRelay);
            Map<String, List<String>> domainRoutes = new LinkedHashMap<>();
            for (Element route : file.children(element, "route")) {
                String domain = file.requiredAttribute(route, "senderDomain", "set senderDomain to the sender domain this route is for")
                    .toLowerCase(Locale.ROOT);
                if (domainRoutes.put(domain, chain(file, route, relays, name, streamOfRelay)) != null) {
                    throw file.error(route, "repeats the route for " + domain, "keep one <route senderDomain=\"" + domain + "\">");
                }
            }
            if (file.booleanAttribute(element, "default", false)) {
                if (defaultStream != null) {
                    throw file.error(element, "is a second default stream", "mark only one <stream> with default=\"true\"");
                }
                defaultStream = name;
            }
            streams.add(new MailStream(name, chain, domainRoutes));
        }
        for (String relay : relays.keySet()) {
            if (!streamOfRelay.containsKey(relay)) {
                throw file.error(file.root(), "declares the relay " + relay + " but no stream uses it",
                    "name " + relay + " in a <stream relays=...> or <route relays=...>, or remove it");
            }
        }
        if (defaultStream == null) {
            if (streams.size() > 1) {
                throw file.error(elements.get(0), "is one of several streams and none is the default",
                    "mark the stream that takes unmatched mail with default=\"true\"");
            }
            defaultStream = streams.get(0).name();
        }
        return defaultStream;
    }

    private List<String> chain(XmlConfigFile file, Element element, Map<String, Relay> relays, String stream, Map<String, String> streamOfRelay) {
        String raw = file.requiredAttribute(element, "relays", "list the relay names in failover order, e.g. relays=\"primary backup\"");
        List<String> chain = new ArrayList<>();
        for (String name : raw.split("[,\\s]+")) {
            if (name.isBlank()) {
                continue;
            }
            if (!relays.containsKey(name)) {
                throw file.error(element, "names the relay " + name + ", which is not declared",
                    "declare <relay name=\"" + name + "\" ...> or use one of " + relays.keySet());
            }
            if (chain.contains(name)) {
                throw file.error(element, "lists the relay " + name + " twice", "list each relay once");
            }
            String other = streamOfRelay.putIfAbsent(name, stream);
            if (other != null && !other.equals(stream)) {
                throw file.error(element, "routes stream " + stream + " through relay " + name + ", which already serves stream " + other,
                    "give each stream relays of its own (declare a second <relay> for the same provider if need be), so streams never mix");
            }
            chain.add(name);
        }
        return chain;
    }

    private List<StreamRule> rules(XmlConfigFile file, Element element, Set<String> streams) {
        file.allowOnlyChildren(element, "rule");
        List<StreamRule> rules = new ArrayList<>();
        for (Element rule : file.children(element, "rule")) {
            List<String> conditions = RULE_CONDITIONS.stream().filter(rule::hasAttribute).toList();
            if (conditions.size() != 1) {
                throw file.error(rule, conditions.isEmpty() ? "has no condition" : "has several conditions " + conditions,
                    "give exactly one of " + RULE_CONDITIONS + " per <rule>");
            }
            String condition = conditions.get(0);
            String operand = file.requiredAttribute(rule, condition, "give " + condition + " a value");
            Optional<String> stream = file.attribute(rule, "stream").filter(value -> !value.isEmpty());
            Optional<String> value = file.attribute(rule, "value").filter(v -> !v.isEmpty());
            stream.ifPresent(name -> {
                if (!streams.contains(name)) {
                    throw file.error(rule, "picks the stream " + name + ", which is not declared", "use one of " + streams);
                }
            });
            boolean valueNamesStream = condition.equals("header") || condition.equals("attribute");
            if (stream.isEmpty() && !valueNamesStream) {
                throw file.error(rule, "does not say which stream it picks", "add stream=\"...\" (one of " + streams + ")");
            }
            if (value.isPresent() && !valueNamesStream) {
                throw file.error(rule, "has a value, which only header and attribute rules take", "remove value");
            }
            Function<String, StreamRule> build = switch (condition) {
                case "authenticatedUser" -> user -> new StreamRule.AuthenticatedUser(user, stream.get());
                case "senderDomain" -> domain -> new StreamRule.SenderDomain(domain, stream.get());
                case "fromDomain" -> domain -> new StreamRule.FromDomain(domain, stream.get());
                case "header" -> name -> new StreamRule.Header(name, value, stream);
                default -> name -> new StreamRule.Attribute(name, value, stream);
            };
            rules.add(build.apply(operand));
        }
        return rules;
    }

    private RetrySchedule retry(XmlConfigFile file, Element element) {
        List<Duration> delays = new ArrayList<>();
        String rawDelays = file.attribute(element, "delays").orElse("");
        for (String token : rawDelays.split("[,\\s]+")) {
            if (token.isBlank()) {
                continue;
            }
            delays.add(positiveDuration(file, element, "delays", token));
        }
        if (delays.isEmpty()) {
            delays.addAll(RetrySchedule.DEFAULT.delays());
        }
        Duration giveUpAfter = file.attribute(element, "giveUpAfter")
            .map(raw -> positiveDuration(file, element, "giveUpAfter", raw))
            .orElse(RetrySchedule.DEFAULT.giveUpAfter());
        return new RetrySchedule(delays, giveUpAfter);
    }

    private Optional<Duration> optionalDuration(XmlConfigFile file, Element element, String attribute) {
        return file.attribute(element, attribute).map(raw -> positiveDuration(file, element, attribute, raw));
    }

    private Duration positiveDuration(XmlConfigFile file, Element element, String attribute, String raw) {
        return DurationText.parse(raw)
            .filter(duration -> !duration.isZero())
            .orElseThrow(() -> file.error(element, attribute + " \"" + raw + "\" is not a duration",
                "write durations like 30s, 5m, 2h or 5d"));
    }
}
