package org.herald.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DkimSignTest {
    @Test
    void anAuthenticatedUserClaimsTheirDomainAndTheDomainsBelowIt() {
        assertThat(DkimSign.mayClaim("alice@example.com", "example.com")).isTrue();
        assertThat(DkimSign.mayClaim("Alice@Example.COM", "news.example.com")).isTrue();
        assertThat(DkimSign.mayClaim("alice@example.com", "other.example")).isFalse();
        assertThat(DkimSign.mayClaim("alice@example.com", "notexample.com")).as("a suffix is not a subdomain").isFalse();
        assertThat(DkimSign.mayClaim("alice@news.example.com", "example.com")).as("not the parent").isFalse();
        assertThat(DkimSign.mayClaim("alice", "example.com")).as("no domain in the user name says nothing").isTrue();
    }
}
