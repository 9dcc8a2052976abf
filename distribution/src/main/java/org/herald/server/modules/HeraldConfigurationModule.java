package org.herald.server.modules;

import org.herald.core.delivery.LocalDeliveryConfiguration;
import org.herald.core.relay.RelaysConfiguration;

import com.google.inject.AbstractModule;

/** Makes Herald's parsed configuration records (read once, before James starts) injectable into mailets and hooks. */
public class HeraldConfigurationModule extends AbstractModule {
    private final RelaysConfiguration relays;
    private final LocalDeliveryConfiguration localDelivery;

    public HeraldConfigurationModule(RelaysConfiguration relays, LocalDeliveryConfiguration localDelivery) {
        this.relays = relays;
        this.localDelivery = localDelivery;
    }

    @Override
    protected void configure() {
        bind(RelaysConfiguration.class).toInstance(relays);
        bind(LocalDeliveryConfiguration.class).toInstance(localDelivery);
    }
}
