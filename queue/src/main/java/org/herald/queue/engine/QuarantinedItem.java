package org.herald.queue.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A damaged piece of the queue found at {@link QueueEngine#open}, moved (never deleted) below the queue's
 * {@code quarantine/} directory.
 *
 * @param entryId the entry concerned, or {@code null} when unknown (a damaged journal region)
 * @param reason  what was wrong, for a log line
 * @param files    the files now in quarantine for it
 * @param envelope the entry's envelope, when its journal record was intact
 * @param body     the entry's body file in quarantine (possibly truncated), when there was one
 */
public record QuarantinedItem(String entryId, String reason, List<Path> files, Optional<QueueEnvelope> envelope,
                              Optional<Path> body) {
    public QuarantinedItem {
        files = List.copyOf(files);
        Objects.requireNonNull(envelope);
        Objects.requireNonNull(body);
    }

    public QuarantinedItem(String entryId, String reason, List<Path> files) {
        this(entryId, reason, files, Optional.empty(), Optional.empty());
    }
}
