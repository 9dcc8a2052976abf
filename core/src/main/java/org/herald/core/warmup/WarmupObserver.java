package org.herald.core.warmup;

/** Told what warmup does, for logs, alerts and metrics. */
public interface WarmupObserver {
    WarmupObserver NONE = new WarmupObserver() {
    };

    default void sent(String identity, String provider, long recipients) {
    }

    default void deferred(String identity, String provider, long recipients) {
    }

    default void throttled(ProviderThrottle throttle) {
    }

    default void recovered(String identity, String provider, String how) {
    }

    default void advanced(String identity, int step, boolean warm) {
    }
}
