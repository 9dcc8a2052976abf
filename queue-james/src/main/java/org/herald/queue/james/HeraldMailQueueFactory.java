package org.herald.queue.james;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.herald.queue.engine.QueueEngine;
import org.herald.queue.engine.QuarantinedItem;
import org.herald.queue.engine.QueueEngineOptions;
import org.herald.queue.engine.RecoveryReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Herald's node-local durable queues, one engine directory per queue below {@code root} (spool, outgoing, ...).
 * Queues found on disk at start are reopened, so nothing waiting in them is forgotten.
 */
public final class HeraldMailQueueFactory implements MailQueueFactory<HeraldMailQueue> {
    private static final Logger LOGGER = LoggerFactory.getLogger(HeraldMailQueueFactory.class);

    private final Path root;
    private final MailQueueItemDecoratorFactory decorators;
    private final Clock clock;
    private final QueueEngineOptions options;
    private final ConcurrentHashMap<MailQueueName, HeraldMailQueue> queues = new ConcurrentHashMap<>();

    public HeraldMailQueueFactory(Path root, MailQueueItemDecoratorFactory decorators, Clock clock, QueueEngineOptions options) {
        this.root = root;
        this.decorators = decorators;
        this.clock = clock;
        this.options = options;
    }

    /** Reopens every queue that has a directory, so their mail is recovered (and quarantine reported) at start. */
    public void openExistingQueues() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> directories = Files.list(root)) {
            directories.filter(Files::isDirectory)
                .map(directory -> MailQueueName.of(URLDecoder.decode(directory.getFileName().toString(), StandardCharsets.UTF_8)))
                .forEach(this::createQueue);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the queues in " + root, e);
        }
    }

    @Override
    public Optional<HeraldMailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return Optional.ofNullable(queues.get(name));
    }

    @Override
    public HeraldMailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return queues.computeIfAbsent(name, this::open);
    }

    private HeraldMailQueue open(MailQueueName name) {
        Path directory = root.resolve(URLEncoder.encode(name.asString(), StandardCharsets.UTF_8));
        try {
            QueueEngine engine = QueueEngine.open(directory, options);
            RecoveryReport report = engine.recoveryReport();
            LOGGER.info("Mail queue {} opened in {}: {} mails waiting", name.asString(), directory, report.entries());
            for (QuarantinedItem damaged : report.quarantined()) {
                LOGGER.warn("Mail queue {}: damaged entry {} moved to {} ({}); nothing was deleted, inspect it by hand",
                    name.asString(), damaged.entryId(), directory.resolve("quarantine"), damaged.reason());
            }
            return new HeraldMailQueue(name, engine, decorators, clock, this::engineInDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open mail queue " + name.asString() + " in " + directory + ": " + e.getMessage(), e);
        }
    }

    private Optional<QueueEngine> engineInDirectory(String directoryName) {
        return queues.values().stream()
            .map(HeraldMailQueue::engine)
            .filter(engine -> engine.directory().getFileName().toString().equals(directoryName))
            .findFirst();
    }

    public List<HeraldMailQueue> openQueues() {
        return List.copyOf(queues.values());
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return new HashSet<>(queues.keySet());
    }

    /** Stops dequeuing and closes every engine. */
    public void close() {
        queues.values().forEach(queue -> {
            queue.shutdown();
            try {
                queue.engine().close();
            } catch (IOException e) {
                LOGGER.warn("Closing mail queue {} failed: {}", queue.getName().asString(), e.getMessage());
            }
        });
    }
}
