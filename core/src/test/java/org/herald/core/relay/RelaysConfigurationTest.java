package org.herald.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.herald.core.breaker.BreakerSettings;
import org.herald.core.config.Secret;
import org.junit.jupiter.api.Test;

class RelaysConfigurationTest {
    @Test
    void defaultHasNoRelayAndTheDefaultRetrySchedule() {
        assertThat(RelaysConfiguration.DEFAULT.relays()).isEmpty();
        assertThat(RelaysConfiguration.DEFAULT.relaying()).isFalse();
        assertThat(RelaysConfiguration.DEFAULT.retry()).isEqualTo(RetrySchedule.DEFAULT);
    }

    @Test
    void smarthostAddressIsHostColonPort() {
        assertThat(new Smarthost("relay.example", 587, TlsMode.STARTTLS, true, Optional.empty()).address())
            .isEqualTo("relay.example:587");
    }

    @Test
    void recordsNeverPrintThePassword() {
        SmtpCredentials credentials = new SmtpCredentials("user@example.com", Secret.of("hunter2"));
        Smarthost smarthost = new Smarthost("relay.example", 587, TlsMode.STARTTLS, true, Optional.of(credentials));
        RelaysConfiguration configuration = RelaysConfiguration.singleRelay(Relay.of("smarthost", smarthost), RetrySchedule.DEFAULT,
            BreakerSettings.DEFAULT);

        assertThat(credentials.toString()).contains("user@example.com").doesNotContain("hunter2");
        assertThat(smarthost.toString()).contains("relay.example").doesNotContain("hunter2");
        assertThat(configuration.toString()).doesNotContain("hunter2");
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> new RelaysConfiguration(null, List.of(), List.of(), "default", RetrySchedule.DEFAULT,
            BreakerSettings.DEFAULT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RelaysConfiguration(List.of(), List.of(), List.of(), "default", null, BreakerSettings.DEFAULT))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Smarthost(null, 25, TlsMode.NONE, true, Optional.empty())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Smarthost("h", 25, null, true, Optional.empty())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Smarthost("h", 25, TlsMode.NONE, true, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SmtpCredentials(null, Secret.of("p"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SmtpCredentials("u", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aRelayServesOneStreamOnly() {
        Smarthost endpoint = new Smarthost("relay.example", 587, TlsMode.STARTTLS, true, Optional.empty());
        List<Relay> relays = List.of(Relay.of("shared", endpoint));
        List<MailStream> streams = List.of(new MailStream("personal", List.of("shared"), Map.of()),
            new MailStream("bulk", List.of("shared"), Map.of()));

        assertThatThrownBy(() -> new RelaysConfiguration(relays, streams, List.of(), "personal", RetrySchedule.DEFAULT,
            BreakerSettings.DEFAULT)).hasMessageContaining("serves both personal and bulk");
    }

    @Test
    void theDefaultStreamKeepsTheOutgoingQueueAndOthersGetTheirOwn() {
        Smarthost endpoint = new Smarthost("relay.example", 587, TlsMode.STARTTLS, true, Optional.empty());
        RelaysConfiguration configuration = new RelaysConfiguration(
            List.of(Relay.of("a", endpoint), Relay.of("b", endpoint), Relay.of("c", endpoint)),
            List.of(new MailStream("personal", List.of("a"), Map.of("other.example", List.of("c"))),
                new MailStream("bulk", List.of("b"), Map.of())),
            List.of(), "personal", RetrySchedule.DEFAULT, BreakerSettings.DEFAULT);

        assertThat(configuration.queueFor("personal", "outgoing")).isEqualTo("outgoing");
        assertThat(configuration.queueFor("bulk", "outgoing")).isEqualTo("outgoing-bulk");
        assertThat(configuration.chainFor("personal", "herald.test")).extracting(Relay::name).containsExactly("a");
        assertThat(configuration.chainFor("personal", "OTHER.example")).extracting(Relay::name).containsExactly("c");
        assertThat(configuration.chainFor("bulk", "other.example")).extracting(Relay::name).containsExactly("b");
        assertThat(configuration.chainFor("nonexistent", "")).isEmpty();
        assertThat(configuration.streamOfRelays()).containsEntry("a", "personal").containsEntry("c", "personal").containsEntry("b", "bulk");
    }
}
