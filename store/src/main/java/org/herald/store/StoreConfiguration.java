package org.herald.store;

import java.nio.file.Path;
import java.util.Objects;

import org.herald.core.config.Secret;

/**
 * Where Herald keeps its own state (node registry, later DKIM keys, greylist triplets, warmup counters, DMARC data),
 * as read from {@code conf/store.xml} by {@link StoreConfigurationParser}.
 */
public sealed interface StoreConfiguration {
    String DEFAULT_EMBEDDED_DIRECTORY = "store";
    int DEFAULT_POOL_SIZE = 10;
    int MAX_POOL_SIZE = 200;

    /** The default: an H2 database below the data directory, private to this node. */
    record Embedded(Path directory) implements StoreConfiguration {
        public Embedded {
            Objects.requireNonNull(directory, "directory");
            directory = directory.toAbsolutePath().normalize();
        }

        /** The default location, {@code <dataDirectory>/store}. */
        public static Embedded defaultIn(Path dataDirectory) {
            return new Embedded(dataDirectory.resolve(DEFAULT_EMBEDDED_DIRECTORY));
        }

        @Override
        public String describe() {
            return "embedded store in " + directory;
        }
    }

    /** A PostgreSQL database, which several Herald nodes may share. The password never appears in toString. */
    record Postgres(String jdbcUrl, String user, Secret password, int poolSize) implements StoreConfiguration {
        public Postgres {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql: but was " + jdbcUrl);
            }
            if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
                throw new IllegalArgumentException("poolSize must be from 1 to " + MAX_POOL_SIZE + " but was " + poolSize);
            }
        }

        @Override
        public String describe() {
            return "PostgreSQL store at " + jdbcUrl + " as " + user;
        }
    }

    /** A one-line description for logs and error messages; never contains a secret. */
    String describe();
}
