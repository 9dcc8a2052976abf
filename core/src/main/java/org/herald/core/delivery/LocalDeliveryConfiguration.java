package org.herald.core.delivery;

import java.util.Objects;
import java.util.Optional;

/**
 * conf/local-delivery.xml, parsed: where mail for Herald's own domains goes. With a downstream configured it is
 * relayed there; without one it is kept in a local mail repository that WebAdmin can browse.
 */
public record LocalDeliveryConfiguration(Optional<Downstream> downstream, String repositoryUrl) {
    public static final String DEFAULT_REPOSITORY = "file://var/mail/inbox/";
    public static final LocalDeliveryConfiguration DEFAULT = new LocalDeliveryConfiguration(Optional.empty(), DEFAULT_REPOSITORY);

    public LocalDeliveryConfiguration {
        Objects.requireNonNull(downstream);
        Objects.requireNonNull(repositoryUrl);
    }
}
