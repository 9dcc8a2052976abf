package org.herald.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrganizationalDomainsTest {
    private final OrganizationalDomains domains = new OrganizationalDomains();

    @ParameterizedTest
    @CsvSource({
        "example.com, example.com",
        "mail.example.com, example.com",
        "a.b.c.example.com, example.com",
        "Mail.Example.COM., example.com",
        "example.co.uk, example.co.uk",
        "sub.example.co.uk, example.co.uk",
        "deep.sub.example.co.uk, example.co.uk",
        // a private-section suffix: each project is its own organisation
        "someone.github.io, someone.github.io",
        "www.someone.github.io, someone.github.io",
        // a public suffix is its own organisational domain
        "co.uk, co.uk",
        "com, com",
        "github.io, github.io",
        // under no known suffix: RFC 7489's default rule, the last two labels
        "mail.example.test, example.test",
        "localhost, localhost",
    })
    void findsTheOrganisationalDomain(String domain, String expected) {
        assertThat(domains.organizationalDomain(domain)).isEqualTo(expected);
    }

    @Test
    void internationalisedNamesWorkInUnicodeAndPunycodeAndAnswerInPunycode() {
        // bücher.example.рф: .рф is xn--p1ai
        assertThat(domains.organizationalDomain("mail.bücher.рф")).isEqualTo("xn--bcher-kva.xn--p1ai");
        assertThat(domains.organizationalDomain("mail.xn--bcher-kva.xn--p1ai")).isEqualTo("xn--bcher-kva.xn--p1ai");
        assertThat(domains.organizationalDomain("xn--p1ai")).isEqualTo("xn--p1ai");
        assertThat(domains.organizationalDomain("news.münchen.de")).isEqualTo("xn--mnchen-3ya.de");
        assertThat(OrganizationalDomains.canonical("Bücher.Example.")).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void refusesWhatIsNotADomainName() {
        assertThatThrownBy(() -> domains.organizationalDomain("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> domains.organizationalDomain("a..example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> domains.organizationalDomain("x".repeat(64) + ".com"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrganizationalDomains.canonical("not a domain"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"not a domain\" is not a domain name");
    }

    @Test
    void alignmentIsRelaxedOrStrict() {
        assertThat(AlignmentMode.RELAXED.aligns("example.com", "mail.example.com", domains)).isTrue();
        assertThat(AlignmentMode.RELAXED.aligns("news.example.co.uk", "bounce.example.co.uk", domains)).isTrue();
        assertThat(AlignmentMode.RELAXED.aligns("example.co.uk", "other.co.uk", domains)).isFalse();
        assertThat(AlignmentMode.RELAXED.aligns("a.github.io", "b.github.io", domains)).isFalse();
        assertThat(AlignmentMode.STRICT.aligns("example.com", "mail.example.com", domains)).isFalse();
        assertThat(AlignmentMode.STRICT.aligns("Example.COM", "example.com.", domains)).isTrue();
        assertThat(AlignmentMode.RELAXED.aligns("example.com", "", domains)).isFalse();
        assertThat(AlignmentMode.RELAXED.aligns("example.com", "not a domain", domains)).isFalse();
    }
}
