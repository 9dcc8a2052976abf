package org.herald.core.dmarc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A DMARC record, the TXT record a domain owner publishes at {@code _dmarc.<domain>} (RFC 7489 §6.3), parsed strictly:
 * Herald refuses a broken record with the reason (the policy lookup then reports permerror) instead of guessing what
 * its owner meant. Unknown tags are ignored, as §6.3 asks, so DMARCbis tags (psd=, t=) do not break a record; the
 * DMARCbis np= tag is read.
 *
 * @param p     the policy for the domain itself (required)
 * @param sp    the policy for its subdomains; empty: p applies to them
 * @param np    DMARCbis: the policy for subdomains that do not exist; empty when not published
 * @param adkim DKIM alignment mode (default relaxed)
 * @param aspf  SPF alignment mode (default relaxed)
 * @param pct   the share, 0-100, of failing mail the policy applies to (default 100)
 * @param fo    failure reporting options, a colon-separated list of 0, 1, d, s, as published (default "0")
 * @param rf    failure report formats (default afrf)
 * @param ri    the requested aggregate report interval in seconds (default 86400)
 * @param rua   where aggregate reports go; may be empty
 * @param ruf   where failure reports go; may be empty
 */
public record DmarcRecord(DmarcPolicy p, Optional<DmarcPolicy> sp, Optional<DmarcPolicy> np, AlignmentMode adkim,
                          AlignmentMode aspf, int pct, String fo, List<String> rf, long ri, List<DmarcReportUri> rua,
                          List<DmarcReportUri> ruf) {
    public static final String VERSION = "DMARC1";
    public static final int DEFAULT_PCT = 100;
    public static final String DEFAULT_FO = "0";
    public static final List<String> DEFAULT_RF = List.of("afrf");
    public static final long DEFAULT_RI = 86_400;
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern FO = Pattern.compile("[01ds](:[01ds])*");
    private static final Pattern RF = Pattern.compile("[A-Za-z][A-Za-z0-9]*(:[A-Za-z][A-Za-z0-9]*)*");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,10}");
    private static final Pattern VERSION_TAG = Pattern.compile("[vV][ \\t]*=[ \\t]*" + VERSION + "[ \\t]*");

    public DmarcRecord {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(sp, "sp");
        Objects.requireNonNull(np, "np");
        Objects.requireNonNull(adkim, "adkim");
        Objects.requireNonNull(aspf, "aspf");
        Objects.requireNonNull(fo, "fo");
        rf = List.copyOf(rf);
        rua = List.copyOf(rua);
        ruf = List.copyOf(ruf);
        if (pct < 0 || pct > 100) {
            throw new IllegalArgumentException("pct must be 0-100, not " + pct);
        }
        if (ri < 0 || ri > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ri must be a 32-bit unsigned number, not " + ri);
        }
    }

    /** A record with only p= and every other tag at its default, as {@code v=DMARC1; p=<p>} publishes. */
    public static DmarcRecord of(DmarcPolicy p) {
        return new DmarcRecord(p, Optional.empty(), Optional.empty(), AlignmentMode.RELAXED, AlignmentMode.RELAXED,
            DEFAULT_PCT, DEFAULT_FO, DEFAULT_RF, DEFAULT_RI, List.of(), List.of());
    }

    /**
     * Whether a TXT record is meant as a DMARC record: it starts with the tag {@code v=DMARC1}. Policy discovery
     * (RFC 7489 §6.6.3) discards every other TXT record at {@code _dmarc.<domain>}, including other versions.
     */
    public static boolean isDmarcRecord(String txt) {
        int semicolon = txt.indexOf(';');
        String first = (semicolon < 0 ? txt : txt.substring(0, semicolon)).strip();
        return VERSION_TAG.matcher(first).matches();
    }

    /**
     * Parses a DMARC record given as its TXT strings joined without separators.
     *
     * @throws InvalidDmarcRecordException when v=DMARC1 does not come first, p= is missing, a tag appears twice, or a
     *                                     known tag has a value RFC 7489 §6.4 does not allow
     */
    public static DmarcRecord parse(String txt) {
        Objects.requireNonNull(txt, "txt");
        Map<String, String> tags = tags(txt);
        Map.Entry<String, String> first = tags.entrySet().stream().findFirst()
            .orElseThrow(() -> new InvalidDmarcRecordException("the record is empty: publish at least v=DMARC1; p=none"));
        if (!first.getKey().equals("v")) {
            throw new InvalidDmarcRecordException("the record does not start with v=" + VERSION + " (it starts with "
                + first.getKey() + "=): put v=" + VERSION + " first");
        }
        if (!first.getValue().equals(VERSION)) {
            throw new InvalidDmarcRecordException("v=" + first.getValue() + " is not a DMARC version Herald knows: write v="
                + VERSION + " (upper case)");
        }
        String pText = tags.get("p");
        if (pText == null) {
            throw new InvalidDmarcRecordException("the record has no p= tag: add p=none, p=quarantine or p=reject after v="
                + VERSION);
        }
        DmarcPolicy p = policy("p", pText);
        Optional<DmarcPolicy> sp = Optional.ofNullable(tags.get("sp")).map(value -> policy("sp", value));
        Optional<DmarcPolicy> np = Optional.ofNullable(tags.get("np")).map(value -> policy("np", value));
        AlignmentMode adkim = Optional.ofNullable(tags.get("adkim")).map(value -> alignment("adkim", value))
            .orElse(AlignmentMode.RELAXED);
        AlignmentMode aspf = Optional.ofNullable(tags.get("aspf")).map(value -> alignment("aspf", value))
            .orElse(AlignmentMode.RELAXED);
        int pct = Optional.ofNullable(tags.get("pct")).map(DmarcRecord::pct).orElse(DEFAULT_PCT);
        String fo = Optional.ofNullable(tags.get("fo")).map(DmarcRecord::fo).orElse(DEFAULT_FO);
        List<String> rf = Optional.ofNullable(tags.get("rf")).map(DmarcRecord::rf).orElse(DEFAULT_RF);
        long ri = Optional.ofNullable(tags.get("ri")).map(DmarcRecord::ri).orElse(DEFAULT_RI);
        List<DmarcReportUri> rua = Optional.ofNullable(tags.get("rua")).map(value -> uris("rua", value)).orElse(List.of());
        List<DmarcReportUri> ruf = Optional.ofNullable(tags.get("ruf")).map(value -> uris("ruf", value)).orElse(List.of());
        return new DmarcRecord(p, sp, np, adkim, aspf, pct, fo, rf, ri, rua, ruf);
    }

    /** The tags in order, names lower-cased; empty parts (a trailing ";") are allowed, as the ABNF's *WSP [";"] says. */
    private static Map<String, String> tags(String txt) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : txt.split(";", -1)) {
            String trimmed = part.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                throw new InvalidDmarcRecordException("\"" + trimmed + "\" is not a tag=value pair: separate tags with ;"
                    + " and write each as name=value");
            }
            String name = trimmed.substring(0, equals).strip();
            String value = trimmed.substring(equals + 1).strip();
            if (!TAG_NAME.matcher(name).matches()) {
                throw new InvalidDmarcRecordException("\"" + name + "\" is not a tag name (in \"" + trimmed + "\")");
            }
            String key = name.toLowerCase(Locale.ROOT);
            if (tags.containsKey(key)) {
                throw new InvalidDmarcRecordException("the tag " + key + "= appears twice: keep one");
            }
            tags.put(key, value);
        }
        return tags;
    }

    private static DmarcPolicy policy(String tag, String value) {
        return DmarcPolicy.fromTag(value).orElseThrow(() -> new InvalidDmarcRecordException(tag + "=" + value
            + " is not a policy: write " + tag + "=none, " + tag + "=quarantine or " + tag + "=reject"));
    }

    private static AlignmentMode alignment(String tag, String value) {
        return AlignmentMode.fromTag(value).orElseThrow(() -> new InvalidDmarcRecordException(tag + "=" + value
            + " is not an alignment mode: write " + tag + "=r (relaxed) or " + tag + "=s (strict)"));
    }

    private static int pct(String value) {
        if (DIGITS.matcher(value).matches()) {
            long pct = Long.parseLong(value);
            if (pct <= 100) {
                return (int) pct;
            }
        }
        throw new InvalidDmarcRecordException("pct=" + value + " is not a percentage: write a whole number from 0 to 100");
    }

    private static String fo(String value) {
        String compact = value.replaceAll("[ \\t]", "");
        if (!FO.matcher(compact).matches()) {
            throw new InvalidDmarcRecordException("fo=" + value + " is not a list of failure reporting options: write"
                + " 0, 1, d or s, several separated by colons (fo=1:d)");
        }
        return compact;
    }

    private static List<String> rf(String value) {
        String compact = value.replaceAll("[ \\t]", "");
        if (!RF.matcher(compact).matches()) {
            throw new InvalidDmarcRecordException("rf=" + value + " is not a list of report formats: write rf=afrf");
        }
        return List.of(compact.toLowerCase(Locale.ROOT).split(":"));
    }

    private static long ri(String value) {
        if (DIGITS.matcher(value).matches()) {
            long seconds = Long.parseLong(value);
            if (seconds <= 0xFFFF_FFFFL) {
                return seconds;
            }
        }
        throw new InvalidDmarcRecordException("ri=" + value + " is not an interval in seconds: write a whole number"
            + " such as ri=86400 (one day)");
    }

    private static List<DmarcReportUri> uris(String tag, String value) {
        List<DmarcReportUri> uris = new ArrayList<>();
        for (String element : value.split(",", -1)) {
            try {
                uris.add(DmarcReportUri.parse(element));
            } catch (InvalidDmarcRecordException e) {
                throw new InvalidDmarcRecordException(tag + "=" + value + ": " + e.getMessage());
            }
        }
        return List.copyOf(uris);
    }

    /** The policy for a domain that has no record of its own and inherits this one: sp=, or p= when sp= is absent. */
    public DmarcPolicy subdomainPolicy() {
        return sp.orElse(p);
    }
}
