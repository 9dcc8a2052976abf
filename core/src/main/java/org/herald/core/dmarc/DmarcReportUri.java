package org.herald.core.dmarc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One destination of a rua= or ruf= list (RFC 7489 §6.2): a URI, in practice {@code mailto:}, with the largest report
 * the owner accepts there, written {@code mailto:dmarc@example.com!10m}. Commas and exclamation marks inside the URI
 * itself must be percent-encoded, so the last {@code !} starts the size.
 *
 * @param uri      the absolute URI, as published
 * @param maxBytes the size limit in bytes (units k, m, g, t are powers of 2: 10m = 10 × 2^20); empty: no limit given
 */
public record DmarcReportUri(URI uri, Optional<Long> maxBytes) {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([kmgtKMGT]?)");

    public DmarcReportUri {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(maxBytes, "maxBytes");
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("a report URI must be absolute, not " + uri);
        }
        maxBytes.ifPresent(size -> {
            if (size < 0) {
                throw new IllegalArgumentException("a report size limit cannot be negative: " + size);
            }
        });
    }

    /**
     * Parses one element of a rua=/ruf= list.
     *
     * @throws InvalidDmarcRecordException naming the element and what is wrong with it
     */
    public static DmarcReportUri parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidDmarcRecordException("an empty report URI (two commas in a row, or a comma at the end)");
        }
        String uriText = trimmed;
        Optional<Long> maxBytes = Optional.empty();
        int bang = trimmed.lastIndexOf('!');
        if (bang >= 0) {
            uriText = trimmed.substring(0, bang).trim();
            maxBytes = Optional.of(size(trimmed, trimmed.substring(bang + 1).trim()));
        }
        URI uri;
        try {
            uri = new URI(uriText);
        } catch (URISyntaxException e) {
            throw new InvalidDmarcRecordException("\"" + trimmed + "\" is not a URI (" + e.getReason()
                + "); percent-encode commas and exclamation marks inside it");
        }
        if (!uri.isAbsolute()) {
            throw new InvalidDmarcRecordException("\"" + trimmed + "\" is not an absolute URI: write mailto:" + uriText);
        }
        if ("mailto".equals(uri.getScheme().toLowerCase(Locale.ROOT)) && !mailtoHasAddress(uri)) {
            throw new InvalidDmarcRecordException("\"" + trimmed + "\" names no address: write mailto:local@domain");
        }
        return new DmarcReportUri(uri, maxBytes);
    }

    private static boolean mailtoHasAddress(URI uri) {
        String address = uri.getSchemeSpecificPart();
        int at = address == null ? -1 : address.indexOf('@');
        return at > 0 && at < address.length() - 1;
    }

    private static long size(String element, String size) {
        Matcher matcher = SIZE.matcher(size);
        if (!matcher.matches()) {
            throw new InvalidDmarcRecordException("\"" + element + "\": the size limit after ! must be digits with an "
                + "optional unit k, m, g or t (e.g. !10m), not \"" + size + "\"");
        }
        long value = Long.parseLong(matcher.group(1));
        int shift = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        if (value > (Long.MAX_VALUE >> shift)) {
            throw new InvalidDmarcRecordException("\"" + element + "\": the size limit " + size + " is too large");
        }
        return value << shift;
    }

    /** Whether this is a {@code mailto:} URI, the only kind Herald sends reports to. */
    public boolean isMailto() {
        return "mailto".equalsIgnoreCase(uri.getScheme());
    }

    /** The URI with its size limit, as it would be published: {@code mailto:dmarc@example.com!10485760}. */
    @Override
    public String toString() {
        return uri + maxBytes.map(size -> "!" + size).orElse("");
    }
}
