package org.herald.core.warmup;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * conf/warmup.xml, parsed once (documented in that file).
 *
 * @param enabled                     false: no budget anywhere, nothing counted
 * @param schedules                   by name; "standard" is always there (the file may redefine it)
 * @param identities                  the identities that warm up; any other is at full volume
 * @param throttle                    when bad signals cut the limit
 * @param maxWait                     how long a mail may wait for warmup budget; then it goes regardless (never
 *                                    bounced because of warmup), logged
 * @param warnAfter                   a mail that has waited this long is logged as a warning, before maxWait bites
 * @param providerGroups              operator-defined providers (they win over the built-in groups)
 * @param groupByOrganisationalDomain other domains are grouped by organisational domain instead of taken one by one
 * @param bounceAddress               where asynchronous DSNs arrive (a local address), if any
 * @param feedbackAddress             where ARF complaint reports arrive (a local address), if any
 */
public record WarmupConfiguration(boolean enabled, Map<String, WarmupSchedule> schedules,
                                  List<WarmupIdentityConfiguration> identities, ThrottlePolicy throttle, Duration maxWait,
                                  Duration warnAfter, List<ProviderGroup> providerGroups,
                                  boolean groupByOrganisationalDomain, Optional<String> bounceAddress,
                                  Optional<String> feedbackAddress) {
    public static final WarmupConfiguration DEFAULT = new WarmupConfiguration(true,
        Map.of(WarmupSchedule.STANDARD.name(), WarmupSchedule.STANDARD), List.of(), ThrottlePolicy.DEFAULT, Duration.ofDays(7),
        Duration.ofDays(3), List.of(), false, Optional.empty(), Optional.empty());

    public WarmupConfiguration {
        schedules = Map.copyOf(schedules);
        identities = List.copyOf(identities);
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(warnAfter, "warnAfter");
        providerGroups = List.copyOf(providerGroups);
        Objects.requireNonNull(bounceAddress, "bounceAddress");
        Objects.requireNonNull(feedbackAddress, "feedbackAddress");
        for (WarmupIdentityConfiguration identity : identities) {
            if (!schedules.containsKey(identity.schedule())) {
                throw new IllegalArgumentException("identity " + identity.identity() + " names no known schedule");
            }
        }
    }

    /** The providers of recipient domains: the built-in groups, with this file's groups first. */
    public DestinationProviders providers() {
        return new DestinationProviders(providerGroups, groupByOrganisationalDomain);
    }

    public Optional<WarmupIdentityConfiguration> identity(String name) {
        return identities.stream().filter(identity -> identity.identity().equals(name)).findFirst();
    }
}
