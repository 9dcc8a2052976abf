package org.herald.queue.engine;

import java.util.List;

/**
 * What {@link QueueEngine#open} found on disk.
 *
 * @param entries             live entries recovered (all due again at their recorded time; leases are not durable)
 * @param segmentsReplayed    journal segments read
 * @param orphanBodiesDeleted body files without a journal entry (an enqueue never acknowledged, or a completed entry
 *                            whose unlink did not happen before a crash) that were deleted; when the journal was
 *                            damaged they are quarantined instead
 * @param quarantined         damaged items moved to quarantine
 */
public record RecoveryReport(int entries, int segmentsReplayed, int orphanBodiesDeleted,
                             List<QuarantinedItem> quarantined) {
    public RecoveryReport {
        quarantined = List.copyOf(quarantined);
    }
}
