package org.herald.core.warmup.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailAddressesTest {
    @Test
    void addressListsSplitOutsideQuotesCommentsAndBrackets() {
        assertThat(MailAddresses.list("\"Doe, Jane\" <jane@example.com>, b@example.net (Bee, B.), <c@example.org>"))
            .containsExactly("\"Doe, Jane\" <jane@example.com>", "b@example.net (Bee, B.)", "<c@example.org>");
    }

    @Test
    void groupsGiveTheirMembersAndAnEmptyGroupNothing() {
        assertThat(MailAddresses.list("undisclosed-recipients:;")).isEmpty();
        assertThat(MailAddresses.list("Team: a@example.com, b@example.com;, c@example.org"))
            .containsExactly("a@example.com", "b@example.com", "c@example.org");
        assertThat(MailAddresses.list("")).isEmpty();
        assertThat(MailAddresses.list(" , (just a comment) ,")).isEmpty();
    }

    @Test
    void typedDsnFields() {
        assertThat(MailAddresses.fromTypedField("rfc822; user@example.net")).isEqualTo("user@example.net");
        assertThat(MailAddresses.fromTypedField("RFC822;<user@example.net>")).isEqualTo("user@example.net");
        assertThat(MailAddresses.fromTypedField("rfc822 ;  user@example.net  ")).isEqualTo("user@example.net");
        assertThat(MailAddresses.fromTypedField("user@example.net")).isEqualTo("user@example.net");
        assertThat(MailAddresses.fromTypedField("dns; mx.example.net (192.0.2.1)")).isEqualTo("mx.example.net");
    }

    @Test
    void domains() {
        assertThat(MailAddresses.domainOf("a@Example.NET.")).contains("example.net");
        assertThat(MailAddresses.domainOf("a@b@example.net")).contains("example.net");
        assertThat(MailAddresses.domainOf("a@localhost")).isEmpty();
        assertThat(MailAddresses.domainOf("no-at-sign.example")).isEmpty();
        assertThat(MailAddresses.domainOf("a@[192.0.2.1]")).isEmpty();
    }
}
