package org.herald.core.relay;

import java.util.List;
import java.util.Optional;

/** What stream rules may look at in a mail; the James adapter reads them from the mail lazily. */
public interface MailFacts {
    /** The SMTP AUTH user that submitted the mail. */
    Optional<String> authenticatedUser();

    /** The envelope sender's domain, lower case; empty for the null sender. */
    Optional<String> senderDomain();

    /** The domain of the (first) From: header address, lower case. */
    Optional<String> fromDomain();

    /** The values of a header, in order; empty when absent. */
    List<String> header(String name);

    /** A mail attribute rendered as text, when present. */
    Optional<String> attribute(String name);
}
