package org.herald.mailets.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.herald.core.warmup.WarmupConfiguration;

/**
 * Matches the recipients that are conf/warmup.xml's bounce or feedback address, so the addresses are written once, in
 * that file. Nothing matches when neither is set.
 */
public class WarmupFeedbackAddress extends GenericMatcher {
    private final List<String> addresses;

    @Inject
    public WarmupFeedbackAddress(WarmupConfiguration configuration) {
        this.addresses = Stream.of(configuration.bounceAddress(), configuration.feedbackAddress())
            .flatMap(Optional::stream).toList();
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
            .filter(recipient -> addresses.contains(recipient.asString().toLowerCase(Locale.ROOT)))
            .toList();
    }
}
