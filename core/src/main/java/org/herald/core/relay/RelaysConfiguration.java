package org.herald.core.relay;

import java.util.Objects;
import java.util.Optional;

/**
 * conf/relays.xml, parsed. With no smarthost, outbound mail goes straight to each recipient domain's MX hosts.
 */
public record RelaysConfiguration(Optional<Smarthost> smarthost, RetrySchedule retry) {
    public static final RelaysConfiguration DEFAULT = new RelaysConfiguration(Optional.empty(), RetrySchedule.DEFAULT);

    public RelaysConfiguration {
        Objects.requireNonNull(smarthost);
        Objects.requireNonNull(retry);
    }
}
