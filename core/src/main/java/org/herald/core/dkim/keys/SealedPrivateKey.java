package org.herald.core.dkim.keys;

import java.util.Arrays;
import java.util.Objects;

/** A private key encrypted by {@link PrivateKeySealer}: the only form in which private keys reach the store. */
public final class SealedPrivateKey {
    private final byte[] bytes;

    public SealedPrivateKey(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedPrivateKey sealed && Arrays.equals(sealed.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Never the bytes: a sealed key is still nobody's business in a log line. */
    @Override
    public String toString() {
        return "SealedPrivateKey[" + bytes.length + " bytes]";
    }
}
