package org.herald.core.dmarc.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a DMARC aggregate report from XML that came from strangers, in either form found in the wild:
 * <ul>
 *   <li>RFC 7489 Appendix C, no namespace, {@code <version>} optional (Google, Yahoo and most others), sometimes with
 *       stray {@code xmlns:xsi}/{@code xmlns:xsd} declarations (Outlook);</li>
 *   <li>DMARCbis ({@code urn:ietf:params:xml:ns:dmarc-2.0}): the same local names, plus {@code <version>} at the top,
 *       {@code np}, {@code discovery_method}, {@code testing}, {@code generator}, {@code human_result} on SPF, an
 *       {@code <extension>} element, no {@code pct}, and a "pass" disposition. What the model has no place for is
 *       ignored; see {@link ReportSections} for what is accepted and what is refused.</li>
 * </ul>
 * Elements are matched by local name whatever their namespace. The encoding comes from the bytes and the XML
 * declaration (reports in windows-1252 exist), which is why the input is bytes, not a String.
 *
 * <p>Security: the document is streamed with SAX (only one record is held as a tree at a time), with
 * {@code FEATURE_SECURE_PROCESSING} and DOCTYPE declarations refused outright, so no DTD is fetched, no external
 * entity is read and no entity is expanded. Text per element, nesting depth and the number of records are capped,
 * so the memory a report can take follows those limits. The size of the document itself is capped by
 * {@link ReportAttachments}. Every problem is an {@link InvalidReportException} whose message says what is wrong.
 */
public final class AggregateReportParser {
    /**
     * Well above the largest real reports (the biggest mailbox providers send some thousands of rows a day per domain),
     * and low enough that the parsed model of a report stays around 100 MB at worst.
     */
    public static final int DEFAULT_MAX_RECORDS = 100_000;
    private static final int MAX_DEPTH = 12;
    private static final int MAX_TEXT_CHARS = 64 * 1024;
    /** Elements in one record (or in the metadata, or the policy): a record has about 20, a few hundred with many signatures. */
    private static final int MAX_ELEMENTS_PER_SECTION = 10_000;

    private final int maxRecords;

    public AggregateReportParser() {
        this(DEFAULT_MAX_RECORDS);
    }

    public AggregateReportParser(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, was " + maxRecords);
        }
        this.maxRecords = maxRecords;
    }

    public AggregateReport parse(byte[] xml) {
        return parse(new ByteArrayInputStream(xml));
    }

    public AggregateReport parse(InputStream xml) {
        Handler handler = new Handler(maxRecords);
        try {
            newParser().parse(new InputSource(xml), handler);
        } catch (SAXParseException e) {
            throw new InvalidReportException(describe(e), e);
        } catch (SAXException e) {
            if (e.getCause() instanceof InvalidReportException invalid) {
                throw invalid;
            }
            throw new InvalidReportException("not well-formed XML (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidReportException("the report could not be read (" + e.getMessage() + ")", e);
        }
        return handler.report();
    }

    private static String describe(SAXParseException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE")) {
            return "refused: the document has a DOCTYPE declaration; DMARC reports never need one, "
                + "and a DTD could fetch files or expand entities";
        }
        if (e.getLineNumber() < 0) {
            return "not well-formed XML (" + message + ")";
        }
        return "not well-formed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
            + " (" + message + ")";
    }

    private static SAXParser newParser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setValidating(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The JDK XML parser cannot be configured securely", e);
        }
    }

    /**
     * Streams the document: checks the root, builds a tree for each child of {@code <feedback>} and turns it into the
     * model as soon as it ends, so a record's tree is garbage once read.
     */
    private static final class Handler extends DefaultHandler {
        private final int maxRecords;
        private final Deque<XmlSection> open = new ArrayDeque<>();
        private final List<ReportRecord> records = new ArrayList<>();
        private int depth;
        private int skipUntilDepth = -1;
        private int sectionElements;
        private boolean sawRoot;
        private ReportMetadata metadata;
        private PolicyPublished policy;

        Handler(int maxRecords) {
            this.maxRecords = maxRecords;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            depth++;
            String name = localName == null || localName.isEmpty() ? qName : localName;
            if (depth == 1) {
                if (!name.equalsIgnoreCase("feedback")) {
                    throw new InvalidReportException("not a DMARC aggregate report: root element <" + qName + ">");
                }
                sawRoot = true;
                return;
            }
            if (depth > MAX_DEPTH) {
                throw new InvalidReportException("elements are nested deeper than " + MAX_DEPTH
                    + " levels, which no DMARC report does");
            }
            if (skipUntilDepth > 0) {
                return;
            }
            if (depth == 2 && !isSection(name)) {
                skipUntilDepth = depth;
                return;
            }
            sectionElements = depth == 2 ? 1 : sectionElements + 1;
            if (sectionElements > MAX_ELEMENTS_PER_SECTION) {
                String section = open.getLast().name();
                String where = section.equalsIgnoreCase("record") ? "record " + (records.size() + 1) + ": " : "";
                throw new InvalidReportException(where + "<" + section + "> has more than "
                    + MAX_ELEMENTS_PER_SECTION + " elements, which no DMARC report needs");
            }
            XmlSection section = new XmlSection(name);
            if (!open.isEmpty()) {
                open.peek().add(section);
            }
            open.push(section);
        }

        @Override
        public void characters(char[] characters, int start, int length) {
            if (skipUntilDepth > 0 || open.isEmpty()) {
                return;
            }
            XmlSection current = open.peek();
            if (current.textLength() + length > MAX_TEXT_CHARS) {
                throw new InvalidReportException("element <" + current.name() + "> has more than " + MAX_TEXT_CHARS
                    + " characters of text, which no DMARC report field needs");
            }
            current.appendText(characters, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            int ending = depth--;
            if (skipUntilDepth > 0) {
                if (ending == skipUntilDepth) {
                    skipUntilDepth = -1;
                }
                return;
            }
            if (ending < 2) {
                return;
            }
            XmlSection section = open.pop();
            if (ending == 2) {
                take(section);
            }
        }

        private static boolean isSection(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.equals("report_metadata") || lower.equals("policy_published") || lower.equals("record");
        }

        private void take(XmlSection section) {
            switch (section.name().toLowerCase(Locale.ROOT)) {
                case "report_metadata" -> {
                    if (metadata != null) {
                        throw new InvalidReportException("<feedback> has more than one <report_metadata>");
                    }
                    metadata = ReportSections.metadata(section);
                }
                case "policy_published" -> {
                    if (policy != null) {
                        throw new InvalidReportException("<feedback> has more than one <policy_published>");
                    }
                    policy = ReportSections.policy(section);
                }
                case "record" -> {
                    if (records.size() >= maxRecords) {
                        throw new InvalidReportException("the report has more than " + maxRecords
                            + " records, the limit for one report");
                    }
                    records.add(ReportSections.record(section, records.size() + 1));
                }
                default -> throw new IllegalStateException("not a section: " + section.name());
            }
        }

        AggregateReport report() {
            if (!sawRoot) {
                throw new InvalidReportException("not a DMARC aggregate report: no root element");
            }
            ReportMetadata foundMetadata = Optional.ofNullable(metadata).orElseThrow(() ->
                new InvalidReportException("not a DMARC aggregate report: <feedback> has no <report_metadata>"));
            PolicyPublished foundPolicy = Optional.ofNullable(policy).orElseThrow(() ->
                new InvalidReportException("not a DMARC aggregate report: <feedback> has no <policy_published>"));
            return new AggregateReport(foundMetadata, foundPolicy, records);
        }
    }
}
