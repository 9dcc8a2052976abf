package org.herald.core.relay;

import java.util.List;

import org.herald.core.outbound.RecipientResult;

/**
 * What one relay did with a mail: one result per recipient, and whether the relay itself was working, i.e. it
 * answered recipient by recipient. A 451 to RCPT for one unreachable destination domain is the relay working (its
 * breaker stays closed, mail to other domains goes on); a refused connection, a timeout, refused TLS or AUTH, or a
 * 4xx to MAIL or DATA is the relay failing.
 */
public record RelayAnswer(List<RecipientResult> results, boolean relayResponded) {
    public RelayAnswer {
        results = List.copyOf(results);
    }

    public static RelayAnswer responded(List<RecipientResult> results) {
        return new RelayAnswer(results, true);
    }

    public static RelayAnswer relayFailed(List<RecipientResult> results) {
        return new RelayAnswer(results, false);
    }
}
