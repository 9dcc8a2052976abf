package org.herald.core.dmarc.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Finds the XML documents in a report attachment: a plain {@code .xml}, a {@code .xml.gz}/{@code .gz}, a {@code .zip}
 * (every {@code .xml} entry), or XML sent inline. The kind is decided by the content (gzip and zip magic numbers, a
 * leading {@code <}) and never by the file name, which reporters get wrong ({@code .zip} files that are gzip, no name
 * at all).
 *
 * <p>Everything is decompressed as a stream while counting what actually comes out: sizes declared in zip or gzip
 * headers are never trusted, and a limit is enforced before the bytes that would exceed it are kept, so a zip bomb
 * costs at most the limit in memory. Archives inside archives are refused: no report needs them and they multiply
 * a bomb's ratio.
 */
public final class ReportAttachments {
    private static final int CHUNK = 64 * 1024;
    private static final int SNIFF_BYTES = 512;

    private final ReportAttachmentLimits limits;

    public ReportAttachments() {
        this(ReportAttachmentLimits.DEFAULTS);
    }

    public ReportAttachments(ReportAttachmentLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * The XML documents in {@code content}, in order; never empty.
     *
     * @param fileName the attachment's name if the mail gave one; only used in messages
     * @throws InvalidReportException naming the limit or the problem
     */
    public List<ReportDocument> documents(Optional<String> fileName, byte[] content) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        String name = fileName.map(String::trim).filter(n -> !n.isEmpty()).orElse("inline");
        if (content.length > limits.maxCompressedBytes()) {
            throw new InvalidReportException(name + ": attachment is " + content.length + " bytes, larger than the "
                + ReportAttachmentLimits.describe(limits.maxCompressedBytes()) + " limit");
        }
        switch (ContentKind.of(content, content.length)) {
            case GZIP:
                return List.of(new ReportDocument(name, gunzip(name, content)));
            case ZIP:
                return unzip(name, content);
            case XML:
                if (content.length > limits.maxDocumentBytes()) {
                    throw new InvalidReportException(name + ": document exceeds "
                        + ReportAttachmentLimits.describe(limits.maxDocumentBytes()));
                }
                return List.of(new ReportDocument(name, content.clone()));
            default:
                throw new InvalidReportException(name + ": not a DMARC report attachment: neither XML, gzip nor zip");
        }
    }

    private byte[] gunzip(String name, byte[] content) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content), CHUNK)) {
            return readDocument(name, in, new Budget(limits.maxTotalBytes()));
        } catch (EOFException e) {
            throw new InvalidReportException(name + ": gzip data is truncated", e);
        } catch (ZipException e) {
            throw new InvalidReportException(name + ": gzip data is corrupt (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidReportException(name + ": gzip data cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private List<ReportDocument> unzip(String name, byte[] content) {
        List<ReportDocument> documents = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Budget budget = new Budget(limits.maxTotalBytes());
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries++;
                if (entries > limits.maxZipEntries()) {
                    throw new InvalidReportException(name + ": zip archive has more than " + limits.maxZipEntries()
                        + " entries, the limit for a report attachment");
                }
                String entryName = entry.getName();
                String source = name + "!" + entryName;
                if (entry.isDirectory()) {
                    continue;
                }
                String lower = entryName.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".zip") || lower.endsWith(".gz")) {
                    throw new InvalidReportException(source + ": archives inside archives are refused");
                }
                if (lower.endsWith(".xml")) {
                    documents.add(new ReportDocument(source, readDocument(source, zip, budget)));
                } else {
                    // Drained through the same counting, so an entry that is skipped still cannot be a bomb.
                    drain(source, zip, budget);
                    skipped.add(entryName);
                }
            }
        } catch (EOFException e) {
            throw new InvalidReportException(name + ": zip archive is truncated", e);
        } catch (ZipException e) {
            throw new InvalidReportException(name + ": zip archive is corrupt (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidReportException(name + ": zip archive cannot be read (" + e.getMessage() + ")", e);
        }
        if (documents.isEmpty()) {
            throw new InvalidReportException(name + ": zip archive has no .xml entry"
                + (skipped.isEmpty() ? "" : " (entries: " + String.join(", ", skipped) + ")"));
        }
        return documents;
    }

    /**
     * Reads one decompressed document, refusing it as soon as it outgrows a limit or turns out not to be XML (checked
     * on its first bytes, so a bomb of zeros is refused after a few hundred bytes).
     */
    private byte[] readDocument(String source, InputStream in, Budget budget) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK);
        byte[] chunk = new byte[CHUNK];
        boolean sniffed = false;
        long size = 0;
        int read;
        while ((read = in.read(chunk)) > 0) {
            size += read;
            checkLimits(source, size, budget, read);
            out.write(chunk, 0, read);
            if (!sniffed && (out.size() >= SNIFF_BYTES)) {
                requireXml(source, out.toByteArray());
                sniffed = true;
            }
        }
        byte[] document = out.toByteArray();
        if (!sniffed) {
            requireXml(source, document);
        }
        return document;
    }

    private void drain(String source, InputStream in, Budget budget) throws IOException {
        byte[] chunk = new byte[CHUNK];
        long size = 0;
        int read;
        while ((read = in.read(chunk)) > 0) {
            size += read;
            checkLimits(source, size, budget, read);
        }
    }

    private void checkLimits(String source, long documentSize, Budget budget, int justRead) {
        if (documentSize > limits.maxDocumentBytes()) {
            throw new InvalidReportException(source + ": decompressed size exceeds "
                + ReportAttachmentLimits.describe(limits.maxDocumentBytes()) + ": a zip bomb?");
        }
        budget.spend(source, justRead);
    }

    private static void requireXml(String source, byte[] start) {
        switch (ContentKind.of(start, start.length)) {
            case XML:
                return;
            case GZIP:
            case ZIP:
                throw new InvalidReportException(source + ": archives inside archives are refused");
            default:
                throw new InvalidReportException(source + ": decompressed content is not XML");
        }
    }

    /** What all documents of one attachment may still decompress to. */
    private static final class Budget {
        private final long limit;
        private long spent;

        Budget(long limit) {
            this.limit = limit;
        }

        void spend(String source, long bytes) {
            spent += bytes;
            if (spent > limit) {
                throw new InvalidReportException(source + ": decompressed total exceeds "
                    + ReportAttachmentLimits.describe(limit) + ": a zip bomb?");
            }
        }
    }
}
