package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.SmtpSink;
import org.herald.it.harness.SubmissionClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Herald's own queue under load: 20 sessions submit while the relay accepts, and the process is killed with SIGKILL
 * in the middle, five times over. Every mail acknowledged with 250 must arrive; a duplicate is allowed only for a
 * mail the relay had taken whose acknowledgement Herald never recorded (SMTP's own window), so at most the mails
 * being delivered at the moment of each kill.
 */
class CrashUnderLoadIntegrationTest {
    private static final int SESSIONS = 20;
    private static final int KILLS = 5;
    private static final int DELIVERY_THREADS = 8;
    private static final String USER = "load@herald.test";
    private static final String PASSWORD = "load-secret";

    @TempDir
    Path work;

    @Test
    void everyAcknowledgedMailArrivesThroughFiveKillsUnderLoad() throws Exception {
        try (SmtpSink smarthost = SmtpSink.started();
             HeraldProcess herald = HeraldProcess.builder(work).smarthost(smarthost)
                 .editConf("queue.xml", ignored -> "<queue implementation=\"herald\"/>")
                 .start()) {
            herald.addUser(USER, PASSWORD);
            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();

            for (int round = 0; round < KILLS; round++) {
                int before = acknowledged.size();
                submitUntilKilled(herald, acknowledged, round);
                assertThat(acknowledged.size()).as("round %d acknowledged mail before the kill", round).isGreaterThan(before);
                herald.start();
            }

            Set<String> expected = new HashSet<>(acknowledged);
            Awaitility.await(expected.size() + " acknowledged mails at the relay").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> new HashSet<>(smarthost.messageIds()).containsAll(expected));

            List<String> received = smarthost.messageIds();
            int duplicates = received.size() - new HashSet<>(received).size();
            System.out.println("Crash under load: " + expected.size() + " acknowledged over " + KILLS + " kills, "
                + received.size() + " received, " + duplicates + " duplicated");
            assertThat(duplicates).isLessThanOrEqualTo(KILLS * DELIVERY_THREADS);
        }
    }

    /** Runs SESSIONS submitting clients, kills Herald once they have sent a while, and waits for the clients to fail. */
    private static void submitUntilKilled(HeraldProcess herald, ConcurrentLinkedQueue<String> acknowledged, int round) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
        for (int session = 0; session < SESSIONS; session++) {
            int sessionNumber = session;
            clients.submit(() -> submitLoop(herald.submissionPort(), acknowledged, stop, round, sessionNumber));
        }
        int target = acknowledged.size() + 150;
        Awaitility.await("mail to flow before the kill").atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= target);
        herald.kill();
        stop.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    private static void submitLoop(int port, ConcurrentLinkedQueue<String> acknowledged, AtomicBoolean stop, int round, int session) {
        try (SubmissionClient client = SubmissionClient.connect(port, USER, PASSWORD)) {
            for (int i = 0; !stop.get(); i++) {
                MimeMessage message = client.newMessage();
                message.setFrom(new InternetAddress(USER));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress("reader" + session + "@remote.example"));
                message.setSubject("round " + round + " session " + session + " mail " + i);
                message.setText("x".repeat(2000));
                acknowledged.add(client.send(message));
            }
        } catch (MessagingException killed) {
            // The server died under us: whatever was not acknowledged with 250 is the client's to retry.
        }
    }
}
