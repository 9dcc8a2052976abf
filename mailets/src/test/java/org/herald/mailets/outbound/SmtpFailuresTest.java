package org.herald.mailets.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;

import javax.mail.Address;
import javax.mail.AuthenticationFailedException;
import javax.mail.MessagingException;
import javax.mail.SendFailedException;
import javax.mail.internet.InternetAddress;

import org.herald.core.outbound.RecipientResult;
import org.herald.core.outbound.RecipientResult.Status;
import org.junit.jupiter.api.Test;

import com.sun.mail.smtp.SMTPAddressFailedException;
import com.sun.mail.smtp.SMTPSendFailedException;

class SmtpFailuresTest {
    private static final List<String> RECIPIENTS = List.of("a@x.example", "b@x.example", "c@x.example");

    @Test
    void eachRefusedRecipientIsJudgedByItsOwnReplyAndTheAcceptedOnesAreDelivered() throws Exception {
        SMTPAddressFailedException gone = new SMTPAddressFailedException(new InternetAddress("b@x.example"), "RCPT TO:<b@x.example>",
            550, "550 5.1.1 <b@x.example>: no such user");
        SMTPAddressFailedException full = new SMTPAddressFailedException(new InternetAddress("c@x.example"), "RCPT TO:<c@x.example>",
            452, "452 4.2.2 mailbox full");
        gone.setNextException(full);
        SMTPSendFailedException partial = new SMTPSendFailedException(".", 250, "250 2.0.0 queued", gone,
            new Address[] {new InternetAddress("a@x.example")}, new Address[] {new InternetAddress("c@x.example")},
            new Address[] {new InternetAddress("b@x.example")});

        List<RecipientResult> results = SmtpFailures.classify(RECIPIENTS, partial);

        assertThat(results).extracting(RecipientResult::status)
            .containsExactly(Status.DELIVERED, Status.PERMANENT_FAILURE, Status.TEMPORARY_FAILURE);
        assertThat(results.get(1).reply()).isEqualTo("550 5.1.1 <b@x.example>: no such user");
        assertThat(results.get(2).reply()).isEqualTo("452 4.2.2 mailbox full");
    }

    @Test
    void aRefusedTransactionAppliesToEveryRecipientByItsCode() {
        SMTPSendFailedException rejectedData = new SMTPSendFailedException("DATA", 554, "554 5.7.1 message refused", null,
            null, null, null);
        SMTPSendFailedException busy = new SMTPSendFailedException("MAIL", 421, "421 4.3.2 shutting down", null,
            null, null, null);

        assertThat(SmtpFailures.classify(RECIPIENTS, rejectedData)).extracting(RecipientResult::status)
            .containsOnly(Status.PERMANENT_FAILURE);
        assertThat(SmtpFailures.classify(RECIPIENTS, busy)).extracting(RecipientResult::status)
            .containsOnly(Status.TEMPORARY_FAILURE);
    }

    @Test
    void noReplyAtAllIsATemporaryFailureWordedForTheLog() {
        MessagingException refused = new MessagingException("Could not connect to SMTP host: 127.0.0.1, port: 2525",
            new ConnectException("Connection refused"));
        AuthenticationFailedException badLogin = new AuthenticationFailedException("535 5.7.8 authentication failed");

        List<RecipientResult> down = SmtpFailures.classify(RECIPIENTS, refused);
        List<RecipientResult> wrongPassword = SmtpFailures.classify(RECIPIENTS, badLogin);

        assertThat(down).extracting(RecipientResult::status).containsOnly(Status.TEMPORARY_FAILURE);
        assertThat(down.get(0).reply()).isEqualTo("connection refused: Connection refused");
        // Wrong relay credentials are the operator's to fix: the mail waits, it does not bounce.
        assertThat(wrongPassword).extracting(RecipientResult::status).containsOnly(Status.TEMPORARY_FAILURE);
        assertThat(wrongPassword.get(0).reply()).isEqualTo("authentication failed at the relay: 535 5.7.8 authentication failed");
    }

    @Test
    void onlyAnswersRecipientByRecipientShowTheRelayWorking() throws Exception {
        SMTPAddressFailedException unreachable = new SMTPAddressFailedException(new InternetAddress("a@slow.example"),
            "RCPT TO:<a@slow.example>", 451, "451 4.4.1 slow.example is unreachable");
        SendFailedException everyRcptDeferred = new SendFailedException("Invalid Addresses", unreachable, null, null,
            new Address[] {new InternetAddress("a@slow.example")});
        SMTPSendFailedException partlySent = new SMTPSendFailedException(".", 250, "250 2.0.0 queued", unreachable,
            new Address[] {new InternetAddress("b@x.example")}, null, new Address[] {new InternetAddress("a@slow.example")});
        SMTPSendFailedException dataDeferred = new SMTPSendFailedException("DATA", 451, "451 4.3.0 try later", unreachable,
            null, null, null);

        assertThat(SmtpFailures.answeredPerRecipient(everyRcptDeferred)).isTrue();
        assertThat(SmtpFailures.answeredPerRecipient(partlySent)).isTrue();
        assertThat(SmtpFailures.answeredPerRecipient(dataDeferred)).isFalse();
        assertThat(SmtpFailures.answeredPerRecipient(new MessagingException("Could not connect", new ConnectException("refused"))))
            .isFalse();
        assertThat(SmtpFailures.answeredPerRecipient(new AuthenticationFailedException("535 5.7.8 no"))).isFalse();
    }
}
