/**
 * The storage engine of Herald's durable mail queue: plain Java, no James types. A James adapter
 * ({@code ManageableMailQueue}) sits on top of {@link org.herald.queue.engine.QueueEngine}.
 *
 * <h2>Layout of one queue directory</h2>
 * <pre>
 * lock                      held (FileLock) while open: one engine per directory, released by the OS on kill -9
 * bodies/&lt;id&gt;.body         the mail body, written once, streamed from the enqueuer's InputStream, never rewritten
 * journal/&lt;n&gt;.seg           append-only segments of small CRC-32C-checked records (see Journal for the bytes):
 *                           STATE (enqueue, defer, checkpoint: seq + body size + body CRC + the whole envelope),
 *                           COMPLETE (seq), FLUSH (time), CHECKPOINT_BEGIN/END
 * quarantine/               damaged items moved aside at open, with a .reason.txt each; never deleted by Herald
 * </pre>
 * The entry id is a 64-bit sequence in 16 hex digits (also the body's file name); the mail's name is in the envelope.
 *
 * <h2>Why bodies in files and state in a journal</h2>
 * A body is large and written once; the state of an entry changes several times (enqueue, each deferral, the end).
 * Keeping bodies in their own files means a state change is a record of a few hundred bytes (a deferral never touches
 * the body), a completion frees the body at once (unlink, no log compaction copying bodies), and compaction of the
 * journal only ever copies envelopes. Keeping state in one journal, rather than one small file per entry renamed
 * atomically, lets one {@code fdatasync} of the journal cover every state change of a batch: with per-entry files
 * each change costs a file sync plus a directory sync.
 *
 * <h2>Group commit</h2>
 * The enqueuing thread streams the body into {@code bodies/<id>.body} and (by default, {@code BodySync.CALLER})
 * forces it itself, so concurrent enqueuers sync their bodies in parallel and ext4 merges them into shared jbd2
 * commits. It then hands a small op to the single committer thread. The committer takes everything submitted since
 * its last sync, and per batch: forces the bodies (only in {@code BodySync.COMMITTER} mode), forces the
 * {@code bodies/} directory once (the new directory entries), appends all records in one write, forces the journal
 * once ({@code fdatasync}: the size is included), and only then applies the batch to the in-memory index and completes
 * every caller's future. So an enqueue is acknowledged only after body data, body directory entry and journal record
 * are durable, and sync cost is paid per batch ({@link org.herald.queue.engine.QueueEngineStats} shows batch sizes
 * and sync latency). {@code QueueEngineBench} (20 threads, 10 KB bodies, fsync on, this project's build machine:
 * virtual disk, about 0.4 ms per fsync of a new file) measured 5,200 to 6,700 enqueues/s with bodies synced by the
 * callers (mean batch 7.3 records, mean batch sync 0.8 to 1 ms) against 1,900 to 2,700/s with bodies synced one after
 * the other by the committer; 15,000 to 16,500/s with no fsync at all. Hence {@code BodySync.CALLER} by default.
 *
 * <p>Enqueue also takes a {@link org.herald.queue.engine.QueueEngine.BodyWriter} (a callback given the body file's
 * buffered stream), so a mail that knows how to write itself (James's {@code MimeMessage.writeTo}) needs neither a
 * copy in heap nor a pipe thread.
 *
 * <h2>Crash reasoning (kill -9 or power loss at any instant)</h2>
 * <ul>
 * <li>The journal record is the commit point. It is written after its body and the body directory are synced, so a
 * durable record always has a durable body. A body without a record is an enqueue never acknowledged (or a completed
 * entry whose unlink had not happened): open deletes it (or, if the journal was found damaged, quarantines it, since
 * its record may be what was lost).</li>
 * <li>Records are replayed in order; a STATE record holds the entry's whole envelope, so the last one wins; COMPLETE
 * removes; FLUSH lowers due times. A record cut by a crash fails its length/CRC check: it belonged to a batch nobody
 * was told was durable. Its bytes are copied to quarantine and replay resynchronizes on the next valid record.</li>
 * <li>A completion is acknowledged after its COMPLETE record is synced; the body is unlinked after that. Nothing
 * completed comes back. A deferral is acknowledged after its STATE record is synced; before that, the previous state
 * (due at its previous time) stands.</li>
 * <li>Leases are not durable: entries in flight at the crash are due again at their recorded time after the restart.
 * A mail whose delivery succeeded but whose COMPLETE was not yet synced is sent again: this is SMTP's own window,
 * at most the number of entries in flight.</li>
 * <li>Moves between queues: an enqueue whose envelope carries {@link QueueEngine#DEDUPLICATION_ATTRIBUTE} is not added
 * when a live entry, or an entry whose COMPLETE was replayed at open, has the same key and body. The James adapter keys
 * a mail taken from another queue by that source entry, so a source replayed after a crash (its completion not yet
 * synced) enqueues nothing twice. Bodies shared with the source by hard link are immutable, so either link alone
 * keeps the data.</li>
 * <li>Compaction: when {@code segmentBytes} of records have been appended after the head segment's checkpoint (and at every open) the committer creates a new
 * segment (header synced, journal directory synced), writes CHECKPOINT_BEGIN, one STATE per live entry, CHECKPOINT_END,
 * syncs, and only then deletes the older segments, oldest first. Replay adopts a checkpoint only when its END is
 * present; a checkpoint cut by a crash is ignored and the older segments, still there, give the state. If a crash
 * leaves some older segments undeleted, they are a suffix of the history followed by a complete checkpoint, which
 * replaces whatever they produced.</li>
 * <li>A failed write or fsync makes the engine refuse all later writes (Linux may drop dirty pages after a failed
 * fsync, so retrying would lie); a restart replays what is really on disk.</li>
 * </ul>
 *
 * <h2>Damage found at open</h2>
 * A bad segment header quarantines the segment; a corrupt or cut journal region or a record that cannot be parsed
 * (bad envelope) is copied to quarantine; a live entry whose body is missing, shorter/longer than recorded or (with
 * {@code verifyBodiesAtOpen}) fails its CRC-32C has its envelope written to quarantine and its body moved there.
 * Each is reported in {@link org.herald.queue.engine.RecoveryReport} and to the listener with a reason, and is dropped
 * from the new checkpoint so it is reported once; open succeeds.
 *
 * <h2>Memory</h2>
 * Bodies are never in heap: enqueue copies through a 32 KiB buffer, {@code openBody} streams from the file. The
 * heap holds one envelope per live entry and a skip-list index keyed by (next attempt, sequence): a fresh due entry
 * is at the head of the index whatever number of deferred entries sit behind it.
 */
package org.herald.queue.engine;
