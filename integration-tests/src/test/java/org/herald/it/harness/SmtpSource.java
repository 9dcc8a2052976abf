package org.herald.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Postfix's smtp-source as a load generator: {@code mails} messages of {@code size} bytes over {@code sessions}
 * parallel plain SMTP sessions (no AUTH: the target must let loopback relay). Its output goes to
 * {@code work/smtp-source.log}.
 */
public final class SmtpSource {
    private SmtpSource() {
    }

    public static void send(Path work, int port, int sessions, int mails, int size, String from, String to, Duration timeout) {
        try {
            Process load = new ProcessBuilder("/usr/sbin/smtp-source", "-s", Integer.toString(sessions), "-m", Integer.toString(mails),
                "-l", Integer.toString(size), "-f", from, "-t", to, "127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(work.resolve("smtp-source.log").toFile()).start();
            assertThat(load.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("smtp-source finished").isTrue();
            assertThat(load.exitValue()).as("smtp-source exit status").isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
