package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.herald.it.harness.DkimCorpus;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.RawMail;
import org.herald.it.harness.SmtpSink;
import org.herald.it.harness.SubmissionClient;
import org.herald.testpeers.DkimPy;
import org.herald.testpeers.DkimVerifyResult;
import org.herald.testpeers.DnsServer;
import org.herald.testpeers.OpenDkim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * DKIM end to end, proved by independent implementations through a real DNS server (unbound on loopback): Herald's
 * keys sign only once the records its /dns route prints are served; dkimpy and OpenDKIM verify what Herald signed and
 * relayed; Herald verifies what dkimpy signed; rotation keeps mail signed before and after verifiable.
 */
class DkimIntegrationTest {
    private static final String DOMAIN = "herald.test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CORPUS = Pattern.compile("(?m)^X-Corpus: (\\d+)\\r?$");

    @TempDir
    Path work;
    private DnsServer dns;
    private SmtpSink sink;
    private HeraldProcess herald;

    @BeforeEach
    void startPeers() {
        assumeThat(DnsServer.available()).as(DnsServer.INSTALL_HINT).isTrue();
        dns = DnsServer.start();
        sink = SmtpSink.started();
    }

    /**
     * @param loopbackRelays true: mail from loopback on the MX port may relay (the outbound tests' sender); false: it
     *                       is mail from the world, verified on the way in
     */
    private HeraldProcess startHerald(boolean loopbackRelays) {
        return HeraldProcess.builder(work)
            .smarthost(sink)
            .editConf("smtpserver.xml", text -> loopbackRelays ? text.replaceFirst("<jmxName>mx</jmxName>",
                "<jmxName>mx</jmxName><authorizedAddresses>127.0.0.0/8</authorizedAddresses>") : text)
            .editConf("dns.xml", text -> "<dns timeout=\"1s\" retries=\"0\"><resolver address=\"127.0.0.1\" port=\""
                + dns.port() + "\"/></dns>")
            .editConf("dkim.xml", text -> "<dkim><keys dnsCheckInterval=\"1s\"/>"
                + "<verification authservId=\"mx.herald.test\"/></dkim>")
            .start();
    }

