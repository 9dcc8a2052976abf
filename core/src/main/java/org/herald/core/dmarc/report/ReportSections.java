package org.herald.core.dmarc.report;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.herald.core.dmarc.AlignmentMode;
import org.herald.core.dmarc.DmarcPolicy;

/**
 * Turns the parts of a report into the model, deciding what real-world sloppiness to accept. Accepted: missing
 * optional elements, padding whitespace, enumeration values in any case and their common aliases, empty elements
 * (read as absent), unknown elements (ignored, e.g. DMARCbis {@code <generator>}, {@code <discovery_method>},
 * {@code <testing>}, {@code <extension>}). Refused, because the report would mean nothing: no org_name or report_id
 * (nothing to deduplicate on), no date_range, no policy domain or p, a row without source_ip, count or evaluated
 * policy, a record without header_from, and values that are not what their element says (a count that is not a
 * number, an unknown result). Domains are lower-cased, since reporters write them as they came and summaries group
 * them.
 */
final class ReportSections {
    private ReportSections() {
    }

    static ReportMetadata metadata(XmlSection section) {
        String orgName = required(section, "org_name", "<report_metadata> has no <org_name>");
        String reportId = required(section, "report_id", "<report_metadata> has no <report_id>");
        XmlSection range = section.child("date_range")
            .orElseThrow(() -> new InvalidReportException("<report_metadata> has no <date_range>"));
        Instant begin = timestamp(range, "begin");
        Instant end = timestamp(range, "end");
        if (begin.isAfter(end)) {
            throw new InvalidReportException("<date_range> begins (" + begin + ") after it ends (" + end + ")");
        }
        List<String> errors = new ArrayList<>();
        for (XmlSection error : section.children("error")) {
            if (!error.text().isEmpty()) {
                errors.add(error.text());
            }
        }
        return new ReportMetadata(orgName, section.childText("email").orElse(""),
            section.childText("extra_contact_info"), reportId, new DateRange(begin, end), errors);
    }

    static PolicyPublished policy(XmlSection section) {
        String domain = required(section, "domain", "<policy_published> has no <domain>");
        DmarcPolicy p = policyValue(section.childText("p")
            .orElseThrow(() -> new InvalidReportException("<policy_published> has no <p>")), "<policy_published><p>");
        Optional<DmarcPolicy> sp = section.childText("sp").map(value -> policyValue(value, "<policy_published><sp>"));
        Optional<DmarcPolicy> np = section.childText("np").map(value -> policyValue(value, "<policy_published><np>"));
        int pct = section.childText("pct").map(ReportSections::pct).orElse(100);
        return new PolicyPublished(lower(domain), alignment(section, "adkim"),
            alignment(section, "aspf"), p, sp, pct, section.childText("fo"), np);
    }

    static ReportRecord record(XmlSection section, int number) {
        String where = "record " + number;
        XmlSection row = section.child("row")
            .orElseThrow(() -> new InvalidReportException(where + " has no <row>"));
        String ipText = required(row, "source_ip", where + ": <row> has no <source_ip>");
        InetAddress sourceIp = IpLiteral.parse(ipText)
            .orElseThrow(() -> new InvalidReportException(where + ": source_ip '" + ipText + "' is not an IP address"));
        long count = count(required(row, "count", where + ": <row> has no <count>"), where);
        XmlSection evaluated = row.child("policy_evaluated")
            .orElseThrow(() -> new InvalidReportException(where + ": <row> has no <policy_evaluated>"));
        Row parsedRow = new Row(sourceIp, count, policyEvaluated(evaluated, where));

        XmlSection identifiers = section.child("identifiers")
            .orElseThrow(() -> new InvalidReportException(where + " has no <identifiers>"));
        Identifiers parsedIdentifiers = new Identifiers(identifiers.childText("envelope_to").map(ReportSections::lower),
            identifiers.childText("envelope_from").map(ReportSections::lower),
            lower(required(identifiers, "header_from", where + ": <identifiers> has no <header_from>")));

        List<DkimAuthResult> dkim = new ArrayList<>();
        List<SpfAuthResult> spf = new ArrayList<>();
        Optional<XmlSection> authResults = section.child("auth_results");
        if (authResults.isPresent()) {
            for (XmlSection result : authResults.get().children("dkim")) {
                dkim.add(dkimResult(result, where));
            }
            for (XmlSection result : authResults.get().children("spf")) {
                spf.add(spfResult(result, where));
            }
        }
        return new ReportRecord(parsedRow, parsedIdentifiers, new AuthResults(dkim, spf));
    }

