package org.herald.core.greylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.herald.core.dns.DnsLookupException;
import org.herald.core.dns.PtrLookup;
import org.herald.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

class GreylistPolicyTest {
    private static final Instant START = Instant.parse("2026-11-01T08:00:00Z");
    private static final String SENDER = "alice@sender.example";
    private static final String RECIPIENT = "bob@herald.example";

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryGreylistTripletStore triplets = new InMemoryGreylistTripletStore();
    private final InMemoryGreylistWhitelistStore whitelistStore = new InMemoryGreylistWhitelistStore();
    private final InMemoryAutoWhitelistStore autoWhitelist = new InMemoryAutoWhitelistStore();
    private final Map<InetAddress, List<String>> ptr = new HashMap<>();
    private final List<InetAddress> ptrQueries = new ArrayList<>();
    private final PtrLookup rdns = address -> {
        ptrQueries.add(address);
        return ptr.getOrDefault(address, List.of());
    };

    private GreylistPolicy policy(GreylistConfiguration configuration) {
        return new GreylistPolicy(configuration, triplets, whitelistStore, autoWhitelist, rdns, clock);
    }

    private GreylistPolicy policy() {
        return policy(GreylistConfiguration.DEFAULT);
    }

    private static GreylistConfiguration withAutoWhitelistAfter(int passes) {
        GreylistConfiguration d = GreylistConfiguration.DEFAULT;
        return new GreylistConfiguration(d.enabled(), d.delay(), d.retryWindow(), d.recordLifetime(), d.ipv4Prefix(),
            d.ipv6Prefix(), passes, d.decisionDeadline(), d.breaker(), d.purgeInterval(), d.whitelist());
    }

    private static GreylistConfiguration withWhitelist(List<WhitelistEntry> whitelist) {
        GreylistConfiguration d = GreylistConfiguration.DEFAULT;
        return new GreylistConfiguration(d.enabled(), d.delay(), d.retryWindow(), d.recordLifetime(), d.ipv4Prefix(),
            d.ipv6Prefix(), d.autoWhitelistAfter(), d.decisionDeadline(), d.breaker(), d.purgeInterval(), whitelist);
    }

    private static GreylistRequest request(String client, String sender, String recipient) {
        return new GreylistRequest(Cidr.parseAddress(client), sender, recipient);
    }

    private static GreylistRequest request(String client) {
        return request(client, SENDER, RECIPIENT);
    }

    @Test
    void aNewTripletIsDeferredThenPassesAfterTheDelayAndIsKnownFromThenOn() {
        GreylistPolicy policy = policy();

        GreylistDecision first = policy.decide(request("192.0.2.10"));
        assertThat(first.pass()).isFalse();
        assertThat(first.reason()).isEqualTo(GreylistReason.FIRST_SEEN);
        assertThat(first.retryAfter()).contains(Duration.ofSeconds(180));
        assertThat(first.detail()).contains("192.0.2.0/24").contains(SENDER).contains(RECIPIENT);

        clock.advance(Duration.ofSeconds(60));
        GreylistDecision early = policy.decide(request("192.0.2.10"));
        assertThat(early.reason()).isEqualTo(GreylistReason.TOO_EARLY);
        assertThat(early.retryAfter()).contains(Duration.ofSeconds(120));

        clock.advance(Duration.ofSeconds(120));
        GreylistDecision passed = policy.decide(request("192.0.2.10"));
        assertThat(passed.pass()).isTrue();
        assertThat(passed.reason()).isEqualTo(GreylistReason.PASSED_AFTER_DELAY);
        assertThat(passed.retryAfter()).isEmpty();

        clock.advance(Duration.ofDays(10));
        GreylistDecision known = policy.decide(request("192.0.2.10"));
        assertThat(known.reason()).isEqualTo(GreylistReason.KNOWN_TRIPLET);

        GreylistRecord record = triplets.find(new Triplet("192.0.2.0/24", SENDER, RECIPIENT)).orElseThrow();
        assertThat(record.firstSeen()).isEqualTo(START);
        assertThat(record.passed()).contains(START.plusSeconds(180));
        assertThat(record.lastSeen()).isEqualTo(clock.instant());
        assertThat(record.passCount()).isEqualTo(2);
    }

