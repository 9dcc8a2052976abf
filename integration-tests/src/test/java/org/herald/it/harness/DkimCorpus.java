package org.herald.it.harness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Thirty varied messages for DKIM interoperability: the shapes that break signers (8-bit bodies, multipart with
 * attachments, folded and very long headers, long lines, no final newline, empty bodies, lines starting with a dot,
 * odd header-name case, many recipients). Each carries {@code X-Corpus: <n>} to find it at the sink.
 */
public final class DkimCorpus {
    public record Sample(int number, String description, List<String> recipients, byte[] message) {
    }

    private DkimCorpus() {
    }

    public static List<Sample> messages(String fromDomain) {
        List<Sample> samples = new ArrayList<>();
        Random random = new Random(8463);
        String from = "From: Alice Example <alice@" + fromDomain + ">\r\n";
        String base = from + "To: bob@remote.example\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n";

        add(samples, "plain text", base + "Subject: plain\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nHello Bob,\r\nsee you.\r\n");
        add(samples, "no trailing newline", base + "Subject: no newline\r\n\r\nlast line without newline");
        add(samples, "empty body", base + "Subject: empty body\r\n\r\n");
        add(samples, "headers only, no blank line body", base + "Subject: only blank lines\r\n\r\n\r\n\r\n\r\n");
        add(samples, "8-bit UTF-8 body", base + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n\r\nGrüße aus Köln — 日本語のテキスト — ¡olé!\r\nZweite Zeile: äöü ß\r\n");
        add(samples, "folded subject", base + "Subject: a subject that is folded\r\n over several\r\n\tlines with tabs and spaces\r\n\r\nbody\r\n");
        add(samples, "very long single header line", base + "Subject: long\r\nX-Long: " + "x".repeat(2000) + "\r\n\r\nbody\r\n");
        StringBuilder manyTo = new StringBuilder("Cc: ");
        for (int i = 0; i < 60; i++) {
            manyTo.append(i == 0 ? "" : ",\r\n ").append("reader").append(i).append("@remote.example");
        }
        add(samples, "long folded Cc header", base + "Subject: long cc\r\n" + manyTo + "\r\n\r\nbody\r\n");
        add(samples, "long body lines", base + "Subject: long lines\r\n\r\n" + "word ".repeat(400) + "\r\n" + "y".repeat(990) + "\r\n");
        add(samples, "lines starting with a dot", base + "Subject: dots\r\n\r\n.hidden\r\n..two dots\r\n.\r\nend\r\n");
        add(samples, "whitespace runs and trailing blanks", base + "Subject:   spaced    out   \r\n\r\nline  with   runs \t \r\n\t tabbed line\r\n   \r\ntrailing blank lines follow\r\n\r\n\r\n");
        add(samples, "lower-case header names", "from: alice@" + fromDomain + "\r\nto: bob@remote.example\r\nsubject: lower case names\r\n"
            + "date: Tue, 24 Nov 2026 10:00:00 +0000\r\n\r\nbody\r\n");
        add(samples, "no space after colons", from + "To:bob@remote.example\r\nSubject:tight\r\n\r\nbody\r\n");
        add(samples, "quoted-printable", base + "Subject: qp\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "Gr=C3=BC=C3=9Fe, a soft=\r\n break and =3D signs\r\n");
        add(samples, "multipart/alternative", base + "Subject: alternative\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nplain part\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + "<p>html <b>part</b></p>\r\n--b1--\r\n");
        byte[] attachment = new byte[6000];
        random.nextBytes(attachment);
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
        add(samples, "multipart/mixed with a base64 attachment", base + "Subject: attachment\r\nContent-Type: multipart/mixed; boundary=\"m1\"\r\n\r\n"
            + "preamble\r\n--m1\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--m1\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Disposition: attachment; filename=\"data.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + encoded
            + "\r\n--m1--\r\nepilogue\r\n");
        add(samples, "nested multipart", base + "Subject: nested\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n--outer\r\n"
            + "Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n--inner\r\nContent-Type: text/plain\r\n\r\ntext\r\n--inner\r\n"
            + "Content-Type: text/html\r\n\r\n<i>html</i>\r\n--inner--\r\n--outer\r\nContent-Type: text/csv; name=\"a.csv\"\r\n\r\na,b\r\n1,2\r\n--outer--\r\n");
        add(samples, "multipart with 8-bit part", base + "Subject: 8bit part\r\nContent-Type: multipart/mixed; boundary=\"e\"\r\n\r\n--e\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nÜberweisung: 100 €\r\n--e--\r\n");
        add(samples, "list headers", base + "Subject: newsletter\r\nList-Id: <news.example.test>\r\nList-Unsubscribe: <mailto:unsub@example.test>\r\n"
            + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nReply-To: news@example.test\r\n\r\nnews\r\n");
        add(samples, "threading headers", base + "Subject: Re: thread\r\nIn-Reply-To: <a@b.example>\r\nReferences: <x@b.example>\r\n <a@b.example>\r\n"
            + "Message-ID: <corpus-thread@" + fromDomain + ">\r\n\r\nreply\r\n");
        add(samples, "duplicate headers", base + "Subject: dup\r\nComments: one\r\nComments: two\r\nKeywords: a\r\nKeywords: b\r\n\r\nbody\r\n");
        add(samples, "100 KB body", base + "Subject: big\r\n\r\n" + ("The quick brown fox jumps over the lazy dog. 0123456789\r\n").repeat(1800));
        add(samples, "binary-looking base64 body only", base + "Subject: base64 body\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n");
        add(samples, "encoded-word From display name", "From: =?UTF-8?B?w4RsaWNl?= <alice@" + fromDomain + ">\r\nTo: bob@remote.example\r\nSubject: encoded name\r\n\r\nbody\r\n");
        add(samples, "header with trailing whitespace", base + "Subject: trailing   \r\nX-Trail: value \t \r\n\r\nbody\r\n");
        add(samples, "CR-free long paragraph", base + "Subject: paragraph\r\n\r\n" + "Lorem ipsum dolor sit amet ".repeat(100) + "\r\n");
        add(samples, "body with only whitespace lines", base + "Subject: ws lines\r\n\r\n \r\n\t\r\n  \t  \r\n");
        add(samples, "high ASCII in a header", base + "Subject: =?ISO-8859-1?Q?caf=E9?=\r\nX-Raw: café crème\r\n\r\nbody\r\n");
        add(samples, "html only", base + "Subject: html\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>hello</p></body></html>\r\n");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add("rcpt" + i + "@remote.example");
        }
        samples.add(new Sample(samples.size() + 1, "25 envelope recipients", many,
            withNumber(samples.size() + 1, base + "Subject: many recipients\r\n\r\nto everyone\r\n")));
        return samples;
    }

    private static void add(List<Sample> samples, String description, String message) {
        int number = samples.size() + 1;
        samples.add(new Sample(number, description, List.of("bob@remote.example"), withNumber(number, message)));
    }

    private static byte[] withNumber(int number, String message) {
        return ("X-Corpus: " + number + "\r\n" + message).getBytes(StandardCharsets.UTF_8);
    }
}
