package org.herald.core.dmarc.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small element tree for one top-level part of a report ({@code <report_metadata>}, {@code <policy_published>} or
 * one {@code <record>}). The parser streams the document and keeps only the current part as a tree, so memory follows
 * the model, not the size of the XML. Names are local names: the RFC 7489 form has no namespace and DMARCbis uses
 * {@code urn:ietf:params:xml:ns:dmarc-2.0} with the same local names, so matching ignores the namespace.
 */
final class XmlSection {
    private final String name;
    private final StringBuilder text = new StringBuilder();
    private final List<XmlSection> children = new ArrayList<>();

    XmlSection(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void appendText(char[] characters, int start, int length) {
        text.append(characters, start, length);
    }

    int textLength() {
        return text.length();
    }

    void add(XmlSection child) {
        children.add(child);
    }

    /** The element's own text, trimmed: reporters pad values with newlines and spaces. */
    String text() {
        return text.toString().trim();
    }

    /** The first child of that local name, compared case-insensitively (some reporters write {@code <Source_IP>}). */
    Optional<XmlSection> child(String localName) {
        for (XmlSection child : children) {
            if (child.name.equalsIgnoreCase(localName)) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    List<XmlSection> children(String localName) {
        List<XmlSection> found = new ArrayList<>();
        for (XmlSection child : children) {
            if (child.name.equalsIgnoreCase(localName)) {
                found.add(child);
            }
        }
        return found;
    }

    /** The trimmed text of that child; empty when the child is missing or has no text, which reports treat alike. */
    Optional<String> childText(String localName) {
        return child(localName).map(XmlSection::text).filter(value -> !value.isEmpty());
    }
}
