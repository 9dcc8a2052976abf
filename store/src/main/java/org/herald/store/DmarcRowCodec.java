package org.herald.store;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.herald.core.dkim.DkimResult;
import org.herald.core.dmarc.AlignmentMode;
import org.herald.core.dmarc.DmarcEvaluationRow;
import org.herald.core.dmarc.DmarcOverrideReason;
import org.herald.core.dmarc.DmarcOverrideType;
import org.herald.core.dmarc.DmarcPolicy;
import org.herald.core.dmarc.DmarcPublishedPolicy;
import org.herald.core.dmarc.DmarcReportUri;
import org.herald.core.spf.SpfResult;

/**
 * A DMARC evaluation row's identity (everything but its count) as canonical text, one {@code key=value} per line,
 * values URL-encoded, lists as repeated keys in order: the same identity always gives the same text, hence the same
 * SHA-256 key, on every node and backend.
 */
final class DmarcRowCodec {
    private DmarcRowCodec() {
    }

    static String encode(DmarcEvaluationRow row) {
        StringBuilder text = new StringBuilder();
        line(text, "period", String.valueOf(row.periodStart().getEpochSecond()));
        line(text, "ip", row.sourceIp());
        line(text, "from", row.headerFrom());
        line(text, "envfrom", row.envelopeFrom());
        row.envelopeTo().ifPresent(to -> line(text, "envto", to));
        DmarcPublishedPolicy policy = row.published();
        line(text, "pub.domain", policy.domain());
        line(text, "pub.adkim", policy.adkim().tag());
        line(text, "pub.aspf", policy.aspf().tag());
        line(text, "pub.p", policy.p().tag());
        policy.sp().ifPresent(sp -> line(text, "pub.sp", sp.tag()));
        policy.np().ifPresent(np -> line(text, "pub.np", np.tag()));
        line(text, "pub.pct", String.valueOf(policy.pct()));
        line(text, "pub.fo", policy.fo());
        policy.rua().forEach(uri -> line(text, "pub.rua", uri.toString()));
        line(text, "disposition", row.disposition().tag());
        line(text, "dkimAligned", String.valueOf(row.dkimAligned()));
        line(text, "spfAligned", String.valueOf(row.spfAligned()));
        row.reasons().forEach(reason -> line(text, "reason", reason.type().name() + "|" + escape(reason.comment())));
        row.dkim().forEach(dkim -> line(text, "dkim", escape(dkim.domain()) + "|" + escape(dkim.selector()) + "|" + dkim.result().name()));
        row.spf().ifPresent(spf -> line(text, "spf", escape(spf.domain()) + "|" + spf.scope().name() + "|" + spf.result().name()));
        return text.toString();
    }

    static DmarcEvaluationRow decode(String text, long count) {
        Instant period = null;
        String ip = null;
        String from = null;
        String envelopeFrom = null;
        Optional<String> envelopeTo = Optional.empty();
        String domain = null;
        AlignmentMode adkim = null;
        AlignmentMode aspf = null;
        DmarcPolicy p = null;
        Optional<DmarcPolicy> sp = Optional.empty();
        Optional<DmarcPolicy> np = Optional.empty();
        int pct = 100;
        String fo = "0";
        List<DmarcReportUri> rua = new ArrayList<>();
        DmarcPolicy disposition = null;
        boolean dkimAligned = false;
        boolean spfAligned = false;
        List<DmarcOverrideReason> reasons = new ArrayList<>();
        List<DmarcEvaluationRow.DkimAuth> dkim = new ArrayList<>();
        Optional<DmarcEvaluationRow.SpfAuth> spf = Optional.empty();
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            String key = line.substring(0, equals);
            String value = unescape(line.substring(equals + 1));
            switch (key) {
                case "period" -> period = Instant.ofEpochSecond(Long.parseLong(value));
                case "ip" -> ip = value;
                case "from" -> from = value;
                case "envfrom" -> envelopeFrom = value;
                case "envto" -> envelopeTo = Optional.of(value);
                case "pub.domain" -> domain = value;
                case "pub.adkim" -> adkim = AlignmentMode.fromTag(value).orElseThrow();
                case "pub.aspf" -> aspf = AlignmentMode.fromTag(value).orElseThrow();
                case "pub.p" -> p = DmarcPolicy.fromTag(value).orElseThrow();
                case "pub.sp" -> sp = DmarcPolicy.fromTag(value);
                case "pub.np" -> np = DmarcPolicy.fromTag(value);
                case "pub.pct" -> pct = Integer.parseInt(value);
                case "pub.fo" -> fo = value;
                case "pub.rua" -> rua.add(DmarcReportUri.parse(value));
                case "disposition" -> disposition = DmarcPolicy.fromTag(value).orElseThrow();
                case "dkimAligned" -> dkimAligned = Boolean.parseBoolean(value);
                case "spfAligned" -> spfAligned = Boolean.parseBoolean(value);
                case "reason" -> {
                    String[] parts = value.split("\\|", -1);
                    reasons.add(new DmarcOverrideReason(DmarcOverrideType.valueOf(parts[0]), unescape(parts[1])));
                }
                case "dkim" -> {
                    String[] parts = value.split("\\|", -1);
                    dkim.add(new DmarcEvaluationRow.DkimAuth(unescape(parts[0]), unescape(parts[1]), DkimResult.valueOf(parts[2])));
                }
                case "spf" -> {
                    String[] parts = value.split("\\|", -1);
                    spf = Optional.of(new DmarcEvaluationRow.SpfAuth(unescape(parts[0]),
                        DmarcEvaluationRow.SpfScope.valueOf(parts[1]), SpfResult.valueOf(parts[2])));
                }
                default -> throw new IllegalStateException("Unknown field '" + key + "' in a stored DMARC row");
            }
        }
        return new DmarcEvaluationRow(period, ip, from, envelopeFrom, envelopeTo,
            new DmarcPublishedPolicy(domain, adkim, aspf, p, sp, np, pct, fo, rua), disposition, dkimAligned, spfAligned,
            reasons, dkim, spf, count);
    }

    static String key(String encoded) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    private static void line(StringBuilder text, String key, String value) {
        text.append(key).append('=').append(escape(value)).append('\n');
    }

    private static String escape(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String unescape(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
