package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.RawSmtpConnection;
import org.herald.it.harness.Swaks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage on the SMTP port is answered or cut off, and the server goes on serving everyone else. */
class SmtpRobustnessIntegrationTest {
    private static final int IDLE_TIMEOUT_SECONDS = 5;
    private static final String LOCAL_USER = "postbox@herald.test";

    @TempDir
    static Path work;
    static HeraldProcess herald;

    @BeforeAll
    static void startHerald() {
        herald = HeraldProcess.builder(work).idleTimeoutSeconds(IDLE_TIMEOUT_SECONDS).start();
        herald.addUser(LOCAL_USER, "unused-password");
    }

    @AfterAll
    static void stopHerald() {
        if (herald != null) {
            herald.stop();
        }
    }

    @AfterEach
    void theServerStillServesAWellBehavedClient() {
        assertThat(herald.isAlive()).isTrue();
        Swaks.Result result = Swaks.run("--server", "127.0.0.1:" + herald.mxPort(),
            "--from", "friend@elsewhere.example", "--to", LOCAL_USER, "--h-Subject", "after garbage");
        assertThat(result.exitCode()).as(result.transcript()).isZero();
        assertThat(result.transcript()).contains("250 2.6.0 Message received");
    }

    @Test
    void binaryJunkIsAnsweredWithErrors() throws IOException {
        try (RawSmtpConnection connection = RawSmtpConnection.open(herald.mxPort(), Duration.ofSeconds(10))) {
            assertThat(connection.readReply()).startsWith("220");
            byte[] junk = new byte[4096];
            new Random(42).nextBytes(junk);
            for (int i = 200; i < junk.length; i += 200) {
                junk[i - 1] = '\r';
                junk[i] = '\n';
            }
            connection.write(junk);
            connection.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = connection.readReply();
            assertThat(reply).as("the server answers junk with an error or hangs up").satisfiesAnyOf(
                r -> assertThat(r).isNull(),
                r -> assertThat(r).matches("(?s)5\\d\\d.*"));
        }
    }

    @Test
    void aTenMegabyteLineIsCutOff() throws Exception {
        try (RawSmtpConnection connection = RawSmtpConnection.open(herald.mxPort(), Duration.ofSeconds(30))) {
            assertThat(connection.readReply()).startsWith("220");
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'A');
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int written = 0; written < 10 * 1024 * 1024; written += chunk.length) {
                        connection.write(chunk);
                    }
                    connection.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedByServer) {
                    // Expected: the server may hang up while we are still sending.
                }
            });
            writer.get(60, TimeUnit.SECONDS);
            String reply = connection.readReply();
            assertThat(reply).as("the server refuses the line or hangs up").satisfiesAnyOf(
                r -> assertThat(r).isNull(),
                r -> assertThat(r).matches("(?s)5\\d\\d.*"));
        }
    }

    @Test
    void aDataThatNeverEndsIsCutOffByTheIdleTimeoutAndNothingIsDelivered() throws IOException {
        String subject = "never-ending-" + System.nanoTime();
        try (RawSmtpConnection connection = RawSmtpConnection.open(herald.mxPort(), Duration.ofSeconds(10))) {
            assertThat(connection.readReply()).startsWith("220");
            assertThat(connection.command("EHLO robustness.test")).startsWith("250");
            assertThat(connection.command("MAIL FROM:<friend@elsewhere.example>")).startsWith("250");
            assertThat(connection.command("RCPT TO:<" + LOCAL_USER + ">")).startsWith("250");
            assertThat(connection.command("DATA")).startsWith("354");
            connection.write(("Subject: " + subject + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] line = ("x".repeat(70) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10_000; i++) {
                connection.write(line);
            }

            assertThat(connection.isClosedByServer(Duration.ofSeconds(IDLE_TIMEOUT_SECONDS * 4L)))
                .as("the server hangs up on a client that stops mid-DATA").isTrue();
        }
        String inbox = herald.get("/mailRepositories/var%2Fmail%2Finbox/mails").body();
        for (String key : inbox.replaceAll("[\\[\\]\"]", "").split(",")) {
            if (!key.isBlank()) {
                assertThat(herald.get("/mailRepositories/var%2Fmail%2Finbox/mails/" + key + "?additionalFields=headers").body())
                    .doesNotContain(subject);
            }
        }
    }
}
