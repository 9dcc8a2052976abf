package org.herald.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.herald.core.breaker.BreakerState;
import org.herald.core.breaker.BreakerTransition;
import org.herald.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class ResolverPoolTest {
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final Name HOST = FakeResolver.name("mx.herald.test.");
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final MutableClock clock = new MutableClock(START);
    private final List<BreakerTransition> transitions = new ArrayList<>();
    private final FakeResolver first = resolver();
    private final FakeResolver second = resolver();

    private FakeResolver resolver() {
        try {
            return new FakeResolver(clock).timeoutTakes(TIMEOUT)
                .add(new ARecord(HOST, DClass.IN, 60, InetAddress.getByName("192.0.2.25")));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static DnsConfiguration configuration(int retries, Duration lookupTimeout, int markDownAfter, DnsCacheSettings cache) {
        return new DnsConfiguration(List.of(), TIMEOUT, retries, lookupTimeout, cache,
            new ResolverHealthSettings(markDownAfter, Duration.ofSeconds(30), "."));
    }

    private ResolverPool pool(DnsConfiguration configuration, FakeResolver... resolvers) {
        List<ResolverPool.Upstream> upstreams = new ArrayList<>();
        for (int i = 0; i < resolvers.length; i++) {
            upstreams.add(new ResolverPool.Upstream("10.0.0." + (i + 1) + ":53", resolvers[i]));
        }
        return new ResolverPool(upstreams, configuration, clock, transitions::add);
    }

    /** No cache, so that every lookup reaches the resolvers. */
    private ResolverPool uncached(FakeResolver... resolvers) {
        return pool(configuration(0, Duration.ofSeconds(10), 3, new DnsCacheSettings(0, Duration.ofDays(1), Duration.ofMinutes(5))), resolvers);
    }

    private static ResolverStatus status(ResolverPool pool, int index) {
        return pool.resolvers().get(index);
    }

    @Test
    void theFirstResolverAnswersWhileItIsHealthy() {
        ResolverPool pool = uncached(first, second);

        DnsAnswer answer = pool.lookup(HOST, Type.A, CachePolicy.USE);
        pool.lookup(HOST, Type.A, CachePolicy.USE);

        assertThat(answer.kind()).isEqualTo(DnsAnswer.Kind.RECORDS);
        assertThat(answer.records(ARecord.class)).extracting(a -> a.getAddress().getHostAddress()).containsExactly("192.0.2.25");
        assertThat(answer.source()).isEqualTo("10.0.0.1:53");
        assertThat(first.queries()).isEqualTo(2);
        assertThat(second.queries()).isZero();
        assertThat(status(pool, 0).latencyAverageMillis()).isEqualTo(5.0);
    }

    @ParameterizedTest
    @EnumSource(value = FakeResolver.Mode.class, names = {"TIMEOUT", "SERVFAIL", "REFUSED", "UNREACHABLE"})
    void aResolverThatGivesNoUsableAnswerIsFollowedByTheNext(FakeResolver.Mode failure) {
        ResolverPool pool = uncached(first.mode(failure), second);

        DnsAnswer answer = pool.lookup(HOST, Type.A, CachePolicy.USE);

        assertThat(answer.source()).isEqualTo("10.0.0.2:53");
        assertThat(first.queries()).isEqualTo(1);
        ResolverStatus failed = status(pool, 0);
        assertThat(failed.failures()).isEqualTo(1);
        assertThat(failed.consecutiveFailures()).isEqualTo(1);
        assertThat(failed.lastError()).get().extracting(ResolverError::message).asString()
            .containsAnyOf("no answer within 3s", "answered SERVFAIL", "answered REFUSED", "port unreachable");
        assertThat(failed.lastError().get().at()).isAfterOrEqualTo(START);
    }

    @Test
    void nxdomainAndNodataAreAnswersNotFailures() {
        ResolverPool pool = uncached(first, second);

        assertThat(pool.lookup("nothing.herald.test", Type.A, CachePolicy.USE).kind()).isEqualTo(DnsAnswer.Kind.NX_DOMAIN);
        assertThat(pool.lookup(HOST, Type.MX, CachePolicy.USE).kind()).isEqualTo(DnsAnswer.Kind.NO_DATA);
        assertThat(second.queries()).isZero();
        assertThat(status(pool, 0).failures()).isZero();
    }

    @Test
    void aResolverThatFailedNTimesInARowIsMarkedDownWithTheReasonAndSkipped() {
        ResolverPool pool = uncached(first.mode(FakeResolver.Mode.TIMEOUT), second);

        for (int i = 0; i < 3; i++) {
            assertThat(pool.lookup(HOST, Type.A, CachePolicy.USE).source()).isEqualTo("10.0.0.2:53");
        }
        ResolverStatus down = status(pool, 0);
        assertThat(down.up()).isFalse();
        assertThat(down.state()).isEqualTo(BreakerState.OPEN);
        assertThat(down.reason()).contains("3 failed attempts in a row").contains("no answer within 3s");
        assertThat(down.downUntil()).contains(down.since().plus(Duration.ofSeconds(30)));
        assertThat(transitions).singleElement().satisfies(transition -> {
            assertThat(transition.dependency()).isEqualTo("DNS resolver 10.0.0.1:53");
            assertThat(transition.to()).isEqualTo(BreakerState.OPEN);
        });

        Instant before = clock.instant();
        pool.lookup(HOST, Type.A, CachePolicy.USE);
        assertThat(first.queries()).as("a down resolver is skipped").isEqualTo(3);
        assertThat(clock.instant()).as("no time lost on it").isEqualTo(before.plus(Duration.ofMillis(5)));
        assertThat(status(pool, 1).up()).isTrue();
    }

    @Test
    void aResolverThatFailedOnceIsStillAskedFirstSoThatOneLostPacketDoesNotDemoteItForGood() {
        ResolverPool pool = uncached(first.mode(FakeResolver.Mode.TIMEOUT), second);
        pool.lookup(HOST, Type.A, CachePolicy.USE);
        first.mode(FakeResolver.Mode.ANSWER);

        assertThat(pool.lookup(HOST, Type.A, CachePolicy.USE).source()).isEqualTo("10.0.0.1:53");
        assertThat(status(pool, 0).consecutiveFailures()).isZero();
    }

    @Test
    void latencyIsMeasuredButTheConfiguredOrderHolds() {
        ResolverPool pool = uncached(first.latency(Duration.ofMillis(300)), second.latency(Duration.ofMillis(4)));

        for (int i = 0; i < 3; i++) {
            assertThat(pool.lookup(HOST, Type.A, CachePolicy.USE).source()).isEqualTo("10.0.0.1:53");
        }
        assertThat(status(pool, 0).latencyAverageMillis()).isEqualTo(300.0);
        assertThat(second.queries()).isZero();
    }

    @Test
    void servfailMovesOnButDoesNotMarkAResolverDown() {
        ResolverPool pool = uncached(first.mode(FakeResolver.Mode.SERVFAIL), second);

        for (int i = 0; i < 5; i++) {
            pool.lookup(HOST, Type.A, CachePolicy.USE);
        }

        assertThat(status(pool, 0).up()).isTrue();
        assertThat(status(pool, 0).consecutiveFailures()).isEqualTo(5);
        assertThat(status(pool, 0).lastError().get().message()).isEqualTo("answered SERVFAIL");
        assertThat(second.queries()).isEqualTo(5);
    }

    @Test
    void whenNoResolverAnswersTheLookupFailsNamingEachResolverAndWhatWentWrong() {
        ResolverPool pool = uncached(first.mode(FakeResolver.Mode.TIMEOUT), second.mode(FakeResolver.Mode.SERVFAIL));

        assertThatThrownBy(() -> pool.lookup(HOST, Type.A, CachePolicy.USE))
            .isInstanceOf(DnsLookupException.class)
            .hasMessage("no usable DNS answer for mx.herald.test/A: 10.0.0.1:53: no answer within 3s; 10.0.0.2:53: answered SERVFAIL");
    }

    @Test
    void retriesAskAgainOnlyTheResolversThatDidNotAnswerAtAll() {
        ResolverPool pool = pool(configuration(2, Duration.ofSeconds(30), 5, DnsCacheSettings.DEFAULT),
            first.mode(FakeResolver.Mode.TIMEOUT), second.mode(FakeResolver.Mode.SERVFAIL));

        assertThatThrownBy(() -> pool.lookup(HOST, Type.A, CachePolicy.USE)).isInstanceOf(DnsLookupException.class);

        assertThat(first.queries()).isEqualTo(3);
        assertThat(second.queries()).isEqualTo(1);
    }

    @Test
    void theLookupBudgetStopsFailoverWhenSpent() {
        FakeResolver third = resolver();
        ResolverPool pool = pool(configuration(0, Duration.ofSeconds(6), 5, DnsCacheSettings.DEFAULT),
            first.mode(FakeResolver.Mode.TIMEOUT), second.mode(FakeResolver.Mode.TIMEOUT), third);

        assertThatThrownBy(() -> pool.lookup(HOST, Type.A, CachePolicy.USE))
            .isInstanceOf(DnsLookupException.class)
            .hasMessageContaining("lookup budget of 6s spent");
        assertThat(third.queries()).isZero();
    }

    @Test
    void aResolverThatNeverAnswersIsLeftAfterTheTimeoutInRealTime() {
        DnsConfiguration configuration = new DnsConfiguration(List.of(), Duration.ofMillis(50), 0, Duration.ofSeconds(1),
            DnsCacheSettings.DEFAULT, ResolverHealthSettings.DEFAULT);
        ResolverPool pool = pool(configuration, first.mode(FakeResolver.Mode.HANG), second);

        assertThat(pool.lookup(HOST, Type.A, CachePolicy.USE).source()).isEqualTo("10.0.0.2:53");
        assertThat(status(pool, 0).lastError().get().message()).isEqualTo("no answer within 50ms");
    }

    @Test
    void aDownResolverIsProbedAfterTheRecoveryIntervalAndComesBackWhenItAnswers() {
        ResolverPool pool = uncached(first.mode(FakeResolver.Mode.TIMEOUT), second);
        for (int i = 0; i < 3; i++) {
            pool.lookup(HOST, Type.A, CachePolicy.USE);
        }
        assertThat(status(pool, 0).up()).isFalse();

        clock.advance(Duration.ofSeconds(29));
        pool.recoveryCheck();
        assertThat(first.queries()).as("not yet due").isEqualTo(3);

        clock.advance(Duration.ofSeconds(1));
        pool.recoveryCheck();
        assertThat(first.questions()).last().isEqualTo("./NS");
        assertThat(status(pool, 0).state()).isEqualTo(BreakerState.OPEN);
        assertThat(status(pool, 0).reason()).startsWith("probe failed: recovery query ./NS: no answer within 3s");

        first.mode(FakeResolver.Mode.ANSWER);
        clock.advance(Duration.ofSeconds(29));
        pool.recoveryCheck();
        assertThat(status(pool, 0).up()).isFalse();
        clock.advance(Duration.ofSeconds(5));
        pool.recoveryCheck();

        ResolverStatus back = status(pool, 0);
        assertThat(back.up()).isTrue();
        assertThat(back.reason()).isEqualTo("probe succeeded");
        assertThat(back.consecutiveFailures()).isZero();
        assertThat(transitions).extracting(BreakerTransition::to)
            .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
        assertThat(pool.lookup(HOST, Type.A, CachePolicy.USE).source()).isEqualTo("10.0.0.1:53");
    }

    @Test
    void whenEveryResolverIsDownALookupStillAsksThemWithoutBringingThemBack() {
        ResolverPool pool = uncached(first.mode(FakeResolver.Mode.UNREACHABLE), second.mode(FakeResolver.Mode.UNREACHABLE));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> pool.lookup(HOST, Type.A, CachePolicy.USE)).isInstanceOf(DnsLookupException.class);
        }
        assertThat(pool.resolvers()).noneMatch(ResolverStatus::up);

        assertThatThrownBy(() -> pool.lookup(HOST, Type.A, CachePolicy.USE))
            .hasMessageContaining("every resolver is marked down").hasMessageContaining("10.0.0.1:53 (down): port unreachable");
        second.mode(FakeResolver.Mode.ANSWER);
        assertThat(pool.lookup(HOST, Type.A, CachePolicy.USE).source()).isEqualTo("10.0.0.2:53");
        assertThat(status(pool, 1).up()).as("only a recovery check brings it back").isFalse();
    }

    @Test
    void answersAreCachedForTheirTtlWithTheTtlCountingDown() {
        ResolverPool pool = pool(configuration(0, Duration.ofSeconds(10), 3, DnsCacheSettings.DEFAULT), first);
        pool.lookup(HOST, Type.A, CachePolicy.USE);

        clock.advance(Duration.ofSeconds(20));
        DnsAnswer cached = pool.lookup(HOST, Type.A, CachePolicy.USE);
        assertThat(cached.fromCache()).isTrue();
        assertThat(cached.records().get(0).getTTL()).isEqualTo(40);
        assertThat(first.queries()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(40));
        assertThat(pool.lookup(HOST, Type.A, CachePolicy.USE).fromCache()).isFalse();
        assertThat(first.queries()).isEqualTo(2);
        assertThat(pool.cacheStats()).isEqualTo(new DnsCacheStats(1, DnsCacheSettings.DEFAULT_MAX_ENTRIES, 1, 2, 0));
    }

    @Test
    void negativeAnswersAreCachedForTheSoaMinimumCappedByMaxNegativeTtl() {
        ResolverPool pool = pool(configuration(0, Duration.ofSeconds(10), 3,
            new DnsCacheSettings(100, Duration.ofDays(1), Duration.ofSeconds(60))), first.negativeTtl(300));
        Name missing = FakeResolver.name("k1._domainkey.herald.test.");

        assertThat(pool.lookup(missing, Type.TXT, CachePolicy.USE).kind()).isEqualTo(DnsAnswer.Kind.NX_DOMAIN);
        clock.advance(Duration.ofSeconds(59));
        assertThat(pool.lookup(missing, Type.TXT, CachePolicy.USE).fromCache()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(pool.lookup(missing, Type.TXT, CachePolicy.USE).fromCache()).as("capped at 60s").isFalse();

        first.negativeTtl(10);
        pool.clearCache();
        assertThat(pool.lookup(HOST, Type.TXT, CachePolicy.USE).kind()).isEqualTo(DnsAnswer.Kind.NO_DATA);
        clock.advance(Duration.ofSeconds(9));
        assertThat(pool.lookup(HOST, Type.TXT, CachePolicy.USE).fromCache()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(pool.lookup(HOST, Type.TXT, CachePolicy.USE).fromCache()).as("the SOA minimum").isFalse();
    }

    @Test
    void bypassAlwaysAsksAndRefreshesTheCache() {
        Name selector = FakeResolver.name("k1._domainkey.herald.test.");
        ResolverPool pool = pool(configuration(0, Duration.ofSeconds(10), 3, DnsCacheSettings.DEFAULT), first);
        assertThat(pool.lookup(selector, Type.TXT, CachePolicy.USE).kind()).isEqualTo(DnsAnswer.Kind.NX_DOMAIN);

        first.add(new TXTRecord(selector, DClass.IN, 300, "v=DKIM1; p=abc"));
        assertThat(pool.lookup(selector, Type.TXT, CachePolicy.USE).kind()).as("still the cached NXDOMAIN").isEqualTo(DnsAnswer.Kind.NX_DOMAIN);
        assertThat(pool.lookup(selector, Type.TXT, CachePolicy.BYPASS).kind()).isEqualTo(DnsAnswer.Kind.RECORDS);
        assertThat(pool.lookup(selector, Type.TXT, CachePolicy.USE).kind()).isEqualTo(DnsAnswer.Kind.RECORDS);
        assertThat(first.queries()).isEqualTo(2);
    }

    @Test
    void aZeroTtlIsNeverCachedAndANegativeAnswerWithoutSoaNeither() {
        Name zero = FakeResolver.name("zero.herald.test.");
        first.add(new TXTRecord(zero, DClass.IN, 0, "changes often"));
        ResolverPool pool = pool(configuration(0, Duration.ofSeconds(10), 3, DnsCacheSettings.DEFAULT), first);

        pool.lookup(zero, Type.TXT, CachePolicy.USE);
        pool.lookup(zero, Type.TXT, CachePolicy.USE);

        assertThat(first.queries()).isEqualTo(2);
        DnsCache cache = new DnsCache(DnsCacheSettings.DEFAULT, clock);
        cache.put(new DnsAnswer(zero, Type.A, DnsAnswer.Kind.NX_DOMAIN, List.of(), List.of(), "10.0.0.1:53"));
        assertThat(cache.stats().size()).isZero();
    }

    @Test
    void theCacheDropsTheLeastRecentlyUsedAnswerWhenFull() throws Exception {
        DnsCache cache = new DnsCache(new DnsCacheSettings(2, Duration.ofDays(1), Duration.ofMinutes(5)), clock);
        for (String host : List.of("a", "b", "c")) {
            Name name = FakeResolver.name(host + ".herald.test.");
            cache.put(new DnsAnswer(name, Type.A, DnsAnswer.Kind.RECORDS,
                List.of(new ARecord(name, DClass.IN, 60, InetAddress.getByName("192.0.2.1"))), List.of(), "10.0.0.1:53"));
            if (host.equals("b")) {
                assertThat(cache.get(FakeResolver.name("a.herald.test."), Type.A)).isPresent();
            }
        }
        assertThat(cache.get(FakeResolver.name("a.herald.test."), Type.A)).isPresent();
        assertThat(cache.get(FakeResolver.name("b.herald.test."), Type.A)).isEmpty();
        assertThat(cache.stats().evictions()).isEqualTo(1);
    }

    @Test
    void theCacheIsKeyedCaseInsensitively() {
        ResolverPool pool = pool(configuration(0, Duration.ofSeconds(10), 3, DnsCacheSettings.DEFAULT), first);
        pool.lookup(HOST, Type.A, CachePolicy.USE);

        assertThat(pool.lookup("MX.Herald.Test", Type.A, CachePolicy.USE).fromCache()).isTrue();
    }

    @Test
    void resolverNamesBecomePrometheusSafe() {
        assertThat(ResolverStatus.metricName("127.0.0.1:5353")).isEqualTo("127_0_0_1_5353");
        assertThat(ResolverStatus.metricName("[::1]:53")).isEqualTo("__1_53");
        assertThat(ResolverPool.name(new java.net.InetSocketAddress("127.0.0.1", 53))).isEqualTo("127.0.0.1:53");
    }
}
