package org.herald.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StreamClassifierTest {
    private record Facts(Optional<String> authenticatedUser, Optional<String> senderDomain, Optional<String> fromDomain,
                         Map<String, List<String>> headers, Map<String, String> attributes) implements MailFacts {
        static Facts none() {
            return new Facts(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Map.of());
        }

        Facts withHeader(String name, String value) {
            return new Facts(authenticatedUser, senderDomain, fromDomain, Map.of(name, List.of(value)), attributes);
        }

        @Override
        public List<String> header(String name) {
            return headers.getOrDefault(name, List.of());
        }

        @Override
        public Optional<String> attribute(String name) {
            return Optional.ofNullable(attributes.get(name));
        }
    }

    private final StreamClassifier classifier = new StreamClassifier(List.of(
        new StreamRule.AuthenticatedUser("newsletter@herald.test", "bulk"),
        new StreamRule.SenderDomain("lists.herald.test", "bulk"),
        new StreamRule.FromDomain("news.herald.test", "bulk"),
        new StreamRule.Header("List-Unsubscribe", Optional.empty(), Optional.of("bulk")),
        new StreamRule.Header("Precedence", Optional.of("bulk"), Optional.of("bulk")),
        new StreamRule.Header("X-Herald-Stream", Optional.empty(), Optional.empty()),
        new StreamRule.Attribute("app.stream", Optional.of("alerts"), Optional.of("transactional"))),
        Set.of("personal", "bulk", "transactional"), "personal");

    @Test
    void mailNoRuleMatchesGoesToTheDefaultStream() {
        assertThat(classifier.classify(Facts.none())).isEqualTo(new StreamChoice("personal", "default stream"));
    }

    @Test
    void eachKindOfRulePicksItsStream() {
        assertThat(classifier.classify(new Facts(Optional.of("NEWSLETTER@herald.test"), Optional.empty(), Optional.empty(), Map.of(), Map.of())).stream())
            .isEqualTo("bulk");
        assertThat(classifier.classify(new Facts(Optional.empty(), Optional.of("lists.herald.test"), Optional.empty(), Map.of(), Map.of())).stream())
            .isEqualTo("bulk");
        assertThat(classifier.classify(new Facts(Optional.empty(), Optional.empty(), Optional.of("news.herald.test"), Map.of(), Map.of())).stream())
            .isEqualTo("bulk");
        assertThat(classifier.classify(Facts.none().withHeader("List-Unsubscribe", "<mailto:u@herald.test>")).reason())
            .isEqualTo("header List-Unsubscribe present");
        assertThat(classifier.classify(Facts.none().withHeader("Precedence", " Bulk ")).stream()).isEqualTo("bulk");
        assertThat(classifier.classify(new Facts(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Map.of("app.stream", "alerts"))).stream())
            .isEqualTo("transactional");
    }

    @Test
    void aHeaderValueOnlyMatchesThatValue() {
        assertThat(classifier.classify(Facts.none().withHeader("Precedence", "list")).stream()).isEqualTo("personal");
    }

    @Test
    void aHeaderWithoutStreamNamesTheStreamByItsValue() {
        assertThat(classifier.classify(Facts.none().withHeader("X-Herald-Stream", "Transactional")).stream()).isEqualTo("transactional");
    }

    @Test
    void aValueNamingAnUndeclaredStreamIsSkipped() {
        assertThat(classifier.classify(Facts.none().withHeader("X-Herald-Stream", "marketing")).stream()).isEqualTo("personal");
    }

    @Test
    void theFirstMatchingRuleWins() {
        Facts both = new Facts(Optional.of("newsletter@herald.test"), Optional.empty(), Optional.empty(),
            Map.of("X-Herald-Stream", List.of("transactional")), Map.of());

        assertThat(classifier.classify(both)).isEqualTo(new StreamChoice("bulk", "authenticated user newsletter@herald.test"));
    }
}
