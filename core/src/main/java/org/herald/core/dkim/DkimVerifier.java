package org.herald.core.dkim;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.herald.core.dns.TxtAnswer;
import org.herald.core.dns.TxtLookup;
import org.herald.core.dns.TxtRecord;

/**
 * Verifies the DKIM signatures of a received message (RFC 6376 §6, Ed25519 per RFC 8463): one verdict per
 * DKIM-Signature field, top to bottom, for Authentication-Results. Only the first {@code maxSignatures} fields are
 * looked at, so a message with hundreds of signatures cannot make Herald do hundreds of DNS lookups and RSA
 * operations; the rest get no verdict. Both canonicalizations, l= and x= are honoured. Signatures that hash the body
 * the same way share one body hash. The verifier keeps no mutable state and may be shared between threads.
 */
public final class DkimVerifier {
    public static final int DEFAULT_MAX_SIGNATURES = 5;

    private final TxtLookup dns;
    private final Clock clock;
    private final int maxSignatures;

    public DkimVerifier(TxtLookup dns, Clock clock) {
        this(dns, clock, DEFAULT_MAX_SIGNATURES);
    }

    public DkimVerifier(TxtLookup dns, Clock clock, int maxSignatures) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxSignatures < 1) {
            throw new IllegalArgumentException("maxSignatures must be at least 1, not " + maxSignatures);
        }
        this.maxSignatures = maxSignatures;
    }

    /**
     * Verifies a message as received; lines may end in CRLF or a bare LF.
     *
     * @return one verdict per DKIM-Signature field (at most {@code maxSignatures}), in message order; empty when the
     * message is unsigned
     */
    public List<DkimVerification> verify(byte[] rawMessage) {
        Objects.requireNonNull(rawMessage, "rawMessage");
        RawMessage message = RawMessage.split(rawMessage);
        Map<BodyHashKey, BodyHash> bodyHashes = new HashMap<>();
        List<DkimVerification> results = new ArrayList<>();
        List<HeaderField> headers = message.headers();
        for (int i = 0; i < headers.size() && results.size() < maxSignatures; i++) {
            if (headers.get(i).name().equals("dkim-signature")) {
                results.add(verifySignature(message, i, bodyHashes));
            }
        }
        return List.copyOf(results);
    }

    private record BodyHashKey(BodyCanonicalization canonicalization, long length) {
    }

    private DkimVerification verifySignature(RawMessage message, int index, Map<BodyHashKey, BodyHash> bodyHashes) {
        HeaderField field = message.headers().get(index);
        DkimTagList tags;
        try {
            tags = DkimTagList.parse(field.valueText());
        } catch (DkimSyntaxException e) {
            return new DkimVerification(DkimResult.PERMERROR, "", "", "", "", e.getMessage());
        }
        Verdict verdict = new Verdict(tags);
        DkimSignatureHeader signature;
        try {
            signature = DkimSignatureHeader.parse(tags);
        } catch (DkimSyntaxException e) {
            return verdict.of(DkimResult.PERMERROR, e.getMessage());
        }
        if (signature.expiration().isPresent() && signature.expiration().getAsLong() < clock.instant().getEpochSecond()) {
            return verdict.of(DkimResult.PERMERROR, "signature expired");
        }

        TxtAnswer answer;
        try {
            answer = dns.txt(signature.keyName());
        } catch (RuntimeException e) {
            return verdict.of(DkimResult.TEMPERROR, "key lookup failed: " + e.getMessage());
        }
        if (answer instanceof TxtAnswer.Failure failure) {
            return verdict.of(DkimResult.TEMPERROR, "key lookup failed: " + failure.detail());
        }
        if (!(answer instanceof TxtAnswer.Records records)) {
            return verdict.of(DkimResult.PERMERROR, "no key");
        }
        DkimPublicKeyRecord key;
        try {
            key = usableRecord(records.records());
        } catch (InvalidDkimRecordException e) {
            return verdict.of(DkimResult.PERMERROR, "invalid key record: " + e.getMessage());
        }
        String keyProblem = keyProblem(signature, key);
        if (keyProblem != null) {
            return verdict.of(DkimResult.PERMERROR, keyProblem);
        }

        BodyHash bodyHash = bodyHashes.computeIfAbsent(
            new BodyHashKey(signature.bodyCanonicalization(), signature.bodyLength()),
            k -> BodyHash.compute(k.canonicalization(), message, k.length()));
        if (signature.bodyLength() != BodyHash.WHOLE_BODY && bodyHash.canonicalLength() < signature.bodyLength()) {
            return verdict.of(DkimResult.FAIL, "body shorter than l=");
        }
        if (!MessageDigest.isEqual(bodyHash.hash(), signature.bodyHash())) {
            return verdict.of(DkimResult.FAIL, "body hash did not verify");
        }

        byte[] ownField = signature.headerCanonicalization().canonicalizeSignatureField(field.withValue(tags.withoutValue("b")));
        byte[] signedData = SignedHeaderData.build(message, signature.signedHeaders(), signature.headerCanonicalization(),
            index, ownField);
        if (!DkimCrypto.verify(signature.algorithm(), key, signedData, signature.signature())) {
            return verdict.of(DkimResult.FAIL, "signature did not verify");
        }
        return verdict.of(DkimResult.PASS, "");
    }

    /** The first record that parses as a key record; RFC 6376 §3.6.2.2 lets a verifier try each of several. */
    private static DkimPublicKeyRecord usableRecord(List<TxtRecord> records) {
        InvalidDkimRecordException first = null;
        for (TxtRecord record : records) {
            try {
                return DkimPublicKeyRecord.parse(record.joined());
            } catch (InvalidDkimRecordException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    /** Why this key cannot verify this signature (RFC 6376 §6.1.2), or null when it can. */
    private static String keyProblem(DkimSignatureHeader signature, DkimPublicKeyRecord key) {
        if (key.revoked()) {
            return "key revoked";
        }
        if (key.algorithm() != signature.algorithm()) {
            return "key type k=" + key.keyType() + " does not match a=" + signature.algorithm().tag();
        }
        if (!key.allowsHash("sha256")) {
            return "key does not allow sha256 (h=" + String.join(":", key.hashAlgorithms()) + ")";
        }
        if (!key.allowsEmail()) {
            return "key is not for email (s=" + String.join(":", key.serviceTypes()) + ")";
        }
        if (key.flags().contains("s") && signature.identityDomain().isPresent()
            && !signature.identityDomain().get().equals(signature.domain())) {
            return "key forbids i= in a subdomain (t=s)";
        }
        int bits = DkimCrypto.rsaBits(key.publicKey());
        if (signature.algorithm() == DkimAlgorithm.RSA_SHA256 && bits < DkimSigningKey.MINIMUM_RSA_BITS) {
            return "RSA key of " + bits + " bits is too short (RFC 8301)";
        }
        return null;
    }

    /** What a verdict reports about the signature, read from its tags even when they do not validate. */
    private static final class Verdict {
        private final String domain;
        private final String selector;
        private final String algorithm;
        private final String headerB;

        Verdict(DkimTagList tags) {
            this.domain = tags.get("d").orElse("");
            this.selector = tags.get("s").orElse("");
            this.algorithm = tags.get("a").orElse("");
            String b = tags.tag("b").map(DkimTagList.Tag::compactValue).orElse("");
            this.headerB = b.length() <= DkimVerification.HEADER_B_LENGTH ? b : b.substring(0, DkimVerification.HEADER_B_LENGTH);
        }

        DkimVerification of(DkimResult result, String reason) {
            return new DkimVerification(result, domain, selector, algorithm, headerB, reason);
        }
    }
}
