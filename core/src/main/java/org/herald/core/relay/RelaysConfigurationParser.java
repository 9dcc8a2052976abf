package org.herald.core.relay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.herald.core.config.DurationText;
import org.herald.core.config.Secret;
import org.herald.core.config.XmlConfigFile;
import org.w3c.dom.Element;

/** Reads conf/relays.xml (documented in that file) into a {@link RelaysConfiguration}. */
public final class RelaysConfigurationParser {
    public static final String FILE_NAME = "relays.xml";
    private static final String DISPLAY_NAME = "conf/" + FILE_NAME;

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
        file.allowOnlyChildren(file.root(), "smarthost", "retry");
        Optional<Smarthost> smarthost = file.optionalChild(file.root(), "smarthost").map(element -> smarthost(file, element));
        RetrySchedule retry = file.optionalChild(file.root(), "retry").map(element -> retry(file, element)).orElse(RetrySchedule.DEFAULT);
        return new RelaysConfiguration(smarthost, retry);
    }

    private Smarthost smarthost(XmlConfigFile file, Element element) {
        String host = file.requiredAttribute(element, "host", "set host to the relay's host name or IP address");
        TlsMode tls = tlsMode(file, element);
        int defaultPort = switch (tls) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case IMPLICIT -> 465;
        };
        int port = file.intAttribute(element, "port", defaultPort, 1, 65535);
        boolean verifyCertificate = file.booleanAttribute(element, "verifyCertificate", true);
        Optional<String> username = file.attribute(element, "username").filter(value -> !value.isEmpty());
        Optional<Secret> password = Secret.fromAttributes(file, element, "password", environment);
        if (password.isPresent() && password.get().reveal().isEmpty()) {
            throw file.error(element, "has an empty password", "give the relay's password in passwordEnv, passwordFile or password");
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

    private TlsMode tlsMode(XmlConfigFile file, Element element) {
        String raw = file.attribute(element, "tls").orElse("starttls");
        try {
            return TlsMode.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw file.error(element, "tls \"" + raw + "\" is not a TLS mode", "set tls to none, starttls or implicit");
        }
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

    private Duration positiveDuration(XmlConfigFile file, Element element, String attribute, String raw) {
        return DurationText.parse(raw)
            .filter(duration -> !duration.isZero())
            .orElseThrow(() -> file.error(element, attribute + " \"" + raw + "\" is not a duration",
                "write durations like 30s, 5m, 2h or 5d"));
    }
}
