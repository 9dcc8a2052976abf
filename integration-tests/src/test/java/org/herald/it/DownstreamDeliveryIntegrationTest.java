package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.SmtpSink;
import org.herald.it.harness.Swaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a downstream mailbox server in conf/local-delivery.xml, mail for local domains is relayed there: at once when
 * it answers, through a durable queue of its own while it is down.
 */
class DownstreamDeliveryIntegrationTest {
    private static final String DOWNSTREAM_QUEUE_ENQUEUED = "herald_queue_enqueued_local_downstream";

    @TempDir
    Path work;

    @Test
    void mailForALocalDomainWaitsForTheDownstreamAndThenReachesIt() {
        try (SmtpSink downstream = SmtpSink.prepare();
             HeraldProcess herald = HeraldProcess.builder(work)
                 .downstream(downstream)
                 // Downstream delivery follows conf/relays.xml's retry schedule and breaker: a quick one here.
                 .relaysXml("<relays><retry delays=\"1s\" giveUpAfter=\"1h\"/><breaker coolDown=\"1s\"/></relays>")
                 .start()) {
            String subject = sendToLocalMailbox(herald, "for-downstream");
            // The first attempt, made at once from the spool, finds the downstream down: the mail waits in the
            // downstream's queue, not in the spool.
            Awaitility.await("the mail in the downstream's queue").atMost(Duration.ofMinutes(1))
                .until(() -> herald.metric(DOWNSTREAM_QUEUE_ENQUEUED) == 1);

            downstream.start();
            Awaitility.await("the downstream to receive the mail").atMost(Duration.ofMinutes(2))
                .until(() -> downstream.dumps().stream().anyMatch(dump -> dump.contains(subject)));
            assertThat(downstream.dumps()).filteredOn(dump -> dump.contains(subject)).singleElement()
                .asString().contains("X-Rcpt-Args: <mailbox@herald.test>");
        }
    }

    @Test
    void withTheDownstreamUpMailReachesItWithoutEnteringTheDownstreamQueue() {
        try (SmtpSink downstream = SmtpSink.started();
             HeraldProcess herald = HeraldProcess.builder(work).downstream(downstream).start()) {
            String subject = sendToLocalMailbox(herald, "straight-to-downstream");

            Awaitility.await("the downstream to receive the mail").atMost(Duration.ofMinutes(1))
                .until(() -> downstream.dumps().stream().anyMatch(dump -> dump.contains(subject)));
            assertThat(herald.metric(DOWNSTREAM_QUEUE_ENQUEUED)).isZero();
        }
    }

    /** A mail from outside to a local user, over port 25; returns its unique subject. */
    private static String sendToLocalMailbox(HeraldProcess herald, String subjectPrefix) {
        herald.addUser("mailbox@herald.test", "unused-password");
        String subject = subjectPrefix + "-" + System.nanoTime();
        Swaks.Result result = Swaks.run("--server", "127.0.0.1:" + herald.mxPort(),
            "--from", "friend@elsewhere.example", "--to", "mailbox@herald.test", "--h-Subject", subject);
        assertThat(result.exitCode()).as(result.transcript()).isZero();
        return subject;
    }
}
