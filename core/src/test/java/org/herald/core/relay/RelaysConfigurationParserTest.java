package org.herald.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.herald.core.config.InvalidConfigurationException;
import org.herald.core.config.Secret;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RelaysConfigurationParserTest {
    private static final String FILE = "conf/relays.xml";

    private final RelaysConfigurationParser parser = new RelaysConfigurationParser(Map.of("RELAY_PASSWORD", "hunter2"));

    private static String relays(String body) {
        return "<?xml version=\"1.0\"?>\n<relays>\n" + body + "\n</relays>\n";
    }

    private Smarthost smarthost(String attributes) {
        return parser.parse(relays("<smarthost " + attributes + "/>")).relay(Relay.SMARTHOST).orElseThrow().endpoint();
    }

    private InvalidConfigurationException failure(String xml) {
        return failure(parser, xml);
    }

    private static InvalidConfigurationException failure(RelaysConfigurationParser parser, String xml) {
        try {
            parser.parse(xml);
        } catch (InvalidConfigurationException e) {
            assertThat(e.file()).isEqualTo(FILE);
            assertThat(e.getMessage()).startsWith(FILE + ": ").contains(" — fix: ");
            return e;
        }
        throw new AssertionError("expected an InvalidConfigurationException for " + xml);
    }

    @Nested
    class Defaults {
        @Test
        void anEmptyRootGivesTheDefault() {
            assertThat(parser.parse("<relays/>")).isEqualTo(RelaysConfiguration.DEFAULT);
        }

        @Test
        void onlyCommentsAndWhitespaceGivesTheDefault() {
            assertThat(parser.parse(relays("  <!-- <smarthost host=\"commented.example\"/> -->  "))).isEqualTo(RelaysConfiguration.DEFAULT);
        }

        @Test
        void anAbsentFileGivesTheDefault(@TempDir Path conf) {
            assertThat(parser.parse(conf)).isEqualTo(RelaysConfiguration.DEFAULT);
        }

        @Test
        void aPresentFileIsRead(@TempDir Path conf) throws Exception {
            Files.writeString(conf.resolve("relays.xml"), relays("<smarthost host=\"relay.example\"/>"));

            assertThat(parser.parse(conf).relay(Relay.SMARTHOST)).map(relay -> relay.endpoint().host()).contains("relay.example");
        }

        @Test
        void aPresentFileIsValidatedWithItsConfName(@TempDir Path conf) throws Exception {
            Files.writeString(conf.resolve("relays.xml"), relays("<smarthost port=\"25\"/>"));

            assertThatThrownBy(() -> parser.parse(conf))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("conf/relays.xml: <smarthost>: lacks the required attribute host");
        }

        @Test
        void aSmarthostWithOnlyAHostUsesEveryDefault() {
            Smarthost smarthost = smarthost("host=\"relay.example\"");

            assertThat(smarthost).isEqualTo(new Smarthost("relay.example", 587, TlsMode.STARTTLS, true, java.util.Optional.empty()));
            assertThat(smarthost.address()).isEqualTo("relay.example:587");
        }

        @Test
        void theHostIsTrimmed() {
            assertThat(smarthost("host=\"  relay.example \"").host()).isEqualTo("relay.example");
        }

        @Test
        void aSmarthostAloneKeepsTheDefaultRetrySchedule() {
            assertThat(parser.parse(relays("<smarthost host=\"relay.example\"/>")).retry()).isEqualTo(RetrySchedule.DEFAULT);
        }

        @Test
        void anEmptyRetryKeepsTheDefaults() {
            assertThat(parser.parse(relays("<retry/>")).retry()).isEqualTo(RetrySchedule.DEFAULT);
            assertThat(parser.parse(relays("<retry delays=\"  \"/>")).retry()).isEqualTo(RetrySchedule.DEFAULT);
        }
    }

    @Nested
    class Tls {
        @ParameterizedTest
        @CsvSource({"none, NONE, 25", "starttls, STARTTLS, 587", "implicit, IMPLICIT, 465",
            "NONE, NONE, 25", "StartTLS, STARTTLS, 587", "IMPLICIT, IMPLICIT, 465"})
        void theDefaultPortFollowsTheTlsMode(String tls, TlsMode mode, int port) {
            Smarthost smarthost = smarthost("host=\"" + hostFor(tls) + "\" tls=\"" + tls + "\"");

            assertThat(smarthost.tls()).isEqualTo(mode);
            assertThat(smarthost.port()).isEqualTo(port);
        }

        @ParameterizedTest
        @ValueSource(strings = {"none", "starttls", "implicit"})
        void anExplicitPortWinsOverTheTlsDefault(String tls) {
            assertThat(smarthost("host=\"" + hostFor(tls) + "\" tls=\"" + tls + "\" port=\"2525\"").port()).isEqualTo(2525);
        }

        /** tls="none" is only allowed towards loopback. */
        private String hostFor(String tls) {
            return tls.equalsIgnoreCase("none") ? "127.0.0.1" : "relay.example";
        }

        @ParameterizedTest
        @ValueSource(strings = {"relay.example", "10.0.0.1", "192.168.1.1", "::2"})
        void noTlsIsRefusedBeyondLoopback(String host) {
            InvalidConfigurationException e = failure(relays("<smarthost host=\"" + host + "\" tls=\"none\"/>"));

            assertThat(e.problem()).isEqualTo("sends mail without TLS to " + host);
            assertThat(e.fix()).contains("tls=\"starttls\"", "loopback");
        }

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "localhost", "::1"})
        void noTlsIsAcceptedOnLoopback(String host) {
            assertThat(smarthost("host=\"" + host + "\" tls=\"none\"").tls()).isEqualTo(TlsMode.NONE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ssl", "tls", "true", "", "start-tls"})
        void anUnknownModeIsRefused(String tls) {
            InvalidConfigurationException e = failure(relays("<smarthost host=\"relay.example\" tls=\"" + tls + "\"/>"));

            assertThat(e.element()).isEqualTo("<smarthost host=\"relay.example\">");
            assertThat(e.problem()).isEqualTo("tls \"" + tls + "\" is not a TLS mode");
            assertThat(e.fix()).isEqualTo("set tls to none, starttls or implicit");
        }
    }

    @Nested
    class Port {
        @ParameterizedTest
        @ValueSource(strings = {"1", "25", "2525", "65535"})
        void acceptsValidPorts(String port) {
            assertThat(smarthost("host=\"relay.example\" port=\"" + port + "\"").port()).isEqualTo(Integer.parseInt(port));
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "0", "70000", "65536", "-1", "", "25.0", "0x19", "99999999999"})
        void refusesWhatIsNotAPort(String port) {
            InvalidConfigurationException e = failure(relays("<smarthost host=\"relay.example\" port=\"" + port + "\"/>"));

            assertThat(e.element()).isEqualTo("<smarthost host=\"relay.example\">");
            assertThat(e.problem()).isEqualTo("port \"" + port + "\" is not a number from 1 to 65535");
            assertThat(e.fix()).isEqualTo("set port to a whole number from 1 to 65535");
        }

        @Test
        void surroundingWhitespaceIsTolerated() {
            assertThat(smarthost("host=\"relay.example\" port=\" 2525 \"").port()).isEqualTo(2525);
        }

        @Test
        void theMessageIsTheOperatorFacingLine() {
            assertThat(failure(relays("<smarthost host=\"relay.example\" port=\"abc\"/>")))
                .hasMessage("conf/relays.xml: <smarthost host=\"relay.example\">: port \"abc\" is not a number from 1 to 65535"
                    + " — fix: set port to a whole number from 1 to 65535");
        }
    }

    @Nested
    class VerifyCertificate {
        @Test
        void defaultsToTrue() {
            assertThat(smarthost("host=\"relay.example\"").verifyCertificate()).isTrue();
        }

        @Test
        void canBeTurnedOff() {
            assertThat(smarthost("host=\"relay.example\" verifyCertificate=\"false\"").verifyCertificate()).isFalse();
            assertThat(smarthost("host=\"relay.example\" verifyCertificate=\"true\"").verifyCertificate()).isTrue();
        }

        @Test
        void refusesAnythingButTrueOrFalse() {
            InvalidConfigurationException e = failure(relays("<smarthost host=\"relay.example\" verifyCertificate=\"no\"/>"));

            assertThat(e.problem()).isEqualTo("verifyCertificate \"no\" is not true or false");
        }
    }

    @Nested
    class Structure {
        @Test
        void malformedXmlNamesLineAndColumn() {
            InvalidConfigurationException e = failure("<?xml version=\"1.0\"?>\n<relays>\n    <smarthost host=\"relay.example\">\n</relays>\n");

            assertThat(e.element()).matches("line 4, column \\d+");
            assertThat(e.problem()).startsWith("is not well-formed XML");
            assertThat(e.getMessage()).startsWith("conf/relays.xml: line 4, column ");
        }

        @Test
        void anUnquotedAttributeIsMalformed() {
            InvalidConfigurationException e = failure("<relays>\n<smarthost host=relay.example/>\n</relays>");

            assertThat(e.element()).startsWith("line 2, column ");
        }

        @Test
        void theWrongRootIsRefused() {
            InvalidConfigurationException e = failure("<relay><smarthost host=\"relay.example\"/></relay>");

            assertThat(e.element()).isEqualTo("<relay>");
            assertThat(e.problem()).isEqualTo("is not the expected root element");
            assertThat(e.fix()).contains("<relays>");
        }

        @ParameterizedTest
        @ValueSource(strings = {"<smarthots host=\"relay.example\"/>", "<Smarthost host=\"relay.example\"/>", "<retries/>", "<relais/>"})
        void anUnknownElementIsRefusedRatherThanIgnored(String element) {
            InvalidConfigurationException e = failure(relays(element));

            assertThat(e.problem()).isEqualTo("is not a known element here");
            assertThat(e.fix()).isEqualTo("use one of [<smarthost>, <relay>, <stream>, <rules>, <retry>, <breaker>] or remove it");
        }

        @Test
        void theTypoIsNamedAsWritten() {
            assertThat(failure(relays("<smarthots host=\"relay.example\"/>")).element()).isEqualTo("<smarthots host=\"relay.example\">");
        }

        @Test
        void aDuplicatedSmarthostIsRefusedNamingTheSecond() {
            InvalidConfigurationException e = failure(relays("<smarthost host=\"a.example\"/>\n<smarthost host=\"b.example\"/>"));

            assertThat(e.element()).isEqualTo("<smarthost host=\"b.example\">");
            assertThat(e.problem()).isEqualTo("appears more than once");
            assertThat(e.fix()).isEqualTo("keep a single <smarthost> element");
        }

        @Test
        void aDuplicatedRetryIsRefused() {
            InvalidConfigurationException e = failure(relays("<retry delays=\"1m\"/><retry delays=\"2m\"/>"));

            assertThat(e.element()).isEqualTo("<retry>");
            assertThat(e.problem()).isEqualTo("appears more than once");
        }

        @ParameterizedTest
        @ValueSource(strings = {"<smarthost/>", "<smarthost host=\"\"/>", "<smarthost host=\"   \"/>", "<smarthost port=\"25\" tls=\"none\"/>"})
        void aMissingHostIsRefused(String element) {
            InvalidConfigurationException e = failure(relays(element));

            assertThat(e.element()).startsWith("<smarthost");
            assertThat(e.problem()).isEqualTo("lacks the required attribute host");
            assertThat(e.fix()).isEqualTo("set host to the relay's host name or IP address");
        }
    }

    @Nested
    class Credentials {
        @Test
        void usernameWithPasswordEnvOverStarttls() {
            Smarthost smarthost = smarthost("host=\"relay.example\" username=\"herald@example.com\" passwordEnv=\"RELAY_PASSWORD\"");

            assertThat(smarthost.credentials()).contains(new SmtpCredentials("herald@example.com", Secret.of("hunter2")));
        }

        @Test
        void usernameWithPasswordOverImplicitTls() {
            Smarthost smarthost = smarthost("host=\"relay.example\" tls=\"implicit\" username=\"u\" passwordEnv=\"RELAY_PASSWORD\"");

            assertThat(smarthost.credentials()).hasValueSatisfying(credentials -> {
                assertThat(credentials.username()).isEqualTo("u");
                assertThat(credentials.password().reveal()).isEqualTo("hunter2");
            });
            assertThat(smarthost.port()).isEqualTo(465);
        }

        @Test
        void anInlinePasswordIsRefused() {
            InvalidConfigurationException e = failure(relays("<smarthost host=\"relay.example\" username=\"u\" password=\"inline\"/>"));

            assertThat(e.problem()).isEqualTo("has its password inline");
            assertThat(e.fix()).contains("passwordEnv", "passwordFile");
        }

        @Test
        void noCredentialsByDefault() {
            assertThat(smarthost("host=\"relay.example\"").credentials()).isEmpty();
        }

        @Test
        void anEmptyUsernameMeansNoCredentials() {
            assertThat(smarthost("host=\"relay.example\" username=\"\"").credentials()).isEmpty();
        }

        @Test
        void anEmptyPasswordIsRefused(@TempDir Path directory) throws Exception {
            Path empty = Files.writeString(directory.resolve("empty"), "\n");
            InvalidConfigurationException e = failure(relays("<smarthost host=\"relay.example\" username=\"u\" passwordFile=\"" + empty + "\"/>"));

            assertThat(e.problem()).isEqualTo("has an empty password");
        }

        @Test
        void aUsernameWithoutPasswordIsRefused() {
            InvalidConfigurationException e = failure(relays("<smarthost host=\"relay.example\" username=\"u\"/>"));

            assertThat(e.element()).isEqualTo("<smarthost host=\"relay.example\">");
            assertThat(e.problem()).isEqualTo("has a username but no password");
            assertThat(e.fix()).isEqualTo("set both username and passwordEnv (or passwordFile), or neither");
        }

        @Test
        void aPasswordWithoutUsernameIsRefused() {
            InvalidConfigurationException e = failure(relays("<smarthost host=\"relay.example\" passwordEnv=\"RELAY_PASSWORD\"/>"));

            assertThat(e.problem()).isEqualTo("has a password but no username");
        }

        @Test
        void anInlinePasswordWithoutUsernameIsRefused() {
            assertThat(failure(relays("<smarthost host=\"relay.example\" password=\"p\"/>")).problem())
                .isEqualTo("has its password inline");
        }

        @Test
        void credentialsWithoutTlsAreRefused() {
            InvalidConfigurationException e = failure(
                relays("<smarthost host=\"127.0.0.1\" tls=\"none\" username=\"u\" passwordEnv=\"RELAY_PASSWORD\"/>"));

            assertThat(e.element()).isEqualTo("<smarthost host=\"127.0.0.1\">");
            assertThat(e.problem()).isEqualTo("sends AUTH credentials without TLS");
            assertThat(e.fix()).contains("tls=\"starttls\"", "tls=\"implicit\"");
        }

        @Test
        void noTlsWithoutCredentialsIsAccepted() {
            Smarthost smarthost = smarthost("host=\"127.0.0.1\" tls=\"none\"");

            assertThat(smarthost.tls()).isEqualTo(TlsMode.NONE);
            assertThat(smarthost.credentials()).isEmpty();
        }

        @Test
        void passwordEnvNamingAnUnsetVariableIsRefused() {
            RelaysConfigurationParser withoutVariable = new RelaysConfigurationParser(Map.of("PATH", "/usr/bin"));

            InvalidConfigurationException e = failure(withoutVariable,
                relays("<smarthost host=\"relay.example\" username=\"u\" passwordEnv=\"HERALD_RELAY_PASSWORD\"/>"));

            assertThat(e.element()).isEqualTo("<smarthost host=\"relay.example\">");
            assertThat(e.problem()).isEqualTo("passwordEnv names the environment variable HERALD_RELAY_PASSWORD, which is not set");
            assertThat(e.fix()).isEqualTo("export HERALD_RELAY_PASSWORD before starting Herald, or use passwordFile");
        }

        @Test
        void passwordEnvNamingAnEmptyVariableIsRefused() {
            RelaysConfigurationParser emptyVariable = new RelaysConfigurationParser(Map.of("HERALD_RELAY_PASSWORD", ""));

            assertThat(failure(emptyVariable,
                relays("<smarthost host=\"relay.example\" username=\"u\" passwordEnv=\"HERALD_RELAY_PASSWORD\"/>")).problem())
                .contains("HERALD_RELAY_PASSWORD", "not set");
        }

        @Test
        void theEnvironmentIsCopiedWhenTheParserIsBuilt() {
            Map<String, String> environment = new HashMap<>(Map.of("PW", "before"));
            RelaysConfigurationParser copied = new RelaysConfigurationParser(environment);
            environment.put("PW", "after");

            Smarthost smarthost = copied.parse(relays("<smarthost host=\"relay.example\" username=\"u\" passwordEnv=\"PW\"/>"))
                .relay(Relay.SMARTHOST).orElseThrow().endpoint();

            assertThat(smarthost.credentials().orElseThrow().password().reveal()).isEqualTo("before");
        }

        @Test
        void passwordFileIsReadAndStripped(@TempDir Path directory) throws Exception {
            Path passwordFile = directory.resolve("relay-password");
            Files.writeString(passwordFile, "from-file\n");

            Smarthost smarthost = smarthost("host=\"relay.example\" username=\"u\" passwordFile=\"" + passwordFile + "\"");

            assertThat(smarthost.credentials().orElseThrow().password()).isEqualTo(Secret.of("from-file"));
        }

        @Test
        void anAbsentPasswordFileIsRefused(@TempDir Path directory) {
            Path passwordFile = directory.resolve("absent");

            InvalidConfigurationException e = failure(
                relays("<smarthost host=\"relay.example\" username=\"u\" passwordFile=\"" + passwordFile + "\"/>"));

            assertThat(e.element()).isEqualTo("<smarthost host=\"relay.example\">");
            assertThat(e.problem()).startsWith("passwordFile " + passwordFile + " cannot be read (");
            assertThat(e.fix()).isEqualTo("point passwordFile at a readable file holding only the secret");
        }

        @Test
        void anUnreadablePasswordFileIsRefused(@TempDir Path directory) throws Exception {
            // A directory cannot be read as a file, whoever runs the test (root ignores permission bits).
            Path passwordFile = Files.createDirectory(directory.resolve("not-a-file"));

            InvalidConfigurationException e = failure(
                relays("<smarthost host=\"relay.example\" username=\"u\" passwordFile=\"" + passwordFile + "\"/>"));

            assertThat(e.problem()).startsWith("passwordFile " + passwordFile + " cannot be read (");
        }

        @Test
        void thePasswordNeverShowsInTheParsedRecords() {
            RelaysConfiguration configuration = parser.parse(
                relays("<smarthost host=\"relay.example\" username=\"herald@example.com\" passwordEnv=\"RELAY_PASSWORD\"/>"));

            assertThat(configuration.toString()).contains("relay.example", "herald@example.com").doesNotContain("hunter2");
            assertThat(configuration.relay(Relay.SMARTHOST).orElseThrow().toString()).doesNotContain("hunter2");
            assertThat(configuration.relay(Relay.SMARTHOST).orElseThrow().endpoint().credentials().orElseThrow().toString())
                .doesNotContain("hunter2");
        }

        @Test
        void errorsNeverShowThePassword() {
            InvalidConfigurationException e = failure(relays("<smarthost host=\"relay.example\" tls=\"none\" username=\"u\" password=\"hunter2\"/>"));

            assertThat(e.getMessage()).doesNotContain("hunter2");
        }
    }

    @Nested
    class Retry {
        @Test
        void delaysAreReadInOrder() {
            RetrySchedule retry = parser.parse(relays("<retry delays=\"30s 2m 1h\" giveUpAfter=\"2d\"/>")).retry();

            assertThat(retry.delays()).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofHours(1));
            assertThat(retry.giveUpAfter()).isEqualTo(Duration.ofDays(2));
        }

        @Test
        void delaysMayBeSeparatedByCommasAndAnyWhitespace() {
            RetrySchedule retry = parser.parse(relays("<retry delays=\" 250ms,1s, 5m\n\t2h ,1d \"/>")).retry();

            assertThat(retry.delays()).containsExactly(Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofHours(2), Duration.ofDays(1));
        }

        @Test
        void delaysAloneKeepTheDefaultGiveUpAfter() {
            RetrySchedule retry = parser.parse(relays("<retry delays=\"10m\"/>")).retry();

            assertThat(retry.delays()).containsExactly(Duration.ofMinutes(10));
            assertThat(retry.giveUpAfter()).isEqualTo(Duration.ofDays(5));
        }

        @Test
        void giveUpAfterAloneKeepsTheDefaultDelays() {
            RetrySchedule retry = parser.parse(relays("<retry giveUpAfter=\"1h\"/>")).retry();

            assertThat(retry.delays()).isEqualTo(RetrySchedule.DEFAULT.delays());
            assertThat(retry.giveUpAfter()).isEqualTo(Duration.ofHours(1));
            assertThat(retry.maxRetries()).isEqualTo(4);
        }

        @Test
        void retryAndSmarthostCanBeGivenTogetherInAnyOrder() {
            RelaysConfiguration configuration = parser.parse(
                relays("<retry delays=\"1m\" giveUpAfter=\"1h\"/>\n<smarthost host=\"relay.example\" port=\"2525\"/>"));

            assertThat(configuration.relay(Relay.SMARTHOST)).map(Relay::address).contains("relay.example:2525");
            assertThat(configuration.retry()).isEqualTo(new RetrySchedule(List.of(Duration.ofMinutes(1)), Duration.ofHours(1)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "5x", "5min", "-1m", "0s", "1.5h", "abc", "99999999999999999999d"})
        void aBadDelayIsRefused(String delay) {
            InvalidConfigurationException e = failure(relays("<retry delays=\"1m " + delay + " 1h\"/>"));

            assertThat(e.element()).isEqualTo("<retry>");
            assertThat(e.problem()).isEqualTo("delays \"" + delay + "\" is not a duration");
            assertThat(e.fix()).isEqualTo("write durations like 30s, 5m, 2h or 5d");
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "five days", "0d", "", "5d 1h", "-5d", "99999999999999999999d"})
        void aBadGiveUpAfterIsRefused(String giveUpAfter) {
            InvalidConfigurationException e = failure(relays("<retry giveUpAfter=\"" + giveUpAfter + "\"/>"));

            assertThat(e.element()).isEqualTo("<retry>");
            assertThat(e.problem()).isEqualTo("giveUpAfter \"" + giveUpAfter.trim() + "\" is not a duration");
            assertThat(e.fix()).isEqualTo("write durations like 30s, 5m, 2h or 5d");
        }
    }
}
