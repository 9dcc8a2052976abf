package org.herald.core.warmup.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnhancedStatusCodeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5.1.1|5.1.1",
        "5.1.1 (bad destination mailbox address)|5.1.1",
        "550-5.1.1 The email account that you tried to reach does not exist|5.1.1",
        "550 5.1.10 RESOLVER.ADR.RecipientNotFound|5.1.10",
        "host mx.example.net[192.0.2.5] said: 550 5.7.1 rejected|5.7.1",
        "554 #5.2.2 mailbox full|5.2.2",
        "4.4.7|4.4.7",
        "2.0.0 OK|2.0.0",
    })
    void foundInText(String text, String code) {
        assertThat(EnhancedStatusCode.find(text)).map(EnhancedStatusCode::toString).contains(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "550 user unknown", "connect to 192.0.2.5: timed out", "3.1.1", "5.1", "5.1.1.1",
        "version 15.20.7362.019"})
    void notFoundInText(String text) {
        assertThat(EnhancedStatusCode.find(text)).isEmpty();
    }

    @Test
    void replyCodeGivesTheClassOnly() {
        assertThat(EnhancedStatusCode.fromReplyCode("550 no such user")).contains(new EnhancedStatusCode(5, 0, 0));
        assertThat(EnhancedStatusCode.fromReplyCode(" 421-busy")).contains(new EnhancedStatusCode(4, 0, 0));
        assertThat(EnhancedStatusCode.fromReplyCode("550")).contains(new EnhancedStatusCode(5, 0, 0));
        assertThat(EnhancedStatusCode.fromReplyCode("5500 nope")).isEmpty();
        assertThat(EnhancedStatusCode.fromReplyCode("user unknown 550")).isEmpty();
        assertThat(EnhancedStatusCode.fromReplyCode("354 go ahead")).isEmpty();
    }

    @Test
    void classes() {
        assertThat(new EnhancedStatusCode(5, 1, 1).isPermanentFailure()).isTrue();
        assertThat(new EnhancedStatusCode(5, 1, 1).isTransientFailure()).isFalse();
        assertThat(new EnhancedStatusCode(4, 4, 1).isTransientFailure()).isTrue();
        assertThat(new EnhancedStatusCode(4, 4, 1).isPermanentFailure()).isFalse();
        assertThat(new EnhancedStatusCode(2, 0, 0).isPermanentFailure()).isFalse();
        assertThatThrownBy(() -> new EnhancedStatusCode(3, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnhancedStatusCode(5, 1000, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
