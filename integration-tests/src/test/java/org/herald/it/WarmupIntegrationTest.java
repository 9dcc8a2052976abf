package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.awaitility.Awaitility;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.RawMail;
import org.herald.it.harness.SelectiveRelay;
import org.herald.it.harness.SmtpSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * IP warmup through a running Herald: two warming relays (smtp-sink, and a relay that refuses one domain with 550),
 * Herald's clock moved by days; budgets per provider, over-budget mail waiting in the durable queue and going out the
 * next day, a restart keeping the counts, healthy steps advancing, bounces throttling.
 */
class WarmupIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    private SmtpSink sink;
    private SmtpSink warmSink;
    private SelectiveRelay bouncy;
    private HeraldProcess herald;
    private Path clockFile;

    @BeforeEach
    void startPeers() throws Exception {
        sink = SmtpSink.started();
        warmSink = SmtpSink.started();
        bouncy = SelectiveRelay.start(work, List.of(), List.of("bad.example"));
        clockFile = work.resolve("clock-offset");
        Files.writeString(clockFile, "0");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        herald = HeraldProcess.builder(work)
            .systemProperty("herald.test.clockOffsetFile", clockFile.toString())
            .relaysXml("<relays>"
                + "<relay name=\"fresh\" host=\"127.0.0.1\" port=\"" + sink.port() + "\" tls=\"none\"/>"
                + "<relay name=\"bouncy\" host=\"127.0.0.1\" port=\"" + bouncy.port() + "\" tls=\"none\"/>"
                + "<relay name=\"spill\" host=\"127.0.0.1\" port=\"" + sink.port() + "\" tls=\"none\"/>"
                + "<relay name=\"warm\" host=\"127.0.0.1\" port=\"" + warmSink.port() + "\" tls=\"none\"/>"
                + "<stream name=\"main\" default=\"true\" relays=\"fresh\"/><stream name=\"second\" relays=\"bouncy\"/>"
                + "<stream name=\"overflowing\" relays=\"spill warm\"/>"
                + "<rules><rule header=\"X-Herald-Stream\"/></rules>"
                + "<retry delays=\"1s\" giveUpAfter=\"1h\"/><breaker coolDown=\"1s\"/></relays>")
            .editConf("warmup.xml", text -> "<warmup>"
                + "<identity name=\"fresh\" start=\"" + today + "\"/><identity name=\"bouncy\" start=\"" + today + "\"/>"
                + "<identity name=\"spill\" start=\"" + today + "\" overflow=\"true\"/>"
                + "<throttle minimumSample=\"50\"/>"
                + "<providers><group name=\"google\" domains=\"gmail.com, googlemail.com, bad.example\"/></providers>"
                + "<feedback bounceAddress=\"bounces@herald.test\" feedbackAddress=\"fbl@herald.test\"/>"
                + "</warmup>")
            .editConf("smtpserver.xml", text -> text.replaceFirst("<jmxName>mx</jmxName>",
                "<jmxName>mx</jmxName><authorizedAddresses>127.0.0.0/8</authorizedAddresses>"))
            .start();
    }

    @AfterEach
    void stopPeers() {
        if (herald != null) {
            herald.close();
        }
        if (bouncy != null) {
            bouncy.close();
        }
        if (sink != null) {
            sink.close();
        }
        if (warmSink != null) {
            warmSink.close();
        }
    }

    private void send(String recipient, String subject, String stream) {
        byte[] message = ("From: news@herald.test\r\nTo: " + recipient + "\r\nSubject: " + subject
            + (stream == null ? "" : "\r\nX-Herald-Stream: " + stream)
            + "\r\nMessage-ID: <" + subject.replace(' ', '.') + "@herald.test>\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(RawMail.send(herald.mxPort(), "news@herald.test", List.of(recipient), message)).as(subject).startsWith("250");
    }

    private long atSink(String subjectPrefix) {
        return sink.dumps().stream().filter(dump -> dump.contains("Subject: " + subjectPrefix)).count();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode identity(String name) throws Exception {
        return json(herald.get("/warmup/identities/" + name));
    }

    private static JsonNode provider(JsonNode identity, String provider) {
        for (JsonNode candidate : identity.get("providers")) {
            if (candidate.get("provider").asText().equals(provider)) {
                return candidate;
            }
        }
        throw new AssertionError("no provider " + provider + " in " + identity);
    }

    /** Moves Herald's clock to {@code days} days after today, at {@code hour}:10 UTC. */
    private void moveClockTo(int days, int hour) throws Exception {
        Instant target = LocalDate.now(ZoneOffset.UTC).plusDays(days).atTime(hour, 10).toInstant(ZoneOffset.UTC);
        Files.writeString(clockFile, String.valueOf(Duration.between(Instant.now(), target).toSeconds()));
        Thread.sleep(300);
    }

    @Test
    void theFirstDaysBudgetGoesTheRestWaitsInTheQueueSurvivesARestartAndGoesTheNextDay() throws Exception {
        for (int i = 1; i <= 250; i++) {
            send("user" + i + "@gmail.com", "google " + i, null);
        }
        Awaitility.await("100 mails at the sink").atMost(Duration.ofSeconds(60)).until(() -> atSink("google ") >= 100);
        for (int i = 1; i <= 10; i++) {
            send("user" + i + "@yahoo.com", "yahoo " + i, null);
        }
        Awaitility.await("yahoo's mail, not held back by google's budget").atMost(Duration.ofSeconds(30))
            .until(() -> atSink("yahoo ") == 10);
        Thread.sleep(2_000);
        assertThat(atSink("google ")).as("exactly the first step's 100").isEqualTo(100);

        JsonNode fresh = identity("fresh");
        assertThat(fresh.get("step").asInt()).isEqualTo(1);
        JsonNode google = provider(fresh, "google");
        assertThat(google.get("sentToday").asLong()).isEqualTo(100);
        assertThat(google.get("limit").asLong()).isEqualTo(100);
        assertThat(google.get("waiting").asLong()).isEqualTo(150);
        assertThat(google.get("deferredToday").asLong()).isGreaterThanOrEqualTo(150);
        assertThat(provider(fresh, "yahoo").get("sentToday").asLong()).isEqualTo(10);
        assertThat(json(herald.get("/mailQueues/outgoing")).get("size").asLong()).isEqualTo(150);
        assertThat(herald.metric("herald_outbound_deferred_by_warmup_total")).isGreaterThanOrEqualTo(150);

        herald.stop();
        herald.start();
        JsonNode afterRestart = provider(identity("fresh"), "google");
        assertThat(afterRestart.get("sentToday").asLong()).as("counts are durable").isEqualTo(100);
        assertThat(afterRestart.get("waiting").asLong()).isEqualTo(150);
        Thread.sleep(2_000);
        assertThat(atSink("google ")).isEqualTo(100);

        moveClockTo(1, 0);
        Awaitility.await("the next day's 100").atMost(Duration.ofSeconds(60)).until(() -> atSink("google ") == 200);
        Thread.sleep(2_000);
        assertThat(atSink("google ")).isEqualTo(200);
        JsonNode nextDay = provider(identity("fresh"), "google");
        assertThat(nextDay.get("sentToday").asLong()).isEqualTo(100);
        assertThat(nextDay.get("waiting").asLong()).isEqualTo(50);
        assertThat(json(herald.get("/mailQueues/outgoing")).get("size").asLong()).isEqualTo(50);
    }

    @Test
    void withOverflowWhatTheWarmingRelayCannotTakeGoesThroughTheWarmOneAtOnce() throws Exception {
        for (int i = 1; i <= 130; i++) {
            send("user" + i + "@gmail.com", "spill " + i, "overflowing");
        }
        Awaitility.await("100 through the warming relay, 30 through the warm one").atMost(Duration.ofSeconds(60))
            .until(() -> atSink("spill ") == 100 && warmSink.dumps().stream().filter(dump -> dump.contains("Subject: spill ")).count() == 30);
        JsonNode google = provider(identity("spill"), "google");
        assertThat(google.get("sentToday").asLong()).isEqualTo(100);
        assertThat(google.get("waiting").asLong()).as("nothing waits").isZero();
        assertThat(json(herald.get("/mailQueues/outgoing-overflowing")).get("size").asLong()).isZero();
    }

    /** A DSN as Postfix writes one: the failed recipient with 5.1.1, the returned message's headers. */
    private static byte[] dsn(String recipient, String messageId) {
        return ("From: MAILER-DAEMON@mx.gmail.example\r\nTo: bounces@herald.test\r\nSubject: Undelivered Mail Returned to Sender\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
            + "--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.gmail.example\r\n\r\n"
            + "Final-Recipient: rfc822; " + recipient + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 no such user\r\n"
            + "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: news@herald.test\r\nTo: " + recipient + "\r\n"
            + "Message-ID: " + messageId + "\r\n\r\n--b1--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** An ARF abuse report as RFC 5965 shows one, quoting the complained-about message. */
    private static byte[] arf(String recipient, String messageId) {
        return ("From: feedback@fbl.yahoo.example\r\nTo: fbl@herald.test\r\nSubject: FW: complaint\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b2\"\r\n\r\n"
            + "--b2\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n"
            + "--b2\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: SomeGenerator/1.0\r\n"
            + "Version: 1\r\nOriginal-Rcpt-To: <" + recipient + ">\r\n"
            + "--b2\r\nContent-Type: message/rfc822\r\n\r\nFrom: news@herald.test\r\nTo: " + recipient + "\r\n"
            + "Subject: news\r\nMessage-ID: " + messageId + "\r\n\r\nbody\r\n--b2--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void bouncesMailedToTheBounceAddressAndComplaintsToTheFeedbackAddressThrottleTheProviderThatGotTheMessage() throws Exception {
        herald.addUser("bounces@herald.test", "a-password-for-bounces");
        herald.addUser("fbl@herald.test", "a-password-for-fbl");
        for (int i = 1; i <= 60; i++) {
            send("user" + i + "@gmail.com", "google " + i, null);
            send("user" + i + "@yahoo.com", "yahoo " + i, null);
        }
        Awaitility.await("120 mails at the sink").atMost(Duration.ofSeconds(60))
            .until(() -> atSink("google ") == 60 && atSink("yahoo ") == 60);

        assertThat(RawMail.send(herald.mxPort(), "", List.of("bounces@herald.test"), dsn("user7@gmail.com", "<google.7@herald.test>")))
            .startsWith("250");
        Awaitility.await("the bounce counted").atMost(Duration.ofSeconds(30))
            .until(() -> provider(identity("fresh"), "google").get("windowHardBounces").asLong() == 1);
        JsonNode google = provider(identity("fresh"), "google");
        assertThat(google.get("throttled").asBoolean()).as("1 of 60 is above 1 %").isTrue();
        assertThat(google.get("throttleReason").asText()).startsWith("bounce rate 1.67 % (1 of 60)");
        assertThat(provider(identity("fresh"), "yahoo").get("throttled").asBoolean()).isFalse();

        assertThat(RawMail.send(herald.mxPort(), "feedback@fbl.yahoo.example", List.of("fbl@herald.test"),
            arf("user9@yahoo.com", "<yahoo.9@herald.test>"))).startsWith("250");
        Awaitility.await("the complaint counted").atMost(Duration.ofSeconds(30))
            .until(() -> provider(identity("fresh"), "yahoo").get("throttled").asBoolean());
        assertThat(provider(identity("fresh"), "yahoo").get("throttleReason").asText()).startsWith("complaint rate 1.67 % (1 of 60)");
        assertThat(herald.metric("herald_warmup_feedback_bounces_total")).isEqualTo(1);
        assertThat(herald.metric("herald_warmup_feedback_complaints_total")).isEqualTo(1);

        assertThat(RawMail.send(herald.mxPort(), "someone@elsewhere.example", List.of("fbl@herald.test"),
            "Subject: hello\r\n\r\nnot a report\r\n".getBytes(StandardCharsets.US_ASCII))).startsWith("250");
        Awaitility.await("the stray mail kept with the reason").atMost(Duration.ofSeconds(30)).until(() ->
            herald.get("/mailRepositories/var%2Fmail%2Fwarmup-feedback-rejected/mails").body().length() > 2);
        assertThat(herald.metric("herald_warmup_feedback_rejected_total")).isEqualTo(1);
    }

    @Test
    void healthyStepsAdvanceAndBouncesAboveOnePercentHoldTheStepAndCutTheLimitWithTheReason() throws Exception {
        // Day 7: both identities send 100 to google; bouncy's relay refuses 2 of them (bad.example) with 550.
        moveClockTo(6, 9);
        for (int i = 1; i <= 100; i++) {
            send("user" + i + "@gmail.com", "fresh " + i, null);
            send((i <= 2 ? "gone" + i + "@bad.example" : "user" + i + "@gmail.com"), "bouncy " + i, "second");
        }
        Awaitility.await("fresh's 100").atMost(Duration.ofSeconds(60)).until(() -> atSink("fresh ") == 100);
        Awaitility.await("bouncy's throttle").atMost(Duration.ofSeconds(60))
            .until(() -> provider(identity("bouncy"), "google").get("throttled").asBoolean());

        // Day 8, within 24 h of the bounces.
        moveClockTo(7, 8);
        JsonNode healthy = identity("fresh");
        assertThat(healthy.get("step").asInt()).isEqualTo(2);
        assertThat(provider(healthy, "google").get("limit").asLong()).isEqualTo(500);
        assertThat(healthy.get("held").isNull()).isTrue();

        JsonNode throttled = identity("bouncy");
        assertThat(throttled.get("step").asInt()).as("held at step 1").isEqualTo(1);
        assertThat(throttled.get("held").asText()).contains("held at step 1: throttled at google")
            .containsPattern("bounce rate \\d\\.\\d\\d % \\(2 of \\d+\\) over the last 24 h is above 1 %");
        JsonNode google = provider(throttled, "google");
        assertThat(google.get("limit").asLong()).as("cut").isEqualTo(50);
        assertThat(google.get("windowHardBounces").asLong()).isEqualTo(2);
        assertThat(google.get("bounceRatePercent").asDouble()).isGreaterThan(1.0);
        assertThat(google.get("throttleReason").asText()).contains("above 1 %");
        assertThat(herald.metric("herald_warmup_throttled_total")).isEqualTo(1);
        assertThat(herald.metric("herald_warmup_throttled_bouncy_google")).isEqualTo(1);
        assertThat(herald.log()).contains("WARMUP THROTTLED: bouncy at google");

        JsonNode reset = json(herald.post("/warmup/identities/bouncy/reset-throttle", ""));
        assertThat(provider(reset, "google").get("throttled").asBoolean()).isFalse();
        assertThat(provider(reset, "google").get("limit").asLong()).isEqualTo(100);
        assertThat(reset.get("held").asText()).contains("counts its healthy time again");
        assertThat(herald.get("/warmup/identities/nobody").statusCode()).isEqualTo(404);
        assertThat(herald.put("/warmup/identities/fresh", "{\"schedule\":\"turbo\"}").statusCode()).isEqualTo(400);
        assertThat(herald.put("/warmup/identities/fresh", "{\"shedule\":\"standard\"}").statusCode()).isEqualTo(400);
    }
}
