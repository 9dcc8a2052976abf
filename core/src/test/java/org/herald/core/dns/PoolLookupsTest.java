package org.herald.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.herald.core.spf.SpfResult;
import org.herald.core.spf.SpfVerifier;
import org.herald.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** TXT, PTR and the dnsjava Resolver view, each over a pool of fake resolvers. */
class PoolLookupsTest {
    private static final Name SELECTOR = FakeResolver.name("h202611r._domainkey.herald.test.");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final FakeResolver resolver = new FakeResolver(clock);
    private final ResolverPool pool = new ResolverPool(List.of(new ResolverPool.Upstream("10.0.0.1:53", resolver)),
        DnsConfiguration.DEFAULT, clock, transition -> { });

    @Test
    void txtGivesTheStringsAsPublishedAndTellsNoRecordFromFailure() {
        resolver.add(new TXTRecord(SELECTOR, DClass.IN, 300, List.of("v=DKIM1; k=rsa; p=MIIB", "IjANBg")));
        DnsJavaTxtLookup txt = new DnsJavaTxtLookup(pool, CachePolicy.USE);

        assertThat(txt.txt("h202611r._domainkey.herald.test")).isEqualTo(new TxtAnswer.Records(
            List.of(TxtRecord.of("v=DKIM1; k=rsa; p=MIIB", "IjANBg"))));
        assertThat(txt.txt("missing.herald.test")).isInstanceOf(TxtAnswer.NoRecord.class)
            .extracting(answer -> ((TxtAnswer.NoRecord) answer).detail()).asString().startsWith("NXDOMAIN");
        resolver.add(new PTRRecord(FakeResolver.name("other.herald.test."), DClass.IN, 300, SELECTOR));
        assertThat(txt.txt("other.herald.test")).isEqualTo(new TxtAnswer.NoRecord("other.herald.test", "the name has no TXT record"));
        assertThat(txt.txt("bad..name")).isInstanceOf(TxtAnswer.NoRecord.class);

        resolver.mode(FakeResolver.Mode.SERVFAIL);
        assertThat(txt.txt("uncached.herald.test")).isInstanceOf(TxtAnswer.Failure.class)
            .extracting(answer -> ((TxtAnswer.Failure) answer).detail()).asString().contains("answered SERVFAIL");
    }

    @Test
    void theKeyPreCheckSeesARecordTheMomentItIsPublishedDespiteACachedNxdomain() {
        DnsJavaTxtLookup verification = new DnsJavaTxtLookup(pool, CachePolicy.USE);
        DnsJavaTxtLookup preCheck = new DnsJavaTxtLookup(pool, CachePolicy.BYPASS);
        assertThat(verification.txt("h202611r._domainkey.herald.test")).isInstanceOf(TxtAnswer.NoRecord.class);

        resolver.add(new TXTRecord(SELECTOR, DClass.IN, 300, "v=DKIM1; p=abc"));

        assertThat(preCheck.txt("h202611r._domainkey.herald.test")).isInstanceOf(TxtAnswer.Records.class);
    }

    @Test
    void ptrGivesLowerCaseNamesWithoutTheDotAndThrowsWhenDnsDoesNotAnswer() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.7");
        resolver.add(new PTRRecord(ReverseMap.fromAddress(client), DClass.IN, 300, FakeResolver.name("Mail.Example.TEST.")));
        DnsJavaPtrLookup ptr = new DnsJavaPtrLookup(pool);

        assertThat(ptr.hostNames(client)).containsExactly("mail.example.test");
        assertThat(ptr.hostNames(InetAddress.getByName("192.0.2.8"))).isEmpty();

        resolver.mode(FakeResolver.Mode.TIMEOUT);
        assertThatThrownBy(() -> ptr.hostNames(InetAddress.getByName("192.0.2.9")))
            .isInstanceOf(DnsLookupException.class).hasMessageContaining("no answer within 3s");
    }

    @Test
    void dnsjavaLookupRunsThroughThePoolAsAResolver() {
        resolver.add(new TXTRecord(SELECTOR, DClass.IN, 300, "v=DKIM1; p=abc"));
        PoolResolver asResolver = new PoolResolver(pool, Duration.ofSeconds(10));

        Lookup found = new Lookup(SELECTOR, Type.TXT);
        found.setResolver(asResolver);
        found.setCache(null);
        Record[] records = found.run();
        assertThat(found.getResult()).isEqualTo(Lookup.SUCCESSFUL);
        assertThat(records).hasSize(1);

        Lookup missing = new Lookup(FakeResolver.name("missing.herald.test."), Type.TXT);
        missing.setResolver(asResolver);
        missing.setCache(null);
        missing.run();
        assertThat(missing.getResult()).isEqualTo(Lookup.HOST_NOT_FOUND);

        resolver.mode(FakeResolver.Mode.TIMEOUT);
        Lookup failing = new Lookup(FakeResolver.name("down.herald.test."), Type.TXT);
        failing.setResolver(asResolver);
        failing.setCache(null);
        failing.run();
        assertThat(failing.getResult()).isEqualTo(Lookup.TRY_AGAIN);
    }

    @Test
    void spfEvaluatesThroughThePool() {
        Name domain = FakeResolver.name("herald.test.");
        resolver.add(new TXTRecord(domain, DClass.IN, 300, "v=spf1 ip4:192.0.2.0/24 -all"));
        SpfVerifier spf = new SpfVerifier(new PoolResolver(pool, Duration.ofSeconds(10)));

        assertThat(spf.check("192.0.2.7", "alice@herald.test", "mail.herald.test").result()).isEqualTo(SpfResult.PASS);
        assertThat(spf.check("198.51.100.7", "alice@herald.test", "mail.herald.test").result()).isEqualTo(SpfResult.FAIL);
        assertThat(resolver.questions()).contains("herald.test/TXT");
    }
}
