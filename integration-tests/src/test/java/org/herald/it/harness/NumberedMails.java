package org.herald.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Load whose every message can be told apart: {@code mails} messages over {@code sessions} parallel plain SMTP
 * sessions, each with a Message-ID of its own. smtp-source cannot serve tests that count duplicates: it derives its
 * Message-IDs from a counter shared by its sessions and read as they send, so two messages can carry the same one.
 */
public final class NumberedMails {
    private NumberedMails() {
    }

    /** @return the Message-IDs sent, every one accepted with a 250 */
    public static List<String> send(int port, int sessions, int mails, int size, String from, String to, Duration timeout) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = "x".repeat(76) + "\r\n";
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<String>> sent = new ArrayList<>();
            for (int i = 0; i < mails; i++) {
                String messageId = "<" + run + "." + i + "@numbered.test>";
                StringBuilder message = new StringBuilder("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: numbered " + i
                    + "\r\nMessage-ID: " + messageId + "\r\n\r\n");
                while (message.length() < size) {
                    message.append(body);
                }
                byte[] bytes = message.toString().getBytes(StandardCharsets.US_ASCII);
                sent.add(pool.submit(() -> {
                    assertThat(RawMail.send(port, from, List.of(to), bytes)).as(messageId).startsWith("250");
                    return messageId;
                }));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            List<String> ids = new ArrayList<>();
            for (Future<String> future : sent) {
                ids.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return ids;
        } catch (ExecutionException e) {
            throw new AssertionError("a numbered mail was not accepted", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("numbered mails not all accepted within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
