package org.herald.core.dkim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Builds DKIM-Signature fields with any tags (x=, l=, simple canonicalization, i=...), which Herald's signer never
 * writes but its verifier must handle. The b= is a real signature over whatever the tags say.
 */
final class SignatureCrafter {
    private SignatureCrafter() {
    }

    /**
     * @param tags the tags before bh= and b=, e.g. {@code "v=1; a=rsa-sha256; c=simple/simple; d=...; s=...; h=from;"}
     * @return the field, with a final CRLF, to put on top of {@code message}
     */
    static String craft(byte[] message, DkimSigningKey key, String tags) {
        DkimTagList list = DkimTagList.parse(tags);
        String[] c = list.get("c").orElse("simple/simple").split("/");
        HeaderCanonicalization headerCanonicalization = HeaderCanonicalization.fromTagValue(c[0]).orElseThrow();
        BodyCanonicalization bodyCanonicalization = BodyCanonicalization.fromTagValue(c.length > 1 ? c[1] : "simple").orElseThrow();
        long length = list.get("l").map(Long::parseLong).orElse(BodyHash.WHOLE_BODY);
        List<String> signedHeaders = Arrays.stream(list.get("h").orElseThrow().split(":")).map(String::strip).toList();
        RawMessage raw = RawMessage.split(message);
        String bodyHash = Base64.getEncoder().encodeToString(BodyHash.compute(bodyCanonicalization, raw, length).hash());
        String unsigned = "DKIM-Signature: " + tags + " bh=" + bodyHash + "; b=";
        byte[] ownField = headerCanonicalization.canonicalizeSignatureField(unsigned.getBytes(StandardCharsets.ISO_8859_1));
        byte[] data = SignedHeaderData.build(raw, signedHeaders, headerCanonicalization, -1, ownField);
        return unsigned + Base64.getEncoder().encodeToString(DkimSignatureEngine.pureJava().sign(key, data)) + "\r\n";
    }

    static byte[] prepend(String fields, byte[] message) {
        byte[] prefix = fields.getBytes(StandardCharsets.ISO_8859_1);
        byte[] result = Arrays.copyOf(prefix, prefix.length + message.length);
        System.arraycopy(message, 0, result, prefix.length, message.length);
        return result;
    }

    /** The signer's fields joined as the caller prepends them. */
    static byte[] prependSigned(List<String> fields, byte[] message) {
        return prepend(fields.stream().map(field -> field + "\r\n").reduce("", String::concat), message);
    }
}
