package org.herald.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.herald.core.node.HeraldNode;
import org.herald.core.store.NodeRegistry;
import org.junit.jupiter.api.Test;

/** What every {@link NodeRegistry} backend must do; implemented once per backend with an empty store per test. */
public interface NodeRegistryContract {
    Instant T0 = Instant.parse("2024-05-01T08:00:00.123456Z");
    Instant T1 = Instant.parse("2024-05-02T09:30:00.654321Z");
    Instant T2 = Instant.parse("2024-06-01T00:00:00Z");

    /** An empty registry. */
    NodeRegistry registry();

    @Test
    default void anEmptyRegistryKnowsNoNode() {
        assertThat(registry().all()).isEmpty();
        assertThat(registry().find("mx1")).isEmpty();
    }

    @Test
    default void recordsAFirstStart() {
        HeraldNode recorded = registry().recordStart("mx1", "mx1.example.net", "0.1.0", T0);

        HeraldNode expected = new HeraldNode("mx1", "mx1.example.net", "0.1.0", T0, T0);
        assertThat(recorded).isEqualTo(expected);
        assertThat(registry().find("mx1")).contains(expected);
        assertThat(registry().all()).containsExactly(expected);
    }

    @Test
    default void aRestartUpdatesHostnameVersionAndLastStartedButKeepsFirstStarted() {
        registry().recordStart("mx1", "old-host.example.net", "0.1.0", T0);

        HeraldNode restarted = registry().recordStart("mx1", "new-host.example.net", "0.2.0", T1);

        HeraldNode expected = new HeraldNode("mx1", "new-host.example.net", "0.2.0", T0, T1);
        assertThat(restarted).isEqualTo(expected);
        assertThat(registry().find("mx1")).contains(expected);
        assertThat(registry().all()).hasSize(1);
    }

    @Test
    default void aRestartWithAClockThatWentBackwardsNeverLeavesLastStartedBeforeFirstStarted() {
        registry().recordStart("mx1", "h", "v", T1);

        HeraldNode restarted = registry().recordStart("mx1", "h", "v", T0);

        assertThat(restarted.firstStarted()).isEqualTo(T0);
        assertThat(restarted.lastStarted()).isEqualTo(T0);
        assertThat(registry().find("mx1")).contains(restarted);
    }

    @Test
    default void nodesAreIndependent() {
        registry().recordStart("mx1", "a", "1", T0);
        registry().recordStart("mx2", "b", "1", T1);
        registry().recordStart("mx1", "a", "2", T2);

        assertThat(registry().find("mx2")).contains(new HeraldNode("mx2", "b", "1", T1, T1));
        assertThat(registry().find("mx1")).contains(new HeraldNode("mx1", "a", "2", T0, T2));
    }

    @Test
    default void listsNodesOrderedByIdTheSameWayOnEveryBackend() {
        for (String id : List.of("node-9", "b", "node-10", "A", "a", "Z", "_x", "é")) {
            registry().recordStart(id, "h", "v", T0);
        }

        assertThat(registry().all()).extracting(HeraldNode::nodeId)
            .containsExactly("A", "Z", "_x", "a", "b", "node-10", "node-9", "é");
    }

    @Test
    default void idsAreCaseSensitiveAndExact() {
        registry().recordStart("MX1", "h", "v", T0);

        assertThat(registry().find("mx1")).isEmpty();
        assertThat(registry().find("MX1 ")).isEmpty();
        assertThat(registry().find("MX1")).isPresent();
    }

    @Test
    default void timestampsKeepMicrosecondsAndDropNanoseconds() {
        Instant withNanos = Instant.parse("2024-05-01T08:00:00.123456789Z");

        HeraldNode recorded = registry().recordStart("mx1", "h", "v", withNanos);

        assertThat(recorded.firstStarted()).isEqualTo(Instant.parse("2024-05-01T08:00:00.123456Z"));
        assertThat(registry().find("mx1")).contains(recorded);
    }

    @Test
    default void keepsUnicodeAndMaximumLengthValues() {
        String id = "nœud-" + "x".repeat(HeraldNode.MAX_ID_LENGTH - 5);
        String hostname = "h".repeat(HeraldNode.MAX_HOSTNAME_LENGTH);
        String version = "0.1.0-ß".repeat(HeraldNode.MAX_VERSION_LENGTH / 7) + "vv";

        registry().recordStart(id, hostname, version, T0);

        assertThat(registry().find(id)).contains(new HeraldNode(id, hostname, version, T0, T0));
    }

    @Test
    default void rejectsInvalidValuesWithoutStoringAnything() {
        assertThatThrownBy(() -> registry().recordStart(" ", "h", "v", T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry().recordStart("mx1", "h".repeat(256), "v", T0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry().recordStart("mx1", "h", "v", null)).isInstanceOf(NullPointerException.class);

        assertThat(registry().all()).isEmpty();
    }

    @Test
    default void concurrentStartsOfTheSameNodeLeaveOneConsistentRow() throws Exception {
        int threads = 8;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            List<Future<HeraldNode>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Instant time = T0.plusSeconds(i);
                String hostname = "host-" + i;
                results.add(executor.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return registry().recordStart("shared", hostname, "v", time);
                }));
            }
            for (Future<HeraldNode> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS).nodeId()).isEqualTo("shared");
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(registry().all()).hasSize(1);
        HeraldNode node = registry().find("shared").orElseThrow();
        assertThat(node.firstStarted()).isEqualTo(T0);
        assertThat(node.lastStarted()).isBetween(T0, T0.plusSeconds(threads - 1));
        assertThat(node.hostname()).isEqualTo("host-" + (node.lastStarted().getEpochSecond() - T0.getEpochSecond()));
    }
}
