package org.herald.core.dkim;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Signs outgoing mail with DKIM (RFC 6376; Ed25519 per RFC 8463), once per key: Herald dual-signs with an Ed25519 and
 * an RSA key, and the body, by far the largest part, is canonicalized and hashed once for all signatures. Signatures
 * use relaxed/relaxed canonicalization (it survives the whitespace and folding changes relays make), a t= timestamp,
 * no l= (a body length limit lets anyone append content) and no x=. The signer keeps no mutable state: mailet threads
 * share one instance.
 */
public final class DkimSigner {
    /** Folding width of the produced field, tab included, CRLF excluded (RFC 5322 §2.1.1 recommends 78). */
    static final int LINE_WIDTH = 76;
    /** Fewer b= characters than this after "b=" look like a stray fragment: the value starts on the next line instead. */
    private static final int MINIMUM_FIRST_CHUNK = 16;
    private static final String FIELD_NAME = "DKIM-Signature:";

    private final Clock clock;
    private final SignedHeaderPolicy policy;
    private final DkimSignatureEngine engine;

    /** RSA through the JDK. */
    public DkimSigner(Clock clock) {
        this(clock, SignedHeaderPolicy.DEFAULT, DkimSignatureEngine.pureJava());
    }

    public DkimSigner(Clock clock, DkimSignatureEngine engine) {
        this(clock, SignedHeaderPolicy.DEFAULT, engine);
    }

    public DkimSigner(Clock clock, SignedHeaderPolicy policy, DkimSignatureEngine engine) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Signs a message with each key.
     *
     * @param rawMessage the message exactly as it will be transmitted; lines may end in CRLF or a bare LF
     * @param keys       the keys to sign with
     * @return one complete DKIM-Signature field per key, in key order, folded with CRLF and a tab and without a final
     * CRLF; the caller prepends them to the message in this order
     */
    public List<String> sign(byte[] rawMessage, List<DkimSigningKey> keys) {
        Objects.requireNonNull(rawMessage, "rawMessage");
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            return List.of();
        }
        RawMessage message = RawMessage.split(rawMessage);
        String bodyHash = Base64.getEncoder().encodeToString(
            BodyHash.compute(BodyCanonicalization.RELAXED, message, BodyHash.WHOLE_BODY).hash());
        List<String> signedHeaders = policy.signedHeaders(message.headers());
        long timestamp = clock.instant().getEpochSecond();
        List<String> fields = new ArrayList<>(keys.size());
        for (DkimSigningKey key : keys) {
            Objects.requireNonNull(key, "keys contains null");
            HeaderFolder folder = unsignedField(key, timestamp, signedHeaders, bodyHash);
            String signature = signatureValue(message, signedHeaders, folder.toString(), key, engine);
            fields.add(folder.breakable(signature, MINIMUM_FIRST_CHUNK).toString());
        }
        return List.copyOf(fields);
    }

    /** The field up to and including "b=", folded. */
    private static HeaderFolder unsignedField(DkimSigningKey key, long timestamp, List<String> signedHeaders, String bodyHash) {
        HeaderFolder folder = new HeaderFolder(LINE_WIDTH)
            .token(FIELD_NAME, false)
            .token("v=1;", true)
            .token("a=" + key.algorithm().tag() + ";", true)
            .token("c=relaxed/relaxed;", true)
            .token("d=" + key.domain() + ";", true)
            .token("s=" + key.selector() + ";", true)
            .token("t=" + timestamp + ";", true);
        for (int i = 0; i < signedHeaders.size(); i++) {
            String name = signedHeaders.get(i) + (i == signedHeaders.size() - 1 ? ";" : ":");
            folder.token(i == 0 ? "h=" + name : name, i == 0);
        }
        return folder.token("bh=" + bodyHash + ";", true).token("b=", true);
    }

    /**
     * The b= value for a DKIM-Signature field given up to its empty b= value: the signature, with relaxed header
     * canonicalization, over the fields {@code signedHeaders} selects and the field itself.
     */
    static String signatureValue(RawMessage message, List<String> signedHeaders, String unsignedField, DkimSigningKey key,
                                 DkimSignatureEngine engine) {
        byte[] ownField = HeaderCanonicalization.RELAXED.canonicalizeSignatureField(
            unsignedField.getBytes(StandardCharsets.ISO_8859_1));
        byte[] signedData = SignedHeaderData.build(message, signedHeaders, HeaderCanonicalization.RELAXED, -1, ownField);
        return Base64.getEncoder().encodeToString(engine.sign(key, signedData));
    }
}
