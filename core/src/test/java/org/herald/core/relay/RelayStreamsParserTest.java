package org.herald.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.herald.core.breaker.BreakerSettings;
import org.herald.core.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

/** Named relays, streams, routes, rules and breaker settings of conf/relays.xml. */
class RelayStreamsParserTest {
    private final RelaysConfigurationParser parser = new RelaysConfigurationParser(Map.of("PERSONAL_PW", "s3cret"));

    private static final String RELAYS = """
        <relay name="personal-main" host="smtp.a.example" username="me@herald.test" passwordEnv="PERSONAL_PW"/>
        <relay name="personal-backup" host="smtp.b.example" port="465" tls="implicit" maxConnections="2"
               connectTimeout="10s" commandTimeout="2m" sourceIdentity="ip-192-0-2-10"/>
        <relay name="bulk" host="127.0.0.1" port="2525" tls="none"/>
        <relay name="other" host="smtp.c.example"/>
        """;

    private RelaysConfiguration parse(String body) {
        return parser.parse("<relays>" + body + "</relays>");
    }

    private InvalidConfigurationException failure(String body) {
        try {
            parse(body);
        } catch (InvalidConfigurationException e) {
            assertThat(e.file()).isEqualTo("conf/relays.xml");
            return e;
        }
        throw new AssertionError("expected a configuration error for " + body);
    }

    @Test
    void relaysStreamsRoutesAndRulesAreRead() {
        RelaysConfiguration configuration = parse(RELAYS + """
            <stream name="personal" default="true" relays="personal-main personal-backup">
                <route senderDomain="Other.Example" relays="other"/>
            </stream>
            <stream name="bulk" relays="bulk"/>
            <rules>
                <rule authenticatedUser="newsletter@herald.test" stream="bulk"/>
                <rule header="List-Unsubscribe" stream="bulk"/>
                <rule header="Precedence" value="bulk" stream="bulk"/>
                <rule header="X-Herald-Stream"/>
            </rules>
            <breaker consecutiveFailures="3" failureRate="40%" window="10" minimumAttempts="5" coolDown="30s"/>
            """);

        assertThat(configuration.relays()).extracting(Relay::name).containsExactly("personal-main", "personal-backup", "bulk", "other");
        Relay backup = configuration.relay("personal-backup").orElseThrow();
        assertThat(backup.maxConnections()).isEqualTo(2);
        assertThat(backup.timeouts()).isEqualTo(new RelayTimeouts(Duration.ofSeconds(10), Duration.ofMinutes(2)));
        assertThat(backup.identity()).isEqualTo("ip-192-0-2-10");
        assertThat(configuration.relay("personal-main").orElseThrow().identity()).isEqualTo("personal-main");
        assertThat(configuration.relay("personal-main").orElseThrow().maxConnections()).isEqualTo(Relay.DEFAULT_MAX_CONNECTIONS);
        assertThat(configuration.defaultStream()).isEqualTo("personal");
        assertThat(configuration.chainFor("personal", "herald.test")).extracting(Relay::name).containsExactly("personal-main", "personal-backup");
        assertThat(configuration.chainFor("personal", "other.example")).extracting(Relay::name).containsExactly("other");
        assertThat(configuration.chainFor("bulk", "")).extracting(Relay::name).containsExactly("bulk");
        assertThat(configuration.rules()).containsExactly(
            new StreamRule.AuthenticatedUser("newsletter@herald.test", "bulk"),
            new StreamRule.Header("List-Unsubscribe", Optional.empty(), Optional.of("bulk")),
            new StreamRule.Header("Precedence", Optional.of("bulk"), Optional.of("bulk")),
            new StreamRule.Header("X-Herald-Stream", Optional.empty(), Optional.empty()));
        assertThat(configuration.breaker()).isEqualTo(new BreakerSettings(3, 40, 10, 5, Duration.ofSeconds(30)));
    }

    @Test
    void relaysWithoutStreamsFailOverInTheOrderDeclared() {
        RelaysConfiguration configuration = parse("""
            <relay name="first" host="smtp.a.example"/>
            <relay name="second" host="smtp.b.example"/>
            """);

        assertThat(configuration.defaultStream()).isEqualTo(RelaysConfiguration.DEFAULT_STREAM);
        assertThat(configuration.chainFor(RelaysConfiguration.DEFAULT_STREAM, "")).extracting(Relay::name).containsExactly("first", "second");
        assertThat(configuration.breaker()).isEqualTo(BreakerSettings.DEFAULT);
    }

    @Test
    void aLoneSmarthostIsTheDefaultStreamsOnlyRelay() {
        RelaysConfiguration configuration = parse("<smarthost host=\"smtp.a.example\"/>");

        assertThat(configuration.chainFor(configuration.defaultStream(), "any.example")).extracting(Relay::name).containsExactly("smarthost");
    }

    @Test
    void aLoneStreamIsTheDefault() {
        assertThat(parse("<relay name=\"a\" host=\"smtp.a.example\"/><stream name=\"all\" relays=\"a\"/>").defaultStream())
            .isEqualTo("all");
    }