    @AfterEach
    void stopPeers() {
        if (herald != null) {
            herald.close();
        }
        if (sink != null) {
            sink.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    /** Publishes what GET /dkim/domains/{domain}/dns says to publish, string by string, in the DNS server. */
    private void publishWhatHeraldPrints() throws Exception {
        for (JsonNode record : json(herald.get("/dkim/domains/" + DOMAIN + "/dns"), 200)) {
            if (!record.get("action").asText().equals("remove")) {
                List<String> strings = new ArrayList<>();
                record.get("strings").forEach(string -> strings.add(string.asText()));
                dns.putTxt(record.get("name").asText(), strings.toArray(String[]::new));
            }
        }
    }

    private List<String> selectorsIn(String state) throws Exception {
        List<String> selectors = new ArrayList<>();
        for (JsonNode key : json(herald.get("/dkim/domains/" + DOMAIN + "/keys"), 200)) {
            if (key.get("state").asText().equals(state)) {
                selectors.add(key.get("selector").asText());
            }
        }
        return selectors;
    }

    private void awaitActive(int count) {
        Awaitility.await(count + " active selectors").atMost(Duration.ofSeconds(30))
            .until(() -> selectorsIn("active").size() == count);
    }

    private String sendAndReceive(String subject) {
        byte[] message = ("From: alice@" + DOMAIN + "\r\nTo: bob@remote.example\r\nSubject: " + subject
            + "\r\n\r\nbody of " + subject + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(RawMail.send(herald.mxPort(), "alice@" + DOMAIN, List.of("bob@remote.example"), message)).startsWith("250");
        Awaitility.await(subject + " at the sink").atMost(Duration.ofSeconds(30))
            .until(() -> sink.dumps().stream().anyMatch(dump -> dump.contains("Subject: " + subject)));
        return sink.dumps().stream().filter(dump -> dump.contains("Subject: " + subject)).findFirst().orElseThrow();
    }

    /**
     * Submits over port 587 with AUTH as {@code user} (MAIL FROM too, as Herald requires), From: {@code from}, and returns
     * what the sink received.
     */
    private String submitAndReceive(String user, String password, String from, String subject) throws Exception {
        try (SubmissionClient client = SubmissionClient.connect(herald.submissionPort(), user, password)) {
            javax.mail.internet.MimeMessage message = client.newMessage(user);
            message.setFrom(from);
            message.setRecipients(javax.mail.Message.RecipientType.TO, "bob@remote.example");
            message.setSubject(subject);
            message.setText("body of " + subject);
            client.send(message);
        }
        Awaitility.await(subject + " at the sink").atMost(Duration.ofSeconds(30))
            .until(() -> sink.dumps().stream().anyMatch(dump -> dump.contains("Subject: " + subject)));
        return sink.dumps().stream().filter(dump -> dump.contains("Subject: " + subject)).findFirst().orElseThrow();
    }

    private static long signatures(String dump) {
        return Pattern.compile("(?mi)^DKIM-Signature:").matcher(dump).results().count();
    }

    @Test
    void aPendingSelectorSignsNothingUntilItsRecordIsServedAndTheCorpusThenVerifiesWithDkimpyAndOpenDkim() throws Exception {
        assumeThat(DkimPy.available()).as(DkimPy.INSTALL_HINT).isTrue();
        assumeThat(OpenDkim.available()).as(OpenDkim.INSTALL_HINT).isTrue();
        herald = startHerald(true);
        JsonNode created = json(herald.post("/dkim/domains/" + DOMAIN + "/keys", ""), 201);
        assertThat(created).hasSize(2);
        assertThat(created.toString()).doesNotContainIgnoringCase("private").doesNotContain("BEGIN");
        String rsa = created.get(0).get("selector").asText();
        assertThat(rsa).matches("h\\d{6}r");

        assertThat(signatures(sendAndReceive("before publication"))).isZero();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> herald.metric("herald_dkim_unsigned_total") >= 1);

        // A wrong key at the RSA selector: activation is refused with the reason, and the key stays pending.
        try (DkimPy dkimpy = DkimPy.create()) {
            dns.putTxt(rsa + "._domainkey." + DOMAIN, dkimpy.generateKey(DkimPy.RSA_SHA256).dnsTxtStrings());
        }
        HttpResponse<String> refused = herald.post("/dkim/domains/" + DOMAIN + "/keys/" + rsa + "/activate", "");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("stays pending").contains("another key");
        assertThat(json(herald.get("/dkim/domains/" + DOMAIN + "/keys/" + rsa), 200).get("dnsCheck").get("result").asText())
            .isEqualTo("wrong-key");
        assertThat(signatures(sendAndReceive("wrong key published"))).isZero();

        publishWhatHeraldPrints();
        awaitActive(2);

        List<DkimCorpus.Sample> corpus = DkimCorpus.messages(DOMAIN);
        for (DkimCorpus.Sample sample : corpus) {
            assertThat(RawMail.send(herald.mxPort(), "alice@" + DOMAIN, sample.recipients(), sample.message()))
                .as(sample.description()).startsWith("250");
        }
        Awaitility.await("the corpus at the sink").atMost(Duration.ofSeconds(90))
            .until(() -> sink.dumps().stream().filter(dump -> CORPUS.matcher(dump).find()).count() == corpus.size());

        List<String> failures = new ArrayList<>();
        try (DkimPy dkimpy = DkimPy.create(); OpenDkim opendkim = OpenDkim.create()) {
            for (String dump : sink.dumps()) {
                Matcher number = CORPUS.matcher(dump);
                if (!number.find()) {
                    continue;
                }
                String description = corpus.get(Integer.parseInt(number.group(1)) - 1).description();
                byte[] received = RawMail.crlf(dump);
                assertThat(signatures(dump)).as(description).isEqualTo(2);
                DkimVerifyResult byDkimpy = dkimpy.verify(received, dns);
                DkimVerifyResult byOpenDkim = opendkim.verify(received, dns);
                for (DkimVerifyResult result : List.of(byDkimpy, byOpenDkim)) {
                    if (result.signatures().size() != 2 || !result.allPassed()) {
                        failures.add(description + ": " + result);
                    }
                }
                assertThat(byDkimpy.signatures()).extracting(DkimVerifyResult.Signature::algorithm)
                    .containsExactlyInAnyOrder("rsa-sha256", "ed25519-sha256");
            }
        }
        assertThat(failures).as("messages an independent verifier rejected").isEmpty();
        assertThat(herald.metric("herald_dkim_signatures_rsa_sha256_total")).isGreaterThanOrEqualTo(corpus.size());
        assertThat(herald.metric("herald_dkim_signatures_ed25519_sha256_total")).isGreaterThanOrEqualTo(corpus.size());
    }

    @Test
    void mailSignedBeforeAndAfterARotationVerifiesDuringTheOverlapAndKeysSurviveARestart() throws Exception {
        assumeThat(DkimPy.available()).as(DkimPy.INSTALL_HINT).isTrue();
        herald = startHerald(true);
        json(herald.post("/dkim/domains/" + DOMAIN + "/keys", ""), 201);
        publishWhatHeraldPrints();
        awaitActive(2);
        List<String> first = selectorsIn("active");
        String before = sendAndReceive("before rotation");

        JsonNode next = json(herald.post("/dkim/domains/" + DOMAIN + "/rotate", ""), 201);
        assertThat(next).hasSize(2);
        String during = sendAndReceive("rotation pending");
        assertThat(during).contains("s=" + first.get(0)).contains("s=" + first.get(1));

        // Signed, then kept in the outgoing queue across a restart (the signatures in its envelope, the body shared
        // with the spool), then relayed: the signatures must still verify.
        sink.stop();
        byte[] queuedMessage = ("From: alice@" + DOMAIN + "\r\nTo: bob@remote.example\r\nSubject: signed then queued"
            + "\r\n\r\nbody of a queued mail\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(RawMail.send(herald.mxPort(), "alice@" + DOMAIN, List.of("bob@remote.example"), queuedMessage)).startsWith("250");
        Awaitility.await("the mail waiting in the outgoing queue").atMost(Duration.ofSeconds(30))
            .until(() -> herald.metric("herald_queue_depth_outgoing") == 1);
        herald.stop();
        herald.start();
        sink.start();
        Awaitility.await("the queued mail at the sink").atMost(Duration.ofSeconds(60))
            .until(() -> sink.dumps().stream().anyMatch(dump -> dump.contains("Subject: signed then queued")));
        String queued = sink.dumps().stream().filter(dump -> dump.contains("Subject: signed then queued")).findFirst().orElseThrow();
        assertThat(selectorsIn("active")).containsExactlyInAnyOrderElementsOf(first);
        assertThat(selectorsIn("pending")).hasSize(2);

        publishWhatHeraldPrints();
        Awaitility.await("the new keys active").atMost(Duration.ofSeconds(30))
            .until(() -> selectorsIn("retiring").containsAll(first) && selectorsIn("active").size() == 2);
        String after = sendAndReceive("after rotation");
        assertThat(after).doesNotContain("s=" + first.get(0) + ";").doesNotContain("s=" + first.get(1) + ";");

        JsonNode records = json(herald.get("/dkim/domains/" + DOMAIN + "/dns"), 200);
        assertThat(records).hasSize(4);
        for (JsonNode record : records) {
            if (first.contains(record.get("selector").asText())) {
                assertThat(record.get("action").asText()).isEqualTo("keep");
                assertThat(record.get("keepUntil").isNull()).isFalse();
            }
        }
        try (DkimPy dkimpy = DkimPy.create()) {
            for (String dump : List.of(before, during, queued, after)) {
                DkimVerifyResult result = dkimpy.verify(RawMail.crlf(dump), dns);
                assertThat(result.allPassed()).as(result.toString()).isTrue();
                assertThat(result.signatures()).hasSize(2);
            }
        }
    }

    @Test
    void heraldVerifiesWhatDkimpySignedAndRecordsItInAuthenticationResults() throws Exception {
        assumeThat(DkimPy.available()).as(DkimPy.INSTALL_HINT).isTrue();
        herald = startHerald(false);
        herald.addUser("carol@" + DOMAIN, "secret-password");
        dns.putTxt("sender.example", "v=spf1 ip4:127.0.0.1 -all");
        dns.putTxt("forged.example", "v=spf1 ip4:192.0.2.1 -all");
        try (DkimPy dkimpy = DkimPy.create()) {
            DkimPy.KeyPair rsa = dkimpy.generateKey(DkimPy.RSA_SHA256);
            DkimPy.KeyPair ed = dkimpy.generateKey(DkimPy.ED25519_SHA256);
            dns.putTxt("rsa1._domainkey.sender.example", rsa.dnsTxtStrings());
            dns.putTxt("ed1._domainkey.sender.example", ed.dnsTxtStrings());

            byte[] message = ("From: dave@sender.example\r\nTo: carol@" + DOMAIN + "\r\nSubject: signed twice\r\n"
                + "Date: Tue, 24 Nov 2026 10:00:00 +0000\r\nMessage-ID: <signed-twice@sender.example>\r\n\r\nHello Carol.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
            byte[] signed = dkimpy.sign(dkimpy.sign(message, "sender.example", "rsa1", rsa.privateKey(), DkimPy.RSA_SHA256),
                "sender.example", "ed1", ed.privateKey(), DkimPy.ED25519_SHA256);
            String good = new String(signed, StandardCharsets.ISO_8859_1);
            // A forged Authentication-Results claiming Herald's own id must not survive.
            String forgedHeader = "Authentication-Results: mx.herald.test; dkim=pass header.d=paypal.example\r\n";
            String tampered = good.replace("Hello Carol.", "Hello Carol, send money.");

            assertThat(RawMail.send(herald.mxPort(), "dave@sender.example", List.of("carol@" + DOMAIN),
                (forgedHeader + good).getBytes(StandardCharsets.ISO_8859_1))).startsWith("250");
            assertThat(RawMail.send(herald.mxPort(), "dave@forged.example", List.of("carol@" + DOMAIN),
                tampered.getBytes(StandardCharsets.ISO_8859_1))).startsWith("250");
        }

        String passed = inboxHeaders("signed twice", "Hello Carol.");
        String failed = inboxHeaders("signed twice", "send money");
        assertThat(passed).doesNotContain("paypal.example");
        assertThat(passed).contains("mx.herald.test;")
            .containsPattern("dkim=pass[^;]*header.d=sender.example[^;]*header.s=rsa1[^;]*header.a=rsa-sha256")
            .containsPattern("dkim=pass[^;]*header.d=sender.example[^;]*header.s=ed1[^;]*header.a=ed25519-sha256")
            .containsPattern("spf=pass smtp.mailfrom=dave@sender.example");
        assertThat(failed).containsPattern("dkim=fail reason=\\\\?\"body hash")
            .doesNotContainPattern("dkim=pass")
            .containsPattern("spf=fail smtp.mailfrom=dave@forged.example");
        assertThat(herald.metric("herald_dkim_verified_pass_total")).isGreaterThanOrEqualTo(2);
        assertThat(herald.metric("herald_dkim_verified_fail_total")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void keysAreImportedAndRefusedOverWebAdminWithJamesErrorShapes() throws Exception {
        assumeThat(DkimPy.available()).as(DkimPy.INSTALL_HINT).isTrue();
        herald = startHerald(true);
        try (DkimPy dkimpy = DkimPy.create()) {
            DkimPy.KeyPair existing = dkimpy.generateKey(DkimPy.RSA_SHA256);
            String pem = new String(existing.privateKeyPem(), StandardCharsets.US_ASCII);
            JsonNode imported = json(herald.post("/dkim/domains/" + DOMAIN + "/keys",
                JSON.writeValueAsString(java.util.Map.of("privateKey", pem, "selector", "legacy2019"))), 201);
            assertThat(imported.get(0).get("selector").asText()).isEqualTo("legacy2019");
            assertThat(imported.get(0).get("origin").asText()).isEqualTo("imported");
            JsonNode record = json(herald.get("/dkim/domains/" + DOMAIN + "/dns"), 200).get(0);
            assertThat(record.get("value").asText()).endsWith("p=" + existing.publicKeyBase64());

            dns.putTxt("legacy2019._domainkey." + DOMAIN, existing.dnsTxtStrings());
            assertThat(json(herald.post("/dkim/domains/" + DOMAIN + "/keys/legacy2019/activate", ""), 200)
                .get("state").asText()).isEqualTo("active");
            String signed = sendAndReceive("signed with the imported key");
            assertThat(signed).contains("s=legacy2019");
            assertThat(dkimpy.verify(RawMail.crlf(signed), dns).allPassed()).isTrue();
        }

        // Authenticated users get Herald's signature for their own domain only.
        herald.addUser("alice@" + DOMAIN, "a-password-for-alice");
        herald.addUser("mallory@elsewhere.test", "a-password-for-mallory");
        assertThat(submitAndReceive("alice@" + DOMAIN, "a-password-for-alice", "alice@" + DOMAIN, "alice's own"))
            .containsPattern("(?m)^DKIM-Signature: .*d=" + DOMAIN.replace(".", "\\.") + ";");
        assertThat(submitAndReceive("mallory@elsewhere.test", "a-password-for-mallory", "ceo@" + DOMAIN, "mallory as the ceo"))
            .doesNotContain("DKIM-Signature");
        assertThat(herald.metric("herald_dkim_refused_foreign_domain_total")).isEqualTo(1);

        JsonNode badAlgorithm = json(herald.post("/dkim/domains/" + DOMAIN + "/keys", "{\"algorithms\":[\"rsa-sha1\"]}"), 400);
        assertThat(badAlgorithm.get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(badAlgorithm.get("message").asText()).contains("rsa-sha1");
        assertThat(json(herald.post("/dkim/domains/" + DOMAIN + "/keys", "{\"algorithm\":[]}"), 400).get("message").asText())
            .contains("algorithm");
        assertThat(json(herald.post("/dkim/domains/" + DOMAIN + "/keys", "{\"privateKey\":\"not a key\"}"), 400)
            .get("message").asText()).contains("No PEM private key");
        assertThat(json(herald.get("/dkim/domains/" + DOMAIN + "/keys/nosuch"), 404).get("type").asText()).isEqualTo("notFound");
        assertThat(json(herald.post("/dkim/domains/localhost/keys", ""), 400).get("message").asText()).contains("not a domain name");
        assertThat(json(herald.delete("/dkim/domains/" + DOMAIN + "/keys/legacy2019"), 409).get("message").asText())
            .contains("is active");

        JsonNode pending = json(herald.post("/dkim/domains/" + DOMAIN + "/keys", "{\"algorithms\":[\"ed25519-sha256\"]}"), 201);
        String selector = pending.get(0).get("selector").asText();
        assertThat(herald.delete("/dkim/domains/" + DOMAIN + "/keys/" + selector).statusCode()).isEqualTo(204);
        assertThat(herald.get("/dkim/domains/" + DOMAIN + "/keys/" + selector).statusCode()).isEqualTo(404);
        assertThat(herald.get("/metrics").body()).contains("herald_dkim_signing");
    }

    /** The Authentication-Results of the inbox mail whose body contains {@code bodyText}, as WebAdmin shows it. */
    private String inboxHeaders(String subject, String bodyText) {
        String inbox = "/mailRepositories/var%2Fmail%2Finbox/mails";
        Optional<String>[] found = new Optional[]{Optional.empty()};
        Awaitility.await("'" + bodyText + "' in the inbox").atMost(Duration.ofSeconds(30)).until(() -> {
            if (herald.get(inbox).statusCode() != 200) {
                return false;
            }
            for (String key : MailFlowIntegrationTest.mailKeys(herald.get(inbox).body())) {
                String mail = herald.get(inbox + "/" + key + "?additionalFields=headers,textBody").body();
                if (mail.contains(subject) && mail.contains(bodyText)) {
                    found[0] = Optional.of(mail);
                    return true;
                }
            }
            return false;
        });
        return found[0].orElseThrow();
    }
}
