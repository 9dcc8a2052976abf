package org.herald.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.herald.core.greylist.AutoWhitelistEntry;
import org.herald.core.greylist.GreylistRecord;
import org.herald.core.greylist.Triplet;
import org.herald.core.greylist.WhitelistEntry;
import org.herald.core.greylist.WhitelistKind;
import org.herald.core.store.AutoWhitelistStore;
import org.herald.core.store.GreylistTripletStore;
import org.herald.core.store.GreylistWhitelistStore;
import org.junit.jupiter.api.Test;

/**
 * What every backend of the three greylist stores must do; implemented once per backend with an empty store per
 * test.
 */
public interface GreylistStoreContract {
    Instant T0 = Instant.parse("2026-11-01T08:00:00.123456Z");
    Instant T1 = Instant.parse("2026-11-01T08:03:10.654321Z");
    Triplet TRIPLET = new Triplet("192.0.2.0/24", "alice@sender.example", "bob@herald.example");
    Triplet IPV6_TRIPLET = new Triplet("2001:db8:1::/64", "<>", "bob@herald.example");

    GreylistTripletStore triplets();

    GreylistWhitelistStore whitelist();

    AutoWhitelistStore autoWhitelist();

    // --- triplets

    @Test
    default void anEmptyStoreKnowsNoTriplet() {
        assertThat(triplets().find(TRIPLET)).isEmpty();
        assertThat(triplets().count()).isZero();
        assertThat(triplets().forNetwork("192.0.2.0/24")).isEmpty();
    }

    @Test
    default void aFirstSightReadsBackExactlyAsWritten() {
        GreylistRecord record = GreylistRecord.firstSight(TRIPLET, T0);

        assertThat(triplets().insertFirstSight(record)).isTrue();

        assertThat(triplets().find(TRIPLET)).contains(record);
        assertThat(triplets().find(IPV6_TRIPLET)).isEmpty();
        assertThat(triplets().count()).isEqualTo(1);
    }

    @Test
    default void aSecondFirstSightOfTheSameTripletIsRefusedAndChangesNothing() {
        triplets().insertFirstSight(GreylistRecord.firstSight(TRIPLET, T0));

        assertThat(triplets().insertFirstSight(GreylistRecord.firstSight(TRIPLET, T1))).isFalse();
        assertThat(triplets().find(TRIPLET).orElseThrow().firstSeen()).isEqualTo(T0);
    }

    @Test
    default void updateStoresAPassAndSubmicrosecondsAreDropped() {
        triplets().insertFirstSight(GreylistRecord.firstSight(TRIPLET, T0));
        GreylistRecord passed = GreylistRecord.firstSight(TRIPLET, T0).passedAt(T1);

        assertThat(triplets().update(passed)).isTrue();
        assertThat(triplets().find(TRIPLET)).contains(passed);
        assertThat(triplets().find(TRIPLET).orElseThrow().passed()).contains(T1);

        GreylistRecord again = passed.passedAt(T1.plusNanos(999_123_456L));
        triplets().update(again);
        GreylistRecord read = triplets().find(TRIPLET).orElseThrow();
        assertThat(read.passCount()).isEqualTo(2);
        assertThat(read.lastSeen()).isEqualTo(T1.plusNanos(999_123_000L));
    }

    @Test
    default void updateOfAnUnknownTripletChangesNothing() {
        assertThat(triplets().update(GreylistRecord.firstSight(TRIPLET, T0).passedAt(T1))).isFalse();
        assertThat(triplets().count()).isZero();
    }

    @Test
    default void deleteReleasesOneTriplet() {
        triplets().insertFirstSight(GreylistRecord.firstSight(TRIPLET, T0));
        triplets().insertFirstSight(GreylistRecord.firstSight(IPV6_TRIPLET, T0));

        assertThat(triplets().delete(TRIPLET)).isTrue();
        assertThat(triplets().delete(TRIPLET)).isFalse();
        assertThat(triplets().find(TRIPLET)).isEmpty();
        assertThat(triplets().find(IPV6_TRIPLET)).isPresent();
    }

    @Test
    default void forNetworkListsTheNetworksTripletsOldestFirst() {
        Triplet later = new Triplet("192.0.2.0/24", "carol@sender.example", "bob@herald.example");
        triplets().insertFirstSight(GreylistRecord.firstSight(later, T1));
        triplets().insertFirstSight(GreylistRecord.firstSight(TRIPLET, T0));
        triplets().insertFirstSight(GreylistRecord.firstSight(IPV6_TRIPLET, T0));

        assertThat(triplets().forNetwork("192.0.2.0/24")).extracting(GreylistRecord::triplet).containsExactly(TRIPLET, later);
        assertThat(triplets().forNetwork("2001:db8:1::/64")).extracting(GreylistRecord::triplet).containsExactly(IPV6_TRIPLET);
    }

    @Test
    default void thePurgeDeletesOnlyTripletsUnseenSinceTheCutoff() {
        triplets().insertFirstSight(GreylistRecord.firstSight(TRIPLET, T0));
        triplets().insertFirstSight(GreylistRecord.firstSight(IPV6_TRIPLET, T1));

        assertThat(triplets().deleteUnseenSince(T0)).isZero();
        assertThat(triplets().deleteUnseenSince(T1)).isEqualTo(1);
        assertThat(triplets().find(TRIPLET)).isEmpty();
        assertThat(triplets().count()).isEqualTo(1);
    }

