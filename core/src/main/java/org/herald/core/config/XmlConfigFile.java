package org.herald.core.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * One Herald XML configuration file, read once. Every accessor reports problems as
 * {@link InvalidConfigurationException}s naming this file, the element and the fix.
 */
public final class XmlConfigFile {
    private final String displayName;
    private final Element root;

    private XmlConfigFile(String displayName, Element root) {
        this.displayName = displayName;
        this.root = root;
    }

    /** Reads {@code file}; an absent file yields {@link Optional#empty()} so callers apply their documented defaults. */
    public static Optional<XmlConfigFile> readIfPresent(Path file, String displayName, String expectedRoot) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readString(file), displayName, expectedRoot));
        } catch (IOException e) {
            throw new InvalidConfigurationException(displayName, "<" + expectedRoot + ">",
                "cannot be read (" + e.getMessage() + ")", "make the file readable by the user running Herald");
        }
    }

    /** Reads any XML file (James's own included) only to prove it well-formed, with its root element whatever it is. */
    public static XmlConfigFile read(Path file, String displayName) {
        try {
            Document document = parseDocument(Files.readString(file), displayName, file.getFileName().toString());
            return new XmlConfigFile(displayName, document.getDocumentElement());
        } catch (IOException e) {
            throw new InvalidConfigurationException(displayName, "the whole file",
                "cannot be read (" + e.getMessage() + ")", "make the file readable by the user running Herald");
        }
    }

    public static XmlConfigFile parse(String xml, String displayName, String expectedRoot) {
        Document document = parseDocument(xml, displayName, expectedRoot);
        Element root = document.getDocumentElement();
        if (!root.getTagName().equals(expectedRoot)) {
            throw new InvalidConfigurationException(displayName, "<" + root.getTagName() + ">",
                "is not the expected root element", "the file must start with <" + expectedRoot + ">");
        }
        return new XmlConfigFile(displayName, root);
    }

    private static Document parseDocument(String xml, String displayName, String expectedRoot) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new InvalidConfigurationException(displayName, "line " + e.getLineNumber() + ", column " + e.getColumnNumber(),
                "is not well-formed XML (" + e.getMessage() + ")", "correct the XML syntax at that position");
        } catch (SAXException | IOException e) {
            throw new InvalidConfigurationException(displayName, "<" + expectedRoot + ">",
                "is not well-formed XML (" + e.getMessage() + ")", "correct the XML syntax");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK XML parser is unusable", e);
        }
    }

    public String displayName() {
        return displayName;
    }

    public Element root() {
        return root;
    }

    public List<Element> children(Element parent, String tagName) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(tagName)) {
                result.add(element);
            }
        }
        return result;
    }

    /** Rejects elements this file does not define, so a typo never silently falls back to a default. */
    public void allowOnlyChildren(Element parent, String... allowed) {
        List<String> allowedNames = List.of(allowed);
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && !allowedNames.contains(element.getTagName())) {
                throw error(element, "is not a known element here",
                    "use one of " + allowedNames.stream().map(name -> "<" + name + ">").toList() + " or remove it");
            }
        }
    }

    /** Rejects attributes this element does not define, so a misspelt one never silently falls back to a default. */
    public void allowOnlyAttributes(Element element, String... allowed) {
        allowOnlyAttributes(element, List.of(allowed));
    }

    public void allowOnlyAttributes(Element element, java.util.Collection<String> allowedNames) {
        org.w3c.dom.NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String name = attributes.item(i).getNodeName();
            if (!allowedNames.contains(name)) {
                throw error(element, "has no attribute " + name,
                    allowedNames.isEmpty() ? "remove it" : "use " + allowedNames.stream().sorted().toList() + " or remove it");
            }
        }
    }

    public Optional<Element> optionalChild(Element parent, String tagName) {
        List<Element> found = children(parent, tagName);
        if (found.size() > 1) {
            throw error(found.get(1), "appears more than once", "keep a single <" + tagName + "> element");
        }
        return found.stream().findFirst();
    }

    public Optional<String> attribute(Element element, String name) {
        if (!element.hasAttribute(name)) {
            return Optional.empty();
        }
        return Optional.of(element.getAttribute(name).trim());
    }

    public String requiredAttribute(Element element, String name, String fix) {
        return attribute(element, name)
            .filter(value -> !value.isEmpty())
            .orElseThrow(() -> error(element, "lacks the required attribute " + name, fix));
    }

    public int intAttribute(Element element, String name, int defaultValue, int min, int max) {
        Optional<String> raw = attribute(element, name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw error(element, name + " \"" + raw.get() + "\" is not a number from " + min + " to " + max,
                "set " + name + " to a whole number from " + min + " to " + max);
        }
    }

    /** A positive duration written like 30s, 5m, 2h or 7d, or {@code defaultValue} when the attribute is absent. */
    public java.time.Duration durationAttribute(Element element, String name, java.time.Duration defaultValue) {
        return attribute(element, name)
            .map(raw -> DurationText.parse(raw)
                .filter(duration -> !duration.isZero())
                .orElseThrow(() -> error(element, name + " \"" + raw + "\" is not a duration",
                    "write durations like 30s, 5m, 2h or 7d")))
            .orElse(defaultValue);
    }

    public boolean booleanAttribute(Element element, String name, boolean defaultValue) {
        Optional<String> raw = attribute(element, name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(element, name + " \"" + raw.get() + "\" is not true or false", "set " + name + " to true or false");
        };
    }

    public InvalidConfigurationException error(Element element, String problem, String fix) {
        return new InvalidConfigurationException(displayName, describe(element), problem, fix);
    }

    /** Renders an element the way the operator wrote it, e.g. {@code <smarthost host="relay.example">}. */
    public static String describe(Element element) {
        StringBuilder text = new StringBuilder("<").append(element.getTagName());
        for (String identifying : List.of("name", "host")) {
            if (element.hasAttribute(identifying)) {
                text.append(' ').append(identifying).append("=\"").append(element.getAttribute(identifying)).append('"');
            }
        }
        return text.append('>').toString();
    }
}
