package org.herald.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.herald.store.DmarcReportStoreContract;
import org.herald.testpeers.FreePorts;
import org.junit.jupiter.api.Test;

/** The failure policy: a cluster that is down or hung makes every method throw, naming it, within the timeouts. */
class UnreachableOpenSearchTest {
    private static final Duration CONNECT = Duration.ofSeconds(1);
    private static final Duration SOCKET = Duration.ofSeconds(1);
    /** Connect plus socket timeout, and room for a loaded machine; far below "hung". */
    private static final long LIMIT_MILLIS = 6_000;

    private static List<ThrowingCallable> everyMethod(OpenSearchDmarcReportStore store) {
        var day = DmarcReportStoreContract.DAY;
        return List.of(
            () -> store.save(DmarcReportStoreContract.report("google.com", "r1", day, 3), "a@google.com", DmarcReportStoreContract.RECEIVED),
            () -> store.find("0".repeat(64)),
            () -> store.summary("example.com", day, DmarcReportStoreContract.NEXT_DAY),
            () -> store.sources("example.com", day, DmarcReportStoreContract.NEXT_DAY, 10),
            store::prepareIndices);
    }

    @Test
    void aStoppedClusterFailsAtOnceNamingItsUrl() {
        URI url = URI.create("http://127.0.0.1:" + FreePorts.loopback());
        try (OpenSearchDmarcReportStore store = new OpenSearchDmarcReportStore(OpenSearchConfiguration.of(url).withTimeouts(CONNECT, SOCKET))) {
            for (ThrowingCallable call : everyMethod(store)) {
                long started = System.nanoTime();

                assertThatThrownBy(call)
                    .isInstanceOf(OpenSearchStoreException.class)
                    .hasMessageContaining("the OpenSearch cluster at " + url + " did not answer")
                    .hasMessageContaining("Connection refused");
                assertThat(millisSince(started)).isLessThan(LIMIT_MILLIS);
            }
        }
    }

    @Test
    void aClusterThatAcceptsConnectionsButNeverAnswersFailsAfterTheSocketTimeout() throws Exception {
        // Never accept()ed: the kernel completes the handshakes, nobody reads the requests — a hung node.
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI url = URI.create("http://127.0.0.1:" + hung.getLocalPort());
            try (OpenSearchDmarcReportStore store = new OpenSearchDmarcReportStore(OpenSearchConfiguration.of(url).withTimeouts(CONNECT, SOCKET))) {
                for (ThrowingCallable call : everyMethod(store)) {
                    long started = System.nanoTime();

                    assertThatThrownBy(call)
                        .isInstanceOf(OpenSearchStoreException.class)
                        .hasMessageContaining("the OpenSearch cluster at " + url + " did not answer (connect timeout 1000 ms, socket timeout 1000 ms)");
                    assertThat(millisSince(started)).isBetween(SOCKET.toMillis() - 100, LIMIT_MILLIS);
                }
            }
        }
    }

    @Test
    void everyNodeIsTriedAndNamed() {
        URI first = URI.create("http://127.0.0.1:" + FreePorts.loopback());
        URI second = URI.create("http://127.0.0.1:" + FreePorts.loopback());
        try (OpenSearchDmarcReportStore store = new OpenSearchDmarcReportStore(
            OpenSearchConfiguration.of(first, second).withTimeouts(CONNECT, SOCKET))) {

            assertThatThrownBy(() -> store.find("0".repeat(64)))
                .isInstanceOf(OpenSearchStoreException.class)
                .hasMessageContaining("the OpenSearch cluster at " + first + ", " + second + " did not answer");
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
