package org.herald.core.warmup;

/**
 * What happened to mail of one identity at one provider over a window: recipients attempted, hard bounces (5xx from
 * the relay, or a DSN saying failed with 5.x.x) and complaints (ARF abuse reports).
 */
public record DeliverySignals(long attempts, long hardBounces, long complaints) {
    public static final DeliverySignals NONE = new DeliverySignals(0, 0, 0);

    public DeliverySignals plus(DeliverySignals other) {
        return new DeliverySignals(attempts + other.attempts, hardBounces + other.hardBounces, complaints + other.complaints);
    }

    public double bounceRate() {
        return attempts == 0 ? 0 : (double) hardBounces / attempts;
    }

    public double complaintRate() {
        return attempts == 0 ? 0 : (double) complaints / attempts;
    }
}
