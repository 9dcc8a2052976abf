package org.herald.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The migrations the store module ships, counted from its sources, so tests follow each new migration. */
final class ShippedMigrations {
    private static final Path DIRECTORY = Path.of("src/main/resources/db/herald");

    private ShippedMigrations() {
    }

    static int count() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return (int) files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema version after every shipped migration: the count, since versions are numbered 1, 2, 3… */
    static String latestVersion() {
        return String.valueOf(count());
    }
}