    @Test
    void aRetryFromAnotherAddressOfTheSameSlash24Passes() {
        GreylistPolicy policy = policy();
        policy.decide(request("192.0.2.10"));
        clock.advance(Duration.ofSeconds(300));

        assertThat(policy.decide(request("192.0.2.200")).reason()).isEqualTo(GreylistReason.PASSED_AFTER_DELAY);
        assertThat(policy.decide(request("192.0.3.10")).reason()).isEqualTo(GreylistReason.FIRST_SEEN);
    }

    @Test
    void ipv6ClientsAreGroupedBySlash64() {
        GreylistPolicy policy = policy();
        policy.decide(request("2001:db8:1:0::25"));
        clock.advance(Duration.ofSeconds(300));

        assertThat(policy.decide(request("2001:db8:1::ffff:1")).reason()).isEqualTo(GreylistReason.PASSED_AFTER_DELAY);
        assertThat(policy.decide(request("2001:db8:1:1::25")).reason()).isEqualTo(GreylistReason.FIRST_SEEN);
        assertThat(triplets.forNetwork("2001:db8:1::/64")).hasSize(1);
        assertThat(triplets.forNetwork("2001:db8:1:1::/64")).hasSize(1);
    }

    @Test
    void aTripletNotRetriedWithinTheRetryWindowStartsOver() {
        GreylistPolicy policy = policy();
        policy.decide(request("192.0.2.10"));
        clock.advance(Duration.ofDays(2).plusSeconds(1));

        GreylistDecision decision = policy.decide(request("192.0.2.10"));

        assertThat(decision.reason()).isEqualTo(GreylistReason.RETRY_WINDOW_EXPIRED);
        assertThat(decision.retryAfter()).contains(Duration.ofSeconds(180));
        assertThat(triplets.find(new Triplet("192.0.2.0/24", SENDER, RECIPIENT)).orElseThrow().firstSeen())
            .isEqualTo(clock.instant());
        clock.advance(Duration.ofSeconds(179));
        assertThat(policy.decide(request("192.0.2.10")).reason()).isEqualTo(GreylistReason.TOO_EARLY);
        clock.advance(Duration.ofSeconds(1));
        assertThat(policy.decide(request("192.0.2.10")).reason()).isEqualTo(GreylistReason.PASSED_AFTER_DELAY);
    }

    @Test
    void aRetryAtTheVeryEndOfTheWindowStillPasses() {
        GreylistPolicy policy = policy();
        policy.decide(request("192.0.2.10"));
        clock.advance(Duration.ofDays(2));

        assertThat(policy.decide(request("192.0.2.10")).reason()).isEqualTo(GreylistReason.PASSED_AFTER_DELAY);
    }

    @Test
    void aRetryWithAFreshTagMatchesItsTriplet() {
        GreylistPolicy policy = policy();
        policy.decide(request("192.0.2.10", "prvs=1234abcdef=Alice@Sender.example", RECIPIENT));
        clock.advance(Duration.ofSeconds(300));

        GreylistDecision decision = policy.decide(request("192.0.2.10", "prvs=9999abcdef=alice@sender.example", "BOB@herald.example"));

        assertThat(decision.reason()).isEqualTo(GreylistReason.PASSED_AFTER_DELAY);
    }

    @Test
    void theNullSenderIsGreylistedAsItsOwnSender() {
        GreylistPolicy policy = policy();

        assertThat(policy.decide(request("192.0.2.10", "", RECIPIENT)).reason()).isEqualTo(GreylistReason.FIRST_SEEN);
        assertThat(triplets.find(new Triplet("192.0.2.0/24", "<>", RECIPIENT))).isPresent();
    }

    @Test
    void purgeDeletesTripletsAndNetworksUnseenForTheRecordLifetime() {
        GreylistPolicy policy = policy();
        policy.decide(request("192.0.2.10"));
        clock.advance(Duration.ofSeconds(200));
        policy.decide(request("192.0.2.10"));
        clock.advance(Duration.ofDays(20));
        policy.decide(request("198.51.100.7"));
        clock.advance(Duration.ofDays(16));

        assertThat(policy.purgeExpired()).isEqualTo(2); // the first triplet and its network's counter
        assertThat(triplets.count()).isEqualTo(1);
        assertThat(autoWhitelist.all()).isEmpty();
        assertThat(policy.decide(request("192.0.2.10")).reason()).isEqualTo(GreylistReason.FIRST_SEEN);
    }

