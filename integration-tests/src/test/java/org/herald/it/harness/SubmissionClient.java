package org.herald.it.harness;

import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.MimeMessage;

/**
 * An authenticated submission client (Jakarta Mail): STARTTLS required, then AUTH, then any number of messages on
 * one connection. Trusts Herald's self-signed certificate, as a test must.
 */
public final class SubmissionClient implements AutoCloseable {
    private final Session session;
    private final Transport transport;

    private SubmissionClient(Session session, Transport transport) {
        this.session = session;
        this.transport = transport;
    }

    public static SubmissionClient connect(int port, String user, String password) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.trust", "*");
        properties.put("mail.smtp.ssl.checkserveridentity", "false");
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(properties);
        Transport transport = session.getTransport("smtp");
        transport.connect("127.0.0.1", port, user, password);
        return new SubmissionClient(session, transport);
    }

    public MimeMessage newMessage() {
        return new MimeMessage(session);
    }

    /** A message whose MAIL FROM is {@code envelopeFrom}, whatever its From header says. */
    public MimeMessage newMessage(String envelopeFrom) {
        com.sun.mail.smtp.SMTPMessage message = new com.sun.mail.smtp.SMTPMessage(session);
        message.setEnvelopeFrom(envelopeFrom);
        return message;
    }

    /** Sends and returns the Message-ID the server acknowledged with 250. */
    public String send(MimeMessage message) throws MessagingException {
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
        return message.getMessageID();
    }

    @Override
    public void close() throws MessagingException {
        transport.close();
    }
}
