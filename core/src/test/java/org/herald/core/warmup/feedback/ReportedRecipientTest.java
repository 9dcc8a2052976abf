package org.herald.core.warmup.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportedRecipientTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "user@example.com|user@example.com|example.com",
        "<User@Example.COM>|User@example.com|example.com",
        "\"Jane Doe\" <jane@example.com>|jane@example.com|example.com",
        "user@example.com (comment)|user@example.com|example.com",
        "redacted@example.net|-|example.net",
        "REDACTED@example.net|-|example.net",
        "\"redacted\"@example.net|-|example.net",
        "[redacted]@example.net|-|example.net",
        "xxxxxxxx@example.net|-|example.net",
        "****@example.net|-|example.net",
        "user@redacted.invalid|-|-",
        "xxxx@xxxx.xxx|-|-",
        "redacted|-|-",
        "<redacted>|-|-",
        "<Undisclosed Recipients>|-|-",
        "user@[192.0.2.1]|-|-",
        "@example.net|-|example.net",
        "<>|-|-",
    })
    void redactionIsRecognisedAndTheDomainKeptWhenReal(String asReported, String address, String domain) {
        ReportedRecipient recipient = ReportedRecipient.of(asReported, RecipientSource.ORIGINAL_RCPT_TO);

        assertThat(recipient.asReported()).isEqualTo(asReported.strip());
        assertThat(recipient.address().orElse(null)).isEqualTo(address);
        assertThat(recipient.domain().orElse(null)).isEqualTo(domain);
        assertThat(recipient.isRedacted()).isEqualTo(address == null);
    }
}
