package org.herald.core.dmarc.report;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and writes the {@code <source_ip>} of a row. {@link InetAddress#getByName} would resolve anything that is not
 * a literal through DNS, so a report could make Herald send queries of its choosing; only strings shaped like an
 * IPv4 or IPv6 literal (no zone index) ever reach it.
 */
final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiteral() {
    }

    static Optional<InetAddress> parse(String text) {
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        boolean v4 = IPV4.matcher(candidate).matches();
        boolean v6 = !v4 && candidate.indexOf(':') >= 0 && IPV6.matcher(candidate).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v4) {
            for (String part : candidate.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * IPv4 dotted, IPv6 in the full eight-group form without "::" compression: the only IPv6 form the Appendix C
     * schema's IPAddress pattern accepts.
     */
    static String format(InetAddress address) {
        if (address instanceof Inet6Address) {
            String text = address.getHostAddress();
            int zone = text.indexOf('%');
            return zone < 0 ? text : text.substring(0, zone);
        }
        return address.getHostAddress();
    }
}
