package org.herald.core.relay;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks a mail's stream: the first rule, in the order of conf/relays.xml, that matches and names a declared stream;
 * otherwise the default stream. A value-named stream that is not declared (a typo in an application's
 * {@code X-Herald-Stream}) is skipped rather than inventing a stream with no relay.
 */
public final class StreamClassifier {
    private final List<StreamRule> rules;
    private final Set<String> streams;
    private final String defaultStream;

    public StreamClassifier(List<StreamRule> rules, Set<String> streams, String defaultStream) {
        this.rules = List.copyOf(rules);
        this.streams = Set.copyOf(streams);
        this.defaultStream = defaultStream;
        if (!streams.contains(defaultStream)) {
            throw new IllegalArgumentException("the default stream " + defaultStream + " is not declared");
        }
    }

    public StreamChoice classify(MailFacts mail) {
        for (StreamRule rule : rules) {
            Optional<String> stream = rule.streamFor(mail);
            if (stream.isPresent() && streams.contains(stream.get())) {
                return new StreamChoice(stream.get(), rule.describe());
            }
        }
        return new StreamChoice(defaultStream, "default stream");
    }
}
