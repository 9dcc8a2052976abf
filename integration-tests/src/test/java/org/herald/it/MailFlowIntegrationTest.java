package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.SmtpSink;
import org.herald.it.harness.Swaks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mail through a running Herald: submission to the smarthost, MX for local domains, no open relay. */
class MailFlowIntegrationTest {
    private static final String USER = "alice@herald.test";
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path work;
    static SmtpSink smarthost;
    static HeraldProcess herald;

    @BeforeAll
    static void startServers() {
        smarthost = SmtpSink.started();
        herald = HeraldProcess.builder(work).smarthost(smarthost).start();
        herald.addUser(USER, PASSWORD);
    }

    @AfterAll
    static void stopServers() {
        if (herald != null) {
            herald.stop();
        }
        if (smarthost != null) {
            smarthost.close();
        }
    }

    @Test
    void authenticatedSubmissionReachesTheSmarthostWithHeadersAndBodyIntact() throws Exception {
        String messageId = "<intact-" + System.nanoTime() + "@herald.test>";
        String headers = String.join("\r\n",
            "From: Alice <" + USER + ">",
            "To: Bob <bob@remote.example>",
            "Subject: =?UTF-8?B?SMOpbGxvLCBzbWFydGhvc3Q=?=",
            "Message-ID: " + messageId,
            "Date: Mon, 23 Nov 2026 10:00:00 +0000",
            "MIME-Version: 1.0",
            "X-Herald-Test: folded",
            "  continuation line",
            "Content-Type: text/plain; charset=us-ascii");
        String body = String.join("\r\n", "First line of the body.", "", "..a line that starts with a dot", "Last line.");
        Path message = work.resolve("message.eml");
        Files.writeString(message, headers + "\r\n\r\n" + body + "\r\n", StandardCharsets.US_ASCII);

        Swaks.Result result = Swaks.run("--server", "127.0.0.1:" + herald.submissionPort(),
            "--tls", "--auth", "PLAIN", "--auth-user", USER, "--auth-password", PASSWORD,
            "--from", USER, "--to", "bob@remote.example", "--data", "@" + message);
        assertThat(result.exitCode()).as(result.transcript()).isZero();
        assertThat(result.transcript()).contains("250 2.6.0 Message received");

        String dump = awaitDumpContaining(messageId);
        String delivered = dump.replace("\r\n", "\n");
        assertThat(delivered).contains("X-Mail-Args: <" + USER + ">").contains("X-Rcpt-Args: <bob@remote.example>");
        int headerEnd = delivered.indexOf("\n\n");
        String deliveredHeaders = delivered.substring(0, headerEnd);
        String deliveredBody = delivered.substring(headerEnd + 2);
        assertThat(deliveredHeaders).contains(headers.replace("\r\n", "\n"));
        assertThat(deliveredBody).startsWith(body.replace("\r\n", "\n") + "\n");
        // Herald records the authenticated submission hop (ESMTPA) in its own Received header.
        assertThat(deliveredHeaders).containsPattern("(?m)^Received: from [^\\n]*\\n\\s+by [^\\n]* with ESMTPA");
    }

    @Test
    void submissionRefusesToRelayWithoutAuthentication() {
        Swaks.Result result = Swaks.run("--server", "127.0.0.1:" + herald.submissionPort(), "--tls",
            "--from", USER, "--to", "bob@remote.example", "--quit-after", "RCPT");
        assertThat(result.transcript()).containsPattern("<[~*]\\* 5\\d\\d ");
    }

    @Test
    void submissionRefusesAWrongPassword() {
        Swaks.Result result = Swaks.run("--server", "127.0.0.1:" + herald.submissionPort(), "--tls",
            "--auth", "PLAIN", "--auth-user", USER, "--auth-password", "wrong",
            "--from", USER, "--to", "bob@remote.example");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.transcript()).containsPattern("<[~*]\\* 535 ");
    }

    @Test
    void authIsNotOfferedBeforeStartTls() {
        Swaks.Result result = Swaks.run("--server", "127.0.0.1:" + herald.submissionPort(),
            "--auth", "PLAIN", "--auth-user", USER, "--auth-password", PASSWORD,
            "--from", USER, "--to", "bob@remote.example");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.transcript()).doesNotContain("Authentication succeeded").doesNotContain("235 ");
    }

    @Test
    void aStrangerOnTheMxPortCannotRelayToARemoteDomain() {
        Swaks.Result result = Swaks.run("--server", "127.0.0.1:" + herald.mxPort(),
            "--from", "spammer@stranger.example", "--to", "victim@remote.example", "--quit-after", "RCPT");
        assertThat(result.transcript()).contains("550 5.7.1");
        assertThat(smarthost.dumps()).noneMatch(dump -> dump.contains("victim@remote.example"));
    }

    @Test
    void mailForALocalDomainIsAcceptedOnTheMxPortAndKeptInTheLocalRepository() {
        String subject = "for-local-" + System.nanoTime();
        Swaks.Result result = Swaks.run("--server", "127.0.0.1:" + herald.mxPort(),
            "--from", "friend@elsewhere.example", "--to", USER, "--h-Subject", subject);
        assertThat(result.exitCode()).as(result.transcript()).isZero();

        String inbox = "/mailRepositories/" + "var%2Fmail%2Finbox" + "/mails";
        Awaitility.await("the mail in the local inbox repository").atMost(Duration.ofSeconds(30)).until(() ->
            herald.get(inbox).statusCode() == 200 && mailKeys(herald.get(inbox).body()).stream()
                .anyMatch(key -> herald.get(inbox + "/" + key + "?additionalFields=headers").body().contains(subject)));
        assertThat(smarthost.dumps()).noneMatch(dump -> dump.contains(subject));
    }

    @Test
    void metricsCountAcceptedMailAndRefusedCommandsPerListenerAndDeliveries() {
        Swaks.run("--server", "127.0.0.1:" + herald.mxPort(),
            "--from", "spammer@stranger.example", "--to", "victim@remote.example", "--quit-after", "RCPT");
        Swaks.Result sent = Swaks.run("--server", "127.0.0.1:" + herald.submissionPort(), "--tls", "--auth", "PLAIN",
            "--auth-user", USER, "--auth-password", PASSWORD, "--from", USER, "--to", "carol@remote.example");
        assertThat(sent.exitCode()).as(sent.transcript()).isZero();

        Awaitility.await("metrics to reflect the traffic").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(herald.metric("herald_smtp_rejected_mx_total")).isGreaterThanOrEqualTo(1);
            assertThat(herald.metric("herald_smtp_accepted_submission_total")).isGreaterThanOrEqualTo(1);
            assertThat(herald.metric("herald_outbound_delivered_total")).isGreaterThanOrEqualTo(1);
            assertThat(herald.metric("herald_queue_depth_spool")).isGreaterThanOrEqualTo(0);
            assertThat(herald.metric("herald_queue_depth_outgoing")).isGreaterThanOrEqualTo(0);
        });
    }


    static List<String> mailKeys(String json) {
        Matcher matcher = Pattern.compile("\"([^\"]+)\"").matcher(json);
        return matcher.results().map(result -> result.group(1)).toList();
    }

    private static String awaitDumpContaining(String marker) {
        Awaitility.await("the smarthost to receive " + marker).atMost(Duration.ofSeconds(60))
            .until(() -> smarthost.dumps().stream().anyMatch(dump -> dump.contains(marker)));
        return smarthost.dumps().stream().filter(dump -> dump.contains(marker)).findFirst().orElseThrow();
    }
}
