package org.herald.core.greylist;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8:1::/64}), over the address bytes.
 *
 * <p>Parsing never touches DNS: only address literals are accepted, so a typo in a whitelist cannot turn into a lookup
 * at start-up. Networks print in their canonical form (IPv6 compressed as RFC 5952 says), which is what the triplet
 * store keys on, so {@code 2001:DB8:1:0::/64} and {@code 2001:db8:1::/64} are one network.
 */
public final class Cidr {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** The network of {@code prefix} bits that holds {@code address}: the address with its host bits cleared. */
    public static Cidr of(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("the prefix of an " + family(bytes) + " network is 0-" + bits + ", not " + prefix);
        }
        return new Cidr(masked(bytes, prefix), prefix);
    }

    /**
     * Parses {@code address/prefix}, or a bare address meaning that one host (/32 or /128).
     *
     * @throws IllegalArgumentException with the reason, e.g. "10.0.0.0/33 is not a network: the prefix of an IPv4
     *                                  network is 0-32"
     */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes;
        try {
            bytes = parseAddress(addressText).getAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(trimmed + " is not a network: " + e.getMessage());
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = trimmed.substring(slash + 1);
            if (!prefixText.matches("\\d{1,3}") || Integer.parseInt(prefixText) > bits) {
                throw new IllegalArgumentException(trimmed + " is not a network: the prefix of an " + family(bytes)
                    + " network is 0-" + bits);
            }
            prefix = Integer.parseInt(prefixText);
        }
        Cidr cidr = new Cidr(masked(bytes, prefix), prefix);
        if (!Arrays.equals(cidr.network, bytes)) {
            throw new IllegalArgumentException(trimmed + " is not a network: bits after the first " + prefix
                + " are set (did you mean " + cidr + "?)");
        }
        return cidr;
    }

    /**
     * An IPv4 or IPv6 address literal, without any DNS lookup.
     *
     * @throws IllegalArgumentException when {@code text} is not one
     */
    public static InetAddress parseAddress(String text) {
        String trimmed = text.trim();
        if (IPV4.matcher(trimmed).matches()) {
            byte[] bytes = new byte[4];
            String[] parts = trimmed.split("\\.");
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    throw new IllegalArgumentException(trimmed + " is not an IPv4 address: " + value + " is above 255");
                }
                bytes[i] = (byte) value;
            }
            return byAddress(bytes);
        }
        // A text with a colon, made only of hex digits, colons and dots, is taken by InetAddress as an IPv6 literal:
        // it is either parsed or rejected, never looked up.
        if (trimmed.indexOf(':') >= 0 && IPV6.matcher(trimmed).matches()) {
            try {
                return InetAddress.getByName(trimmed);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(trimmed + " is not an IPv6 address");
            }
        }
        throw new IllegalArgumentException("\"" + trimmed + "\" is not an IP address (write it like 192.0.2.1 or 2001:db8::1)");
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefix), network);
    }

    public int prefix() {
        return prefix;
    }

    public boolean isIpv6() {
        return network.length == 16;
    }

    public InetAddress network() {
        return byAddress(network.clone());
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] result = address.clone();
        for (int i = 0; i < result.length; i++) {
            int bitsKept = Math.max(0, Math.min(8, prefix - i * 8));
            result[i] = (byte) (result[i] & (0xff << (8 - bitsKept)));
        }
        return result;
    }

    private static String family(byte[] bytes) {
        return bytes.length == 4 ? "IPv4" : "IPv6";
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** An address in canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as "::"). */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        if (!(address instanceof Inet6Address)) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        return formatIpv6(address.getAddress());
    }

    private static String format(byte[] bytes) {
        return bytes.length == 4 ? byAddress(bytes).getHostAddress() : formatIpv6(bytes);
    }

    private static String formatIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not compressed (RFC 5952 4.2.2)
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefix == prefix && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    /** {@code 192.0.2.0/24}, {@code 2001:db8:1::/64}. */
    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
