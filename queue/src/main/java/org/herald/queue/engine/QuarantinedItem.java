package org.herald.queue.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * A damaged piece of the queue found at {@link QueueEngine#open}, moved (never deleted) below the queue's
 * {@code quarantine/} directory.
 *
 * @param entryId the entry concerned, or {@code null} when unknown (a damaged journal region)
 * @param reason  what was wrong, for a log line
 * @param files   the files now in quarantine for it
 */
public record QuarantinedItem(String entryId, String reason, List<Path> files) {
    public QuarantinedItem {
        files = List.copyOf(files);
    }
}
