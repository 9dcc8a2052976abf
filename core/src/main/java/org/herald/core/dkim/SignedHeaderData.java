package org.herald.core.dkim;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header data a DKIM signature covers (RFC 6376 §3.7 and §5.4.2): the fields h= names, each name taking the
 * lowest field of that name not yet taken (so repeated names walk upwards), canonicalized, followed by the
 * DKIM-Signature field itself with an empty b= and no final CRLF. A name with no field left contributes nothing,
 * which is what makes over-signing work: "from" listed once more than there are From fields means a From added in
 * transit would be taken and break the signature.
 */
final class SignedHeaderData {
    private SignedHeaderData() {
    }

    /**
     * @param ownIndex             the index of the DKIM-Signature field being verified, which h= can never select; -1 when signing
     * @param canonicalOwnField    the canonical DKIM-Signature field without b= value and final CRLF
     */
    static byte[] build(RawMessage message, List<String> signedHeaders, HeaderCanonicalization canonicalization,
                        int ownIndex, byte[] canonicalOwnField) {
        List<HeaderField> headers = message.headers();
        Map<String, Integer> searchBelow = new HashMap<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (String signedHeader : signedHeaders) {
            String name = signedHeader.strip().toLowerCase(Locale.ROOT);
            int i = searchBelow.getOrDefault(name, headers.size()) - 1;
            while (i >= 0 && (i == ownIndex || !headers.get(i).name().equals(name))) {
                i--;
            }
            searchBelow.put(name, Math.max(i, 0));
            if (i >= 0) {
                data.writeBytes(canonicalization.canonicalize(headers.get(i)));
            }
        }
        data.writeBytes(canonicalOwnField);
        return data.toByteArray();
    }
}
