package org.herald.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.herald.testpeers.FreePorts;
import org.herald.testpeers.PeerUnavailableException;

/**
 * Postfix's smtp-sink on a free loopback port, dumping every accepted mail to its own file: the smarthost Herald
 * relays to in tests. {@link #stop()} simulates a relay outage; {@link #start()} brings it back on the same port.
 */
public final class SmtpSink implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/smtp-sink");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

    private final int port;
    private final Path dumpDirectory;
    private Process process;

    private SmtpSink(int port, Path dumpDirectory) {
        this.port = port;
        this.dumpDirectory = dumpDirectory;
    }

    /** Prepares a sink on a free port without starting it (the relay is "down" until {@link #start()}). */
    public static SmtpSink prepare() {
        if (!Files.isExecutable(BINARY)) {
            throw new PeerUnavailableException("smtp-sink is not installed: apt-get install postfix");
        }
        try {
            // smtp-sink drops root privileges to nobody, which must reach and write the dumps: not below a 0700
            // JUnit temporary directory, but in a world-writable one of its own, removed by close().
            Path dumps = Files.createTempDirectory("herald-smtp-sink");
            Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
            return new SmtpSink(FreePorts.loopback(), dumps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SmtpSink started() {
        SmtpSink sink = prepare();
        sink.start();
        return sink;
    }

    public synchronized void start() {
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of("-d", dumpDirectory + "/%Y%m%d%H%M%S.", FreePorts.LOOPBACK + ":" + port, "256"));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dumpDirectory.resolve("smtp-sink.log").toFile())
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await("smtp-sink listening on " + port).atMost(Duration.ofSeconds(10)).until(() -> FreePorts.isListening(port));
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    public int port() {
        return port;
    }

    /** Every dumped mail, as smtp-sink wrote it: its own X-* envelope lines and Received header, then the message. */
    public List<String> dumps() {
        try (Stream<Path> files = Files.list(dumpDirectory)) {
            return files.filter(file -> !file.getFileName().toString().equals("smtp-sink.log"))
                .sorted().map(DumpedMail::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> messageIds() {
        List<String> ids = new ArrayList<>();
        for (String dump : dumps()) {
            Matcher matcher = MESSAGE_ID.matcher(dump);
            if (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dumpDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
