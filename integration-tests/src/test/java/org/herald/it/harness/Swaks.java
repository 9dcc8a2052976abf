package org.herald.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.herald.testpeers.PeerUnavailableException;

/** swaks, the independent SMTP client an operator reaches for; runs one transaction and reports what it saw. */
public final class Swaks {
    private static final Path BINARY = Path.of("/usr/bin/swaks");

    public record Result(int exitCode, String transcript) {
    }

    private Swaks() {
    }

    public static Result run(String... arguments) {
        if (!BINARY.toFile().canExecute()) {
            throw new PeerUnavailableException("swaks is not installed: apt-get install swaks");
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--timeout", "30"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("swaks did not finish: " + command);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
