package org.herald.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class XmlConfigFileTest {
    private static final String NAME = "conf/test.xml";

    @TempDir
    Path directory;

    @Test
    void parseKeepsTheDisplayNameAndRoot() {
        XmlConfigFile file = XmlConfigFile.parse("<?xml version=\"1.0\"?>\n<!-- docs -->\n<test a=\"1\"/>", NAME, "test");

        assertThat(file.displayName()).isEqualTo(NAME);
        assertThat(file.root().getTagName()).isEqualTo("test");
        assertThat(file.root().getAttribute("a")).isEqualTo("1");
    }

    @Test
    void wrongRootNamesTheRootFoundAndTheOneExpected() {
        assertThatThrownBy(() -> XmlConfigFile.parse("<relay/>", NAME, "relays"))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.file()).isEqualTo(NAME);
                assertThat(e.element()).isEqualTo("<relay>");
                assertThat(e.problem()).isEqualTo("is not the expected root element");
                assertThat(e.fix()).contains("<relays>");
            });
    }

    @Test
    void malformedXmlNamesLineAndColumn() {
        String xml = "<test>\n  <a>\n  </b>\n</test>";

        assertThatThrownBy(() -> XmlConfigFile.parse(xml, NAME, "test"))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.file()).isEqualTo(NAME);
                assertThat(e.element()).matches("line 3, column \\d+");
                assertThat(e.problem()).startsWith("is not well-formed XML (");
                assertThat(e.fix()).isEqualTo("correct the XML syntax at that position");
                assertThat(e.getMessage()).startsWith("conf/test.xml: line 3, column ");
            });
    }

    @Test
    void truncatedXmlIsMalformed() {
        assertThatThrownBy(() -> XmlConfigFile.parse("<test>\n<a/>\n", NAME, "test"))
            .isInstanceOfSatisfying(InvalidConfigurationException.class,
                e -> assertThat(e.element()).matches("line \\d+, column \\d+"));
    }

    @Test
    void emptyTextIsMalformed() {
        assertThatThrownBy(() -> XmlConfigFile.parse("", NAME, "test"))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.file()).isEqualTo(NAME);
                assertThat(e.problem()).contains("is not well-formed XML");
            });
    }

    @Test
    void doctypesAreRefusedSoExternalEntitiesCannotBeRead() throws Exception {
        Path outside = directory.resolve("outside.txt");
        Files.writeString(outside, "leaked");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE test [<!ENTITY x SYSTEM \"" + outside.toUri() + "\">]>\n<test>&x;</test>";

        assertThatThrownBy(() -> XmlConfigFile.parse(xml, NAME, "test"))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.element()).startsWith("line 2, column ");
                assertThat(e.getMessage()).doesNotContain("leaked");
            });
    }

    @Test
    void readIfPresentGivesEmptyForAnAbsentFile() {
        assertThat(XmlConfigFile.readIfPresent(directory.resolve("absent.xml"), NAME, "test")).isEmpty();
    }

    @Test
    void readIfPresentParsesAPresentFile() throws Exception {
        Path path = directory.resolve("test.xml");
        Files.writeString(path, "<test><child/></test>");

        assertThat(XmlConfigFile.readIfPresent(path, NAME, "test"))
            .hasValueSatisfying(file -> assertThat(file.children(file.root(), "child")).hasSize(1));
    }

    @Test
    void readIfPresentChecksTheRoot() throws Exception {
        Path path = directory.resolve("test.xml");
        Files.writeString(path, "<other/>");

        assertThatThrownBy(() -> XmlConfigFile.readIfPresent(path, NAME, "test"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("<other>");
    }

    @Test
    void readIfPresentReportsAnUnreadableFile() throws Exception {
        Path notAFile = Files.createDirectory(directory.resolve("test.xml"));

        assertThatThrownBy(() -> XmlConfigFile.readIfPresent(notAFile, NAME, "test"))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.file()).isEqualTo(NAME);
                assertThat(e.element()).isEqualTo("<test>");
                assertThat(e.problem()).startsWith("cannot be read");
            });
    }

    @Test
    void readIfPresentReportsAFileThatIsNotUtf8() throws Exception {
        Path path = directory.resolve("test.xml");
        Files.write(path, new byte[] {'<', 't', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 't', '>'});

        assertThatThrownBy(() -> XmlConfigFile.readIfPresent(path, NAME, "t"))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problem()).startsWith("cannot be read"));
    }

    @Test
    void readAcceptsAnyRoot() throws Exception {
        Path path = directory.resolve("james.xml");
        Files.writeString(path, "<whatever><x/></whatever>", StandardCharsets.UTF_8);

        XmlConfigFile file = XmlConfigFile.read(path, "conf/james.xml");

        assertThat(file.displayName()).isEqualTo("conf/james.xml");
        assertThat(file.root().getTagName()).isEqualTo("whatever");
    }

    @Test
    void readReportsMalformedXmlWithTheDisplayNameAndLine() throws Exception {
        Path path = directory.resolve("james.xml");
        Files.writeString(path, "<a>\n<b>\n<c>\n");

        assertThatThrownBy(() -> XmlConfigFile.read(path, "conf/james.xml"))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.file()).isEqualTo("conf/james.xml");
                assertThat(e.element()).matches("line \\d+, column \\d+");
            });
    }

    @Test
    void readReportsAnAbsentFile() {
        assertThatThrownBy(() -> XmlConfigFile.read(directory.resolve("absent.xml"), "conf/absent.xml"))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.file()).isEqualTo("conf/absent.xml");
                assertThat(e.element()).isEqualTo("the whole file");
                assertThat(e.problem()).startsWith("cannot be read");
            });
    }

    @Test
    void childrenAreOnlyDirectElementChildrenWithThatName() {
        XmlConfigFile file = XmlConfigFile.parse("<test>text<a n=\"1\"/><!-- c --><b/><a n=\"2\"><a n=\"nested\"/></a></test>", NAME, "test");

        assertThat(file.children(file.root(), "a")).extracting(element -> element.getAttribute("n")).containsExactly("1", "2");
        assertThat(file.children(file.root(), "absent")).isEmpty();
    }

    @Test
    void allowOnlyChildrenAcceptsKnownElementsTextAndComments() {
        XmlConfigFile file = XmlConfigFile.parse("<test>\n  <!-- c -->\n  <a/>\n  <b/>\n</test>", NAME, "test");

        file.allowOnlyChildren(file.root(), "a", "b");
    }

    @Test
    void allowOnlyChildrenRefusesATypoAndListsTheKnownElements() {
        XmlConfigFile file = XmlConfigFile.parse("<test><a/><smarthots host=\"relay.example\"/></test>", NAME, "test");

        assertThatThrownBy(() -> file.allowOnlyChildren(file.root(), "a", "smarthost"))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.element()).isEqualTo("<smarthots host=\"relay.example\">");
                assertThat(e.problem()).isEqualTo("is not a known element here");
                assertThat(e.fix()).isEqualTo("use one of [<a>, <smarthost>] or remove it");
            });
    }

    @Test
    void optionalChildIsEmptyWhenAbsentAndPresentWhenSingle() {
        XmlConfigFile file = XmlConfigFile.parse("<test><a/></test>", NAME, "test");

        assertThat(file.optionalChild(file.root(), "a")).isPresent();
        assertThat(file.optionalChild(file.root(), "b")).isEmpty();
    }

    @Test
    void optionalChildRefusesADuplicateNamingTheSecond() {
        XmlConfigFile file = XmlConfigFile.parse("<test><a name=\"first\"/><a name=\"second\"/></test>", NAME, "test");

        assertThatThrownBy(() -> file.optionalChild(file.root(), "a"))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.element()).isEqualTo("<a name=\"second\">");
                assertThat(e.problem()).isEqualTo("appears more than once");
                assertThat(e.fix()).isEqualTo("keep a single <a> element");
            });
    }

    @Test
    void attributeIsTrimmedAndDistinguishesAbsentFromEmpty() {
        XmlConfigFile file = XmlConfigFile.parse("<test a=\"  x  \" empty=\"\"/>", NAME, "test");

        assertThat(file.attribute(file.root(), "a")).contains("x");
        assertThat(file.attribute(file.root(), "empty")).contains("");
        assertThat(file.attribute(file.root(), "absent")).isEmpty();
    }

    @Test
    void requiredAttributeRefusesAbsentAndBlankValues() {
        XmlConfigFile file = XmlConfigFile.parse("<test><e ok=\"v\" blank=\"  \"/></test>", NAME, "test");
        Element element = file.children(file.root(), "e").get(0);

        assertThat(file.requiredAttribute(element, "ok", "fix it")).isEqualTo("v");
        assertThatThrownBy(() -> file.requiredAttribute(element, "blank", "set blank"))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.problem()).isEqualTo("lacks the required attribute blank");
                assertThat(e.fix()).isEqualTo("set blank");
            });
        assertThatThrownBy(() -> file.requiredAttribute(element, "absent", "set absent"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessage("conf/test.xml: <e>: lacks the required attribute absent — fix: set absent");
    }

    @Test
    void intAttributeAppliesTheDefaultAndBounds() {
        XmlConfigFile file = XmlConfigFile.parse("<test low=\"1\" high=\"10\" spaced=\" 5 \"/>", NAME, "test");

        assertThat(file.intAttribute(file.root(), "absent", 7, 1, 10)).isEqualTo(7);
        assertThat(file.intAttribute(file.root(), "low", 7, 1, 10)).isEqualTo(1);
        assertThat(file.intAttribute(file.root(), "high", 7, 1, 10)).isEqualTo(10);
        assertThat(file.intAttribute(file.root(), "spaced", 7, 1, 10)).isEqualTo(5);
    }

    @Test
    void intAttributeRefusesNonNumbersAndOutOfRangeValues() {
        XmlConfigFile file = XmlConfigFile.parse("<test abc=\"abc\" zero=\"0\" eleven=\"11\" empty=\"\" decimal=\"1.5\" huge=\"99999999999\"/>",
            NAME, "test");

        for (String name : new String[] {"abc", "zero", "eleven", "empty", "decimal", "huge"}) {
            String raw = file.root().getAttribute(name);
            assertThatThrownBy(() -> file.intAttribute(file.root(), name, 7, 1, 10))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.problem()).isEqualTo(name + " \"" + raw + "\" is not a number from 1 to 10");
                    assertThat(e.fix()).isEqualTo("set " + name + " to a whole number from 1 to 10");
                });
        }
    }

    @Test
    void booleanAttributeAcceptsOnlyTrueAndFalse() {
        XmlConfigFile file = XmlConfigFile.parse("<test t=\"true\" f=\" false \" yes=\"yes\" upper=\"TRUE\"/>", NAME, "test");

        assertThat(file.booleanAttribute(file.root(), "t", false)).isTrue();
        assertThat(file.booleanAttribute(file.root(), "f", true)).isFalse();
        assertThat(file.booleanAttribute(file.root(), "absent", true)).isTrue();
        assertThat(file.booleanAttribute(file.root(), "absent", false)).isFalse();
        assertThatThrownBy(() -> file.booleanAttribute(file.root(), "yes", true))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.problem()).isEqualTo("yes \"yes\" is not true or false");
                assertThat(e.fix()).isEqualTo("set yes to true or false");
            });
        assertThatThrownBy(() -> file.booleanAttribute(file.root(), "upper", true)).isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void errorNamesTheFileAndDescribedElement() {
        XmlConfigFile file = XmlConfigFile.parse("<test><smarthost host=\"relay.example\" port=\"1\"/></test>", NAME, "test");
        Element smarthost = file.children(file.root(), "smarthost").get(0);

        InvalidConfigurationException e = file.error(smarthost, "is wrong", "make it right");

        assertThat(e).hasMessage("conf/test.xml: <smarthost host=\"relay.example\">: is wrong — fix: make it right");
    }

    @Test
    void describeShowsOnlyTheIdentifyingAttributes() {
        XmlConfigFile file = XmlConfigFile.parse(
            "<test><plain a=\"1\"/><named name=\"n\" other=\"o\"/><both host=\"h\" name=\"n\"/></test>", NAME, "test");

        assertThat(XmlConfigFile.describe(file.children(file.root(), "plain").get(0))).isEqualTo("<plain>");
        assertThat(XmlConfigFile.describe(file.children(file.root(), "named").get(0))).isEqualTo("<named name=\"n\">");
        assertThat(XmlConfigFile.describe(file.children(file.root(), "both").get(0))).isEqualTo("<both name=\"n\" host=\"h\">");
    }
}