    @Test
    default void twoNodesInsertingTheSameFirstSightAtOnceGetOneWinner() throws Exception {
        for (int round = 0; round < 10; round++) {
            Triplet triplet = new Triplet("198.51.100.0/24", "race" + round + "@sender.example", "bob@herald.example");
            List<Boolean> results = concurrently(2, () -> triplets().insertFirstSight(GreylistRecord.firstSight(triplet, T0)));

            assertThat(results).containsExactlyInAnyOrder(true, false);
            assertThat(triplets().find(triplet)).isPresent();
        }
    }

    // --- whitelist

    @Test
    default void whitelistEntriesAreAddedOnceListedInOrderAndRemoved() {
        WhitelistEntry network = WhitelistEntry.parse(WhitelistKind.NETWORK, "2001:db8::/32");
        WhitelistEntry otherNetwork = WhitelistEntry.parse(WhitelistKind.NETWORK, "192.0.2.0/24");
        WhitelistEntry sender = WhitelistEntry.parse(WhitelistKind.SENDER, "@partner.example");
        WhitelistEntry recipient = WhitelistEntry.parse(WhitelistKind.RECIPIENT, "postmaster@");
        WhitelistEntry domain = WhitelistEntry.parse(WhitelistKind.RDNS_DOMAIN, "google.com");
        assertThat(whitelist().all()).isEmpty();

        for (WhitelistEntry entry : List.of(recipient, network, sender, domain, otherNetwork, network)) {
            whitelist().add(entry);
        }

        assertThat(whitelist().all()).containsExactly(otherNetwork, network, domain, sender, recipient);
        assertThat(whitelist().list(WhitelistKind.NETWORK)).containsExactly(otherNetwork, network);
        assertThat(whitelist().list(WhitelistKind.SENDER)).containsExactly(sender);
        assertThat(whitelist().remove(network)).isTrue();
        assertThat(whitelist().remove(network)).isFalse();
        assertThat(whitelist().remove(WhitelistEntry.parse(WhitelistKind.SENDER, "google.com@x.example"))).isFalse();
        assertThat(whitelist().list(WhitelistKind.NETWORK)).containsExactly(otherNetwork);
    }

    @Test
    default void theSameValueUnderTwoKindsIsTwoEntries() {
        whitelist().add(WhitelistEntry.parse(WhitelistKind.SENDER, "@example.com"));
        whitelist().add(WhitelistEntry.parse(WhitelistKind.RECIPIENT, "@example.com"));

        assertThat(whitelist().all()).hasSize(2);
    }

    // --- auto-whitelist

    @Test
    default void passesAreCountedPerNetwork() {
        assertThat(autoWhitelist().find("192.0.2.0/24")).isEmpty();

        assertThat(autoWhitelist().recordPass("192.0.2.0/24", T0)).isEqualTo(1);
        assertThat(autoWhitelist().recordPass("192.0.2.0/24", T1)).isEqualTo(2);
        assertThat(autoWhitelist().recordPass("2001:db8:1::/64", T1)).isEqualTo(1);

        assertThat(autoWhitelist().find("192.0.2.0/24")).contains(new AutoWhitelistEntry("192.0.2.0/24", 2, T0, T1));
        assertThat(autoWhitelist().all()).extracting(AutoWhitelistEntry::clientNetwork)
            .containsExactly("192.0.2.0/24", "2001:db8:1::/64");
    }

    @Test
    default void touchKeepsANetworkFromThePurge() {
        autoWhitelist().recordPass("192.0.2.0/24", T0);
        autoWhitelist().recordPass("198.51.100.0/24", T0);
        Instant later = T1.plus(Duration.ofDays(30));

        assertThat(autoWhitelist().touch("192.0.2.0/24", later)).isTrue();
        assertThat(autoWhitelist().touch("203.0.113.0/24", later)).isFalse();
        assertThat(autoWhitelist().deleteUnseenSince(T1)).isEqualTo(1);

        assertThat(autoWhitelist().all()).containsExactly(new AutoWhitelistEntry("192.0.2.0/24", 1, T0, later));
    }

    @Test
    default void deleteForgetsANetwork() {
        autoWhitelist().recordPass("192.0.2.0/24", T0);

        assertThat(autoWhitelist().delete("192.0.2.0/24")).isTrue();
        assertThat(autoWhitelist().delete("192.0.2.0/24")).isFalse();
        assertThat(autoWhitelist().recordPass("192.0.2.0/24", T1)).isEqualTo(1);
    }

    @Test
    default void twentyThreadsCountingTheSameNetworkLoseNoPass() throws Exception {
        List<Integer> counts = concurrently(20, () -> autoWhitelist().recordPass("203.0.113.0/24", T0));

        assertThat(autoWhitelist().find("203.0.113.0/24").orElseThrow().passes()).isEqualTo(20);
        // Each caller saw the count its own increment made.
        assertThat(counts).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
    }

    /** Runs {@code task} on {@code threads} threads released at the same instant; returns their results. */
    private static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
