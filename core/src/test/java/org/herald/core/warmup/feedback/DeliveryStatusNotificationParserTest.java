package org.herald.core.warmup.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herald.core.warmup.feedback.FeedbackSamples.bytes;
import static org.herald.core.warmup.feedback.FeedbackSamples.text;
import static org.herald.core.warmup.feedback.FeedbackSamples.utf8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class DeliveryStatusNotificationParserTest {
    private final DeliveryStatusNotificationParser parser = new DeliveryStatusNotificationParser();

    @Test
    void postfixBounceForAnUnknownUser() {
        DeliveryStatusNotification dsn = parser.parse(bytes("postfix-bounce-user-unknown.eml"));

        assertThat(dsn.originalMessageId()).contains("<20240304101500.7f3a9c@herald.example.org>");
        assertThat(dsn.reportingMta()).contains("relay1.example.org");
        assertThat(dsn.originalEnvelopeId()).isEmpty();
        assertThat(dsn.recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.finalRecipient()).contains("nobody@example.net");
            assertThat(recipient.originalRecipient()).contains("nobody@example.net");
            assertThat(recipient.action()).isEqualTo(DeliveryAction.FAILED);
            assertThat(recipient.status()).contains(new EnhancedStatusCode(5, 1, 1));
            assertThat(recipient.diagnosticCode()).contains("smtp; 550 5.1.1 <nobody@example.net>: Recipient address "
                + "rejected: User unknown in virtual mailbox table");
            assertThat(recipient.isHardBounce()).isTrue();
            assertThat(recipient.recipientDomain()).contains("example.net");
        });
        assertThat(dsn.hardBounces()).hasSize(1);
    }

    @Test
    void theReturnedMessagesBodyIsNeverReadAsHeader() {
        assertThat(text("postfix-bounce-user-unknown.eml")).contains("Message-ID: <decoy-in-the-body@example.org>");

        assertThat(parser.parse(bytes("postfix-bounce-user-unknown.eml")).originalMessageId())
            .contains("<20240304101500.7f3a9c@herald.example.org>");
    }

    @Test
    void postfixDelayWarningIsNotAHardBounce() {
        DeliveryStatusNotification dsn = parser.parse(bytes("postfix-delayed.eml"));

        assertThat(dsn.originalMessageId()).as("from the text/rfc822-headers part")
            .contains("<20240304101957.c0ffee@herald.example.org>");
        assertThat(dsn.recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.action()).isEqualTo(DeliveryAction.DELAYED);
            assertThat(recipient.status()).contains(new EnhancedStatusCode(4, 4, 1));
            assertThat(recipient.diagnosticCode())
                .contains("X-Postfix; connect to mx.example.com[203.0.113.7]:25: Connection timed out");
            assertThat(recipient.isHardBounce()).isFalse();
        });
        assertThat(dsn.hardBounces()).isEmpty();
    }

    @Test
    void gmailStyleBounceWithNestedHumanPartsAndAFoldedMultiLineDiagnostic() {
        DeliveryStatusNotification dsn = parser.parse(bytes("gmail-style-bounce.eml"));

        assertThat(dsn.originalMessageId()).contains("<20240305161240.91c2@herald.example.org>");
        assertThat(dsn.reportingMta()).contains("googlemail.example");
        DeliveryStatusRecipient recipient = dsn.recipients().get(0);
        assertThat(dsn.recipients()).hasSize(1);
        assertThat(recipient.finalRecipient()).contains("no-such-user@example.com");
        assertThat(recipient.originalRecipient()).isEmpty();
        assertThat(recipient.recipient()).contains("no-such-user@example.com");
        assertThat(recipient.isHardBounce()).isTrue();
        assertThat(recipient.diagnosticCode().orElseThrow())
            .startsWith("smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try "
                + "550-5.1.1 double-checking")
            .endsWith("- gsmtp")
            .doesNotContain("\n").doesNotContain("  ");
    }

    @Test
    void gmailsOriginalMessageIdFieldIsUsedWhenNoMessageWasReturned() {
        String bounce = text("gmail-style-bounce.eml");
        String withoutReturnedMessage = bounce.substring(0, bounce.indexOf("Content-Type: message/rfc822"))
            + "Content-Type: text/plain\n\n(message not returned)\n--000000000000d4b8a30612ed6c01--\n";

        DeliveryStatusNotification dsn = parser.parse(utf8(withoutReturnedMessage));

        assertThat(dsn.originalMessageId()).contains("<20240305161240.91c2@herald.example.org>");
    }

    @Test
    void exchangeStyleNdrWithCrlfBase64HtmlAndOriginalRecipientFirst() {
        assertThat(text("exchange-style-ndr.eml")).contains("\r\n");

        DeliveryStatusNotification dsn = parser.parse(bytes("exchange-style-ndr.eml"));

        assertThat(dsn.originalMessageId()).as("folded onto its own line in the header part")
            .contains("<20240306093010.5d2e@herald.example.org>");
        assertThat(dsn.reportingMta()).contains("AM0PR01MB1234.eurprd01.prod.exchangelabs.example");
        assertThat(dsn.recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.originalRecipient()).contains("Someone@fabrikam.example");
            assertThat(recipient.finalRecipient()).contains("Someone@fabrikam.example");
            assertThat(recipient.recipientDomain()).contains("fabrikam.example");
            assertThat(recipient.status()).contains(new EnhancedStatusCode(5, 1, 10));
            assertThat(recipient.diagnosticCode()).contains("smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient "
                + "not found by SMTP address lookup");
            assertThat(recipient.isHardBounce()).isTrue();
        });
    }

    @Test
    void twoRecipientsOneFailedOneDelayedInAnyCase() {
        DeliveryStatusNotification dsn = parser.parse(bytes("exim-style-two-recipients.eml"));

        assertThat(dsn.originalMessageId()).contains("<20240307110158.ab12@herald.example.org>");
        assertThat(dsn.reportingMta()).contains("mx.example.com");
        assertThat(dsn.recipients()).hasSize(2);
        DeliveryStatusRecipient gone = dsn.recipients().get(0);
        assertThat(gone.finalRecipient()).as("RFC822;<...>").contains("gone@example.com");
        assertThat(gone.action()).as("FAILED").isEqualTo(DeliveryAction.FAILED);
        assertThat(gone.status()).as("STATUS:").contains(new EnhancedStatusCode(5, 1, 1));
        assertThat(gone.isHardBounce()).isTrue();
        DeliveryStatusRecipient later = dsn.recipients().get(1);
        assertThat(later.finalRecipient()).as("rfc822 ; with a space").contains("later@example.com");
        assertThat(later.action()).isEqualTo(DeliveryAction.DELAYED);
        assertThat(later.status()).as("with a comment").contains(new EnhancedStatusCode(4, 4, 1));
        assertThat(later.isHardBounce()).isFalse();
        assertThat(dsn.hardBounces()).containsExactly(gone);
    }

    @Test
    void statusGivenOnlyInDiagnosticCodeOfBase64FieldsWithoutBlankLines() {
        DeliveryStatusNotification dsn = parser.parse(bytes("appliance-status-in-diagnostic.eml"));

        assertThat(dsn.reportingMta()).contains("gateway.example.net");
        assertThat(dsn.originalMessageId()).as("a comment after it").contains("<20240308124459.77aa@herald.example.org>");
        assertThat(dsn.recipients()).as("a repeated Final-Recipient starts the next recipient").hasSize(2);
        DeliveryStatusRecipient missing = dsn.recipients().get(0);
        assertThat(missing.finalRecipient()).contains("missing@example.net");
        assertThat(missing.status()).as("the enhanced code in the diagnostic").contains(new EnhancedStatusCode(5, 1, 1));
        assertThat(missing.isHardBounce()).isTrue();
        DeliveryStatusRecipient rejected = dsn.recipients().get(1);
        assertThat(rejected.finalRecipient()).contains("rejected@example.net");
        assertThat(rejected.status()).as("the class of a bare reply code").contains(new EnhancedStatusCode(5, 0, 0));
        assertThat(rejected.isHardBounce()).isTrue();
    }

    @Test
    void internationalisedDsnWithGlobalParts() {
        DeliveryStatusNotification dsn = parser.parse(bytes("rfc6533-global-dsn.eml"));

        assertThat(dsn.originalMessageId()).contains("<20240309115959.e1@herald.example.org>");
        assertThat(dsn.recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.finalRecipient()).contains("josé@example.net");
            assertThat(recipient.recipientDomain()).contains("example.net");
            assertThat(recipient.isHardBounce()).isTrue();
        });
    }

    @Test
    void originalEnvelopeIdIsKept() {
        DeliveryStatusNotification dsn = parser.parse(utf8(dsn("Original-Envelope-Id: herald-7f3a9c\n"
            + "Reporting-MTA: dns; mx.example.net\n\n"
            + "Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.2.2\n")));

        assertThat(dsn.originalEnvelopeId()).contains("herald-7f3a9c");
        assertThat(dsn.originalMessageId()).as("no returned message, no Gmail field").isEmpty();
    }

    @Test
    void hardBounceNeedsBothFailedAndAPermanentStatus() {
        DeliveryStatusNotification dsn = parser.parse(utf8(dsn("Reporting-MTA: dns; mx.example.net\n\n"
            + "Final-Recipient: rfc822; expired@example.net\nAction: failed\nStatus: 4.4.7\n\n"
            + "Final-Recipient: rfc822; nostatus@example.net\nAction: failed\n\n"
            + "Final-Recipient: rfc822; noaction@example.net\nStatus: 5.1.1\n\n"
            + "Final-Recipient: rfc822; fine@example.net\nAction: delivered\nStatus: 2.0.0\n\n"
            + "Final-Recipient: rfc822; list@example.net\nAction: Expanded (to 3 members)\nStatus: 2.0.0\n\n"
            + "Final-Recipient: rfc822; gateway@example.net\nAction: relayed\nStatus: 2.0.0\n")));

        assertThat(dsn.recipients()).extracting(DeliveryStatusRecipient::action).containsExactly(
            DeliveryAction.FAILED, DeliveryAction.FAILED, DeliveryAction.UNKNOWN, DeliveryAction.DELIVERED,
            DeliveryAction.EXPANDED, DeliveryAction.RELAYED);
        assertThat(dsn.recipients().get(1).status()).isEmpty();
        assertThat(dsn.hardBounces()).isEmpty();
    }

    @Test
    void statusFieldWinsOverTheDiagnosticAndABareReplyCodeInStatusIsRead() {
        DeliveryStatusNotification dsn = parser.parse(utf8(dsn("Reporting-MTA: dns; mx.example.net\n\n"
            + "Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.7.1\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 no such user\n\n"
            + "Final-Recipient: rfc822; b@example.net\nAction: failed\nStatus: 550\n")));

        assertThat(dsn.recipients()).extracting(r -> r.status().orElseThrow().toString())
            .containsExactly("5.7.1", "5.0.0");
    }

    @Test
    void recipientGroupsWithoutBlankLinesAreSplitOnRepeatedFields() {
        DeliveryStatusNotification dsn = parser.parse(utf8(dsn("Reporting-MTA: dns; mx.example.net\n"
            + "Original-Recipient: rfc822;one@example.net\nFinal-Recipient: rfc822;one@example.net\n"
            + "Action: failed\nStatus: 5.1.1\n"
            + "Original-Recipient: rfc822;two@example.net\nFinal-Recipient: rfc822;two@example.net\n"
            + "Action: delayed\nStatus: 4.2.2\n")));

        assertThat(dsn.reportingMta()).contains("mx.example.net");
        assertThat(dsn.recipients()).extracting(r -> r.originalRecipient().orElseThrow() + " "
                + r.finalRecipient().orElseThrow() + " " + r.action())
            .containsExactly("one@example.net one@example.net FAILED", "two@example.net two@example.net DELAYED");
    }

    @Test
    void foldedFieldsAndCrLfAreUnfolded() {
        DeliveryStatusNotification dsn = parser.parse(utf8(dsn("Reporting-MTA: dns;\r\n\tmx.example.net\r\n\r\n"
            + "Final-Recipient:\r\n rfc822;\r\n a@example.net\r\nAction:\r\n failed\r\nStatus: 5.1.1\r\n")
            .replace("\n", "\r\n").replace("\r\r\n", "\r\n")));

        assertThat(dsn.reportingMta()).contains("mx.example.net");
        assertThat(dsn.recipients().get(0).finalRecipient()).contains("a@example.net");
        assertThat(dsn.recipients().get(0).isHardBounce()).isTrue();
    }

    @Test
    void readsNoFurtherThanTheReturnedMessagesHeader() throws IOException {
        String bounce = text("postfix-bounce-user-unknown.eml");
        int bodyStart = bounce.indexOf("Hello,");
        AtomicLong bytesRead = new AtomicLong();
        InputStream head = new ByteArrayInputStream(bounce.substring(0, bodyStart).getBytes(StandardCharsets.UTF_8));
        InputStream endlessBody = new InputStream() {
            @Override
            public int read() {
                bytesRead.incrementAndGet();
                return 'x';
            }
        };

        DeliveryStatusNotification dsn = parser.parse(new SequenceInputStream(head, endlessBody));

        assertThat(dsn.originalMessageId()).contains("<20240304101500.7f3a9c@herald.example.org>");
        assertThat(bytesRead.get()).as("at most a buffer's worth of the body").isLessThan(64 * 1024);
    }

    @Test
    void aHugeReturnedMessageAfterTheReportCostsNothing() {
        String bounce = text("postfix-bounce-user-unknown.eml");
        int bodyStart = bounce.indexOf("Hello,");
        String huge = bounce.substring(0, bodyStart) + "x".repeat(80).concat("\n").repeat(150_000)
            + bounce.substring(bodyStart);
        assertThat(huge.length()).isGreaterThan(12_000_000);

        assertThat(parser.parse(utf8(huge)).originalMessageId())
            .contains("<20240304101500.7f3a9c@herald.example.org>");
    }

    @Test
    void aHugeMailWithoutAReportPartEarlyIsRefusedAtTheLimit() {
        String bounce = text("postfix-bounce-user-unknown.eml");
        int notificationText = bounce.indexOf("This is the mail system");
        String huge = bounce.substring(0, notificationText) + "padding ".repeat(10).concat("\n").repeat(140_000)
            + bounce.substring(notificationText);
        assertThat(huge.length()).isGreaterThan(11_000_000);

        assertThatThrownBy(() -> parser.parse(utf8(huge)))
            .isInstanceOf(InvalidFeedbackException.class)
            .hasMessage("mail is larger than 10485760 bytes before a message/delivery-status or "
                + "message/global-delivery-status part");
    }

    @Test
    void smallerLimitsApply() {
        DeliveryStatusNotificationParser strict = new DeliveryStatusNotificationParser(
            new FeedbackLimits(2_000, 100, 1_000, 100, 10));

        assertThatThrownBy(() -> strict.parse(bytes("postfix-bounce-user-unknown.eml")))
            .isInstanceOf(InvalidFeedbackException.class)
            .hasMessage("mail is larger than 2000 bytes before a message/delivery-status or "
                + "message/global-delivery-status part");
        DeliveryStatusNotificationParser smallReport = new DeliveryStatusNotificationParser(
            new FeedbackLimits(1_000_000, 100, 1_000, 100, 10));
        assertThatThrownBy(() -> smallReport.parse(bytes("postfix-bounce-user-unknown.eml")))
            .hasMessage("message/delivery-status part is larger than 100 bytes");
        DeliveryStatusNotificationParser fewParts = new DeliveryStatusNotificationParser(
            new FeedbackLimits(1_000_000, 10_000, 1_000, 2, 10));
        assertThatThrownBy(() -> fewParts.parse(bytes("gmail-style-bounce.eml")))
            .hasMessage("more than 2 MIME parts before a message/delivery-status or message/global-delivery-status "
                + "part");
        DeliveryStatusNotificationParser shallow = new DeliveryStatusNotificationParser(
            new FeedbackLimits(1_000_000, 10_000, 1_000, 100, 2));
        assertThatThrownBy(() -> shallow.parse(bytes("gmail-style-bounce.eml")))
            .hasMessage("multiparts nested more than 2 deep");
    }

    @Test
    void aReportPartLimitStillLeavesTheReportWhenOnlyTheOriginalHeaderIsCut() {
        DeliveryStatusNotificationParser shortHeaders = new DeliveryStatusNotificationParser(
            new FeedbackLimits(1_000_000, 10_000, 64, 100, 10));

        DeliveryStatusNotification dsn = shortHeaders.parse(bytes("postfix-bounce-user-unknown.eml"));

        assertThat(dsn.recipients()).hasSize(1);
        assertThat(dsn.originalMessageId()).as("Message-ID is beyond the first 64 bytes of the header").isEmpty();
    }

    @Test
    void realWorldHeaderSizesAreNoProblem() {
        String bounce = text("postfix-bounce-user-unknown.eml");
        String bloated = "X-Trace: hop\n".repeat(3_000) + "Subject: " + "long ".repeat(20_000) + "\n"
            + bounce.replace("From: Example News", "X-Long: " + "y".repeat(100_000) + "\nFrom: Example News");

        assertThat(parser.parse(utf8(bloated)).originalMessageId())
            .as("more fields and longer lines than mime4j's defaults allow")
            .contains("<20240304101500.7f3a9c@herald.example.org>");
    }

    @Test
    void notAMultipartMailIsRefused() {
        assertThatThrownBy(() -> parser.parse(bytes("malformed-not-multipart.eml")))
            .isInstanceOf(InvalidFeedbackException.class)
            .hasMessage("not a multipart mail (Content-Type text/plain): a report is multipart/report with a "
                + "message/delivery-status or message/global-delivery-status part");
    }

    @Test
    void aForwardedBounceIsNotABounce() {
        assertThatThrownBy(() -> parser.parse(bytes("malformed-no-report-part.eml")))
            .isInstanceOf(InvalidFeedbackException.class)
            .hasMessage("no message/delivery-status or message/global-delivery-status part (parts: multipart/mixed, "
                + "text/plain, message/rfc822)");
    }

    @Test
    void aFeedbackReportIsNotADsn() {
        assertThatThrownBy(() -> parser.parse(bytes("rfc5965-appendix-b2.eml")))
            .isInstanceOf(InvalidFeedbackException.class)
            .hasMessageContaining("message/feedback-report");
    }

    @Test
    void aDsnCutBeforeItsRecipientFieldsIsRefused() {
        assertThatThrownBy(() -> parser.parse(bytes("malformed-truncated.eml")))
            .isInstanceOf(InvalidFeedbackException.class)
            .hasMessage("message/delivery-status part has no per-recipient fields (Final-Recipient, Action, Status)");
    }

    @Test
    void aDsnCutAfterItsRecipientFieldsStillCounts() {
        String bounce = text("postfix-bounce-user-unknown.eml");
        String cut = bounce.substring(0, bounce.indexOf("Remote-MTA:"));

        DeliveryStatusNotification dsn = parser.parse(utf8(cut));

        assertThat(dsn.recipients()).singleElement().satisfies(r -> assertThat(r.isHardBounce()).isTrue());
        assertThat(dsn.originalMessageId()).isEmpty();
    }

    @Test
    void garbageAndEmptyInputAreRefusedWithAReason() {
        assertThatThrownBy(() -> parser.parse(new byte[0]))
            .isInstanceOf(InvalidFeedbackException.class).hasMessageStartingWith("not a multipart mail");
        byte[] noise = new byte[100_000];
        new java.util.Random(42).nextBytes(noise);
        assertThatThrownBy(() -> parser.parse(noise)).isInstanceOf(InvalidFeedbackException.class);
        assertThatThrownBy(() -> parser.parse(utf8("Content-Type: multipart/report; boundary=b\n\n--b\n--b\n--b--\n")))
            .isInstanceOf(InvalidFeedbackException.class).hasMessageStartingWith("no message/delivery-status");
    }

    @Test
    void anMdnIsNotADsn() {
        String mdn = "Content-Type: multipart/report; report-type=disposition-notification; boundary=b\n\n"
            + "--b\nContent-Type: text/plain\n\nRead.\n--b\nContent-Type: message/disposition-notification\n\n"
            + "Final-Recipient: rfc822; a@example.net\nDisposition: manual-action/MDN-sent-manually; displayed\n"
            + "--b--\n";

        assertThatThrownBy(() -> parser.parse(utf8(mdn)))
            .hasMessage("no message/delivery-status or message/global-delivery-status part (parts: multipart/report, "
                + "text/plain, message/disposition-notification)");
    }

    @Test
    void aReportWrappedByAGatewayIsStillFound() {
        String wrapped = "Content-Type: multipart/mixed; boundary=outer\n\n"
            + "--outer\nContent-Type: text/plain\n\nScanned by a gateway.\n"
            + "--outer\n" + text("postfix-delayed.eml") + "\n--outer--\n";

        DeliveryStatusNotification dsn = parser.parse(utf8(wrapped));

        assertThat(dsn.originalMessageId()).contains("<20240304101957.c0ffee@herald.example.org>");
        assertThat(dsn.recipients().get(0).action()).isEqualTo(DeliveryAction.DELAYED);
    }

    @Test
    void aReturnedMessageInAnotherMultipartIsNotTakenForTheOriginal() {
        String mail = "Content-Type: multipart/mixed; boundary=outer\n\n"
            + "--outer\nContent-Type: multipart/report; report-type=delivery-status; boundary=inner\n\n"
            + "--inner\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
            + "Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.1.1\n\n--inner--\n"
            + "--outer\nContent-Type: message/rfc822\n\nMessage-ID: <unrelated@example.net>\n\nbody\n--outer--\n";

        assertThat(parser.parse(utf8(mail)).originalMessageId()).isEqualTo(Optional.empty());
    }

    /** A minimal DSN around {@code deliveryStatus}, the message/delivery-status part's content. */
    private static String dsn(String deliveryStatus) {
        return "From: MAILER-DAEMON@mx.example.net\nTo: bounces@example.org\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
            + "--b\nContent-Type: text/plain\n\nNotification.\n\n"
            + "--b\nContent-Type: message/delivery-status\n\n" + deliveryStatus + "\n--b--\n";
    }
}
