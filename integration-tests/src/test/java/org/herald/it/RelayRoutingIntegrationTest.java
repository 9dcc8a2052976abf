package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.herald.it.harness.AuthTlsRelay;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.NumberedMails;
import org.herald.it.harness.SmtpSink;
import org.herald.it.harness.Swaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relaying through several relays (postfix smtp-sink instances, and an aiosmtpd relay requiring STARTTLS and AUTH):
 * streams and sender-domain routes, failover with a circuit breaker per relay, streams that never mix, an outage of
 * every relay that defers and bounces nothing.
 */
class RelayRoutingIntegrationTest {
    @TempDir
    Path work;

    private static String relay(String name, SmtpSink sink) {
        return "<relay name=\"" + name + "\" host=\"127.0.0.1\" port=\"" + sink.port() + "\" tls=\"none\"/>";
    }

    private static HeraldProcess.Builder herald(Path work, String relaysBody) {
        return HeraldProcess.builder(work)
            .relaysXml("<relays>" + relaysBody + "</relays>")
            .editConf("smtpserver.xml", RelayRoutingIntegrationTest::authorizeLoopback);
    }

    private static void send(HeraldProcess herald, String from, String to, String subject, String... headers) {
        List<String> arguments = new java.util.ArrayList<>(List.of("--server", "127.0.0.1:" + herald.mxPort(),
            "--from", from, "--to", to, "--h-Subject", subject));
        for (String header : headers) {
            arguments.add("--add-header");
            arguments.add(header);
        }
        Swaks.Result sent = Swaks.run(arguments.toArray(String[]::new));
        assertThat(sent.exitCode()).as(sent.transcript()).isZero();
    }

    private static List<String> subjects(SmtpSink sink) {
        Pattern subject = Pattern.compile("(?m)^Subject: (.*?)\\r?$");
        return sink.dumps().stream().map(dump -> {
            Matcher matcher = subject.matcher(dump);
            return matcher.find() ? matcher.group(1) : "(none)";
        }).toList();
    }

    @Test
    void eachStreamAndSenderDomainRouteReachesOnlyItsOwnRelay() throws Exception {
        try (SmtpSink personal = SmtpSink.started(); SmtpSink bulk = SmtpSink.started(); SmtpSink partner = SmtpSink.started();
             HeraldProcess herald = herald(work, relay("personal", personal) + relay("bulk", bulk) + relay("partner", partner) + """
                 <stream name="personal" default="true" relays="personal">
                     <route senderDomain="partner.test" relays="partner"/>
                 </stream>
                 <stream name="bulk" relays="bulk"/>
                 <rules>
                     <rule header="List-Unsubscribe" stream="bulk"/>
                     <rule header="X-Herald-Stream"/>
                 </rules>
                 <retry delays="1s" giveUpAfter="1h"/>
                 """).start()) {
            send(herald, "alice@herald.test", "bob@remote.example", "personal note");
            send(herald, "news@herald.test", "reader@remote.example", "newsletter", "List-Unsubscribe: <mailto:unsub@herald.test>");
            send(herald, "app@herald.test", "user@remote.example", "tagged by the app", "X-Herald-Stream: bulk");
            send(herald, "carol@partner.test", "dave@remote.example", "partner mail");

            Awaitility.await("four mails at their relays").atMost(Duration.ofSeconds(60))
                .until(() -> personal.dumps().size() + bulk.dumps().size() + partner.dumps().size() == 4);
            assertThat(subjects(personal)).containsExactly("personal note");
            assertThat(subjects(bulk)).containsExactlyInAnyOrder("newsletter", "tagged by the app");
            assertThat(subjects(partner)).containsExactly("partner mail");

            assertThat(herald.get("/mailQueues").body()).contains("\"outgoing\"", "\"outgoing-bulk\"");
            String routes = herald.get("/relays/routes").body();
            assertThat(routes).contains("\"defaultStream\":\"personal\"", "\"queue\":\"outgoing-bulk\"", "\"partner.test\":[\"partner\"]",
                "header List-Unsubscribe present");
            assertThat(herald.get("/relays/bulk").body()).contains("\"stream\":\"bulk\"", "\"delivered\":2", "\"state\":\"CLOSED\"");
            assertThat(herald.get("/relays/nonexistent").statusCode()).isEqualTo(404);
            assertThat(herald.metric("herald_relay_delivered_bulk")).isEqualTo(2);
        }
    }

