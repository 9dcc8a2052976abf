package org.herald.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Sends a message byte for byte over SMTP (EHLO, MAIL, RCPT…, DATA with dot-stuffing), for tests where every octet matters. */
public final class RawMail {
    private RawMail() {
    }

    /** @return the server's reply to the end of DATA */
    public static String send(int port, String sender, List<String> recipients, byte[] message) {
        try (RawSmtpConnection smtp = RawSmtpConnection.open(port, Duration.ofSeconds(30))) {
            assertThat(smtp.readReply()).startsWith("220");
            assertThat(smtp.command("EHLO client.example")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<" + sender + "> BODY=8BITMIME")).startsWith("250");
            for (String recipient : recipients) {
                assertThat(smtp.command("RCPT TO:<" + recipient + ">")).startsWith("250");
            }
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.write(dotStuffed(message));
            String reply = smtp.readReply();
            smtp.command("QUIT");
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CRLF line ends, a leading dot doubled, and the final CRLF.CRLF (a message not ending in CRLF gets one). */
    static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A dump as the verifiers want it: CRLF line ends whatever the peer wrote to disk. */
    public static byte[] crlf(String dump) {
        return dump.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
