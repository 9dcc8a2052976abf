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
 * Aliases set over WebAdmin rewrite the next mail at once, although Herald answers rewrite lookups from memory: an
 * alias added after a lookup found none applies to the very next mail, and so does its removal.
 */
class RecipientRewriteIntegrationTest {
    private static final String ALIAS_ROUTE = "/address/aliases/mailbox@herald.test/sources/info@herald.test";

    @TempDir
    Path work;

    private static String deliveredRecipient(HeraldProcess herald, SmtpSink downstream, String subject) {
        Swaks.Result result = Swaks.run("--server", "127.0.0.1:" + herald.mxPort(),
            "--from", "friend@elsewhere.example", "--to", "info@herald.test", "--h-Subject", subject);
        assertThat(result.exitCode()).as(result.transcript()).isZero();
        Awaitility.await(subject + " at the downstream").atMost(Duration.ofSeconds(30))
            .until(() -> downstream.dumps().stream().anyMatch(dump -> dump.contains(subject)));
        String dump = downstream.dumps().stream().filter(candidate -> candidate.contains(subject)).findFirst().orElseThrow();
        return dump.lines().filter(line -> line.startsWith("X-Rcpt-Args: ")).findFirst().orElseThrow();
    }

    @Test
    void anAliasAppliesToTheNextMailAndSoDoesItsRemoval() {
        try (SmtpSink downstream = SmtpSink.started();
             HeraldProcess herald = HeraldProcess.builder(work)
                 .downstream(downstream)
                 .start()) {
            herald.addUser("mailbox@herald.test", "unused-password");

            assertThat(deliveredRecipient(herald, downstream, "before-alias")).isEqualTo("X-Rcpt-Args: <info@herald.test>");

            assertThat(herald.put(ALIAS_ROUTE, "").statusCode()).isEqualTo(204);
            assertThat(deliveredRecipient(herald, downstream, "with-alias")).isEqualTo("X-Rcpt-Args: <mailbox@herald.test>");

            assertThat(herald.delete(ALIAS_ROUTE).statusCode()).isEqualTo(204);
            assertThat(deliveredRecipient(herald, downstream, "after-alias")).isEqualTo("X-Rcpt-Args: <info@herald.test>");
        }
    }
}
