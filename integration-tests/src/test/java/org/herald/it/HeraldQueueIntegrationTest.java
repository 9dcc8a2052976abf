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

/** Herald's own queue through a running server: deferral while the relay is down, health thresholds, metrics. */
class HeraldQueueIntegrationTest {
    private static final String USER = "queue@herald.test";
    private static final String PASSWORD = "queue-secret";

    @TempDir
    Path work;

    @Test
    void mailWaitsVisiblyWhileTheRelayIsDownAndLeavesWhenItComesBack() {
        try (SmtpSink smarthost = SmtpSink.prepare();
             HeraldProcess herald = HeraldProcess.builder(work).smarthost(smarthost)
                 .editConf("queue.xml", ignored -> "<queue implementation=\"herald\" healthMaxOldestAge=\"3s\"/>")
                 .start()) {
            herald.addUser(USER, PASSWORD);
            for (int i = 0; i < 3; i++) {
                Swaks.Result sent = Swaks.run("--server", "127.0.0.1:" + herald.submissionPort(), "--tls", "--auth", "PLAIN",
                    "--auth-user", USER, "--auth-password", PASSWORD, "--from", USER, "--to", "far" + i + "@remote.example",
                    "--h-Subject", "queued " + i);
                assertThat(sent.exitCode()).as(sent.transcript()).isZero();
            }

            Awaitility.await("the outgoing queue to report the waiting mail").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(herald.metric("herald_queue_depth_outgoing")).isEqualTo(3);
                assertThat(herald.metric("herald_outbound_deferred_total")).isGreaterThanOrEqualTo(3);
                assertThat(herald.metric("herald_queue_oldest_age_seconds_outgoing")).isGreaterThan(3);
                assertThat(herald.get("/healthcheck").body()).contains("\"componentName\":\"Herald mail queues\"")
                    .contains("\"status\":\"degraded\"").contains("queue outgoing has a mail waiting");
            });
            assertThat(herald.metric("herald_queue_enqueued_spool")).isEqualTo(3);

            // James's WebAdmin queue routes work over Herald's queue: list, browse, remove.
            assertThat(herald.get("/mailQueues").body()).contains("\"outgoing\"").contains("\"spool\"");
            assertThat(herald.get("/mailQueues/outgoing").body()).contains("\"size\":3");
            assertThat(herald.get("/mailQueues/outgoing/mails").body()).contains("far0@remote.example")
                .contains("far1@remote.example").contains("far2@remote.example").contains("nextDelivery");
            assertThat(herald.delete("/mailQueues/outgoing/mails?recipient=far0@remote.example").statusCode()).isEqualTo(201);
            Awaitility.await("the removal task").atMost(Duration.ofSeconds(30))
                .until(() -> herald.get("/mailQueues/outgoing").body().contains("\"size\":2"));
            assertThat(herald.metric("herald_queue_sync_batches_spool")).isGreaterThan(0);
            assertThat(herald.metric("herald_queue_sync_latency_mean_ms_spool")).isGreaterThan(0);

            smarthost.start();
            Awaitility.await("the relay to receive the two left").atMost(Duration.ofSeconds(60))
                .until(() -> smarthost.dumps().size() == 2);
            Awaitility.await("the queue to be empty and healthy").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(herald.metric("herald_queue_depth_outgoing")).isZero();
                assertThat(herald.get("/healthcheck").body()).doesNotContain("degraded");
            });
            assertThat(herald.metric("herald_outbound_delivered_total")).isEqualTo(2);
            assertThat(smarthost.dumps()).noneMatch(dump -> dump.contains("far0@remote.example"));
        }
    }
}
