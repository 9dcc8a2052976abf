package org.herald.core.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

class ReportAttachmentsTest {
    private static final byte[] XML = "<?xml version=\"1.0\"?>\n<feedback></feedback>\n".getBytes(StandardCharsets.UTF_8);
    private static final int MB = 1024 * 1024;

    private final ReportAttachments attachments = new ReportAttachments();

    @Test
    void plainXmlIsOneDocumentEvenWithABomAndNoName() {
        byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\n', ' '}, XML);

        List<ReportDocument> documents = attachments.documents(Optional.empty(), withBom);

        assertThat(documents).singleElement().satisfies(document -> {
            assertThat(document.source()).isEqualTo("inline");
            assertThat(document.xml()).isEqualTo(withBom);
        });
    }

    @Test
    void contentDecidesNotTheFileName() throws IOException {
        byte[] gzipped = gzip(XML);

        assertThat(attachments.documents(Optional.of("report.zip"), gzipped))
            .singleElement().satisfies(document -> assertThat(document.xml()).isEqualTo(XML));
        assertThat(attachments.documents(Optional.of("report.xml.gz"), zip("a.xml", XML)))
            .singleElement().satisfies(document -> assertThat(document.source()).isEqualTo("report.xml.gz!a.xml"));
    }

    @Test
    void everyXmlEntryOfAZipIsADocumentAndOtherEntriesAreSkipped() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
            zip.putNextEntry(new ZipEntry("reports/"));
            zip.closeEntry();
            add(zip, "README.txt", "not a report".getBytes(StandardCharsets.UTF_8));
            add(zip, "reports/one.xml", XML);
            add(zip, "reports/TWO.XML", XML);
        }

        assertThat(attachments.documents(Optional.of("r.zip"), buffer.toByteArray()))
            .extracting(ReportDocument::source)
            .containsExactly("r.zip!reports/one.xml", "r.zip!reports/TWO.XML");
    }

    @Test
    void aZipWithoutXmlIsRefused() throws IOException {
        assertThatThrownBy(() -> attachments.documents(Optional.of("r.zip"), zip("notes.txt", XML)))
            .isInstanceOf(InvalidReportException.class)
            .hasMessage("r.zip: zip archive has no .xml entry (entries: notes.txt)");
    }

    @Test
    void aZipBombIsStoppedAtTheDocumentLimitWithoutExhaustingMemory() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
            zip.putNextEntry(new ZipEntry("bomb.xml"));
            writeBomb(zip, 200);
            zip.closeEntry();
        }
        byte[] bomb = buffer.toByteArray();
        assertThat(bomb.length).as("compressed bomb size").isLessThan(1024 * 1024);

        assertThatThrownBy(() -> attachments.documents(Optional.of("bomb.zip"), bomb))
            .isInstanceOf(InvalidReportException.class)
            .hasMessage("bomb.zip!bomb.xml: decompressed size exceeds 50 MB: a zip bomb?");
    }

    @Test
    void aGzipBombIsStoppedAtTheDocumentLimit() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
            writeBomb(gzip, 200);
        }

        assertThatThrownBy(() -> attachments.documents(Optional.of("bomb.xml.gz"), buffer.toByteArray()))
            .isInstanceOf(InvalidReportException.class)
            .hasMessage("bomb.xml.gz: decompressed size exceeds 50 MB: a zip bomb?");
    }

    @Test
    void theTotalLimitCountsEveryEntryIncludingSkippedOnes() throws IOException {
        ReportAttachments strict = new ReportAttachments(new ReportAttachmentLimits(10L * MB, MB, 2L * MB, 20));
        byte[] nearlyOneMb = new byte[MB - 1024];
        Arrays.fill(nearlyOneMb, (byte) ' ');
        byte[] document = concat(XML, nearlyOneMb);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
            add(zip, "a.xml", document);
            add(zip, "padding.txt", document);
            add(zip, "c.xml", document);
        }

        assertThatThrownBy(() -> strict.documents(Optional.of("r.zip"), buffer.toByteArray()))
            .isInstanceOf(InvalidReportException.class)
            .hasMessage("r.zip!c.xml: decompressed total exceeds 2 MB: a zip bomb?");
    }

    @Test
    void aZipWithAThousandEntriesIsRefusedAtTheEntryLimit() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
            for (int i = 0; i < 1000; i++) {
                add(zip, "report-" + i + ".xml", XML);
            }
        }

        assertThatThrownBy(() -> attachments.documents(Optional.of("many.zip"), buffer.toByteArray()))
            .isInstanceOf(InvalidReportException.class)
            .hasMessage("many.zip: zip archive has more than 20 entries, the limit for a report attachment");
    }

    @Test
    void nestedArchivesAreRefused() throws IOException {
        byte[] inner = zip("a.xml", XML);

        assertThatThrownBy(() -> attachments.documents(Optional.of("outer.zip"), zip("inner.zip", inner)))
            .hasMessage("outer.zip!inner.zip: archives inside archives are refused");
        assertThatThrownBy(() -> attachments.documents(Optional.of("outer.zip"), zip("looks-like.xml", gzip(XML))))
            .hasMessage("outer.zip!looks-like.xml: archives inside archives are refused");
        assertThatThrownBy(() -> attachments.documents(Optional.of("double.gz"), gzip(gzip(XML))))
            .hasMessage("double.gz: archives inside archives are refused");
    }

    @Test
    void gzipOfGarbageIsRefused() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[0] = 'x';

        assertThatThrownBy(() -> attachments.documents(Optional.of("r.xml.gz"), gzip(garbage)))
            .isInstanceOf(InvalidReportException.class)
            .hasMessage("r.xml.gz: decompressed content is not XML");
    }

    @Test
    void corruptOrTruncatedGzipIsRefused() throws IOException {
        byte[] corrupt = new byte[256];
        new Random(11).nextBytes(corrupt);
        corrupt[0] = 0x1f;
        corrupt[1] = (byte) 0x8b;
        corrupt[2] = 8;
        corrupt[3] = 0;
        byte[] whole = gzip(concat(XML, new byte[100_000]));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        assertThatThrownBy(() -> attachments.documents(Optional.of("r.xml.gz"), corrupt))
            .isInstanceOf(InvalidReportException.class)
            .hasMessageStartingWith("r.xml.gz: gzip data is");
        assertThatThrownBy(() -> attachments.documents(Optional.of("r.xml.gz"), truncated))
            .isInstanceOf(InvalidReportException.class)
            .hasMessage("r.xml.gz: gzip data is truncated");
    }

    @Test
    void somethingElseEntirelyIsRefused() {
        byte[] pdf = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> attachments.documents(Optional.of("invoice.pdf"), pdf))
            .hasMessage("invoice.pdf: not a DMARC report attachment: neither XML, gzip nor zip");
    }

    @Test
    void anAttachmentAboveTheCompressedLimitIsRefusedBeforeDecompression() {
        ReportAttachments small = new ReportAttachments(new ReportAttachmentLimits(1024, MB, MB, 20));

        assertThatThrownBy(() -> small.documents(Optional.of("big.xml"), new byte[2048]))
            .hasMessage("big.xml: attachment is 2048 bytes, larger than the 1024 bytes limit");
    }

    /** An XML start followed by {@code megabytes} MB of spaces, written 1 MB at a time: never 200 MB in memory. */
    private static void writeBomb(OutputStream out, int megabytes) throws IOException {
        out.write("<?xml version=\"1.0\"?>\n<feedback>".getBytes(StandardCharsets.US_ASCII));
        byte[] spaces = new byte[MB];
        Arrays.fill(spaces, (byte) ' ');
        for (int i = 0; i < megabytes; i++) {
            out.write(spaces);
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
            gzip.write(content);
        }
        return buffer.toByteArray();
    }

    private static byte[] zip(String entryName, byte[] content) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
            add(zip, entryName, content);
        }
        return buffer.toByteArray();
    }

    private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
