package org.herald.core.dmarc.report;

/**
 * What a report attachment is, judged by its first bytes: gzip ({@code 1f 8b}), zip ({@code PK\3\4}, or
 * {@code PK\5\6} for an empty archive), XML (a {@code <} after an optional byte-order mark and whitespace, in UTF-8 or
 * UTF-16), or something else.
 */
enum ContentKind {
    GZIP,
    ZIP,
    XML,
    UNKNOWN;

    static ContentKind of(byte[] bytes, int length) {
        if (length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 4 && bytes[0] == 'P' && bytes[1] == 'K'
            && ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6))) {
            return ZIP;
        }
        return looksLikeXml(bytes, length) ? XML : UNKNOWN;
    }

    private static boolean looksLikeXml(byte[] bytes, int length) {
        int i = 0;
        if (length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            i = 3;
        } else if (length >= 2 && (((bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF)
            || ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE))) {
            // UTF-16 with a byte-order mark: skip zero bytes while looking for '<'.
            i = 2;
        }
        for (; i < length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '<') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0) {
                return false;
            }
        }
        return false;
    }
}
