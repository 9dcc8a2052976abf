package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.SelectiveRelay;
import org.herald.it.harness.SmtpSource;
import org.herald.it.harness.Swaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With 10,000 mails deferred because their destination is down, a mail for a working destination is still
 * dispatched at once: Herald's queue hands out due mail by next-attempt time, whatever waits behind it.
 */
class HeadOfLineIntegrationTest {
    private static final int DEFERRED = 10_000;
    private static final Pattern ARRIVED = Pattern.compile("X-Arrived-Ms: (\\d+)");

    @TempDir
    Path work;

    @Test
    void freshMailArrivesWithinASecondWhileTenThousandMailsAreDeferred() throws Exception {
        try (SelectiveRelay relay = SelectiveRelay.deferring(work, "slow.example");
             HeraldProcess herald = HeraldProcess.builder(work)
                 .relaysXml("<relays><smarthost host=\"127.0.0.1\" port=\"" + relay.port() + "\" tls=\"none\"/>"
                     + "<retry delays=\"1h\" giveUpAfter=\"5d\"/></relays>")
                 // Lets postfix's smtp-source (which has no AUTH) relay from loopback, for the bulk load only.
                 .editConf("smtpserver.xml", text -> text
                     .replaceFirst("<jmxName>mx</jmxName>", "<jmxName>mx</jmxName><authorizedAddresses>127.0.0.0/8</authorizedAddresses>")
                     .replace("<connectionLimitPerIP>20</connectionLimitPerIP>", "<connectionLimitPerIP>0</connectionLimitPerIP>"))
                 .start()) {
            SmtpSource.send(work, herald.mxPort(), 20, DEFERRED, 1024, "bulk@herald.test", "someone@slow.example", Duration.ofMinutes(10));

            Awaitility.await(DEFERRED + " mails deferred").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                .until(() -> herald.metric("herald_outbound_deferred_total") >= DEFERRED);
            assertThat(herald.metric("herald_queue_depth_outgoing")).isEqualTo(DEFERRED);

            long sentAt = System.currentTimeMillis();
            Swaks.Result fresh = Swaks.run("--server", "127.0.0.1:" + herald.mxPort(), "--from", "bulk@herald.test",
                "--to", "reader@fast.example", "--h-Subject", "fresh mail");
            assertThat(fresh.exitCode()).as(fresh.transcript()).isZero();

            Awaitility.await("the fresh mail at the relay").atMost(Duration.ofSeconds(30)).until(() -> !relay.accepted().isEmpty());
            String accepted = relay.accepted().get(0);
            assertThat(accepted).contains("X-Rcpt-Args: <reader@fast.example>");
            Matcher arrived = ARRIVED.matcher(accepted);
            assertThat(arrived.find()).isTrue();
            long latencyMs = Long.parseLong(arrived.group(1)) - sentAt;
            System.out.println("Head of line: fresh mail reached the relay " + latencyMs + " ms after submission began, with "
                + DEFERRED + " deferred");
            assertThat(latencyMs).isLessThan(1000);
        }
    }
}
