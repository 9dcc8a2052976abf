package org.herald.core.warmup.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herald.core.warmup.feedback.FeedbackSamples.bytes;
import static org.herald.core.warmup.feedback.FeedbackSamples.text;
import static org.herald.core.warmup.feedback.FeedbackSamples.utf8;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedbackReportParserTest {
    private final FeedbackReportParser parser = new FeedbackReportParser();

    @Test
    void rfc5965AppendixB1MinimalReport() {
        FeedbackReport report = parser.parse(bytes("rfc5965-appendix-b1.eml"));

        assertThat(report.feedbackType()).isEqualTo(FeedbackType.ABUSE);
        assertThat(report.isComplaint()).isTrue();
        assertThat(report.userAgent()).contains("SomeGenerator/1.0");
        assertThat(report.version()).contains("1");
        assertThat(report.originalMailFrom()).isEmpty();
        assertThat(report.arrivalDate()).isEmpty();
        assertThat(report.originalMessageId()).as("brackets added to the RFC's bare id")
            .contains("<8787KJKJ3K4J3K4J3K4J3.mail@example.net>");
        assertThat(report.recipients()).as("To: <Undisclosed Recipients> names nobody").singleElement()
            .satisfies(recipient -> {
                assertThat(recipient.asReported()).isEqualTo("<Undisclosed Recipients>");
                assertThat(recipient.isRedacted()).isTrue();
                assertThat(recipient.domain()).isEmpty();
                assertThat(recipient.source()).isEqualTo(RecipientSource.TO_HEADER);
            });
    }

    @Test
    void rfc5965AppendixB2FullReport() {
        FeedbackReport report = parser.parse(bytes("rfc5965-appendix-b2.eml"));

        assertThat(report.feedbackType()).isEqualTo(FeedbackType.ABUSE);
        assertThat(report.feedbackTypeValue()).isEqualTo("abuse");
        assertThat(report.userAgent()).contains("SomeGenerator/1.0");
        assertThat(report.version()).contains("1");
        assertThat(report.originalMailFrom()).contains("somespammer@example.net");
        assertThat(report.arrivalDate()).as("14:00 EDT").contains(Instant.parse("2005-03-08T18:00:00Z"));
        assertThat(report.sourceIp()).contains("192.0.2.1");
        assertThat(report.reportedDomains()).containsExactly("example.net");
        assertThat(report.recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.address()).contains("user@example.com");
            assertThat(recipient.domain()).contains("example.com");
            assertThat(recipient.source()).isEqualTo(RecipientSource.ORIGINAL_RCPT_TO);
        });
    }

    @Test
    void rfc5965AppendixB2sBlankLineAfterReceivedEndsTheReturnedHeader() {
        assertThat(text("rfc5965-appendix-b2.eml")).contains("Message-ID: 8787KJKJ3K4J3K4J3K4J3.mail@example.net");

        assertThat(parser.parse(bytes("rfc5965-appendix-b2.eml")).originalMessageId())
            .as("as printed, the RFC's example puts Message-ID in the returned message's body").isEmpty();
    }

    @Test
    void yahooStyleReportWithPreRfcFields() {
        FeedbackReport report = parser.parse(bytes("yahoo-style-arf.eml"));

        assertThat(report.isComplaint()).isTrue();
        assertThat(report.userAgent()).contains("Yahoo!-Mail-Feedback/2.0");
        assertThat(report.version()).contains("0.1");
        assertThat(report.originalMailFrom()).contains("bounces@example.org");
        assertThat(report.arrivalDate()).as("from Received-Date").contains(Instant.parse("2024-03-11T08:01:13Z"));
        assertThat(report.sourceIp()).contains("192.0.2.10");
        assertThat(report.reportedDomains()).containsExactly("example.org");
        assertThat(report.originalMessageId()).contains("<20240311080112.5a1e@herald.example.org>");
        assertThat(report.recipients()).extracting(r -> r.address().orElseThrow())
            .containsExactly("reader@example.com");
    }

    @Test
    void microsoftJmrpStyleReportNamesTheRecipientOnlyInItsOwnHeader() {
        FeedbackReport report = parser.parse(bytes("microsoft-jmrp-style-arf.eml"));

        assertThat(report.isComplaint()).isTrue();
        assertThat(report.userAgent()).contains("Hotmail FBL");
        assertThat(report.arrivalDate()).contains(Instant.parse("2024-03-12T23:58:44Z"));
        assertThat(report.originalMessageId()).contains("<20240312235843.9b2c@herald.example.org>");
        assertThat(report.recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.address()).contains("complainer@example.com");
            assertThat(recipient.source()).isEqualTo(RecipientSource.ORIGINAL_RECIPIENT_HEADER);
        });
    }

    @Test
    void redactedReportKeepsTheDomain() {
        FeedbackReport report = parser.parse(bytes("redacted-arf.eml"));

        assertThat(report.isComplaint()).isTrue();
        assertThat(report.userAgent()).contains("AOL SComp");
        assertThat(report.arrivalDate()).as("EDT").contains(Instant.parse("2024-03-13T10:12:09Z"));
        assertThat(report.reportedDomains()).as("Example.ORG. canonical").containsExactly("example.org");
        assertThat(report.originalMessageId()).as("folded, with a comment")
            .contains("<20240313101208.d1g3@herald.example.org>");
        assertThat(report.recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.asReported()).isEqualTo("xxxxxxxx@example.net");
            assertThat(recipient.isRedacted()).isTrue();
            assertThat(recipient.address()).isEmpty();
            assertThat(recipient.domain()).contains("example.net");
            assertThat(recipient.source()).isEqualTo(RecipientSource.ORIGINAL_RCPT_TO);
        });
    }

    @Test
    void withoutOriginalRcptToTheReturnedToHeaderIsReadEvenWhenRedacted() {
        String report = text("redacted-arf.eml").replace("Original-Rcpt-To: xxxxxxxx@example.net\n", "");

        assertThat(parser.parse(utf8(report)).recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.asReported()).isEqualTo("redacted");
            assertThat(recipient.isRedacted()).isTrue();
            assertThat(recipient.domain()).isEmpty();
            assertThat(recipient.source()).isEqualTo(RecipientSource.TO_HEADER);
        });
    }

    @Test
    void severalRecipientsInTheToHeader() {
        FeedbackReport report = parser.parse(utf8(arf("Feedback-Type: abuse\n",
            "To: \"Doe, Jane\" <jane@example.com>, redacted@example.net, undisclosed-recipients:;\n"
                + "Message-ID: <x@example.org>\n")));

        assertThat(report.recipients()).extracting(r -> r.address().orElse("-") + " " + r.domain().orElse("-"))
            .containsExactly("jane@example.com example.com", "- example.net");
    }

    @ParameterizedTest
    @CsvSource({
        "abuse, ABUSE, true",
        "Fraud, FRAUD, true",
        "virus, VIRUS, false",
        "not-spam, NOT_SPAM, false",
        "auth-failure, AUTH_FAILURE, false",
        "other, OTHER, false",
        "opt-out, OTHER, false",
    })
    void feedbackTypes(String value, FeedbackType type, boolean complaint) {
        FeedbackReport report = parser.parse(utf8(arf("Feedback-Type: " + value + "\n", "Message-ID: <x@example.org>\n")));

        assertThat(report.feedbackType()).isEqualTo(type);
        assertThat(report.feedbackTypeValue()).isEqualTo(value.toLowerCase());
        assertThat(report.isComplaint()).isEqualTo(complaint);
    }

    @Test
    void fieldsAfterABlankLineInTheReportPartStillCount() {
        FeedbackReport report = parser.parse(utf8(arf("User-Agent: Gen/2\n\nFeedback-Type: abuse\n"
            + "Original-Rcpt-To: <a@example.com>\nOriginal-Rcpt-To: <b@example.net>\nReported-Domain: example.org\n"
            + "Reported-Domain: [192.0.2.1]\n", "")));

        assertThat(report.feedbackType()).isEqualTo(FeedbackType.ABUSE);
        assertThat(report.userAgent()).contains("Gen/2");
        assertThat(report.version()).isEmpty();
        assertThat(report.recipients()).extracting(r -> r.address().orElseThrow())
            .containsExactly("a@example.com", "b@example.net");
        assertThat(report.reportedDomains()).as("not a domain, dropped").containsExactly("example.org");
        assertThat(report.originalMessageId()).isEqualTo(Optional.empty());
    }

    @Test
    void aReportWithoutFeedbackTypeIsRefused() {
        assertThatThrownBy(() -> parser.parse(utf8(arf("User-Agent: Gen/2\nVersion: 1\n", ""))))
            .isInstanceOf(InvalidFeedbackException.class)
            .hasMessage("message/feedback-report part has no Feedback-Type field");
    }

    @Test
    void aDsnIsNotAFeedbackReport() {
        assertThatThrownBy(() -> parser.parse(bytes("postfix-bounce-user-unknown.eml")))
            .isInstanceOf(InvalidFeedbackException.class)
            .hasMessage("no message/feedback-report part (parts: multipart/report, text/plain, message/delivery-status, "
                + "message/rfc822)");
    }

    @Test
    void malformedInputsAreRefusedWithAReason() {
        assertThatThrownBy(() -> parser.parse(bytes("malformed-not-multipart.eml")))
            .isInstanceOf(InvalidFeedbackException.class)
            .hasMessage("not a multipart mail (Content-Type text/plain): a report is multipart/report with a "
                + "message/feedback-report part");
        assertThatThrownBy(() -> parser.parse(bytes("malformed-no-report-part.eml")))
            .isInstanceOf(InvalidFeedbackException.class).hasMessageStartingWith("no message/feedback-report part");
        String truncated = text("yahoo-style-arf.eml");
        String cut = truncated.substring(0, truncated.indexOf("Feedback-Type"));
        assertThatThrownBy(() -> parser.parse(utf8(cut)))
            .isInstanceOf(InvalidFeedbackException.class)
            .hasMessage("message/feedback-report part has no Feedback-Type field");
    }

    @Test
    void aHugeReportPartIsRefused() {
        String huge = arf("Feedback-Type: abuse\n" + "X-Padding: " + "p".repeat(2_000_000) + "\n", "");

        assertThatThrownBy(() -> parser.parse(utf8(huge)))
            .isInstanceOf(InvalidFeedbackException.class)
            .hasMessage("message/feedback-report part is larger than 1048576 bytes");
    }

    /** A minimal ARF around {@code reportFields}, with a text/rfc822-headers part holding {@code originalHeader}. */
    private static String arf(String reportFields, String originalHeader) {
        return "From: fbl@isp.example\nTo: fbl@example.org\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b\"\n\n"
            + "--b\nContent-Type: text/plain\n\nA complaint.\n\n"
            + "--b\nContent-Type: message/feedback-report\n\n" + reportFields + "\n"
            + "--b\nContent-Type: text/rfc822-headers\n\n" + originalHeader + "\n--b--\n";
    }
}
