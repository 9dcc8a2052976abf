package org.herald.core.dmarc.report;

import java.util.Objects;

/**
 * One XML document found in a report attachment. {@code source} says where it came from ("report.zip!a.xml",
 * "x.xml.gz", "inline") so that a rejection can name the part that was wrong.
 */
public record ReportDocument(String source, byte[] xml) {
    public ReportDocument {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(xml, "xml");
    }

    @Override
    public String toString() {
        return "ReportDocument[" + source + ", " + xml.length + " bytes]";
    }
}