    @Test
    void aPassedTripletUnseenForTheLifetimeButNotYetPurgedStartsOver() {
        GreylistPolicy policy = policy();
        policy.decide(request("192.0.2.10"));
        clock.advance(Duration.ofSeconds(200));
        policy.decide(request("192.0.2.10"));
        clock.advance(Duration.ofDays(36));

        assertThat(policy.decide(request("192.0.2.10")).reason()).isEqualTo(GreylistReason.FIRST_SEEN);
    }

    @Test
    void aNetworkIsAutoWhitelistedAfterEnoughPasses() {
        GreylistPolicy policy = policy(withAutoWhitelistAfter(3));
        for (int i = 0; i < 3; i++) {
            policy.decide(request("192.0.2.10", SENDER, "user" + i + "@herald.example"));
        }
        clock.advance(Duration.ofSeconds(200));
        for (int i = 0; i < 2; i++) {
            assertThat(policy.decide(request("192.0.2.10", SENDER, "user" + i + "@herald.example")).pass()).isTrue();
        }
        assertThat(policy.decide(request("192.0.2.99", "new@other.example", RECIPIENT)).reason())
            .isEqualTo(GreylistReason.FIRST_SEEN);

        assertThat(policy.decide(request("192.0.2.10", SENDER, "user2@herald.example")).reason())
            .isEqualTo(GreylistReason.PASSED_AFTER_DELAY);

        GreylistDecision auto = policy.decide(request("192.0.2.99", "new@other.example", "someone@herald.example"));
        assertThat(auto.reason()).isEqualTo(GreylistReason.AUTO_WHITELISTED);
        assertThat(auto.detail()).contains("192.0.2.0/24");
        assertThat(autoWhitelist.find("192.0.2.0/24").orElseThrow().passes()).isEqualTo(3);
    }

    @Test
    void anAutoWhitelistedNetworkStaysFreshWhileItSendsSoThePurgeKeepsIt() {
        GreylistPolicy policy = policy(withAutoWhitelistAfter(1));
        policy.decide(request("192.0.2.10"));
        clock.advance(Duration.ofSeconds(200));
        policy.decide(request("192.0.2.10"));
        for (int day = 0; day < 40; day++) {
            clock.advance(Duration.ofDays(1).plusSeconds(1));
            assertThat(policy.decide(request("192.0.2.10", "x" + day + "@a.example", RECIPIENT)).reason())
                .isEqualTo(GreylistReason.AUTO_WHITELISTED);
        }
        policy.purgeExpired();

        assertThat(autoWhitelist.find("192.0.2.0/24")).isPresent();
    }

    @Test
    void autoWhitelistingCanBeTurnedOff() {
        GreylistPolicy policy = policy(withAutoWhitelistAfter(0));
        policy.decide(request("192.0.2.10"));
        clock.advance(Duration.ofSeconds(200));
        policy.decide(request("192.0.2.10"));

        assertThat(autoWhitelist.all()).isEmpty();
        assertThat(policy.decide(request("192.0.2.10", "new@other.example", RECIPIENT)).reason())
            .isEqualTo(GreylistReason.FIRST_SEEN);
    }

    @Test
    void postmasterAndAbuseAreWhitelistedByDefault() {
        GreylistPolicy policy = policy();

        GreylistDecision decision = policy.decide(request("192.0.2.10", SENDER, "Postmaster@herald.example"));

        assertThat(decision.pass()).isTrue();
        assertThat(decision.reason()).isEqualTo(GreylistReason.WHITELISTED_RECIPIENT);
        assertThat(decision.detail()).contains("postmaster@");
        assertThat(policy.decide(request("192.0.2.10", SENDER, "abuse@other.example")).pass()).isTrue();
        assertThat(triplets.count()).isZero();
    }

