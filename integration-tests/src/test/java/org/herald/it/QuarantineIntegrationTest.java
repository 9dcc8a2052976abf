package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.SmtpSink;
import org.herald.it.harness.Swaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A queue entry damaged while Herald was down: the server still starts and files it where WebAdmin shows it. */
class QuarantineIntegrationTest {
    private static final String USER = "quarantine@herald.test";
    private static final String PASSWORD = "quarantine-secret";

    @TempDir
    Path work;

    @Test
    void aTruncatedQueuedMailIsFiledInTheQuarantineRepositoryAndTheServerStarts() throws Exception {
        try (SmtpSink smarthost = SmtpSink.prepare();
             HeraldProcess herald = HeraldProcess.builder(work).smarthost(smarthost).start()) {
            herald.addUser(USER, PASSWORD);
            for (String subject : List.of("to be damaged", "left intact")) {
                Swaks.Result sent = Swaks.run("--server", "127.0.0.1:" + herald.submissionPort(), "--tls", "--auth", "PLAIN",
                    "--auth-user", USER, "--auth-password", PASSWORD, "--from", USER, "--to", "far@remote.example",
                    "--h-Subject", subject);
                assertThat(sent.exitCode()).as(sent.transcript()).isZero();
            }
            Awaitility.await("both mails waiting in the outgoing queue").atMost(Duration.ofSeconds(30))
                .until(() -> herald.metric("herald_queue_depth_outgoing") == 2);
            herald.stop();

            Path damaged = bodyContaining(herald.home(), "to be damaged");
            try (FileChannel body = FileChannel.open(damaged, StandardOpenOption.WRITE)) {
                body.truncate(body.size() / 2);
            }

            herald.start();
            String repository = "/mailRepositories/var%2Fmail%2Fquarantine/mails";
            Awaitility.await("the damaged entry in the quarantine repository").atMost(Duration.ofSeconds(30))
                .until(() -> herald.get(repository).statusCode() == 200
                    && !MailFlowIntegrationTest.mailKeys(herald.get(repository).body()).isEmpty());
            List<String> keys = MailFlowIntegrationTest.mailKeys(herald.get(repository).body());
            assertThat(keys).singleElement().satisfies(key -> assertThat(herald.get(repository + "/" + key).body())
                .contains("far@remote.example").contains("body truncated or damaged"));
            assertThat(herald.log()).contains("damaged entry filed as " + keys.get(0));
            // The intact mail is still queued, and delivered once the relay is up.
            assertThat(herald.metric("herald_queue_depth_outgoing")).isEqualTo(1);
            smarthost.start();
            Awaitility.await("the intact mail at the relay").atMost(Duration.ofSeconds(90)).until(() -> smarthost.dumps().size() == 1);
            assertThat(smarthost.dumps().get(0)).contains("left intact");
        }
    }

    private static Path bodyContaining(Path home, String text) throws Exception {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(file -> file.toString().contains("/queue/outgoing/bodies/"))
                .filter(file -> {
                    try {
                        return Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
                    } catch (java.io.IOException e) {
                        return false;
                    }
                })
                .findFirst().orElseThrow(() -> new AssertionError("no queued body contains " + text));
        }
    }
}