    @Test
    void streamsSharingARelayAreRefused() {
        InvalidConfigurationException e = failure(RELAYS + """
            <stream name="personal" default="true" relays="personal-main bulk"/>
            <stream name="bulk" relays="bulk other personal-backup"/>
            """);

        assertThat(e.problem()).isEqualTo("routes stream bulk through relay bulk, which already serves stream personal");
        assertThat(e.fix()).contains("streams never mix");
    }

    @Test
    void aRouteToAnUndeclaredRelayIsRefused() {
        InvalidConfigurationException e = failure(RELAYS + "<stream name=\"personal\" relays=\"personal-main nope\"/>");

        assertThat(e.problem()).isEqualTo("names the relay nope, which is not declared");
    }

    @Test
    void aRelayNoStreamUsesIsRefused() {
        InvalidConfigurationException e = failure(RELAYS + "<stream name=\"personal\" relays=\"personal-main personal-backup bulk\"/>");

        assertThat(e.problem()).isEqualTo("declares the relay other but no stream uses it");
    }

    @Test
    void severalStreamsNeedADefault() {
        InvalidConfigurationException e = failure(RELAYS + """
            <stream name="personal" relays="personal-main personal-backup other"/>
            <stream name="bulk" relays="bulk"/>
            """);

        assertThat(e.problem()).isEqualTo("is one of several streams and none is the default");
        assertThat(e.fix()).contains("default=\"true\"");
    }

    @Test
    void twoDefaultsAreRefused() {
        InvalidConfigurationException e = failure(RELAYS + """
            <stream name="personal" default="true" relays="personal-main personal-backup other"/>
            <stream name="bulk" default="true" relays="bulk"/>
            """);

        assertThat(e.problem()).isEqualTo("is a second default stream");
    }

    @Test
    void aRuleMustNameADeclaredStreamAndExactlyOneCondition() {
        String streams = """
            <stream name="personal" default="true" relays="personal-main personal-backup other"/>
            <stream name="bulk" relays="bulk"/>
            """;

        assertThat(failure(RELAYS + streams + "<rules><rule header=\"Precedence\" stream=\"marketing\"/></rules>").problem())
            .isEqualTo("picks the stream marketing, which is not declared");
        assertThat(failure(RELAYS + streams + "<rules><rule stream=\"bulk\"/></rules>").problem()).isEqualTo("has no condition");
        assertThat(failure(RELAYS + streams + "<rules><rule senderDomain=\"a.example\" header=\"X\" stream=\"bulk\"/></rules>").problem())
            .isEqualTo("has several conditions [senderDomain, header]");
        assertThat(failure(RELAYS + streams + "<rules><rule senderDomain=\"a.example\"/></rules>").problem())
            .isEqualTo("does not say which stream it picks");
    }

    @Test
    void badNamesAndNumbersAreRefusedWithTheirFix() {
        assertThat(failure("<relay name=\"Personal Relay\" host=\"smtp.a.example\"/>").problem())
            .isEqualTo("name \"Personal Relay\" is not a valid relay name");
        assertThat(failure("<relay host=\"smtp.a.example\"/>").problem()).isEqualTo("lacks the required attribute name");
        assertThat(failure("<relay name=\"a\" host=\"smtp.a.example\"/><relay name=\"a\" host=\"smtp.b.example\"/>").problem())
            .isEqualTo("repeats the relay name a");
        assertThat(failure("<relay name=\"a\" host=\"smtp.a.example\" maxConnections=\"0\"/>").problem())
            .isEqualTo("maxConnections \"0\" is not a number from 1 to 1000");
        assertThat(failure("<relay name=\"a\" host=\"smtp.a.example\" connectTimeout=\"soon\"/>").problem())
            .isEqualTo("connectTimeout \"soon\" is not a duration");
        assertThat(failure("<relay name=\"a\" host=\"smtp.a.example\"/><breaker failureRate=\"150%\"/>").problem())
            .isEqualTo("failureRate \"150%\" is not a percentage from 1% to 100%");
        assertThat(failure("<smarthost host=\"smtp.a.example\"/><relay name=\"a\" host=\"smtp.b.example\"/>").problem())
            .isEqualTo("is given together with <relay> elements");
        assertThat(failure("<stream name=\"personal\" relays=\"a\"/>").problem()).isEqualTo("needs relays, and none is declared");
    }

    @Test
    void anUnreadableTrustStoreIsRefused() {
        assertThat(failure("<relay name=\"a\" host=\"smtp.a.example\" trustStore=\"/nonexistent/ca.p12\"/>").problem())
            .isEqualTo("trustStore /nonexistent/ca.p12 cannot be read");
    }

    @Test
    void theRecordsThemselvesRefuseASharedRelay() {
        Smarthost endpoint = new Smarthost("smtp.a.example", 587, TlsMode.STARTTLS, true, Optional.empty());
        assertThatThrownBy(() -> new RelaysConfiguration(List.of(Relay.of("a", endpoint)),
            List.of(new MailStream("x", List.of("a"), Map.of()), new MailStream("y", List.of("b"), Map.of())),
            List.of(), "x", RetrySchedule.DEFAULT, BreakerSettings.DEFAULT)).hasMessageContaining("unknown relay b");
    }
}