    @Test
    void aDeadPrimaryFailsOverOpensItsBreakerAndAProbeClosesItOnceItIsBack() throws Exception {
        SmtpSink primary = SmtpSink.prepare();
        try (primary; SmtpSink secondary = SmtpSink.started();
             HeraldProcess herald = herald(work, relay("primary", primary) + relay("secondary", secondary) + """
                 <stream name="personal" relays="primary secondary"/>
                 <retry delays="1s" giveUpAfter="1h"/>
                 <breaker consecutiveFailures="2" coolDown="3s"/>
                 """).start()) {
            for (int i = 0; i < 4; i++) {
                send(herald, "alice@herald.test", "bob@remote.example", "during the outage " + i);
            }

            Awaitility.await("all four at the secondary").atMost(Duration.ofSeconds(60)).until(() -> secondary.dumps().size() == 4);
            assertThat(herald.get("/relays/primary").body()).contains("\"state\":\"OPEN\"", "2 failed attempts in a row");
            assertThat(herald.metric("herald_relay_breaker_state_primary")).isEqualTo(2);
            assertThat(herald.metric("herald_relay_breaker_state_secondary")).isZero();
            assertThat(herald.metric("herald_outbound_bounced_total")).isLessThanOrEqualTo(0);

            primary.start();
            Thread.sleep(3_500);
            send(herald, "alice@herald.test", "bob@remote.example", "after the repair");

            Awaitility.await("the probe mail at the primary").atMost(Duration.ofSeconds(30)).until(() -> primary.dumps().size() == 1);
            assertThat(subjects(primary)).containsExactly("after the repair");
            Awaitility.await("the primary's breaker closed").atMost(Duration.ofSeconds(10))
                .until(() -> herald.get("/relays/primary").body().contains("\"state\":\"CLOSED\""));
            assertThat(herald.get("/relays/primary").body()).contains("probe succeeded");
            String log = herald.log();
            assertThat(log).containsOnlyOnce("Relay primary: circuit breaker CLOSED -> OPEN");
            assertThat(log).containsOnlyOnce("Relay primary: circuit breaker HALF_OPEN -> CLOSED");
        }
    }

