package org.herald.testpeers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a peer's command line to completion: standard input, output and error go through files in the peer's own
 * directory, so no pipe can fill up and hang the process, and a timeout kills it.
 */
final class PeerCommand {
    private static final AtomicLong COUNTER = new AtomicLong();

    private PeerCommand() {
    }

    /** What a finished command left: its exit code, its standard output (bytes) and its standard error (text). */
    record Result(List<String> command, int exitCode, byte[] stdout, String stderr) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** The command, its exit code and everything it printed, for failure messages. */
        String describe() {
            return String.join(" ", command) + " exited with " + exitCode + "\nstdout:\n" + stdoutText() + "\nstderr:\n" + stderr;
        }
    }

    /**
     * Runs {@code command} in {@code directory} (which also holds the temporary input/output files) with
     * {@code stdin} (may be empty) on its standard input and LC_ALL=C.
     *
     * @throws IllegalStateException when it does not finish within {@code timeout} (it is killed)
     */
    static Result run(Path directory, Duration timeout, byte[] stdin, Map<String, String> environment, List<String> command) {
        long id = COUNTER.incrementAndGet();
        Path in = directory.resolve("cmd-" + id + ".in");
        Path out = directory.resolve("cmd-" + id + ".out");
        Path err = directory.resolve("cmd-" + id + ".err");
        try {
            Files.write(in, stdin);
            ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
            builder.environment().put("LC_ALL", "C");
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                    + "\nstdout:\n" + readQuietly(out) + "\nstderr:\n" + readQuietly(err));
            }
            return new Result(List.copyOf(command), process.exitValue(), Files.readAllBytes(out), Files.readString(err,
                StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(in);
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    static Result run(Path directory, Duration timeout, List<String> command) {
        return run(directory, timeout, new byte[0], Map.of(), command);
    }

    static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover in a throwaway directory
        }
    }

    /**
     * The executable {@code name} in Debian's sbin/bin directories (which a non-root PATH often lacks) or on the PATH.
     */
    static Optional<Path> findProgram(String name) {
        List<String> directories = new ArrayList<>(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(File.pathSeparator)));
        }
        return directories.stream()
            .filter(directory -> !directory.isEmpty())
            .map(directory -> Path.of(directory, name))
            .filter(PeerCommand::isExecutableFile)
            .findFirst();
    }

    static boolean isExecutableFile(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
