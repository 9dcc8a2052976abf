package org.herald.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.herald.core.breaker.BreakerSettings;
import org.herald.core.config.DurationText;
import org.herald.core.config.Secret;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The conf/relays.xml Herald ships must parse, and give exactly what its own comment documents. */
class ShippedRelaysXmlTest {
    private static final Path CONF = Path.of("..", "conf");
    private static String text;

    @BeforeAll
    static void readShippedFile() throws Exception {
        Path file = CONF.resolve(RelaysConfigurationParser.FILE_NAME);
        assertThat(file).as("the shipped relays.xml, relative to the core module").isRegularFile();
        text = Files.readString(file);
    }

    @Test
    void theShippedFileGivesTheDefaultConfiguration() {
        RelaysConfiguration configuration = new RelaysConfigurationParser(Map.of()).parse(CONF);

        assertThat(configuration).isEqualTo(RelaysConfiguration.DEFAULT);
        assertThat(configuration.relays()).isEmpty();
        assertThat(configuration.relaying()).isFalse();
        assertThat(configuration.retry()).isEqualTo(RetrySchedule.DEFAULT);
    }

    @Test
    void theDocumentedDelaysAreTheDefaultDelays() {
        assertThat(durations(documentedDefault("delays"))).isEqualTo(RetrySchedule.DEFAULT.delays().toArray(Duration[]::new));
    }

    @Test
    void theDocumentedGiveUpAfterIsTheDefault() {
        assertThat(DurationText.parse(documentedDefault("giveUpAfter"))).contains(RetrySchedule.DEFAULT.giveUpAfter());
    }

    @Test
    void theDocumentedTlsModeIsTheDefault() {
        String documented = documentedDefault("tls");
        Smarthost smarthost = parseSmarthost("host=\"relay.example\"");

        assertThat(smarthost.tls().name().toLowerCase()).isEqualTo(documented);
    }

    @Test
    void theDocumentedPortsPerTlsModeAreTheDefaults() {
        Matcher ports = Pattern.compile("by tls: none (\\d+), starttls (\\d+), implicit (\\d+)").matcher(documentedDefault("port"));
        assertThat(ports.matches()).as("port documentation: " + documentedDefault("port")).isTrue();

        assertThat(parseSmarthost("host=\"127.0.0.1\" tls=\"none\"").port()).isEqualTo(Integer.parseInt(ports.group(1)));
        assertThat(parseSmarthost("host=\"r\" tls=\"starttls\"").port()).isEqualTo(Integer.parseInt(ports.group(2)));
        assertThat(parseSmarthost("host=\"r\" tls=\"implicit\"").port()).isEqualTo(Integer.parseInt(ports.group(3)));
    }

    @Test
    void theDocumentedCertificateCheckIsTheDefault() {
        assertThat(parseSmarthost("host=\"relay.example\"").verifyCertificate())
            .isEqualTo(Boolean.parseBoolean(documentedDefault("verifyCertificate")));
    }

    @Test
    void theDocumentedUsernameDefaultMeansNoCredentials() {
        assertThat(documentedDefault("username")).isEqualTo("none");
        assertThat(parseSmarthost("host=\"relay.example\"").credentials()).isEmpty();
    }

    @Test
    void theDocumentedHostIsRequired() {
        assertThat(documentedDefault("host")).isEqualTo("required");
    }

    @Test
    void everyDocumentedDurationExampleParses() {
        Matcher examples = Pattern.compile("Durations: ([^.\\n]+)\\.").matcher(text);
        assertThat(examples.find()).as("the Durations: line of relays.xml").isTrue();

        assertThat(examples.group(1).split(",\\s*")).allSatisfy(example -> assertThat(DurationText.parse(example)).isPresent());
    }

