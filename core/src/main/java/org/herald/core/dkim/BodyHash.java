package org.herald.core.dkim;

import java.security.MessageDigest;

/**
 * The SHA-256 of a canonicalized body (bh=), possibly of its first {@code limit} bytes only (l=), with the full
 * canonical length so a verifier can tell when l= claims more body than there is. Each computation has its own
 * digest: signing and verifying run on many threads at once.
 *
 * @param hash            the SHA-256 of the hashed part
 * @param canonicalLength the length of the whole canonical body
 */
record BodyHash(byte[] hash, long canonicalLength) {
    /** No l=: hash the whole canonical body. */
    static final long WHOLE_BODY = -1;

    static BodyHash compute(BodyCanonicalization canonicalization, RawMessage message, long limit) {
        MessageDigest digest = Sha256.newDigest();
        long[] length = {0};
        canonicalization.canonicalize(message.bytes(), message.bodyOffset(), (bytes, offset, count) -> {
            long already = length[0];
            length[0] += count;
            if (limit == WHOLE_BODY) {
                digest.update(bytes, offset, count);
            } else if (already < limit) {
                digest.update(bytes, offset, (int) Math.min(count, limit - already));
            }
        });
        return new BodyHash(digest.digest(), length[0]);
    }
}