    @Test
    void eachKindOfConfiguredEntryWhitelists() {
        GreylistPolicy policy = policy(withWhitelist(List.of(
            WhitelistEntry.parse(WhitelistKind.RECIPIENT, "sales@herald.example"),
            WhitelistEntry.parse(WhitelistKind.SENDER, "@partner.example"),
            WhitelistEntry.parse(WhitelistKind.SENDER, "news@list.example"),
            WhitelistEntry.parse(WhitelistKind.NETWORK, "203.0.113.0/25"),
            WhitelistEntry.parse(WhitelistKind.NETWORK, "2001:db8:aa::/48"))));

        assertThat(policy.decide(request("192.0.2.10", SENDER, "SALES@herald.example")).reason())
            .isEqualTo(GreylistReason.WHITELISTED_RECIPIENT);
        assertThat(policy.decide(request("192.0.2.10", "x@bounce.partner.example", RECIPIENT)).reason())
            .isEqualTo(GreylistReason.WHITELISTED_SENDER);
        assertThat(policy.decide(request("192.0.2.10", "news+4711@list.example", RECIPIENT)).reason())
            .isEqualTo(GreylistReason.WHITELISTED_SENDER);
        assertThat(policy.decide(request("203.0.113.127")).reason()).isEqualTo(GreylistReason.WHITELISTED_NETWORK);
        assertThat(policy.decide(request("2001:db8:aa:ff::1")).reason()).isEqualTo(GreylistReason.WHITELISTED_NETWORK);
        // The replaced default: postmaster@ is greylisted now.
        assertThat(policy.decide(request("203.0.113.128", SENDER, "postmaster@herald.example")).reason())
            .isEqualTo(GreylistReason.FIRST_SEEN);
        assertThat(ptrQueries).isEmpty();
    }

    @Test
    void entriesAddedToTheStoreWhitelistToo() {
        GreylistPolicy policy = policy();
        whitelistStore.add(WhitelistEntry.parse(WhitelistKind.NETWORK, "198.51.100.0/24"));
        whitelistStore.add(WhitelistEntry.parse(WhitelistKind.SENDER, "@partner.example"));
        whitelistStore.add(WhitelistEntry.parse(WhitelistKind.RECIPIENT, "@open.example"));

        GreylistDecision network = policy.decide(request("198.51.100.9"));
        assertThat(network.reason()).isEqualTo(GreylistReason.WHITELISTED_NETWORK);
        assertThat(network.detail()).contains("198.51.100.9").contains("198.51.100.0/24").contains("WebAdmin");
        assertThat(policy.decide(request("192.0.2.1", "a@partner.example", RECIPIENT)).reason())
            .isEqualTo(GreylistReason.WHITELISTED_SENDER);
        assertThat(policy.decide(request("192.0.2.1", SENDER, "x@open.example")).reason())
            .isEqualTo(GreylistReason.WHITELISTED_RECIPIENT);
        assertThat(policy.effectiveWhitelist()).hasSize(5);
    }

    @Test
    void theConfiguredWhitelistNeedsNoStoreRead() {
        policy().decide(request("192.0.2.10", SENDER, "postmaster@herald.example"));

        assertThat(whitelistStore.reads).isZero();
    }

    @Test
    void anRdnsDomainWhitelistsClientsNamedUnderIt() {
        InetAddress google = Cidr.parseAddress("209.85.220.41");
        InetAddress lookalike = Cidr.parseAddress("192.0.2.66");
        ptr.put(google, List.of("mail-sor-f41.google.com"));
        ptr.put(lookalike, List.of("mail.notgoogle.com"));
        GreylistPolicy policy = policy(withWhitelist(List.of(WhitelistEntry.parse(WhitelistKind.RDNS_DOMAIN, "google.com"))));

        GreylistDecision decision = policy.decide(new GreylistRequest(google, SENDER, RECIPIENT));
        assertThat(decision.reason()).isEqualTo(GreylistReason.WHITELISTED_RDNS);
        assertThat(decision.detail()).contains("mail-sor-f41.google.com");
        assertThat(policy.decide(new GreylistRequest(lookalike, SENDER, RECIPIENT)).reason()).isEqualTo(GreylistReason.FIRST_SEEN);
        assertThat(policy.decide(request("198.51.100.99")).reason()).isEqualTo(GreylistReason.FIRST_SEEN);
        assertThat(ptrQueries).hasSize(3);
    }