    @Test
    void theDocumentedExampleParses() {
        Matcher example = Pattern.compile("Example:\\s*(<smarthost[^>]*/>)").matcher(text);
        assertThat(example.find()).as("the Example: of relays.xml").isTrue();

        RelaysConfiguration configuration = new RelaysConfigurationParser(Map.of("HERALD_RELAY_PASSWORD", "hunter2"))
            .parse("<relays>" + example.group(1) + "</relays>");

        Smarthost smarthost = configuration.relay(Relay.SMARTHOST).orElseThrow().endpoint();
        assertThat(smarthost.host()).isEqualTo("smtp.relay.example");
        assertThat(smarthost.port()).isEqualTo(587);
        assertThat(smarthost.tls()).isEqualTo(TlsMode.STARTTLS);
        assertThat(smarthost.verifyCertificate()).isTrue();
        assertThat(smarthost.credentials().orElseThrow().username()).isEqualTo("herald@example.com");
        assertThat(smarthost.credentials().orElseThrow().password()).isEqualTo(Secret.of("hunter2"));
    }

    @Test
    void theDocumentedRelayDefaultsAreTheDefaults() {
        Relay relay = new RelaysConfigurationParser(Map.of()).parse("<relays><relay name=\"r\" host=\"relay.example\"/></relays>")
            .relay("r").orElseThrow();

        assertThat(Integer.parseInt(documentedDefault("maxConnections"))).isEqualTo(relay.maxConnections());
        assertThat(DurationText.parse(documentedDefault("connectTimeout"))).contains(relay.timeouts().connect());
        assertThat(DurationText.parse(documentedDefault("commandTimeout"))).contains(relay.timeouts().command());
    }

    @Test
    void theDocumentedBreakerDefaultsAreTheDefaults() {
        BreakerSettings defaults = BreakerSettings.DEFAULT;

        assertThat(Integer.parseInt(documentedDefault("consecutiveFailures"))).isEqualTo(defaults.consecutiveFailures());
        assertThat(documentedDefault("failureRate")).isEqualTo(defaults.failureRatePercent() + "%");
        assertThat(Integer.parseInt(documentedDefault("window"))).isEqualTo(defaults.window());
        assertThat(Integer.parseInt(documentedDefault("minimumAttempts"))).isEqualTo(defaults.minimumAttempts());
        assertThat(DurationText.parse(documentedDefault("coolDown"))).contains(defaults.coolDown());
    }

    @Test
    void theDocumentedTwoStreamExampleParses() throws Exception {
        Matcher example = Pattern.compile("Example with two streams:\\s*\\n(.*?)-->", Pattern.DOTALL).matcher(text);
        assertThat(example.find()).as("the two-stream Example: of relays.xml").isTrue();
        Path passwordFile = Files.createTempFile("relay-b", ".txt");
        Files.writeString(passwordFile, "secret-b");
        try {
            RelaysConfiguration configuration = new RelaysConfigurationParser(
                Map.of("RELAY_A_PASSWORD", "a", "RELAY_BULK_PASSWORD", "bulk"))
                .parse("<relays>" + example.group(1).replace("/etc/herald/relay-b", passwordFile.toString()) + "</relays>");

            assertThat(configuration.defaultStream()).isEqualTo("personal");
            assertThat(configuration.chainFor("personal", "example.com")).extracting(Relay::name).containsExactly("personal", "personal-backup");
            assertThat(configuration.rules()).hasSize(3);
        } finally {
            Files.delete(passwordFile);
        }
    }

    private static Smarthost parseSmarthost(String attributes) {
        return new RelaysConfigurationParser(Map.of()).parse("<relays><smarthost " + attributes + "/></relays>")
            .relay(Relay.SMARTHOST).orElseThrow().endpoint();
    }

    /** The first parenthesised text on the comment line documenting {@code attribute}. */
    private static String documentedDefault(String attribute) {
        Matcher matcher = Pattern.compile("(?m)^\\s+" + Pattern.quote(attribute) + "\\s{2,}[^(\\n]*\\(([^)]*)\\)").matcher(text);
        assertThat(matcher.find()).as("relays.xml documents " + attribute + " with its default in parentheses").isTrue();
        return matcher.group(1).trim();
    }

    private static Duration[] durations(String list) {
        return Arrays.stream(list.split("\\s+")).map(token -> DurationText.parse(token).orElseThrow()).toArray(Duration[]::new);
    }
}
