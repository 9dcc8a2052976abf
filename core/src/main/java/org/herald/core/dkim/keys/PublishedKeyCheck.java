package org.herald.core.dkim.keys;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Objects;

import org.herald.core.dkim.DkimPublicKeyRecord;
import org.herald.core.dkim.DkimSyntaxException;
import org.herald.core.dkim.DkimTagList;
import org.herald.core.dkim.InvalidDkimRecordException;
import org.herald.core.dns.TxtAnswer;
import org.herald.core.dns.TxtLookup;
import org.herald.core.dns.TxtRecord;

/**
 * The DNS pre-check: looks up {@code <selector>._domainkey.<domain>} through Herald's resolver and says whether the
 * world can verify this key. Anything short of one record carrying this key's k= and p= keeps the key from signing,
 * with the reason an operator needs to fix the zone.
 */
public final class PublishedKeyCheck {
    private final TxtLookup dns;
    private final Clock clock;

    public PublishedKeyCheck(TxtLookup dns, Clock clock) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public DnsCheck check(DkimKey key) {
        String name = key.dnsName();
        TxtAnswer answer = dns.txt(name);
        if (answer instanceof TxtAnswer.Failure failure) {
            return result(DnsCheckOutcome.LOOKUP_FAILED, "DNS gave no answer for " + name + " (" + failure.detail()
                + "); the check is repeated");
        }
        if (answer instanceof TxtAnswer.NoRecord) {
            return result(DnsCheckOutcome.NO_RECORD, "no TXT record at " + name + " yet: publish the record shown by "
                + "GET /dkim/domains/" + key.domain() + "/dns");
        }
        List<TxtRecord> records = ((TxtAnswer.Records) answer).records();
        List<TxtRecord> keyRecords = records.stream().filter(PublishedKeyCheck::looksLikeKeyRecord).toList();
        if (keyRecords.size() > 1) {
            return result(DnsCheckOutcome.INVALID_RECORD, keyRecords.size() + " DKIM records compete at " + name
                + " and verifiers may read any of them: keep exactly one");
        }
        if (keyRecords.isEmpty() || records.size() > 1 && !examine(key, keyRecords.get(0)).published()) {
            String everything = records.stream().map(TxtRecord::joined).reduce("", String::concat).replaceAll("\\s", "");
            if (everything.contains(key.publicKey())) {
                return result(DnsCheckOutcome.SPLIT_BADLY, "the key is spread over " + records.size() + " separate TXT "
                    + "records at " + name + ": publish ONE record made of several strings (\"...\" \"...\")");
            }
            if (keyRecords.isEmpty()) {
                return result(DnsCheckOutcome.INVALID_RECORD, "the TXT record at " + name + " is not a DKIM key record "
                    + "(no v=DKIM1 and no p=)");
            }
        }
        return examine(key, keyRecords.get(0));
    }

    private DnsCheck examine(DkimKey key, TxtRecord record) {
        String name = key.dnsName();
        String value = record.joined();
        if (value.indexOf('"') >= 0) {
            return result(DnsCheckOutcome.SPLIT_BADLY, "the record at " + name + " holds quote characters: the strings "
                + "were pasted with their quotes into one string; enter each quoted part as its own string");
        }
        DkimTagList tags;
        try {
            tags = DkimTagList.parse(value);
        } catch (DkimSyntaxException e) {
            return invalid(name, e.getMessage());
        }
        // k= and p= are compared on the tag list first: a key cut short is not a valid key, yet "cut short" is what the
        // operator needs to hear, not "invalid".
        String keyType = tags.get("k").orElse("rsa").toLowerCase(Locale.ROOT);
        if (!keyType.equals(key.algorithm().keyType())) {
            String saying = tags.has("k") ? "k=" + keyType : "no k= (which means k=rsa)";
            return result(DnsCheckOutcome.KEY_TYPE_MISMATCH, "the record at " + name + " has " + saying + " but "
                + key.selector() + " is an " + key.algorithm().keyType() + " key: publish k=" + key.algorithm().keyType());
        }
        Optional<String> p = tags.tag("p").map(DkimTagList.Tag::compactValue);
        if (p.isEmpty()) {
            return invalid(name, "no p= tag");
        }
        if (p.get().isEmpty()) {
            return result(DnsCheckOutcome.WRONG_KEY, "the record at " + name + " has an empty p= (a revoked key)");
        }
        if (p.get().equals(key.publicKey())) {
            try {
                DkimPublicKeyRecord published = DkimPublicKeyRecord.parse(value);
                if (!published.hashAlgorithms().isEmpty() && !published.hashAlgorithms().contains("sha256")) {
                    return invalid(name, "h=" + String.join(":", published.hashAlgorithms()) + " excludes sha256");
                }
                if (!published.serviceTypes().contains("*") && !published.serviceTypes().contains("email")) {
                    return invalid(name, "s= excludes email");
                }
            } catch (InvalidDkimRecordException e) {
                return invalid(name, e.getMessage());
            }
            return result(DnsCheckOutcome.PUBLISHED, "k=" + keyType + " and p= at " + name + " match the key");
        }
        if (key.publicKey().startsWith(p.get())) {
            return result(DnsCheckOutcome.SPLIT_BADLY, "p= at " + name + " holds only the first " + p.get().length() + " of the "
                + key.publicKey().length() + " characters of the key: a string was cut short or left out; publish every "
                + "string shown by GET /dkim/domains/" + key.domain() + "/dns");
        }
        try {
            DkimPublicKeyRecord.parse(value);
        } catch (InvalidDkimRecordException e) {
            return invalid(name, e.getMessage());
        }
        return result(DnsCheckOutcome.WRONG_KEY, "p= at " + name + " is another key (" + abbreviate(p.get()) + ") than this "
            + "selector's (" + abbreviate(key.publicKey()) + ")");
    }

    private DnsCheck invalid(String name, String problem) {
        return result(DnsCheckOutcome.INVALID_RECORD, "the record at " + name + " is not a valid DKIM key record: " + problem);
    }

    private static boolean looksLikeKeyRecord(TxtRecord record) {
        String value = record.joined().strip();
        return value.startsWith("v=DKIM1") || value.matches("(?s).*(^|;)\\s*p\\s*=.*");
    }

    private static String abbreviate(String base64) {
        return base64.length() <= 16 ? base64 : base64.substring(0, 8) + "…" + base64.substring(base64.length() - 8);
    }

    private DnsCheck result(DnsCheckOutcome outcome, String detail) {
        return DnsCheck.at(clock.instant(), outcome, detail);
    }
}
