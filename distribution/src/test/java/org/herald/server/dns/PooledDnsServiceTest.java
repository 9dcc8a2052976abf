package org.herald.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.herald.core.dns.DnsAnswer;
import org.herald.core.dns.DnsLookupException;
import org.herald.core.dns.RecordLookup;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;

class PooledDnsServiceTest {
    private final Map<String, List<Record>> records = new HashMap<>();
    private final List<String> failing = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private final RecordLookup dns = (name, type, policy) -> {
        String key = DnsAnswer.describe(name, type);
        asked.add(key);
        if (failing.contains(key)) {
            throw new DnsLookupException("no usable DNS answer for " + key + ": 127.0.0.1:53: no answer within 1s");
        }
        List<Record> found = records.getOrDefault(key, List.of());
        boolean exists = records.keySet().stream().anyMatch(known -> known.startsWith(name.toString(true) + "/"));
        return new DnsAnswer(name, type, !found.isEmpty() ? DnsAnswer.Kind.RECORDS : exists ? DnsAnswer.Kind.NO_DATA : DnsAnswer.Kind.NX_DOMAIN,
            found, List.of(), "127.0.0.1:53");
    };
    private final PooledDnsService service = new PooledDnsService(dns);

    private static Name name(String text) {
        return RecordLookup.absoluteName(text);
    }

    private void add(Record record) {
        records.computeIfAbsent(DnsAnswer.describe(record.getName(), record.getType()), key -> new ArrayList<>()).add(record);
    }

    private void a(String host, String address) throws Exception {
        add(new ARecord(name(host), DClass.IN, 300, InetAddress.getByName(address)));
    }

    @Test
    void mxHostsComeByPreference() throws Exception {
        add(new MXRecord(name("example.test"), DClass.IN, 300, 20, name("backup.example.test")));
        add(new MXRecord(name("example.test"), DClass.IN, 300, 10, name("mx1.example.test")));
        add(new MXRecord(name("example.test"), DClass.IN, 300, 10, name("mx2.example.test")));

        List<String> hosts = new ArrayList<>(service.findMXRecords("example.test"));

        assertThat(hosts.subList(0, 2)).containsExactlyInAnyOrder("mx1.example.test", "mx2.example.test");
        assertThat(hosts.get(2)).isEqualTo("backup.example.test");
    }

    @Test
    void aDomainWithoutMxButWithAnAddressIsItsOwnMailHost() throws Exception {
        a("plain.test", "192.0.2.10");

        assertThat(service.findMXRecords("plain.test")).containsExactly("plain.test");
        assertThat(service.findMXRecords("nowhere.test")).isEmpty();
    }

    @Test
    void aNullMxMeansNoMailHost() throws Exception {
        add(new MXRecord(name("nomail.test"), DClass.IN, 300, 0, Name.root));
        a("nomail.test", "192.0.2.10");

        assertThat(service.findMXRecords("nomail.test")).isEmpty();
    }

    @Test
    void aDnsFailureOfAnMxLookupIsTemporarySoDeliveryDefers() {
        failing.add("example.test/MX");

        assertThatThrownBy(() -> service.findMXRecords("example.test"))
            .isInstanceOf(TemporaryResolutionException.class)
            .hasMessageContaining("no answer within 1s");
    }

    @Test
    void addressesFromARecordsThenAaaaAndLiteralsWithoutDns() throws Exception {
        a("mx1.example.test", "192.0.2.1");
        a("mx1.example.test", "192.0.2.2");
        add(new AAAARecord(name("v6.example.test"), DClass.IN, 300, InetAddress.getByName("2001:db8::1")));

        assertThat(service.getAllByName("mx1.example.test")).extracting(InetAddress::getHostAddress)
            .containsExactly("192.0.2.1", "192.0.2.2");
        assertThat(service.getByName("v6.example.test").getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(service.getByName("192.0.2.77").getHostAddress()).isEqualTo("192.0.2.77");
        assertThat(service.getByName("localhost").isLoopbackAddress()).isTrue();
        assertThat(asked).doesNotContain("192.0.2.77/A", "localhost/A");
        assertThatThrownBy(() -> service.getByName("nowhere.test")).isInstanceOf(java.net.UnknownHostException.class);
        failing.add("down.test/A");
        assertThatThrownBy(() -> service.getByName("down.test")).isInstanceOf(java.net.UnknownHostException.class)
            .hasMessageContaining("no answer within 1s");
    }

    @Test
    void txtRecordsAndHostNames() throws Exception {
        add(new TXTRecord(name("example.test"), DClass.IN, 300, "v=spf1 -all"));
        InetAddress client = InetAddress.getByName("192.0.2.7");
        add(new PTRRecord(ReverseMap.fromAddress(client), DClass.IN, 300, name("Mail.Example.test")));

        assertThat(service.findTXTRecords("example.test")).containsExactly("\"v=spf1 -all\"");
        assertThat(service.getHostName(client)).isEqualTo("mail.example.test");
        assertThat(service.getHostName(InetAddress.getByName("192.0.2.8"))).isEqualTo("192.0.2.8");
    }
}
