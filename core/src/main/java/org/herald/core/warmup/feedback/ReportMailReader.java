package org.herald.core.warmup.feedback;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Finds the parts of a report mail (RFC 6522 {@code multipart/report}): the machine-readable report part of the kind
 * asked for, and the original message's header from the {@code message/rfc822}, {@code text/rfc822-headers},
 * {@code message/global} or {@code message/global-headers} (RFC 6533) part that follows it in the same multipart.
 *
 * <p>The report part is recognised by its content type, not by the {@code report-type} parameter, which some MTAs
 * omit; and it is looked for at any depth, so a report wrapped by a gateway in a {@code multipart/mixed} (to add a
 * disclaimer) is still found. Returned messages are not descended into: a bounce quoting another bounce reports only
 * once.
 *
 * <p>mime4j's pull parser does the MIME work (boundaries, base64, quoted-printable) as a stream, and reading stops as
 * soon as both parts are in hand, so the body of a returned message is never read. Every read is bounded by
 * {@link FeedbackLimits}; mime4j's own per-line and per-header limits are lifted because real mail exceeds them and the
 * byte limit on the whole mail already bounds them.
 */
final class ReportMailReader {
    private static final Set<String> ORIGINAL_MESSAGE_TYPES = Set.of("message/rfc822", "text/rfc822-headers",
        "message/global", "message/global-headers");
    private static final int CHUNK = 8 * 1024;

    private final FeedbackLimits limits;

    ReportMailReader(FeedbackLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @param mail        the whole mail, header included
     * @param reportTypes the content types the report part may have, lower case
     * @throws InvalidFeedbackException when the mail is not multipart, has no such report part, is malformed MIME or
     *                                  goes beyond a limit before the report part
     * @throws IOException              when {@code mail} cannot be read
     */
    ReportParts read(InputStream mail, Set<String> reportTypes) throws IOException {
        LimitedInputStream in = new LimitedInputStream(mail, limits.maxMailBytes());
        MimeTokenStream tokens = new MimeTokenStream(new MimeConfig.Builder()
            .setStrictParsing(false)
            .setMaxLineLen(-1)
            .setMaxHeaderLen(-1)
            .setMaxHeaderCount(-1)
            .setMaxContentLen(-1)
            .build());
        tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
        tokens.parse(in);

        Deque<Integer> openMultiparts = new ArrayDeque<>();
        int multipartsSeen = 0;
        int parts = 0;
        Set<String> typesSeen = new LinkedHashSet<>();
        String reportType = null;
        byte[] report = null;
        Integer reportParent = null;
        try {
            for (EntityState state = tokens.next(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                switch (state) {
                    case T_START_MULTIPART -> {
                        typesSeen.add(mimeType(tokens));
                        openMultiparts.push(multipartsSeen++);
                        if (openMultiparts.size() > limits.maxNesting()) {
                            throw new InvalidFeedbackException("multiparts nested more than " + limits.maxNesting()
                                + " deep");
                        }
                    }
                    case T_END_MULTIPART -> openMultiparts.pop();
                    case T_START_BODYPART -> {
                        if (++parts > limits.maxParts()) {
                            throw new InvalidFeedbackException("more than " + limits.maxParts() + " MIME parts "
                                + "before a " + describe(reportTypes) + " part");
                        }
                    }
                    case T_BODY -> {
                        String type = mimeType(tokens);
                        if (openMultiparts.isEmpty()) {
                            throw new InvalidFeedbackException("not a multipart mail (Content-Type " + type
                                + "): a report is multipart/report with a " + describe(reportTypes) + " part");
                        }
                        typesSeen.add(type);
                        Integer parent = openMultiparts.peek();
                        if (report == null && reportTypes.contains(type)) {
                            report = readReport(tokens.getDecodedInputStream(), type);
                            reportType = type;
                            reportParent = parent;
                        } else if (report != null && parent.equals(reportParent)
                            && ORIGINAL_MESSAGE_TYPES.contains(type)) {
                            return new ReportParts(reportType, report,
                                Optional.of(FieldBlocks.header(readHeader(tokens.getDecodedInputStream()))));
                        }
                    }
                    default -> {
                        // Headers, preambles, epilogues: nothing a report needs.
                    }
                }
            }
        } catch (MailTooLarge e) {
            if (report == null) {
                throw new InvalidFeedbackException("mail is larger than " + limits.maxMailBytes() + " bytes before a "
                    + describe(reportTypes) + " part");
            }
            // The report is in hand; only the original message's header was beyond the limit.
        } catch (MimeException e) {
            throw new InvalidFeedbackException("malformed MIME: " + e.getMessage(), e);
        }
        if (report == null) {
            throw new InvalidFeedbackException("no " + describe(reportTypes) + " part (parts: "
                + String.join(", ", typesSeen) + ")");
        }
        return new ReportParts(reportType, report, Optional.empty());
    }

    private byte[] readReport(InputStream part, String type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        int read;
        while ((read = part.read(chunk)) > 0) {
            if (out.size() + read > limits.maxReportPartBytes()) {
                throw new InvalidFeedbackException(type + " part is larger than " + limits.maxReportPartBytes()
                    + " bytes");
            }
            out.write(chunk, 0, read);
        }
        return out.toByteArray();
    }

    /** Reads up to the blank line ending the header, or the limit; the body that follows is never read. */
    private byte[] readHeader(InputStream part) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        int read;
        while (out.size() < limits.maxOriginalHeaderBytes()
            && (read = part.read(chunk, 0, Math.min(chunk.length, limits.maxOriginalHeaderBytes() - out.size()))) > 0) {
            int scannedFrom = Math.max(0, out.size() - 3);
            out.write(chunk, 0, read);
            if (hasBlankLine(out.toByteArray(), scannedFrom)) {
                break;
            }
        }
        return out.toByteArray();
    }

    /** Whether an empty line (LF LF or LF CR LF, or a line break first of all) starts at or after {@code from}. */
    private static boolean hasBlankLine(byte[] bytes, int from) {
        if (from == 0 && bytes.length > 0
            && (bytes[0] == '\n' || (bytes[0] == '\r' && bytes.length > 1 && bytes[1] == '\n'))) {
            return true;
        }
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\n' && (bytes[i + 1] == '\n'
                || (bytes[i + 1] == '\r' && i + 2 < bytes.length && bytes[i + 2] == '\n'))) {
                return true;
            }
        }
        return false;
    }

    private static String mimeType(MimeTokenStream tokens) {
        return tokens.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT);
    }

    private static String describe(Set<String> reportTypes) {
        List<String> sorted = new ArrayList<>(reportTypes);
        sorted.sort(null);
        return String.join(" or ", sorted);
    }

    /** Thrown by {@link LimitedInputStream} through mime4j, which passes I/O exceptions on unchanged. */
    private static final class MailTooLarge extends IOException {
        MailTooLarge() {
            super("mail size limit reached");
        }
    }

    /** Counts what mime4j reads and stops it at the limit. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long bytes) throws MailTooLarge {
            count += bytes;
            if (count > limit) {
                throw new MailTooLarge();
            }
        }
    }
}
