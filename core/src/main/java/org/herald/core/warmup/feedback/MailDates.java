package org.herald.core.warmup.feedback;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates in report fields ({@code Arrival-Date}, {@code Received-Date}): RFC 5322 date-time, with the obsolete forms
 * report generators still send (zone names such as {@code EDT} or {@code UT}, two-digit years, no seconds, no day of
 * the week), comments, and ISO 8601 as a last resort. A date that cannot be read is absent rather than an error: it
 * is informational and never worth losing a report for.
 */
final class MailDates {
    private static final Pattern RFC5322 = Pattern.compile(
        "(?:[A-Za-z]{3},?\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\s+(\\d{2,4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?"
            + "(?:\\s+([+-]\\d{4}|[A-Za-z]{1,5}))?");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
        Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
        Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    /** RFC 5322 §4.3's obsolete zones; any other name (military letters) means -0000, "no information". */
    private static final Map<String, Integer> ZONE_HOURS = Map.ofEntries(Map.entry("ut", 0), Map.entry("gmt", 0),
        Map.entry("z", 0), Map.entry("est", -5), Map.entry("edt", -4), Map.entry("cst", -6), Map.entry("cdt", -5),
        Map.entry("mst", -7), Map.entry("mdt", -6), Map.entry("pst", -8), Map.entry("pdt", -7));

    private MailDates() {
    }

    static Optional<Instant> parse(String value) {
        String text = HeaderComments.remove(value).strip().replaceAll("\\s+", " ");
        Matcher m = RFC5322.matcher(text);
        if (m.matches()) {
            try {
                LocalDateTime local = LocalDateTime.of(year(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                return Optional.of(local.toInstant(offset(m.group(7))));
            } catch (DateTimeException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** RFC 5322 §4.3: a two-digit year below 50 is 20xx, otherwise 19xx; a three-digit year adds 1900. */
    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (digits.length() == 2) {
            return year < 50 ? 2000 + year : 1900 + year;
        }
        return digits.length() == 3 ? 1900 + year : year;
    }

    private static int month(String name) {
        Integer month = MONTHS.get(name.toLowerCase(Locale.ROOT));
        if (month == null) {
            throw new IllegalArgumentException("no month " + name);
        }
        return month;
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        if (zone.startsWith("+") || zone.startsWith("-")) {
            int hours = Integer.parseInt(zone.substring(1, 3));
            int minutes = Integer.parseInt(zone.substring(3, 5));
            int sign = zone.startsWith("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        return ZoneOffset.ofHours(ZONE_HOURS.getOrDefault(zone.toLowerCase(Locale.ROOT), 0));
    }
}
