package org.herald.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.herald.testpeers.FreePorts;
import org.herald.testpeers.PeerUnavailableException;

/**
 * A relay that answers 451 to recipients in some domains and accepts the rest (Debian's python3-aiosmtpd running
 * peers/selective_relay.py): one destination "down" while others work, as a relay with one unreachable domain.
 */
public final class SelectiveRelay implements AutoCloseable {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private final int port;
    private final Path dumps;
    private final Process process;

    private SelectiveRelay(int port, Path dumps, Process process) {
        this.port = port;
        this.dumps = dumps;
        this.process = process;
    }

    public static SelectiveRelay deferring(Path work, String... deferredDomains) {
        return start(work, List.of(deferredDomains), List.of());
    }

    /** A relay that accepts everything but answers each DATA only after {@code dataDelay}. */
    public static SelectiveRelay slow(Path work, Duration dataDelay) {
        return start(work, List.of(), List.of(), dataDelay);
    }

    /** A relay that answers 451 to recipients in {@code deferredDomains} and 550 to those in {@code rejectedDomains}. */
    public static SelectiveRelay start(Path work, List<String> deferredDomains, List<String> rejectedDomains) {
        return start(work, deferredDomains, rejectedDomains, Duration.ZERO);
    }

    private static SelectiveRelay start(Path work, List<String> deferredDomains, List<String> rejectedDomains, Duration dataDelay) {
        try {
            if (new ProcessBuilder(PYTHON.toString(), "-c", "import aiosmtpd").start().waitFor() != 0) {
                throw new PeerUnavailableException("python3-aiosmtpd is not installed: apt-get install python3-aiosmtpd");
            }
            Path script = work.resolve("selective_relay.py");
            try (InputStream in = SelectiveRelay.class.getResourceAsStream("/peers/selective_relay.py")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Path dumps = Files.createDirectories(work.resolve("relay-" + System.nanoTime()));
            int port = FreePorts.loopback();
            List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), script.toString(), Integer.toString(port),
                dumps.toString(), String.join(",", deferredDomains)));
            if (!rejectedDomains.isEmpty()) {
                command.add("--reject=" + String.join(",", rejectedDomains));
            }
            if (!dataDelay.isZero()) {
                command.add("--delay-data=" + dataDelay.toMillis() / 1000.0);
            }
            Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("selective-relay-" + port + ".log").toFile())
                .start();
            SelectiveRelay relay = new SelectiveRelay(port, dumps, process);
            Awaitility.await("the selective relay on " + port).atMost(Duration.ofSeconds(20)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the selective relay exited with " + process.exitValue());
                }
                return FreePorts.isListening(port);
            });
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** How many SMTP sessions (EHLO or HELO) the relay has seen. */
    public long sessions() {
        try (Stream<String> lines = Files.lines(dumps.resolve("sessions.log"))) {
            return lines.count();
        } catch (java.nio.file.NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every accepted mail: an X-Arrived-Ms line, X-Rcpt-Args lines, then the message. */
    public List<String> accepted() {
        return DumpedMail.allIn(dumps);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