    @Test
    void noPtrLookupWithoutAnRdnsDomainWhitelisted() {
        policy().decide(request("192.0.2.10"));

        assertThat(ptrQueries).isEmpty();
    }

    @Test
    void anRdnsDomainAddedOverWebAdminTriggersTheLookup() {
        whitelistStore.add(WhitelistEntry.parse(WhitelistKind.RDNS_DOMAIN, "outlook.com"));
        InetAddress client = Cidr.parseAddress("2a01:111:f400::1");
        ptr.put(client, List.of("mail-am6eur05on2001.outbound.protection.outlook.com"));

        assertThat(policy().decide(new GreylistRequest(client, SENDER, RECIPIENT)).reason()).isEqualTo(GreylistReason.WHITELISTED_RDNS);
    }

    @Test
    void aDnsFailurePropagatesToTheGuard() {
        PtrLookup failing = address -> {
            throw new DnsLookupException("SERVFAIL for 10.2.0.192.in-addr.arpa");
        };
        GreylistPolicy policy = new GreylistPolicy(withWhitelist(List.of(WhitelistEntry.parse(WhitelistKind.RDNS_DOMAIN, "google.com"))),
            triplets, whitelistStore, autoWhitelist, failing, clock);

        assertThatThrownBy(() -> policy.decide(request("192.0.2.10")))
            .isInstanceOf(DnsLookupException.class).hasMessageContaining("SERVFAIL");
        assertThat(triplets.count()).isZero();
    }

    @Test
    void aStoreFailurePropagatesToTheGuard() {
        triplets.failWith(new IllegalStateException("store down"));

        assertThatThrownBy(() -> policy().decide(request("192.0.2.10"))).hasMessage("store down");
    }

    @Test
    void disabledGreylistingPassesEverythingAndStoresNothing() {
        GreylistConfiguration d = GreylistConfiguration.DEFAULT;
        GreylistConfiguration off = new GreylistConfiguration(false, d.delay(), d.retryWindow(), d.recordLifetime(),
            d.ipv4Prefix(), d.ipv6Prefix(), d.autoWhitelistAfter(), d.decisionDeadline(), d.breaker(), d.purgeInterval(), d.whitelist());

        GreylistDecision decision = policy(off).decide(request("192.0.2.10"));

        assertThat(decision.pass()).isTrue();
        assertThat(decision.reason()).isEqualTo(GreylistReason.DISABLED);
        assertThat(triplets.count()).isZero();
        assertThat(whitelistStore.reads).isZero();
    }

    @Test
    void aFirstSightInsertedConcurrentlyByAnotherNodeIsReRead() {
        Triplet triplet = new Triplet("192.0.2.0/24", SENDER, RECIPIENT);
        InMemoryGreylistTripletStore racing = new InMemoryGreylistTripletStore() {
            private boolean raced;

            @Override
            public Optional<GreylistRecord> find(Triplet wanted) {
                Optional<GreylistRecord> found = super.find(wanted);
                if (!raced) {
                    raced = true;
                    // The other node inserts right after our read.
                    super.insertFirstSight(GreylistRecord.firstSight(triplet, START.minusSeconds(30)));
                }
                return found;
            }
        };
        GreylistPolicy policy = new GreylistPolicy(GreylistConfiguration.DEFAULT, racing, whitelistStore, autoWhitelist, rdns, clock);

        GreylistDecision decision = policy.decide(request("192.0.2.10"));

        assertThat(decision.reason()).isEqualTo(GreylistReason.TOO_EARLY);
        assertThat(decision.retryAfter()).contains(Duration.ofSeconds(150));
        assertThat(racing.find(triplet).orElseThrow().firstSeen()).isEqualTo(START.minusSeconds(30));
    }

    @Test
    void aFirstSightFromAClockAheadNeverAsksForMoreThanOneDelay() {
        triplets.insertFirstSight(GreylistRecord.firstSight(new Triplet("192.0.2.0/24", SENDER, RECIPIENT), START.plusSeconds(60)));

        assertThat(policy().decide(request("192.0.2.10")).retryAfter()).contains(Duration.ofSeconds(180));
    }
}