    @Test
    void theOperatorCanOpenABreakerForMaintenanceAndCloseItAgain() throws Exception {
        try (SmtpSink primary = SmtpSink.started(); SmtpSink secondary = SmtpSink.started();
             HeraldProcess herald = herald(work, relay("primary", primary) + relay("secondary", secondary)).start()) {
            assertThat(herald.post("/relays/primary/breaker?action=open", "").body()).contains("\"state\":\"FORCED_OPEN\"");
            send(herald, "alice@herald.test", "bob@remote.example", "during maintenance");
            Awaitility.await("the mail at the secondary").atMost(Duration.ofSeconds(30)).until(() -> secondary.dumps().size() == 1);

            assertThat(herald.post("/relays/primary/breaker?action=close", "").body()).contains("\"state\":\"CLOSED\"");
            send(herald, "alice@herald.test", "bob@remote.example", "after maintenance");
            Awaitility.await("the mail at the primary").atMost(Duration.ofSeconds(30)).until(() -> primary.dumps().size() == 1);

            assertThat(herald.post("/relays/primary/breaker?action=toggle", "").statusCode()).isEqualTo(400);
            assertThat(herald.post("/relays/nope/breaker?action=open", "").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void streamsNeverMixEvenWhenEveryRelayOfOneIsDown() throws Exception {
        int mails = 50;
        SmtpSink personal = SmtpSink.prepare();
        try (personal; SmtpSink bulk = SmtpSink.started();
             HeraldProcess herald = herald(work, relay("personal", personal) + relay("bulk", bulk) + """
                 <stream name="personal" default="true" relays="personal"/>
                 <stream name="bulk" relays="bulk"/>
                 <rules><rule header="Precedence" value="bulk" stream="bulk"/></rules>
                 <retry delays="1s" giveUpAfter="1h"/>
                 <breaker consecutiveFailures="3" coolDown="2s"/>
                 """).start()) {
            List<String> sent = NumberedMails.send(herald.mxPort(), 4, mails, 1024, "alice@herald.test", "bob@remote.example",
                Duration.ofMinutes(2));
            send(herald, "news@herald.test", "reader@remote.example", "bulk still flows", "Precedence: bulk");

            Awaitility.await("the bulk mail at the bulk relay").atMost(Duration.ofSeconds(30)).until(() -> bulk.dumps().size() == 1);
            Awaitility.await("the personal relay's breaker open").atMost(Duration.ofSeconds(30))
                .until(() -> herald.get("/relays/personal").body().contains("\"state\":\"OPEN\""));
            Thread.sleep(3_000);
            assertThat(bulk.dumps()).as("personal mail never borrows the bulk relay").hasSize(1);
            assertThat(herald.metric("herald_queue_depth_outgoing")).isEqualTo(mails);

            personal.start();

            Awaitility.await(mails + " personal mails at the personal relay").atMost(Duration.ofSeconds(90))
                .until(() -> personal.dumps().size() == mails);
            assertThat(bulk.dumps()).hasSize(1);
            assertThat(personal.messageIds()).as("each mail once").containsExactlyInAnyOrderElementsOf(sent);
            assertThat(herald.metric("herald_outbound_bounced_total")).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void anOutageOfEveryRelayDefersAndBouncesNothing() throws Exception {
        int mails = 500;
        SmtpSink relay = SmtpSink.prepare();
        try (relay; HeraldProcess herald = herald(work, relay("only", relay) + """
                 <retry delays="1s 2s" giveUpAfter="1h"/>
                 <breaker coolDown="2s"/>
                 """).start()) {
            List<String> sent = NumberedMails.send(herald.mxPort(), 10, mails, 2048, "alice@herald.test", "bob@remote.example",
                Duration.ofMinutes(3));
            Awaitility.await("every mail waiting in the outgoing queue").atMost(Duration.ofSeconds(60))
                .until(() -> herald.metric("herald_queue_depth_outgoing") == mails);
            Thread.sleep(5_000);
            assertThat(herald.metric("herald_outbound_bounced_total")).isLessThanOrEqualTo(0);
            assertThat(herald.metric("herald_queue_depth_outgoing")).isEqualTo(mails);

            relay.start();

            Awaitility.await(mails + " mails at the relay").atMost(Duration.ofMinutes(2)).until(() -> relay.dumps().size() >= mails);
            Thread.sleep(2_000);
            assertThat(relay.messageIds()).as("every mail, none delivered twice").containsExactlyInAnyOrderElementsOf(sent);
            assertThat(herald.metric("herald_outbound_bounced_total")).isLessThanOrEqualTo(0);
            assertThat(herald.metric("herald_queue_depth_outgoing")).isZero();
        }
    }

    @Test
    void aRelayRequiringStarttlsAndAuthGetsBothAndWrongCredentialsDeferWithoutBouncing() throws Exception {
        Path password = Files.writeString(work.resolve("relay-password"), "relay-secret\n");
        Path wrongPassword = Files.writeString(work.resolve("wrong-password"), "not-the-password\n");
        Path trustPassword = Files.writeString(work.resolve("trust-password"), AuthTlsRelay.TRUST_STORE_PASSWORD);
        try (AuthTlsRelay paid = AuthTlsRelay.start(work, "herald@herald.test", "relay-secret")) {
            String relay = "<relay name=\"paid\" host=\"localhost\" port=\"" + paid.port() + "\" tls=\"starttls\""
                + " trustStore=\"" + paid.trustStore() + "\" trustStorePasswordFile=\"" + trustPassword + "\""
                + " username=\"herald@herald.test\" passwordFile=\"%s\"/><retry delays=\"1s\" giveUpAfter=\"1h\"/>";
            try (HeraldProcess herald = herald(work, relay.formatted(wrongPassword)).start()) {
                send(herald, "alice@herald.test", "bob@remote.example", "refused credentials");

                Awaitility.await("the failed AUTH recorded").atMost(Duration.ofSeconds(30))
                    .until(() -> herald.get("/relays/paid").body().contains("535"));
                assertThat(paid.accepted()).isEmpty();
                assertThat(herald.metric("herald_outbound_bounced_total")).isLessThanOrEqualTo(0);
                assertThat(herald.metric("herald_queue_depth_outgoing")).isEqualTo(1);
                assertThat(herald.log()).contains("deferred for bob@remote.example").contains("535");
            }
            try (HeraldProcess herald = herald(work, relay.formatted(password)).start()) {
                send(herald, "alice@herald.test", "bob@remote.example", "over TLS with AUTH");

                Awaitility.await("the mail at the paid relay").atMost(Duration.ofSeconds(30)).until(() -> paid.accepted().size() == 1);
                assertThat(paid.accepted().get(0)).contains("X-Relay-Auth-User: herald@herald.test")
                    .containsPattern("X-Relay-Tls: TLSv1\\.[23]").contains("Subject: over TLS with AUTH");
            }
        }
    }

    /** Lets loopback clients relay through the MX listener, as an operator's own applications would. */
    private static String authorizeLoopback(String smtpserverXml) {
        return smtpserverXml.replaceFirst("<jmxName>mx</jmxName>", "<jmxName>mx</jmxName><authorizedAddresses>127.0.0.0/8</authorizedAddresses>");
    }
}
