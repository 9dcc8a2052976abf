package org.herald.core.warmup.feedback;

import java.util.Optional;

/**
 * What a report mail's parser needs from its MIME structure (RFC 6522 multipart/report).
 *
 * @param reportType     the machine-readable part's content type, lower case
 * @param report         that part, transfer decoding undone
 * @param originalHeader the original message's header, from the returned message or header part that follows the
 *                       report part; empty when the mail returned none (or it was beyond the size limit)
 */
record ReportParts(String reportType, byte[] report, Optional<FieldBlock> originalHeader) {
}
