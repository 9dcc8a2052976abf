package org.herald.core.greylist;

import java.net.Inet4Address;
import java.util.Locale;
import java.util.Objects;

/**
 * What greylisting remembers: who (the client's network, not its address, because big senders retry from another
 * address of their pool), from whom (the sender, its per-message tags folded) and to whom (the recipient).
 *
 * @param clientNetwork the client address masked to the configured prefix: {@code 192.0.2.0/24}, {@code 2001:db8:1::/64}
 * @param sender        {@link SenderNormalisation#stable stable} sender, {@code <>} for the null sender
 * @param recipient     the recipient, lower case
 */
public record Triplet(String clientNetwork, String sender, String recipient) {
    /** What the stores' columns hold; longer addresses (beyond RFC 5321's limits) are shortened by {@link #of}. */
    public static final int MAX_ADDRESS_LENGTH = 320;

    public Triplet {
        Objects.requireNonNull(clientNetwork, "clientNetwork");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        if (sender.length() > MAX_ADDRESS_LENGTH || recipient.length() > MAX_ADDRESS_LENGTH) {
            throw new IllegalArgumentException("a triplet address is longer than " + MAX_ADDRESS_LENGTH + " characters");
        }
    }

    public static Triplet of(GreylistRequest request, GreylistConfiguration configuration) {
        return new Triplet(clientNetwork(request, configuration),
            bounded(SenderNormalisation.stable(request.sender())),
            bounded(normaliseRecipient(request.recipient())));
    }

    /** The client's network as triplets and the auto-whitelist key it. */
    public static String clientNetwork(GreylistRequest request, GreylistConfiguration configuration) {
        int prefix = request.client() instanceof Inet4Address ? configuration.ipv4Prefix() : configuration.ipv6Prefix();
        return Cidr.of(request.client(), prefix).toString();
    }

    /** Lower case, without angle brackets. */
    public static String normaliseRecipient(String recipient) {
        String address = recipient.trim().toLowerCase(Locale.ROOT);
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1).trim();
        }
        return address;
    }

    /** Keeps an overlong address distinct but storable: its head and a hash of the whole. */
    private static String bounded(String address) {
        if (address.length() <= MAX_ADDRESS_LENGTH) {
            return address;
        }
        return address.substring(0, MAX_ADDRESS_LENGTH - 9) + "#" + String.format("%08x", address.hashCode());
    }

    @Override
    public String toString() {
        return clientNetwork + " " + sender + " -> " + recipient;
    }
}
