package org.herald.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.herald.core.config.Secret;
import org.junit.jupiter.api.Test;

class RelaysConfigurationTest {
    @Test
    void defaultHasNoSmarthostAndTheDefaultRetrySchedule() {
        assertThat(RelaysConfiguration.DEFAULT.smarthost()).isEmpty();
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
        RelaysConfiguration configuration = new RelaysConfiguration(Optional.of(smarthost), RetrySchedule.DEFAULT);

        assertThat(credentials.toString()).contains("user@example.com").doesNotContain("hunter2");
        assertThat(smarthost.toString()).contains("relay.example").doesNotContain("hunter2");
        assertThat(configuration.toString()).doesNotContain("hunter2");
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> new RelaysConfiguration(null, RetrySchedule.DEFAULT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RelaysConfiguration(Optional.empty(), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Smarthost(null, 25, TlsMode.NONE, true, Optional.empty())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Smarthost("h", 25, null, true, Optional.empty())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Smarthost("h", 25, TlsMode.NONE, true, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SmtpCredentials(null, Secret.of("p"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SmtpCredentials("u", null)).isInstanceOf(NullPointerException.class);
    }
}
