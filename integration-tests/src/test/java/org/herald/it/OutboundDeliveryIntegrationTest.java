package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.SelectiveRelay;
import org.herald.it.harness.SmtpSource;
import org.herald.server.HeraldServerMain;
import org.herald.it.harness.Swaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Herald's own delivery to the smarthost (not James's RemoteDelivery): connections are reused across mails, a 5xx for
 * one recipient bounces a DSN naming only that recipient while the others are delivered.
 */
class OutboundDeliveryIntegrationTest {
    private static final String USER = "sender@herald.test";
    private static final String PASSWORD = "sender-secret";
    private static final Pattern TEXT_BODY = Pattern.compile("\"textBody\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path work;

    /** Herald relaying to {@code relay}, with the loopback allowed to relay through port 25 (as smtp-source sends). */
    private HeraldProcess.Builder relayingTo(SelectiveRelay relay) {
        return HeraldProcess.builder(work)
            .relaysXml("<relays><smarthost host=\"127.0.0.1\" port=\"" + relay.port() + "\" tls=\"none\"/></relays>")
            .editConf("smtpserver.xml", text -> text
                .replaceFirst("<jmxName>mx</jmxName>", "<jmxName>mx</jmxName><authorizedAddresses>127.0.0.0/8</authorizedAddresses>"));
    }

    @Test
    void manyMailsTravelOverAFewReusedConnections() throws Exception {
        int mails = 60;
        try (SelectiveRelay relay = SelectiveRelay.start(work, List.of(), List.of());
             HeraldProcess herald = relayingTo(relay)
                 .start()) {
            SmtpSource.send(work, herald.mxPort(), 4, mails, 2048, "bulk@herald.test", "reader@remote.example", Duration.ofMinutes(5));

            Awaitility.await(mails + " mails at the relay").atMost(Duration.ofMinutes(2)).until(() -> relay.accepted().size() == mails);
            // deliveryThreads (8) bounds the immediate attempts and the queue's workers, each relay's maxConnections
            // (8) the connections open at once; reuse keeps the total near that, not one per mail.
            assertThat(relay.sessions()).as("SMTP sessions opened for %d mails", mails).isBetween(1L, 16L);
            assertThat(herald.metric("herald_outbound_delivered_total")).isEqualTo(mails);
        }
    }

    @Test
    void withFirstAttemptImmediateMailIsDeliveredWithoutEnteringTheOutgoingQueue() throws Exception {
        int mails = 5;
        try (SelectiveRelay relay = SelectiveRelay.start(work, List.of(), List.of());
             HeraldProcess herald = relayingTo(relay)
                 .start()) {
            // One mail at a time, each at the relay before the next is sent: the immediate attempts never exceed
            // deliveryThreads, and none should need the queue.
            for (int sent = 1; sent <= mails; sent++) {
                SmtpSource.send(work, herald.mxPort(), 1, 1, 2048, "bulk@herald.test", "reader@remote.example", Duration.ofMinutes(1));
                int expected = sent;
                Awaitility.await("mail " + sent + " at the relay").atMost(Duration.ofMinutes(1))
                    .until(() -> relay.accepted().size() == expected);
            }

            assertThat(herald.metric("herald_outbound_delivered_total")).isEqualTo(mails);
            assertThat(herald.metric("herald_queue_enqueued_outgoing")).isZero();
        }
    }

    @Test
    void aSlowRelayHoldsAtMostDeliveryThreadsSpoolThreadsAndTheOtherMailsWaitInTheOutgoingQueue() throws Exception {
        int deliveryThreads = 2;
        int mails = 6;
        try (SelectiveRelay relay = SelectiveRelay.slow(work, Duration.ofSeconds(5));
             HeraldProcess herald = relayingTo(relay)
                 .editConf("mailetcontainer.xml", text -> text
                     .replace("<deliveryThreads>8</deliveryThreads>", "<deliveryThreads>" + deliveryThreads + "</deliveryThreads>"))
                 .start()) {
            // One session per mail: all of them reach the spool (20 threads) together, well inside the relay's 5 s
            // answer to the first DATA. deliveryThreads of them are attempted at once, the rest must be queued
            // rather than hold more spool threads on the slow relay.
            SmtpSource.send(work, herald.mxPort(), mails, mails, 2048, "bulk@herald.test", "reader@remote.example", Duration.ofMinutes(1));

            Awaitility.await(mails + " mails at the relay").atMost(Duration.ofMinutes(2)).until(() -> relay.accepted().size() == mails);
            assertThat(herald.metric("herald_queue_enqueued_outgoing")).isEqualTo(mails - deliveryThreads);
            assertThat(herald.metric("herald_outbound_delivered_total")).isEqualTo(mails);
        }
    }

    @Test
    void withFirstAttemptQueuedEveryMailGoesThroughTheOutgoingQueue() throws Exception {
        int mails = 20;
        try (SelectiveRelay relay = SelectiveRelay.start(work, List.of(), List.of());
             HeraldProcess herald = relayingTo(relay)
                 .editConf("mailetcontainer.xml", text -> text
                     .replace("<firstAttempt>immediate</firstAttempt>", "<firstAttempt>queued</firstAttempt>"))
                 .start()) {
            SmtpSource.send(work, herald.mxPort(), 4, mails, 2048, "bulk@herald.test", "reader@remote.example", Duration.ofMinutes(5));

            Awaitility.await(mails + " mails at the relay").atMost(Duration.ofMinutes(2)).until(() -> relay.accepted().size() == mails);
            assertThat(herald.metric("herald_queue_enqueued_outgoing")).isEqualTo(mails);
            assertThat(herald.metric("herald_outbound_delivered_total")).isEqualTo(mails);
        }
    }

    @Test
    void aFirstAttemptThatIsNeitherImmediateNorQueuedStopsStartUpWithTheFix() {
        HeraldProcess herald = HeraldProcess.builder(work)
            .relaysXml("<relays><smarthost host=\"127.0.0.1\" port=\"2525\" tls=\"none\"/></relays>")
            .editConf("mailetcontainer.xml", text -> text
                .replace("<firstAttempt>immediate</firstAttempt>", "<firstAttempt>soon</firstAttempt>"))
            .prepare();

        int exit = herald.startExpectingExit(Duration.ofSeconds(60));

        assertThat(exit).isEqualTo(HeraldServerMain.EXIT_FAILURE);
        assertThat(herald.log()).contains("<firstAttempt>soon</firstAttempt> is neither immediate nor queued")
            .contains("fix: immediate");
    }

    @Test
    void aPermanentRefusalBouncesThatRecipientOnlyAndTheOthersAreDelivered() throws Exception {
        try (SelectiveRelay relay = SelectiveRelay.start(work, List.of(), List.of("gone.example"));
             HeraldProcess herald = HeraldProcess.builder(work)
                 .relaysXml("<relays><smarthost host=\"127.0.0.1\" port=\"" + relay.port() + "\" tls=\"none\"/></relays>")
                 .start()) {
            herald.addUser(USER, PASSWORD);
            Swaks.Result sent = Swaks.run("--server", "127.0.0.1:" + herald.submissionPort(), "--tls", "--auth", "PLAIN",
                "--auth-user", USER, "--auth-password", PASSWORD, "--from", USER,
                "--to", "alice@remote.example,nobody@gone.example", "--h-Subject", "partly refused");
            assertThat(sent.exitCode()).as(sent.transcript()).isZero();

            Awaitility.await("the accepted recipient at the relay").atMost(Duration.ofSeconds(60))
                .until(() -> relay.accepted().size() == 1);
            assertThat(relay.accepted().get(0)).contains("X-Rcpt-Args: <alice@remote.example>")
                .doesNotContain("nobody@gone.example>\r\nX-");

            // The DSN goes to the sender, a local user: it lands in the local inbox repository. Its text names the
            // refused recipient and the relay's answer, and not the recipient that was delivered.
            String inbox = "/mailRepositories/var%2Fmail%2Finbox/mails";
            Awaitility.await("a DSN in the sender's inbox").atMost(Duration.ofSeconds(60)).until(() ->
                herald.get(inbox).statusCode() == 200 && !MailFlowIntegrationTest.mailKeys(herald.get(inbox).body()).isEmpty());
            List<String> texts = MailFlowIntegrationTest.mailKeys(herald.get(inbox).body()).stream()
                .map(key -> textBody(herald.get(inbox + "/" + key + "?additionalFields=textBody").body())).toList();
            assertThat(texts).singleElement().satisfies(text -> assertThat(text)
                .contains("nobody@gone.example").contains("550 5.1.1").doesNotContain("alice@remote.example"));
            assertThat(herald.metric("herald_outbound_bounced_total")).isEqualTo(1);
            assertThat(herald.log()).contains("bounced for nobody@gone.example");
        }
    }

    private static String textBody(String mailJson) {
        Matcher text = TEXT_BODY.matcher(mailJson);
        assertThat(text.find()).as("a text body in %s", mailJson).isTrue();
        return text.group(1).replace("\\r", "\r").replace("\\n", "\n");
    }
}
