package org.herald.core.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Messages that exercise the corners of canonicalization, each as the raw bytes a signer is given. */
final class TestMessages {
    static final String HEADERS = "From: Alice Example <alice@herald.example>\r\n"
        + "To: Bob <bob@receiver.example>\r\n"
        + "Subject: Lunch on Friday\r\n"
        + "Date: Tue, 30 Apr 2024 10:15:00 +0200\r\n"
        + "Message-ID: <lunch-1@herald.example>\r\n";

    private TestMessages() {
    }

    static byte[] plain() {
        return ascii(HEADERS + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "Hi Bob,\r\n\r\nLunch at noon on Friday?\r\n\r\nAlice\r\n");
    }

    static Map<String, byte[]> all() {
        Map<String, byte[]> messages = new LinkedHashMap<>();
        messages.put("plain text", plain());
        messages.put("multipart with base64 attachment", multipart());
        messages.put("8-bit UTF-8 body and subject", eightBit());
        messages.put("folded headers", ascii("From: Alice Example\r\n <alice@herald.example>\r\n"
            + "To: Bob <bob@receiver.example>,\r\n\tCarol <carol@receiver.example>,\r\n  Dave <dave@receiver.example>\r\n"
            + "Subject: A subject that is long enough that the sending client decided to\r\n fold it over\r\n\tthree lines\r\n"
            + "Date: Tue, 30 Apr 2024 10:15:00 +0200\r\nMessage-ID: <folded@herald.example>\r\n\r\nBody.\r\n"));
        messages.put("2,000-character header line", ascii(HEADERS + "References: " + references(2000) + "\r\n"
            + "X-Unsigned-Long: " + "x".repeat(2000) + "\r\n\r\nBody.\r\n"));
        messages.put("body without trailing CRLF", ascii(HEADERS + "\r\nFirst line\r\nlast line without line break"));
        messages.put("empty body", ascii(HEADERS + "\r\n"));
        messages.put("no body at all", ascii(HEADERS));
        messages.put("bare LF line endings", ascii((HEADERS + "Subject-Extra: folded\r\n continued\r\n\r\nLine one\r\n\r\nLine three\r\n")
            .replace("\r\n", "\n")));
        messages.put("trailing blank lines", ascii(HEADERS + "\r\nText\r\n\r\n\r\n\r\n"));
        messages.put("whitespace runs", ascii("From:   Alice   <alice@herald.example>   \r\n"
            + "To:\tBob <bob@receiver.example>\t\r\n"
            + "Subject:  many    spaces \t here  \r\n"
            + "Date: Tue, 30 Apr 2024 10:15:00 +0200\r\n\r\n"
            + "  leading spaces\r\ntrailing spaces   \r\ntabs\t\tinside\t\r\n \t \r\nend\r\n  \r\n"));
        messages.put("whitespace before the colon", ascii("From : alice@herald.example\r\nSubject\t:\tspaced\r\n\r\nBody.\r\n"));
        messages.put("header names in any case", ascii("FROM: alice@herald.example\r\nsUbJeCt: case\r\nto: bob@receiver.example\r\n"
            + "MESSAGE-id: <case@herald.example>\r\nCONTENT-TYPE: text/plain\r\n\r\nBody.\r\n"));
        messages.put("repeated headers", ascii(HEADERS + "To: Second To <second@receiver.example>\r\n"
            + "Cc: one@receiver.example\r\nCc: two@receiver.example\r\n\r\nBody.\r\n"));
        return messages;
    }

    static byte[] multipart() {
        byte[] attachment = new byte[3000];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) (i * 31 + 7);
        }
        String base64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(attachment);
        return ascii(HEADERS + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
            + "This is a multi-part message in MIME format.\r\n"
            + "--outer\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n"
            + "--inner\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain part.\r\n"
            + "--inner\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML part.</p>\r\n"
            + "--inner--\r\n"
            + "--outer\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\n"
            + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"data.bin\"\r\n\r\n"
            + base64 + "\r\n--outer--\r\n");
    }

    static byte[] eightBit() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("From: Jürgen <juergen@herald.example>\r\nTo: bob@receiver.example\r\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes("Subject: Grüße aus Köln ✓\r\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(ascii("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"));
        out.writeBytes("Grüße, 日本語, ünïcödé  mit  Leerzeichen \r\n\r\nΤέλος\r\n".getBytes(StandardCharsets.UTF_8));
        out.write(0xff);
        out.writeBytes(ascii(" raw invalid UTF-8 byte\r\n"));
        return out.toByteArray();
    }

    private static String references(int length) {
        StringBuilder references = new StringBuilder();
        int i = 0;
        while (references.length() < length) {
            references.append("<ref-").append(i++).append("@herald.example>");
        }
        return references.substring(0, length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