    private static PolicyEvaluated policyEvaluated(XmlSection evaluated, String where) {
        String dispositionText = required(evaluated, "disposition", where + ": <policy_evaluated> has no <disposition>");
        // DMARCbis "pass": no action taken because DMARC passed; the action is the same as none.
        DmarcPolicy disposition = dispositionText.equalsIgnoreCase("pass")
            ? DmarcPolicy.NONE
            : DmarcPolicy.fromTag(dispositionText).orElseThrow(() -> new InvalidReportException(where
                + ": disposition '" + dispositionText + "' is not one of none, quarantine, reject"));
        DmarcResult dkim = dmarcResult(evaluated, "dkim", where);
        DmarcResult spf = dmarcResult(evaluated, "spf", where);
        List<PolicyOverrideReason> reasons = new ArrayList<>();
        for (XmlSection reason : evaluated.children("reason")) {
            Optional<String> type = reason.childText("type");
            if (type.isEmpty()) {
                continue;
            }
            // An override type this version does not know is still an override: keep it as "other".
            PolicyOverride override = PolicyOverride.fromToken(type.get()).orElse(PolicyOverride.OTHER);
            reasons.add(new PolicyOverrideReason(override, reason.childText("comment")));
        }
        return new PolicyEvaluated(disposition, dkim, spf, reasons);
    }

    private static DmarcResult dmarcResult(XmlSection evaluated, String element, String where) {
        String text = required(evaluated, element, where + ": <policy_evaluated> has no <" + element + ">");
        return DmarcResult.fromToken(text).orElseThrow(() -> new InvalidReportException(where
            + ": <policy_evaluated><" + element + "> '" + text + "' is not pass or fail"));
    }

    private static DkimAuthResult dkimResult(XmlSection dkim, String where) {
        String resultText = required(dkim, "result", where + ": <auth_results><dkim> has no <result>");
        DkimResult result = DkimResult.fromToken(resultText).orElseThrow(() -> new InvalidReportException(where
            + ": DKIM result '" + resultText + "' is not one of none, pass, fail, policy, neutral, temperror, permerror"));
        return new DkimAuthResult(lower(dkim.childText("domain").orElse("")),
            dkim.childText("selector"), result, dkim.childText("human_result"));
    }

    private static SpfAuthResult spfResult(XmlSection spf, String where) {
        String resultText = required(spf, "result", where + ": <auth_results><spf> has no <result>");
        SpfResult result = SpfResult.fromToken(resultText).orElseThrow(() -> new InvalidReportException(where
            + ": SPF result '" + resultText + "' is not one of none, neutral, pass, fail, softfail, temperror, permerror"));
        Optional<SpfScope> scope = spf.childText("scope").map(text -> SpfScope.fromToken(text)
            .orElseThrow(() -> new InvalidReportException(where + ": SPF scope '" + text + "' is not helo or mfrom")));
        return new SpfAuthResult(lower(spf.childText("domain").orElse("")), scope, result);
    }

    /** Domains compare case-insensitively; reports write them as they came ("Example.ORG"), summaries group them. */
    private static String lower(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }

    private static String required(XmlSection section, String child, String reasonIfMissing) {
        return section.childText(child).orElseThrow(() -> new InvalidReportException(reasonIfMissing));
    }

    private static Instant timestamp(XmlSection range, String element) {
        String text = required(range, element, "<date_range> has no <" + element + ">");
        try {
            return Instant.ofEpochSecond(Long.parseLong(text));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new InvalidReportException("<date_range><" + element + "> '" + text
                + "' is not a number of seconds since 1970");
        }
    }

    private static long count(String text, String where) {
        long count;
        try {
            count = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidReportException(where + ": count '" + text + "' is not a number");
        }
        if (count < 0) {
            throw new InvalidReportException(where + ": count '" + text + "' is negative");
        }
        return count;
    }

    private static int pct(String text) {
        int pct;
        try {
            pct = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidReportException("<policy_published>: pct '" + text + "' is not a number");
        }
        if (pct < 0 || pct > 100) {
            throw new InvalidReportException("<policy_published>: pct '" + text + "' is not between 0 and 100");
        }
        return pct;
    }

    private static DmarcPolicy policyValue(String text, String element) {
        return DmarcPolicy.fromTag(text).orElseThrow(() -> new InvalidReportException(element + " '" + text
            + "' is not one of none, quarantine, reject"));
    }

    /** Absent means relaxed, the default (RFC 7489 §6.3); "relaxed"/"strict" spelt out are accepted too. */
    private static AlignmentMode alignment(XmlSection section, String element) {
        Optional<String> text = section.childText(element);
        if (text.isEmpty()) {
            return AlignmentMode.RELAXED;
        }
        String value = text.get().toLowerCase(Locale.ROOT);
        if (value.equals("relaxed")) {
            return AlignmentMode.RELAXED;
        }
        if (value.equals("strict")) {
            return AlignmentMode.STRICT;
        }
        return AlignmentMode.fromTag(value).orElseThrow(() -> new InvalidReportException("<policy_published><"
            + element + "> '" + text.get() + "' is not r or s"));
    }
}
