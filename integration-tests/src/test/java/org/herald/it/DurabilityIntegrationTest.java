package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.mail.Message;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.SmtpSink;
import org.herald.it.harness.SubmissionClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Mail acknowledged with 250 survives kill -9: nothing in the durable queue is lost while the relay is down. */
class DurabilityIntegrationTest {
    private static final int MAILS = 200;
    private static final String USER = "sender@herald.test";
    private static final String PASSWORD = "durable-secret";
    /** From conf/mailetcontainer.xml: spooler threads and SmarthostDelivery's deliveryThreads. */
    private static final int SPOOL_THREADS = 20;
    private static final int DELIVERY_THREADS = 8;

    @TempDir
    Path work;

    @ParameterizedTest(name = "queue {0}")
    @ValueSource(strings = {"activemq", "herald"})
    void everyAcknowledgedMailArrivesAfterKillMinusNineWhileTheSmarthostWasDown(String queue) throws Exception {
        try (SmtpSink smarthost = SmtpSink.prepare();
             HeraldProcess herald = HeraldProcess.builder(work).smarthost(smarthost)
                 .editConf("queue.xml", ignored -> "<queue implementation=\"" + queue + "\"/>")
                 .start()) {
            herald.addUser(USER, PASSWORD);

            List<String> acknowledged = new ArrayList<>();
            try (SubmissionClient client = SubmissionClient.connect(herald.submissionPort(), USER, PASSWORD)) {
                for (int i = 0; i < MAILS; i++) {
                    MimeMessage message = client.newMessage();
                    message.setFrom(new InternetAddress(USER));
                    message.setRecipient(Message.RecipientType.TO, new InternetAddress("reader" + (i % 7) + "@remote.example"));
                    message.setSubject("durability " + i);
                    message.setText("mail number " + i + " of " + MAILS);
                    acknowledged.add(client.send(message));
                }
            }
            assertThat(acknowledged).hasSize(MAILS).doesNotHaveDuplicates();

            herald.kill();
            herald.start();
            smarthost.start();

            Awaitility.await("all " + MAILS + " acknowledged mails at the smarthost")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> new HashSet<>(smarthost.messageIds()).containsAll(acknowledged));

            List<String> received = smarthost.messageIds();
            Set<String> unique = new HashSet<>(received);
            assertThat(unique).containsAll(acknowledged).hasSize(MAILS);
            // The relay was down when the process died, so no mail was mid-transmission: SMTP's own window cannot
            // explain a duplicate. James's ActiveMQ queue re-queues a mail for retry before acknowledging the attempt,
            // so a mail between those two steps (or between spool and outgoing) is delivered twice: bounded by the
            // mails being worked on at once. Herald's queue defers in place and makes the spool -> outgoing move
            // idempotent: none.
            int duplicates = received.size() - unique.size();
            System.out.println("Durability (" + queue + " queue): " + MAILS + " acknowledged, " + unique.size() + " delivered, " + duplicates + " duplicated");
            assertThat(duplicates).isLessThanOrEqualTo("herald".equals(queue) ? 0 : SPOOL_THREADS + DELIVERY_THREADS);

            // Every delivery after the restart is counted once as delivered, none as bounced.
            Awaitility.await("the delivered counter").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(herald.metric("herald_outbound_delivered_total")).isEqualTo(smarthost.messageIds().size());
                assertThat(herald.metric("herald_outbound_bounced_total")).isZero();
            });
        }
    }

}
