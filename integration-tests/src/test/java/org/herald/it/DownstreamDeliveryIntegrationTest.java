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

/** With a downstream mailbox server in conf/local-delivery.xml, mail for local domains is relayed there, durably. */
class DownstreamDeliveryIntegrationTest {
    @TempDir
    Path work;

    @Test
    void mailForALocalDomainWaitsForTheDownstreamAndThenReachesIt() {
        try (SmtpSink downstream = SmtpSink.prepare();
             HeraldProcess herald = HeraldProcess.builder(work)
                 .editConf("local-delivery.xml", ignored ->
                     "<localDelivery><downstream host=\"127.0.0.1\" port=\"" + downstream.port() + "\"/></localDelivery>")
                 .start()) {
            herald.addUser("mailbox@herald.test", "unused-password");
            String subject = "for-downstream-" + System.nanoTime();

            Swaks.Result result = Swaks.run("--server", "127.0.0.1:" + herald.mxPort(),
                "--from", "friend@elsewhere.example", "--to", "mailbox@herald.test", "--h-Subject", subject);
            assertThat(result.exitCode()).as(result.transcript()).isZero();

            downstream.start();
            Awaitility.await("the downstream to receive the mail").atMost(Duration.ofMinutes(2))
                .until(() -> downstream.dumps().stream().anyMatch(dump -> dump.contains(subject)));
            assertThat(downstream.dumps()).filteredOn(dump -> dump.contains(subject)).singleElement()
                .asString().contains("X-Rcpt-Args: <mailbox@herald.test>");
        }
    }
}
