package org.herald.core.dmarc;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.herald.core.dkim.DkimVerification;
import org.herald.core.spf.SpfOutcome;

/**
 * What DMARC evaluates for one message.
 *
 * <p>A message with no From address, or several with different domains, is the caller's business (RFC 7489 §6.6.1
 * leaves it to local policy: reject it, or record {@link DmarcEvaluation#noFromDomain()}); the evaluator takes one
 * domain.
 *
 * @param headerFromDomain   the domain of the single RFC5322.From address
 * @param envelopeFromDomain the RFC5321.MailFrom domain; "" for the null sender (SPF then checked the HELO name,
 *                           which {@link SpfOutcome#domain()} carries)
 * @param sourceIp           the connecting client
 * @param dkim               the verdict on each DKIM-Signature, in header order
 * @param spf                the SPF verdict; empty when SPF was not checked
 * @param listId             the List-Id header's value (the id in angle brackets, or the whole value), for the
 *                           mailing-list override
 */
public record DmarcInput(String headerFromDomain, String envelopeFromDomain, InetAddress sourceIp,
                         List<DkimVerification> dkim, Optional<SpfOutcome> spf, Optional<String> listId) {
    public DmarcInput {
        Objects.requireNonNull(headerFromDomain, "headerFromDomain");
        Objects.requireNonNull(envelopeFromDomain, "envelopeFromDomain");
        Objects.requireNonNull(sourceIp, "sourceIp");
        dkim = List.copyOf(dkim);
        Objects.requireNonNull(spf, "spf");
        Objects.requireNonNull(listId, "listId");
    }
}
