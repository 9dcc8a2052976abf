package org.herald.core.dkim;

/** Where canonicalization writes: a digest, a buffer. Spans of the source array are passed as they are, uncopied. */
@FunctionalInterface
interface ByteSink {
    void write(byte[] bytes, int offset, int length);

    default void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }
}
