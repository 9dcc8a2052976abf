package org.herald.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.herald.core.config.Secret;
import org.herald.testpeers.FreePorts;
import org.junit.jupiter.api.Test;

/** Needs no PostgreSQL: nothing listens on the port. */
class UnreachablePostgresTest {
    @Test
    void anUnreachableServerFailsFastNamingTheUrlAndWhatToCheck() {
        String url = "jdbc:postgresql://127.0.0.1:" + FreePorts.loopback() + "/herald";
        long started = System.nanoTime();

        assertThatThrownBy(() -> HeraldDataSource.open(new StoreConfiguration.Postgres(url, "herald", Secret.of("s3cret"), 2)))
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageStartingWith("Cannot connect to the PostgreSQL store at " + url + " as user herald: ")
            .hasMessageContaining("Connection to 127.0.0.1")
            .hasMessageContaining("check that PostgreSQL is running, listens on that host and port")
            .hasMessageNotContaining("s3cret");
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds to fail").isLessThan(10_000);
    }
}
