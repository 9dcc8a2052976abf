package org.herald.queue.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Versioned binary form of {@link QueueEnvelope}. Integrity is checked by the journal record's CRC-32C around it;
 * this codec only checks structure (version, lengths, no trailing bytes).
 */
final class EnvelopeCodec {
    static final byte VERSION = 1;
    private static final int MAX_STRING = 16 * 1024 * 1024;
    private static final int MAX_COUNT = 1_000_000;

    private EnvelopeCodec() {
    }

    static byte[] encode(QueueEnvelope e) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            writeString(out, e.name());
            writeString(out, e.sender());
            out.writeInt(e.recipients().size());
            for (String r : e.recipients()) {
                writeString(out, r);
            }
            writeString(out, e.state());
            writeNullable(out, e.errorMessage());
            writeNullable(out, e.remoteHost());
            writeNullable(out, e.remoteAddress());
            writeMap(out, e.attributes());
            writeMap(out, e.headers());
            writeInstant(out, e.enqueuedAt());
            writeInstant(out, e.nextAttempt());
            out.writeInt(e.attempts());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** @throws IOException with a readable reason when the bytes are not an envelope this version understands */
    static QueueEnvelope decode(byte[] data, int offset, int length) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, offset, length));
        try {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IOException("unknown envelope version " + version);
            }
            String name = readString(in);
            String sender = readString(in);
            int n = readCount(in);
            List<String> recipients = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                recipients.add(readString(in));
            }
            String state = readString(in);
            String error = readNullable(in);
            String host = readNullable(in);
            String addr = readNullable(in);
            Map<String, String> attributes = readMap(in);
            Map<String, String> headers = readMap(in);
            Instant enqueuedAt = readInstant(in);
            Instant nextAttempt = readInstant(in);
            int attempts = in.readInt();
            if (in.available() > 0) {
                throw new IOException(in.available() + " unexpected bytes after the envelope");
            }
            return new QueueEnvelope(name, sender, recipients, state, error, host, addr, attributes, headers,
                enqueuedAt, nextAttempt, attempts);
        } catch (EOFException e) {
            throw new IOException("envelope truncated", e);
        } catch (RuntimeException e) {
            throw new IOException("envelope invalid: " + e.getMessage(), e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeString(out, s);
        }
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }

    private static void writeInstant(DataOutputStream out, Instant i) throws IOException {
        out.writeBoolean(i != null);
        if (i != null) {
            out.writeLong(i.getEpochSecond());
            out.writeInt(i.getNano());
        }
    }

    private static int readCount(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new IOException("implausible count " + n);
        }
        return n;
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING || n > in.available()) {
            throw new IOException("implausible string length " + n);
        }
        byte[] b = in.readNBytes(n);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return readPresence(in) ? readString(in) : null;
    }

    private static boolean readPresence(DataInputStream in) throws IOException {
        byte b = in.readByte();
        if (b != 0 && b != 1) {
            throw new IOException("bad presence flag " + b);
        }
        return b == 1;
    }

    private static Map<String, String> readMap(DataInputStream in) throws IOException {
        int n = readCount(in);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        if (!readPresence(in)) {
            return null;
        }
        long sec = in.readLong();
        int nano = in.readInt();
        return Instant.ofEpochSecond(sec, nano);
    }
}
