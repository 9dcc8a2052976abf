package org.herald.testpeers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class DnsServerTest {
    private static DnsServer dns;

    @BeforeAll
    static void startServer() {
        Assumptions.assumeTrue(DnsServer.available(), DnsServer.INSTALL_HINT);
        dns = DnsServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (dns != null) {
            dns.close();
        }
    }

    private static Message query(DnsServer server, String name, int type, boolean tcp) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server.address());
        resolver.setPort(server.port());
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(3));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."),
            type, DClass.IN)));
    }

    private static Message query(String name, int type) throws IOException {
        return query(dns, name, type, false);
    }

    /** The character-strings of each TXT record in the answer, as exact bytes decoded as UTF-8. */
    private static List<List<String>> txtStrings(Message response) {
        List<List<String>> records = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt) {
                records.add(txt.getStringsAsByteArrays().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
            }
        }
        return records;
    }

    @Test
    void servesATxtRecordsStringsSeparatelyAndInOrderOverUdpAndTcp() throws Exception {
        String longString = "p=" + "A".repeat(253);
        String tricky = "quote \" backslash \\ semicolon; two  spaces, tab\t and ünïcode";
        dns.putTxt("h202611r._domainkey.example.test", "v=DKIM1; k=rsa; ", longString, tricky, "");

        for (boolean tcp : new boolean[] {false, true}) {
            Message response = query(dns, "h202611r._domainkey.example.test", Type.TXT, tcp);
            assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(response.getHeader().getFlag(Flags.AA)).as("an authoritative local answer").isTrue();
            assertThat(txtStrings(response)).containsExactly(List.of("v=DKIM1; k=rsa; ", longString, tricky, ""));
            assertThat(response.getSection(Section.ANSWER).get(0).getTTL()).isZero();
        }
    }

    @Test
    void aTwoThousandFortyEightBitKeySplitInto255CharacterStringsComesBackWhole() throws Exception {
        String key = "v=DKIM1; k=rsa; p=" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(9) + "IDAQAB";
        String[] strings = DnsServer.split(key, 255);
        assertThat(strings).hasSize(2);
        dns.putTxt("big._domainkey.example.test", strings);

        List<List<String>> answer = txtStrings(query("big._domainkey.example.test", Type.TXT));

        assertThat(answer).hasSize(1);
        assertThat(answer.get(0)).containsExactly(strings);
        assertThat(String.join("", answer.get(0))).isEqualTo(key);
    }

    @Test
    void putTxtReplacesTheEarlierTxtRecordAndKeepsOtherTypes() throws Exception {
        dns.putA("replace.example.test", "192.0.2.7");
        dns.putTxt("replace.example.test", "first");
        dns.putTxt("replace.example.test", "second", "part");

        assertThat(txtStrings(query("replace.example.test", Type.TXT))).containsExactly(List.of("second", "part"));
        assertThat(query("replace.example.test", Type.A).getSection(Section.ANSWER))
            .singleElement().satisfies(a -> assertThat(((ARecord) a).getAddress().getHostAddress()).isEqualTo("192.0.2.7"));
    }

    @Test
    void severalTxtRecordsAtOneNameWithPut() throws Exception {
        dns.put("multi.example.test", "TXT", DnsServer.txtRdata("v=spf1 -all"), DnsServer.txtRdata("other", "record"));

        assertThat(txtStrings(query("multi.example.test", Type.TXT)))
            .containsExactlyInAnyOrder(List.of("v=spf1 -all"), List.of("other", "record"));
    }

    @Test
    void removeTxtGivesNxdomainOrNodataWhenTheNameHasOtherRecords() throws Exception {
        dns.putTxt("gone._domainkey.example.test", "v=DKIM1; p=abc");
        assertThat(txtStrings(query("gone._domainkey.example.test", Type.TXT))).hasSize(1);

        dns.removeTxt("gone._domainkey.example.test");

        assertThat(query("gone._domainkey.example.test", Type.TXT).getRcode()).isEqualTo(Rcode.NXDOMAIN);

        dns.putA("both.example.test", "192.0.2.8");
        dns.putTxt("both.example.test", "text");
        dns.removeTxt("both.example.test");
        Message nodata = query("both.example.test", Type.TXT);
        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(query("both.example.test", Type.A).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void unknownNamesGetNxdomainAtOnceAndNothingIsForwarded() throws Exception {
        for (String name : List.of("nothing.example.test", "example.com", "www.google.com", "x.invalid", "foo.localhost")) {
            long start = System.nanoTime();
            Message response = query(name, Type.A);
            assertThat(response.getRcode()).as(name).isEqualTo(Rcode.NXDOMAIN);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(name).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aChangeIsVisibleToTheNextQuery() throws Exception {
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            dns.putTxt("changing.example.test", "version " + i);
            assertThat(txtStrings(query("changing.example.test", Type.TXT))).containsExactly(List.of("version " + i));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
        dns.removeTxt("changing.example.test");
        assertThat(query("changing.example.test", Type.TXT).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void servesAAaaaMxAndPtrRecords() throws Exception {
        dns.putA("mail.example.test", "192.0.2.25", "192.0.2.26");
        dns.putAaaa("mail.example.test", "2001:db8::25");
        dns.putMx("example.test", 10, "mail.example.test");
        dns.putPtr("192.0.2.25", "mail.example.test");
        dns.putPtr("2001:db8::25", "mail.example.test.");

        assertThat(query("mail.example.test", Type.A).getSection(Section.ANSWER))
            .map(record -> ((ARecord) record).getAddress().getHostAddress())
            .containsExactlyInAnyOrder("192.0.2.25", "192.0.2.26");
        assertThat(query("mail.example.test", Type.AAAA).getSection(Section.ANSWER))
            .map(record -> ((AAAARecord) record).getAddress())
            .containsExactly(InetAddress.getByName("2001:db8::25"));
        assertThat(query("example.test", Type.MX).getSection(Section.ANSWER)).singleElement().satisfies(record -> {
            assertThat(((MXRecord) record).getPriority()).isEqualTo(10);
            assertThat(((MXRecord) record).getTarget().toString()).isEqualTo("mail.example.test.");
        });
        assertThat(query("25.2.0.192.in-addr.arpa", Type.PTR).getSection(Section.ANSWER))
            .map(record -> ((PTRRecord) record).getTarget().toString())
            .containsExactly("mail.example.test.");
        assertThat(query(DnsServer.reverseName("2001:db8::25"), Type.PTR).getSection(Section.ANSWER))
            .map(record -> ((PTRRecord) record).getTarget().toString())
            .containsExactly("mail.example.test.");
        assertThat(DnsServer.reverseName("2001:db8::25"))
            .isEqualTo("5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.");
        assertThat(dns.queries()).contains(new DnsServer.Query("example.test.", "MX"));
    }

    @Test
    void rejectsWhatCannotBePublished() {
        assertThatThrownBy(() -> dns.putTxt("x.example.test", "a".repeat(256)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255");
        assertThatThrownBy(() -> dns.putTxt("x.example.test")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.putTxt("bad name.example.test", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.putA("x.example.test", "not-an-ip")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.put("x.example.test", "A", "999.1.1.1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeStopsTheProcessAndDeletesItsDirectory() throws Exception {
        DnsServer server = DnsServer.start();
        server.putTxt("alive.example.test", "yes");
        assertThat(txtStrings(query(server, "alive.example.test", Type.TXT, false))).containsExactly(List.of("yes"));
        Path directory = server.directory();
        int port = server.port();
        assertThat(server.isRunning()).isTrue();
        assertThat(FreePorts.isListening(port)).isTrue();

        server.close();

        assertThat(server.isRunning()).isFalse();
        assertThat(FreePorts.isListening(port)).isFalse();
        assertThat(Files.exists(directory)).isFalse();
        assertThatThrownBy(() -> query(server, "alive.example.test", Type.TXT, false)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> server.putTxt("alive.example.test", "no")).isInstanceOf(IllegalStateException.class);
    }
}
