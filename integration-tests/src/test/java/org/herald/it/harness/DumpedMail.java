package org.herald.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A mail a test peer wrote to disk, read byte for byte (ISO-8859-1 keeps every octet as one char). */
final class DumpedMail {
    private DumpedMail() {
    }

    /** Every {@code .eml} file a peer wrote into {@code directory}, in name (arrival) order. */
    static List<String> allIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".eml")).sorted().map(DumpedMail::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
