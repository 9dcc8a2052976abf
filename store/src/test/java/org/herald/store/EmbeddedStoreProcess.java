package org.herald.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM using the embedded store, to observe what another process sees: H2's file lock, and what survives
 * SIGKILL. Run with the test class path.
 */
public final class EmbeddedStoreProcess {
    static final String NODE_ID = "killed-node";

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        String mode = args[1];
        try {
            HeraldDataSource store = HeraldDataSource.open(new StoreConfiguration.Embedded(directory));
            if (mode.equals("record-and-wait")) {
                new JdbcNodeRegistry(store).recordStart(NODE_ID, "killed.example.net", "0.1.0", Instant.now());
                System.out.println("recorded");
                System.out.flush();
                Thread.sleep(120_000);
            }
            store.close();
            System.exit(0);
        } catch (StoreUnavailableException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }

    static Process start(Path directory, String mode) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
            EmbeddedStoreProcess.class.getName(), directory.toString(), mode))
            .redirectErrorStream(true)
            .start();
    }

    static String awaitExit(Process process) throws Exception {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the second store process did not exit");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Reads lines until one equals {@code expected}; returns it, or the whole output if the process ended first. */
    static String awaitLine(Process process, String expected) throws IOException {
        StringBuilder seen = new StringBuilder();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.equals(expected)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        return seen.toString();
    }
}
