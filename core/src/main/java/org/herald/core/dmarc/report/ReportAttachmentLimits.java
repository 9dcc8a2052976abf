package org.herald.core.dmarc.report;

/**
 * How much an incoming report attachment may cost before Herald gives up on it. The largest real aggregate reports
 * are a few MB uncompressed; the defaults leave an order of magnitude of room and still stop a zip bomb long before it
 * threatens the heap.
 *
 * @param maxCompressedBytes the attachment as received
 * @param maxDocumentBytes   one XML document after decompression
 * @param maxTotalBytes      all documents of one attachment together, after decompression
 * @param maxZipEntries      entries in a zip archive, directories and non-XML entries included
 */
public record ReportAttachmentLimits(long maxCompressedBytes, long maxDocumentBytes, long maxTotalBytes,
                                     int maxZipEntries) {
    private static final long MB = 1024L * 1024L;

    /** 10 MB in, 50 MB per document, 100 MB in total, 20 zip entries. */
    public static final ReportAttachmentLimits DEFAULTS = new ReportAttachmentLimits(10 * MB, 50 * MB, 100 * MB, 20);

    public ReportAttachmentLimits {
        if (maxCompressedBytes < 1 || maxDocumentBytes < 1 || maxTotalBytes < 1 || maxZipEntries < 1) {
            throw new IllegalArgumentException("report attachment limits must be positive: " + maxCompressedBytes
                + " compressed, " + maxDocumentBytes + " per document, " + maxTotalBytes + " in total, "
                + maxZipEntries + " zip entries");
        }
        if (maxDocumentBytes > Integer.MAX_VALUE - 8 || maxTotalBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a report document is held in one byte array, so the limits must stay "
                + "below 2 GB");
        }
    }

    /** "50 MB" or "1234 bytes", for the reasons given to operators. */
    static String describe(long bytes) {
        if (bytes >= MB && bytes % MB == 0) {
            return (bytes / MB) + " MB";
        }
        return bytes + " bytes";
    }
}
