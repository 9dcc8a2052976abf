package org.herald.queue.engine;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * One durable, node-local, time-indexed queue in one directory. See {@code package-info.java} for the layout and the
 * crash reasoning.
 *
 * <p>Thread-safe. Enqueue streams the body to its file on the caller's thread, then hands a small record to the single
 * committer thread, which writes everything submitted since its last sync and syncs once per batch (group commit);
 * the caller's future completes after that sync. Dequeue ({@link #poll()}, {@link #take}) hands out due entries in
 * (next attempt, sequence) order and leases them until {@link #complete}, {@link #defer} or {@link #release}.
 */
public final class QueueEngine implements AutoCloseable {
    /**
     * Envelope attribute making enqueues idempotent: an enqueue whose envelope carries this attribute, with the same
     * value and the same body (size and checksum) as a live entry, or as an entry completed in the journal found at
     * open, is not added again; the existing entry is returned. The value is opaque here; the James adapter puts the
     * source entry and the recipients in it, so a mail moved from one queue to another and replayed after a crash
     * (its source's completion was not yet synced) is not queued, and so not delivered, twice.
     */
    public static final String DEDUPLICATION_ATTRIBUTE = "herald.queue.dedup-key";

    private static final String BODY_SUFFIX = ".body";
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path dir;
    private final Path journalDir;
    private final Path bodiesDir;
    private final Path quarantineDir;
    private final QueueEngineOptions options;
    private final Clock clock;
    private final QueueEngineStats stats = new QueueEngineStats();
    private final FileChannel lockChannel;
    private final FileLock lock;

    /** Durable live entries by sequence; written only by the committer (and open). */
    private final ConcurrentSkipListMap<Long, Entry> entries = new ConcurrentSkipListMap<>();
    /** Queued (not leased) entries by (due, seq). Whoever removes an entry from it owns that entry. */
    private final ConcurrentSkipListMap<IndexKey, Entry> index = new ConcurrentSkipListMap<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicLong nextSeq;
    /** The first sequence this opening of the queue gives out: lower ones were recovered from the journal. */
    private final long firstSeqOfThisOpen;
    private final LinkedBlockingQueue<Op> submitted = new LinkedBlockingQueue<>();
    /** Live entries by deduplication key (see {@link #DEDUPLICATION_ATTRIBUTE}). */
    private final ConcurrentHashMap<String, Entry> liveByDeduplicationKey = new ConcurrentHashMap<>();
    /** Entries whose completion was still in the journal at open, by deduplication key: tombstones for replays. */
    private final Map<String, QueueEntry> completedBeforeOpen = new HashMap<>();
    private final ReentrantLock waitLock = new ReentrantLock();
    private final Condition changed = waitLock.newCondition();
    private final Thread committer;
    private final RecoveryReport recoveryReport;
    private final AtomicInteger quarantineCounter = new AtomicInteger();

    private volatile boolean closed;
    private volatile Throwable failure;
    private FileChannel head;
    private long headNumber;
    /** Where the head segment's checkpoint ends: rotation comes after segmentBytes of records past it. */
    private long headCheckpointEnd;
    private FileChannel bodiesDirChannel;

    private QueueEngine(Path dir, QueueEngineOptions options) throws IOException {
        this.dir = dir;
        this.options = options;
        this.clock = options.clock();
        this.journalDir = dir.resolve("journal");
        this.bodiesDir = dir.resolve("bodies");
        this.quarantineDir = dir.resolve("quarantine");
        Files.createDirectories(journalDir);
        Files.createDirectories(bodiesDir);
        Files.createDirectories(quarantineDir);
        this.lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new IOException("queue directory " + dir + " is already open (by this or another process)");
        }
        this.lock = l;
        try {
            long[] seqHolder = new long[1];
            this.recoveryReport = recover(seqHolder);
            this.nextSeq = new AtomicLong(seqHolder[0]);
            this.firstSeqOfThisOpen = seqHolder[0];
            this.bodiesDirChannel = FileChannel.open(bodiesDir, StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        this.committer = new Thread(this::commitLoop, "herald-queue-committer-" + dir.getFileName());
        this.committer.setDaemon(true);
        this.committer.start();
    }

    /**
     * Opens (creating if needed) the queue stored in {@code dir}: replays the journal, moves damaged items to
     * {@code dir/quarantine} (reported by {@link #recoveryReport()} and the listener), deletes orphan bodies, writes a
     * checkpoint of the live entries into a fresh journal segment and deletes the older segments. Entries leased
     * before a crash are due again at their recorded next attempt.
     *
     * @throws IOException when the directory cannot be used or is already open
     */
    public static QueueEngine open(Path dir, QueueEngineOptions options) throws IOException {
        return new QueueEngine(Objects.requireNonNull(dir), Objects.requireNonNull(options));
    }

    public static QueueEngine open(Path dir) throws IOException {
        return open(dir, QueueEngineOptions.defaults());
    }

    // ------------------------------------------------------------------------------------------------ enqueue

    /** Writes a body to the stream it is given (for example James's {@code MimeMessage.writeTo}). */
    @FunctionalInterface
    public interface BodyWriter {
        /** Writes the whole body; must not close {@code out}. */
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /**
     * Streams {@code body} to a new body file and returns a future completed once envelope and body are durable
     * (body file, its directory entry and the journal record synced). The body stream is read to its end on the
     * calling thread and not closed.
     *
     * @throws IOException when the body cannot be read or written, or the engine is closed or failed; then nothing
     *                     was enqueued
     */
    public CompletableFuture<QueueEntry> enqueueAsync(QueueEnvelope envelope, InputStream body) throws IOException {
        Objects.requireNonNull(body, "body");
        return enqueueAsync(envelope, out -> body.transferTo(out));
    }

    /**
     * Like {@link #enqueueAsync(QueueEnvelope, InputStream)}, the body written by {@code body} on the calling thread
     * straight into the body file (through a 32 KiB buffer: never whole in heap).
     */
    public CompletableFuture<QueueEntry> enqueueAsync(QueueEnvelope envelope, BodyWriter body) throws IOException {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(body, "body");
        ensureUsable();
        QueueEnvelope env = withTimes(envelope);
        byte[] encoded = encode(env); // on the caller's thread, and refused before any byte is written
        long seq = nextSeq.getAndIncrement();
        String id = idOf(seq);
        Path file = bodyPath(id);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        BodyOutput out = new BodyOutput(ch);
        try {
            body.writeTo(out);
            out.drain();
            if (options.bodySync() == QueueEngineOptions.BodySync.CALLER) {
                if (options.fsync()) {
                    ch.force(true);
                }
                ch.close();
                ch = null;
            }
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            Files.deleteIfExists(file);
            throw e;
        }
        Optional<QueueEntry> existing = duplicateOf(deduplicationKey(env, out.size, (int) out.crc.getValue()));
        if (existing.isPresent()) {
            if (ch != null) {
                ch.close();
            }
            Files.deleteIfExists(file);
            return CompletableFuture.completedFuture(existing.get());
        }
        Entry entry = new Entry(seq, id, out.size, (int) out.crc.getValue(), env);
        Op op = new Op(Op.ENQUEUE, entry, env, encoded, ch, null);
        submit(op);
        return op.future.thenApply(x -> entry.snapshot());
    }

    public QueueEntry enqueue(QueueEnvelope envelope, BodyWriter body) throws IOException {
        return await(enqueueAsync(envelope, body));
    }

    /**
     * Enqueues a new entry whose body is the body of live entry {@code sourceId} of {@code source}, shared through a
     * hard link instead of copied: the body is already durable, so only the new directory entry and the journal
     * record are synced (with the batch). Bodies are never modified once written, so sharing is safe; each entry
     * removes only its own link. Falls back to a copy when the file system refuses the link.
     *
     * @throws NoSuchFileException when {@code sourceId} is not a live entry of {@code source}
     */
    public CompletableFuture<QueueEntry> enqueueSharingBodyAsync(QueueEnvelope envelope, QueueEngine source, String sourceId)
        throws IOException {
        Objects.requireNonNull(envelope, "envelope");
        Entry sourceEntry = source.entries.get(seqOf(sourceId));
        if (sourceEntry == null) {
            throw new NoSuchFileException(sourceId, null, "no such queue entry in " + source.dir);
        }
        ensureUsable();
        QueueEnvelope env = withTimes(envelope);
        byte[] encoded = encode(env);
        Optional<QueueEntry> existing = duplicateOf(deduplicationKey(env, sourceEntry.bodySize, sourceEntry.bodyCrc));
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing.get());
        }
        long seq = nextSeq.getAndIncrement();
        String id = idOf(seq);
        try {
            Files.createLink(bodyPath(id), source.bodyPath(sourceId));
        } catch (UnsupportedOperationException | IOException e) {
            try (InputStream in = source.openBody(sourceId)) {
                return enqueueAsync(envelope, in);
            }
        }
        Entry entry = new Entry(seq, id, sourceEntry.bodySize, sourceEntry.bodyCrc, env);
        Op op = new Op(Op.ENQUEUE, entry, env, encoded, null, null);
        submit(op);
        return op.future.thenApply(x -> entry.snapshot());
    }

    public QueueEntry enqueueSharingBody(QueueEnvelope envelope, QueueEngine source, String sourceId) throws IOException {
        return await(enqueueSharingBodyAsync(envelope, source, sourceId));
    }

    static String deduplicationKey(QueueEnvelope envelope, long bodySize, int bodyCrc) {
        String value = envelope.attributes().get(DEDUPLICATION_ATTRIBUTE);
        return value == null ? null : value + "|" + bodySize + ":" + Integer.toHexString(bodyCrc);
    }

    private Optional<QueueEntry> duplicateOf(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Entry live = liveByDeduplicationKey.get(key);
        if (live != null) {
            return Optional.of(live.snapshot());
        }
        synchronized (completedBeforeOpen) {
            return Optional.ofNullable(completedBeforeOpen.get(key));
        }
    }

    private QueueEnvelope withTimes(QueueEnvelope envelope) {
        QueueEnvelope env = envelope.enqueuedAt() == null ? envelope.withEnqueuedAt(clock.instant()) : envelope;
        return env.nextAttempt() == null ? env.withNextAttempt(env.enqueuedAt()) : env;
    }

    /** Buffers, checksums and counts what a body writer writes, into the body file. */
    private static final class BodyOutput extends java.io.OutputStream {
        private final FileChannel ch;
        private final ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
        final CRC32C crc = new CRC32C();
        long size;

        BodyOutput(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public void write(int b) throws IOException {
            if (!buffer.hasRemaining()) {
                drain();
            }
            buffer.put((byte) b);
            crc.update(b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            crc.update(b, off, len);
            size += len;
            while (len > 0) {
                if (!buffer.hasRemaining()) {
                    drain();
                }
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
            }
        }

        void drain() throws IOException {
            buffer.flip();
            Journal.writeFully(ch, buffer);
            buffer.clear();
        }
    }

    /** {@link #enqueueAsync} and wait: returns once the entry is durable. */
    public QueueEntry enqueue(QueueEnvelope envelope, InputStream body) throws IOException {
        return await(enqueueAsync(envelope, body));
    }

    // ------------------------------------------------------------------------------------------------ dequeue

    /**
     * True when the entry was already in the queue when this engine opened it (recovered from the journal after a
     * stop or a crash), false for one enqueued since. A recovered entry may have been worked on before the restart.
     */
    public boolean recoveredAtOpen(String id) {
        return seqOf(id) < firstSeqOfThisOpen;
    }

    /** Leases and returns the first due entry (due time, then sequence order), if any; never blocks. */
    public Optional<QueueEntry> poll() {
        Instant now = clock.instant();
        while (true) {
            Map.Entry<IndexKey, Entry> first = index.firstEntry();
            if (first == null || first.getKey().due().isAfter(now)) {
                return Optional.empty();
            }
            Entry e = first.getValue();
            if (index.remove(first.getKey(), e)) {
                synchronized (e) {
                    e.key = null;
                    e.leased = true;
                    e.leasedAt = now;
                }
                stats.dequeued();
                return Optional.of(e.snapshot());
            }
        }
    }

    /**
     * Leases the first due entry, waiting up to {@code timeout} (real time) for one. The wait ends early when an
     * entry is added, released, deferred or flushed, when the earliest queued entry becomes due by the engine's
     * clock, or on {@link #wakeUp()} (for tests that move a fake clock). Returns empty on timeout or close.
     */
    public Optional<QueueEntry> take(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        waitLock.lockInterruptibly();
        try {
            while (true) {
                Optional<QueueEntry> e = poll();
                if (e.isPresent() || closed) {
                    return e;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return Optional.empty();
                }
                long wait = Math.min(remaining, MAX_WAIT_NANOS);
                Map.Entry<IndexKey, Entry> first = index.firstEntry();
                if (first != null) {
                    long untilDue = Duration.between(clock.instant(), first.getKey().due()).toNanos();
                    wait = Math.max(1, Math.min(wait, untilDue));
                }
                changed.awaitNanos(wait);
            }
        } finally {
            waitLock.unlock();
        }
    }

    /** Wakes every {@link #take} waiter so it looks at the clock and the index again. */
    public void wakeUp() {
        waitLock.lock();
        try {
            changed.signalAll();
        } finally {
            waitLock.unlock();
        }
    }

    /** Opens the stored body of a live entry: a stream over its file, read positionally, never loaded in heap. */
    public InputStream openBody(String id) throws IOException {
        Entry e = entries.get(seqOf(id));
        if (e == null) {
            throw new NoSuchFileException(id, null, "no such queue entry");
        }
        // Buffered: JavaMail's header parsers read byte by byte, one system call each on a bare channel stream.
        return new BufferedInputStream(Channels.newInputStream(FileChannel.open(bodyPath(id), StandardOpenOption.READ)), 16 * 1024);
    }

    // ------------------------------------------------------------------------------------------------ lease end

    /** Removes a leased entry durably (delivered or bounced). The future completes once that is synced. */
    public CompletableFuture<Void> completeAsync(String id) throws IOException {
        Entry e = leasedEntry(id);
        Op op = new Op(Op.COMPLETE, e, null, null, null, null);
        submitFor(e, op);
        return op.future.thenApply(x -> null);
    }

    public void complete(String id) throws IOException {
        await(completeAsync(id));
    }

    /**
     * Ends a lease by scheduling the entry again at {@code nextAttempt}, with its envelope changed by {@code update}
     * (attempt count, error message, attributes...). Writes one small journal record; the body is never rewritten.
     * The entry is queued again once that record is synced.
     */
    public CompletableFuture<Void> deferAsync(String id, Instant nextAttempt, UnaryOperator<QueueEnvelope> update)
        throws IOException {
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        Entry e = leasedEntry(id);
        QueueEnvelope env = Objects.requireNonNull(update.apply(e.envelope), "updated envelope")
            .withNextAttempt(nextAttempt);
        if (!env.name().equals(e.envelope.name())) {
            throw new IllegalArgumentException("defer must not rename the entry");
        }
        Op op = new Op(Op.DEFER, e, env, encode(env), null, null);
        submitFor(e, op);
        return op.future.thenApply(x -> null);
    }

    public void defer(String id, Instant nextAttempt, UnaryOperator<QueueEnvelope> update) throws IOException {
        await(deferAsync(id, nextAttempt, update));
    }

    public void defer(String id, Instant nextAttempt) throws IOException {
        defer(id, nextAttempt, UnaryOperator.identity());
    }

    /**
     * Ends a lease without any durable change: the entry is queued again at its recorded next attempt (what a crash
     * would do). For a consumer that gives an entry back unprocessed.
     */
    public void release(String id) throws IOException {
        Entry e = leasedEntry(id);
        boolean remove;
        synchronized (e) {
            if (!e.leased || e.pending) {
                throw new IllegalStateException("entry " + id + " is not leased");
            }
            remove = e.removeRequested;
            if (!remove) {
                e.leased = false;
                insertIndex(e);
            }
        }
        if (remove) {
            completeAsync(id);
        }
        wakeUp();
    }

    /**
     * Hands back to the queue, due at once, every lease taken longer than {@code olderThan} ago and not being ended:
     * a consumer that died or hung without completing, deferring or releasing would otherwise keep its mail until
     * the next restart. The late consumer may still finish; its mail may then be delivered twice, which beats never.
     *
     * @return the entries handed back
     */
    public int expireLeases(Duration olderThan) {
        Instant limit = clock.instant().minus(olderThan);
        int expired = 0;
        for (Entry e : entries.values()) {
            synchronized (e) {
                if (e.leased && !e.pending && !e.removeRequested && e.leasedAt != null && e.leasedAt.isBefore(limit)) {
                    e.leased = false;
                    insertIndex(e);
                    expired++;
                }
            }
        }
        if (expired > 0) {
            wakeUp();
        }
        return expired;
    }

    // ------------------------------------------------------------------------------------------------ browse/manage

    /** Live entries: queued and leased. */
    public int size() {
        return live.get();
    }

    /** Entries currently leased (counted by iteration). */
    public long inFlightCount() {
        return entries.values().stream().filter(e -> e.leased).count();
    }

    /**
     * All live entries' metadata in sequence (enqueue) order, lazily, over a weakly consistent view: no body is read
     * and nothing needs closing.
     */
    public Stream<QueueEntry> browse() {
        return entries.values().stream().map(Entry::snapshot);
    }

    public Optional<QueueEntry> get(String id) {
        Entry e = entries.get(seqOf(id));
        return Optional.ofNullable(e).map(Entry::snapshot);
    }

    /**
     * Removes durably every live entry whose envelope matches. Queued entries are removed at once; a leased entry is
     * removed when its lease ends (a defer or release of it becomes a completion; a delivery in progress is not
     * interrupted). Returns once the removals of queued entries are synced.
     *
     * @return how many entries matched
     */
    public long removeIf(Predicate<QueueEnvelope> predicate) throws IOException {
        List<CompletableFuture<Object>> pending = new ArrayList<>();
        long matched = 0;
        for (Entry e : entries.values()) {
            if (!predicate.test(e.envelope)) {
                continue;
            }
            matched++;
            IndexKey k = e.key;
            if (k != null && index.remove(k, e)) {
                synchronized (e) {
                    e.key = null;
                    e.leased = true;
                    e.pending = true;
                }
                Op op = new Op(Op.COMPLETE, e, null, null, null, null);
                submit(op);
                pending.add(op.future);
            } else {
                synchronized (e) {
                    e.removeRequested = true;
                }
            }
        }
        await(CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])));
        return matched;
    }

    public long removeBySender(String sender) throws IOException {
        return removeIf(env -> env.sender().equalsIgnoreCase(sender));
    }

    public long removeByRecipient(String recipient) throws IOException {
        return removeIf(env -> env.recipients().stream().anyMatch(r -> r.equalsIgnoreCase(recipient)));
    }

    public long removeByName(String name) throws IOException {
        return removeIf(env -> env.name().equals(name));
    }

    public long clear() throws IOException {
        return removeIf(env -> true);
    }

    /** Makes every entry due now (one small journal record); returns once synced. */
    public void flush() throws IOException {
        Op op = new Op(Op.FLUSH, null, null, null, null, clock.instant());
        submit(op);
        await(op.future);
    }

    /** The earliest enqueue time among live entries. */
    public Optional<Instant> oldestEnqueuedAt() {
        Instant oldest = null;
        for (Entry e : entries.values()) {
            Instant t = e.envelope.enqueuedAt();
            if (oldest == null || t.isBefore(oldest)) {
                oldest = t;
            }
        }
        return Optional.ofNullable(oldest);
    }

    public Optional<Duration> oldestAge() {
        return oldestEnqueuedAt().map(t -> Duration.between(t, clock.instant()));
    }

    /** The next attempt time of the earliest queued (not leased) entry. */
    public Optional<Instant> nextDue() {
        Map.Entry<IndexKey, Entry> first = index.firstEntry();
        return first == null ? Optional.empty() : Optional.of(first.getKey().due());
    }

    public QueueEngineStats stats() {
        return stats;
    }

    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    public Path directory() {
        return dir;
    }

    /** Writes what is already submitted, stops the committer and releases the directory. Leases are dropped. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        wakeUp();
        try {
            committer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Op> rest = new ArrayList<>();
        submitted.drainTo(rest);
        failAll(rest, new IOException("queue engine closed"));
        closeQuietly();
    }

    // ------------------------------------------------------------------------------------------------ internals

    static String idOf(long seq) {
        // Zero-padded so that ids sort like sequences; String.format cost a measurable share of each enqueue.
        String hex = Long.toHexString(seq);
        return "0".repeat(16 - hex.length()) + hex;
    }

    static long seqOf(String id) {
        if (id == null || id.length() != 16) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(id, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] encode(QueueEnvelope env) {
        byte[] b = EnvelopeCodec.encode(env);
        if (b.length > Journal.MAX_ENVELOPE) {
            throw new IllegalArgumentException("envelope of " + env.name() + " too large: " + b.length + " bytes");
        }
        return b;
    }

    Path bodyPath(String id) {
        return bodiesDir.resolve(id + BODY_SUFFIX);
    }

    private Entry leasedEntry(String id) {
        Entry e = entries.get(seqOf(id));
        if (e == null) {
            throw new IllegalStateException("no such queue entry " + id);
        }
        return e;
    }

    private void submitFor(Entry e, Op op) throws IOException {
        synchronized (e) {
            if (!e.leased || e.pending) {
                throw new IllegalStateException("entry " + e.id + " is not leased (or its lease is already ending)");
            }
            e.pending = true;
        }
        try {
            submit(op);
        } catch (IOException | RuntimeException ex) {
            synchronized (e) {
                e.pending = false;
            }
            throw ex;
        }
    }

    private void insertIndex(Entry e) {
        IndexKey k = new IndexKey(e.envelope.nextAttempt(), e.seq);
        e.key = k;
        index.put(k, e);
    }

    private void ensureUsable() throws IOException {
        if (closed) {
            throw new IOException("queue engine closed: " + dir);
        }
        Throwable f = failure;
        if (f != null) {
            throw new IOException("queue engine failed earlier, refusing writes: " + f, f);
        }
    }

    private void submit(Op op) throws IOException {
        try {
            ensureUsable();
        } catch (IOException e) {
            discard(op);
            throw e;
        }
        submitted.add(op);
    }

    private static <T> T await(CompletableFuture<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the queue's sync");
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof CompletionException ce && ce.getCause() != null
                ? ce.getCause() : e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(c);
        }
    }

    private void commitLoop() {
        List<Op> batch = new ArrayList<>();
        while (true) {
            Op first;
            try {
                first = submitted.poll(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (first == null) {
                if (closed && submitted.isEmpty()) {
                    return;
                }
                continue;
            }
            batch.clear();
            batch.add(first);
            submitted.drainTo(batch, options.maxBatch() - 1);
            Throwable f = failure;
            if (f != null) {
                failAll(batch, new IOException("queue engine failed earlier: " + f, f));
                continue;
            }
            try {
                commit(batch);
            } catch (Throwable t) {
                // After a failed write or fsync the file state is unknown (fsync errors are not retryable on
                // Linux): refuse every later write; a restart replays what is really on disk.
                failure = t;
                failAll(batch, t);
            }
        }
    }

    private void commit(List<Op> batch) throws IOException {
        long t0 = System.nanoTime();
        Journal.RecordBuffer buf = new Journal.RecordBuffer(4096);
        int newBodies = 0;
        try {
            for (Op op : batch) {
                switch (op.type) {
                    case Op.ENQUEUE -> {
                        Entry e = op.entry;
                        buf.state(Journal.KIND_ENQUEUE, e.seq, e.bodySize, e.bodyCrc, op.encoded);
                        if (op.body != null) {
                            if (options.fsync()) {
                                op.body.force(true);
                            }
                            op.body.close();
                        }
                        newBodies++;
                    }
                    case Op.DEFER -> buf.state(Journal.KIND_DEFER, op.entry.seq, op.entry.bodySize,
                        op.entry.bodyCrc, op.encoded);
                    case Op.COMPLETE -> buf.complete(op.entry.seq);
                    case Op.FLUSH -> buf.flush(op.at);
                    default -> throw new IllegalStateException("op " + op.type);
                }
            }
        } finally {
            for (Op op : batch) {
                if (op.body != null && op.body.isOpen()) {
                    op.body.close();
                }
            }
        }
        // Journal written before the directory is forced: both are forced before any future completes, so their order
        // does not matter for what was acknowledged, and on ext4 the directory's journal commit then carries the
        // journal file's new blocks too, leaving its own fdatasync little to do (one file system commit, not two).
        Journal.writeFully(head, buf.asByteBuffer());
        if (newBodies > 0 && options.fsync()) {
            bodiesDirChannel.force(true);
        }
        if (options.fsync()) {
            head.force(false);
        }
        long nanos = System.nanoTime() - t0;
        stats.recordBatch(batch.size(), nanos);
        try {
            options.listener().batchCommitted(batch.size(), newBodies, nanos);
        } catch (RuntimeException ignored) {
            // a listener's failure must not fail durable writes
        }
        boolean signal = false;
        for (Op op : batch) {
            signal |= apply(op);
            op.future.complete(Boolean.TRUE);
        }
        if (signal) {
            wakeUp();
        }
        if (head.position() - headCheckpointEnd > options.segmentBytes()) {
            checkpoint();
        }
    }

    /** Applies a synced op to the in-memory state; returns true when a waiter may have something new. */
    private boolean apply(Op op) {
        Entry e = op.entry;
        switch (op.type) {
            case Op.ENQUEUE -> {
                entries.put(e.seq, e);
                if (e.deduplicationKey != null) {
                    liveByDeduplicationKey.put(e.deduplicationKey, e);
                }
                live.incrementAndGet();
                insertIndex(e);
                stats.enqueued(1);
                return true;
            }
            case Op.DEFER -> {
                e.envelope = op.envelope;
                stats.deferred();
                boolean remove;
                synchronized (e) {
                    e.pending = false;
                    remove = e.removeRequested;
                    if (remove) {
                        e.pending = true;
                    } else {
                        e.leased = false;
                        insertIndex(e);
                    }
                }
                if (remove) {
                    submitted.add(new Op(Op.COMPLETE, e, null, null, null, null));
                }
                return !remove;
            }
            case Op.COMPLETE -> {
                if (e.deduplicationKey != null) {
                    liveByDeduplicationKey.remove(e.deduplicationKey, e);
                }
                if (entries.remove(e.seq) != null) {
                    live.decrementAndGet();
                    stats.completed();
                }
                try {
                    Files.deleteIfExists(bodyPath(e.id));
                } catch (IOException ignored) {
                    // an orphan body is deleted at the next open
                }
                return false;
            }
            case Op.FLUSH -> {
                for (Entry x : entries.values()) {
                    if (x.envelope.nextAttempt().isAfter(op.at)) {
                        x.envelope = x.envelope.withNextAttempt(op.at);
                        IndexKey k = x.key;
                        if (k != null && index.remove(k, x)) {
                            insertIndex(x);
                        }
                    }
                }
                return true;
            }
            default -> throw new IllegalStateException("op " + op.type);
        }
    }

    /** Rotation: a new segment holding a complete checkpoint of the live entries, then the older segments go. */
    private void checkpoint() throws IOException {
        long number = headNumber + 1;
        FileChannel next = Journal.createSegment(journalDir, number, nextSeq.get(), options.fsync());
        try {
            writeCheckpoint(next, entries.values());
        } catch (IOException | RuntimeException e) {
            next.close();
            throw e;
        }
        FileChannel old = head;
        head = next;
        headNumber = number;
        headCheckpointEnd = next.position();
        old.close();
        deleteSegmentsBefore(number);
        stats.checkpoint();
    }

    private void writeCheckpoint(FileChannel ch, Iterable<Entry> live) throws IOException {
        Journal.RecordBuffer buf = new Journal.RecordBuffer(64 * 1024);
        buf.checkpointBegin();
        long n = 0;
        for (Entry e : live) {
            buf.state(Journal.KIND_CHECKPOINT, e.seq, e.bodySize, e.bodyCrc, e.envelope);
            n++;
        }
        buf.checkpointEnd(n);
        Journal.writeFully(ch, buf.asByteBuffer());
        if (options.fsync()) {
            ch.force(false);
        }
    }

    /** Oldest first, so that a crash in the middle leaves a suffix of the history (see package-info). */
    private void deleteSegmentsBefore(long number) throws IOException {
        for (Path p : listSegments()) {
            if (Journal.segmentNumber(p) < number) {
                Files.deleteIfExists(p);
            }
        }
    }

    private List<Path> listSegments() throws IOException {
        try (Stream<Path> s = Files.list(journalDir)) {
            return s.filter(Journal::isSegment).sorted((a, b) -> Long.compareUnsigned(
                Journal.segmentNumber(a), Journal.segmentNumber(b))).toList();
        }
    }

    private void failAll(List<Op> ops, Throwable t) {
        for (Op op : ops) {
            discard(op);
            if (op.entry != null) {
                synchronized (op.entry) {
                    op.entry.pending = false;
                }
            }
            op.future.completeExceptionally(t);
        }
    }

    /** An enqueue that will never be acknowledged: its body goes. */
    private void discard(Op op) {
        if (op.type != Op.ENQUEUE) {
            return;
        }
        try {
            if (op.body != null) {
                op.body.close();
            }
            Files.deleteIfExists(bodyPath(op.entry.id));
        } catch (IOException ignored) {
            // deleted as an orphan at the next open
        }
    }

    private void closeQuietly() {
        for (AutoCloseable c : new AutoCloseable[]{head, bodiesDirChannel, lock, lockChannel}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ recovery

    private record Rec(long seq, long bodySize, int bodyCrc, QueueEnvelope envelope) {
    }

    private RecoveryReport recover(long[] nextSeqOut) throws IOException {
        List<QuarantinedItem> quarantined = new ArrayList<>();
        List<Path> segments = listSegments();
        Map<Long, Rec> state = new LinkedHashMap<>();
        Set<Long> damagedSeqs = new HashSet<>();
        boolean damaged = false;
        long maxSeq = -1;
        long maxSegment = 0;
        boolean replayedBefore = false;
        for (Path seg : segments) {
            long number = Journal.segmentNumber(seg);
            maxSegment = Math.max(maxSegment, number);
            byte[] d = Files.readAllBytes(seg);
            if (d.length == 0) {
                // created by a rotation cut by a crash before its header: holds nothing
                Files.delete(seg);
                continue;
            }
            String headerProblem = headerProblem(d, number);
            if (headerProblem != null) {
                damaged = true;
                Path moved = quarantineMove(seg, seg.getFileName().toString());
                quarantined.add(report(null, "journal segment " + seg.getFileName() + ": " + headerProblem
                    + "; whole segment quarantined", List.of(moved)));
                continue;
            }
            maxSeq = Math.max(maxSeq, ByteBuffer.wrap(d, 20, 8).getLong() - 1);
            Map<Long, Rec> checkpoint = null;
            int p = Journal.HEADER_SIZE;
            while (p < d.length) {
                int len = Journal.validRecordLength(d, p, d.length);
                if (len < 0) {
                    int q = p + 1;
                    while (q < d.length && Journal.validRecordLength(d, q, d.length) < 0) {
                        q++;
                    }
                    damaged = true;
                    boolean tail = q >= d.length;
                    String what = tail
                        ? "incomplete or corrupt record at the end of journal segment " + seg.getFileName()
                        + " (offset " + p + ", " + (d.length - p) + " bytes): a write cut by a crash, or damage"
                        : "corrupt journal region in segment " + seg.getFileName() + " (offset " + p + ", "
                        + (q - p) + " bytes); records after it were recovered";
                    Path f = quarantineBytes(seg.getFileName() + "-" + p + ".bad", d, p, q - p, what);
                    quarantined.add(report(null, what, List.of(f)));
                    p = q;
                    continue;
                }
                byte type = d[p + Journal.RECORD_HEADER - 1];
                int payload = p + Journal.RECORD_HEADER;
                int plen = len - Journal.RECORD_HEADER;
                Map<Long, Rec> target = checkpoint != null ? checkpoint : state;
                ByteBuffer b = ByteBuffer.wrap(d, payload, plen);
                String problem = null;
                long seq = -1;
                try {
                    switch (type) {
                        case Journal.STATE -> {
                            b.get();
                            seq = b.getLong();
                            long size = b.getLong();
                            int crc = b.getInt();
                            QueueEnvelope env = EnvelopeCodec.decode(d, b.position(), b.remaining());
                            if (env.enqueuedAt() == null || env.nextAttempt() == null) {
                                throw new IOException("envelope without enqueue or next-attempt time");
                            }
                            target.put(seq, new Rec(seq, size, crc, env));
                            maxSeq = Math.max(maxSeq, seq);
                        }
                        case Journal.COMPLETE -> {
                            Rec done = target.remove(b.getLong());
                            String key = done == null ? null : deduplicationKey(done.envelope, done.bodySize, done.bodyCrc);
                            if (key != null) {
                                completedBeforeOpen.put(key, new QueueEntry(idOf(done.seq), done.envelope, done.bodySize));
                            }
                        }
                        case Journal.FLUSH -> {
                            Instant at = Instant.ofEpochSecond(b.getLong(), b.getInt());
                            target.replaceAll((k, r) -> r.envelope.nextAttempt().isAfter(at)
                                ? new Rec(r.seq, r.bodySize, r.bodyCrc, r.envelope.withNextAttempt(at)) : r);
                        }
                        case Journal.CHECKPOINT_BEGIN -> checkpoint = new LinkedHashMap<>();
                        case Journal.CHECKPOINT_END -> {
                            long count = b.getLong();
                            if (checkpoint != null) {
                                // adopted even when short: the segments it replaced may be gone, and what is
                                // missing from it was reported as a damaged region (its bodies are kept)
                                int held = checkpoint.size();
                                state = checkpoint;
                                checkpoint = null;
                                if (count != held) {
                                    throw new IOException("checkpoint announces " + count + " entries, holds " + held);
                                }
                            }
                        }
                        default -> throw new IOException("unknown record type " + type);
                    }
                } catch (IOException | RuntimeException ex) {
                    problem = ex.getMessage();
                }
                if (problem != null) {
                    damaged = true;
                    String entryId = seq >= 0 ? idOf(seq) : null;
                    if (seq >= 0) {
                        damagedSeqs.add(seq);
                        maxSeq = Math.max(maxSeq, seq);
                    }
                    String what = "unparsable journal record in segment " + seg.getFileName() + " at offset " + p
                        + (entryId != null ? " for entry " + entryId : "") + ": " + problem;
                    Path f = quarantineBytes(seg.getFileName() + "-" + p + ".record", d, p, len, what);
                    quarantined.add(report(entryId, what, List.of(f)));
                }
                p += len;
            }
            if (checkpoint != null && !replayedBefore) {
                // an unterminated checkpoint with nothing older to fall back on: damage, not a crash (a crash
                // during a checkpoint leaves the older segments in place); take what it holds
                damaged = true;
                state = checkpoint;
                quarantined.add(report(null, "journal segment " + seg.getFileName() + " holds a checkpoint without"
                    + " its end and no older segment: recovered the " + checkpoint.size() + " entries it holds",
                    List.of()));
            }
            // otherwise a checkpoint not ended in its segment was cut by a crash: the older segments hold the state
            replayedBefore = true;
        }

        // bodies of live entries
        List<Rec> good = new ArrayList<>();
        for (Rec r : state.values()) {
            String id = idOf(r.seq);
            Path body = bodyPath(id);
            String problem = null;
            if (!Files.isRegularFile(body)) {
                problem = "body file missing";
            } else {
                long size = Files.size(body);
                if (size != r.bodySize) {
                    problem = "body truncated or damaged: " + size + " bytes on disk, " + r.bodySize + " expected";
                } else if (options.verifyBodiesAtOpen() && crcOf(body) != r.bodyCrc) {
                    problem = "body checksum mismatch";
                }
            }
            if (problem == null) {
                good.add(r);
                continue;
            }
            List<Path> files = new ArrayList<>();
            files.add(quarantineEnvelope(id, r.envelope, problem));
            Path movedBody = null;
            if (Files.exists(body)) {
                movedBody = quarantineMove(body, id + BODY_SUFFIX);
                files.add(movedBody);
            }
            quarantined.add(report(new QuarantinedItem(id, "entry " + id + " (mail " + r.envelope.name() + "): " + problem,
                files, Optional.of(r.envelope), Optional.ofNullable(movedBody))));
        }

        // bodies without a live entry
        int orphansDeleted = 0;
        Set<Long> liveSeqs = new HashSet<>();
        good.forEach(r -> liveSeqs.add(r.seq));
        try (Stream<Path> s = Files.list(bodiesDir)) {
            for (Path body : s.toList()) {
                String name = body.getFileName().toString();
                long seq = name.endsWith(BODY_SUFFIX) ? seqOf(name.substring(0, name.length() - BODY_SUFFIX.length()))
                    : -1;
                if (seq < 0 || liveSeqs.contains(seq)) {
                    continue;
                }
                maxSeq = Math.max(maxSeq, seq);
                if (damaged || damagedSeqs.contains(seq)) {
                    Path moved = quarantineMove(body, name);
                    quarantined.add(report(new QuarantinedItem(idOf(seq), "body " + name + " has no journal entry and the"
                        + " journal was damaged: kept in quarantine", List.of(moved), Optional.empty(), Optional.of(moved))));
                } else {
                    Files.delete(body);
                    orphansDeleted++;
                }
            }
        }
        if (!quarantined.isEmpty() && options.fsync()) {
            Journal.forceDirectory(quarantineDir);
            Journal.forceDirectory(bodiesDir);
        }

        // fresh head segment starting with a checkpoint; then the replayed segments go, oldest first
        long seqStart = maxSeq + 1;
        nextSeqOut[0] = seqStart;
        headNumber = maxSegment + 1;
        head = Journal.createSegment(journalDir, headNumber, seqStart, options.fsync());
        List<Entry> recovered = new ArrayList<>();
        for (Rec r : good) {
            Entry entry = new Entry(r.seq, idOf(r.seq), r.bodySize, r.bodyCrc, r.envelope);
            recovered.add(entry);
            if (entry.deduplicationKey != null) {
                liveByDeduplicationKey.put(entry.deduplicationKey, entry);
            }
        }
        writeCheckpoint(head, recovered);
        headCheckpointEnd = head.position();
        deleteSegmentsBefore(headNumber);
        for (Entry e : recovered) {
            entries.put(e.seq, e);
            insertIndex(e);
        }
        live.set(recovered.size());
        return new RecoveryReport(recovered.size(), segments.size(), orphansDeleted, quarantined);
    }

    private static String headerProblem(byte[] d, long number) {
        if (d.length < Journal.HEADER_SIZE) {
            return "shorter than its header (" + d.length + " bytes)";
        }
        for (int i = 0; i < Journal.SEGMENT_MAGIC.length; i++) {
            if (d[i] != Journal.SEGMENT_MAGIC[i]) {
                return "not a Herald queue journal (bad magic)";
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(d, 0, 28);
        ByteBuffer b = ByteBuffer.wrap(d);
        if ((int) crc.getValue() != b.getInt(28)) {
            return "header checksum mismatch";
        }
        if (b.getInt(8) != Journal.SEGMENT_VERSION) {
            return "unknown journal version " + b.getInt(8);
        }
        if (b.getLong(12) != number) {
            return "header names segment " + b.getLong(12);
        }
        return null;
    }

    private static int crcOf(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                crc.update(buf, 0, n);
            }
        }
        return (int) crc.getValue();
    }

    private QuarantinedItem report(String id, String reason, List<Path> files) {
        return report(new QuarantinedItem(id, reason, files));
    }

    private QuarantinedItem report(QuarantinedItem item) {
        try {
            options.listener().quarantined(item);
        } catch (RuntimeException ignored) {
            // reporting must not stop the open
        }
        return item;
    }

    private String quarantineName(String base) {
        return clock.millis() + "-" + quarantineCounter.incrementAndGet() + "-" + base;
    }

    private Path quarantineMove(Path file, String base) throws IOException {
        Path target = quarantineDir.resolve(quarantineName(base));
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(file, target);
        }
        return target;
    }

    private Path quarantineBytes(String base, byte[] d, int offset, int length, String reason) throws IOException {
        Path target = quarantineDir.resolve(quarantineName(base));
        byte[] copy = new byte[length];
        System.arraycopy(d, offset, copy, 0, length);
        Journal.writeFileDurably(target, copy);
        Journal.writeFileDurably(quarantineDir.resolve(target.getFileName() + ".reason.txt"),
            (reason + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return target;
    }

    private Path quarantineEnvelope(String id, QueueEnvelope env, String reason) throws IOException {
        Path target = quarantineDir.resolve(quarantineName(id + ".envelope"));
        Journal.writeFileDurably(target, EnvelopeCodec.encode(env));
        Journal.writeFileDurably(quarantineDir.resolve(target.getFileName() + ".reason.txt"),
            (reason + "\n" + env + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return target;
    }

    // ------------------------------------------------------------------------------------------------ types

    private record IndexKey(Instant due, long seq) implements Comparable<IndexKey> {
        @Override
        public int compareTo(IndexKey o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private static final class Entry {
        final long seq;
        final String id;
        final long bodySize;
        final int bodyCrc;
        /** Fixed at enqueue: later deferrals may change the envelope's recipients, not what it was queued as. */
        final String deduplicationKey;
        /** The durable envelope; written by the committer after a sync (or by open). */
        volatile QueueEnvelope envelope;
        /** Its key while in the index; null while leased. */
        volatile IndexKey key;
        volatile boolean leased;
        /** When the current lease was taken. */
        volatile Instant leasedAt;
        /** A defer or complete of the lease is submitted and not yet applied. */
        volatile boolean pending;
        volatile boolean removeRequested;

        Entry(long seq, String id, long bodySize, int bodyCrc, QueueEnvelope envelope) {
            this.seq = seq;
            this.id = id;
            this.bodySize = bodySize;
            this.bodyCrc = bodyCrc;
            this.envelope = envelope;
            this.deduplicationKey = QueueEngine.deduplicationKey(envelope, bodySize, bodyCrc);
        }

        QueueEntry snapshot() {
            return new QueueEntry(id, envelope, bodySize);
        }
    }

    private static final class Op {
        static final int ENQUEUE = 1;
        static final int DEFER = 2;
        static final int COMPLETE = 3;
        static final int FLUSH = 4;

        final int type;
        final Entry entry;
        final QueueEnvelope envelope;
        final byte[] encoded;
        final FileChannel body;
        final Instant at;
        final CompletableFuture<Object> future = new CompletableFuture<>();

        Op(int type, Entry entry, QueueEnvelope envelope, byte[] encoded, FileChannel body, Instant at) {
            this.type = type;
            this.entry = entry;
            this.envelope = envelope;
            this.encoded = encoded;
            this.body = body;
            this.at = at;
        }
    }
}
