package org.herald.mailets.outbound;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.mail.Address;
import javax.mail.AuthenticationFailedException;
import javax.mail.MessagingException;
import javax.mail.SendFailedException;
import javax.mail.internet.InternetAddress;
import javax.net.ssl.SSLException;

import org.herald.core.outbound.RecipientResult;

import com.sun.mail.smtp.SMTPAddressFailedException;
import com.sun.mail.smtp.SMTPSendFailedException;

/**
 * Reads JavaMail's failure exceptions into one {@link RecipientResult} per recipient: each refused RCPT by its own
 * reply code, the others by the reply that ended the transaction (4xx or no reply at all: temporary; 5xx: permanent).
 */
final class SmtpFailures {
    private SmtpFailures() {
    }

    static List<RecipientResult> classify(List<String> recipients, Exception failure) {
        Map<String, RecipientResult> results = new LinkedHashMap<>();
        if (failure instanceof SendFailedException sendFailed) {
            addresses(sendFailed.getValidSentAddresses())
                .forEach(address -> results.put(address, RecipientResult.delivered(address, "250 accepted")));
            for (Exception next = sendFailed.getNextException(); next != null;
                 next = next instanceof MessagingException messaging ? messaging.getNextException() : null) {
                if (next instanceof SMTPAddressFailedException refused) {
                    String address = refused.getAddress().getAddress();
                    results.put(address, byCode(address, refused.getReturnCode(), reply(refused)));
                }
            }
        }
        List<RecipientResult> classified = new ArrayList<>();
        for (String recipient : recipients) {
            RecipientResult known = results.get(recipient);
            classified.add(known != null ? known : transactionResult(recipient, failure));
        }
        return classified;
    }

    /**
     * True when the relay answered recipient by recipient (RCPT replies), false when the failure was the relay's own:
     * no connection, TLS or AUTH refused, a timeout, or a refusal of the whole transaction (MAIL, DATA).
     */
    static boolean answeredPerRecipient(Exception failure) {
        if (!(failure instanceof SendFailedException sendFailed)
            || failure instanceof SMTPSendFailedException transaction && transaction.getReturnCode() >= 400) {
            return false;
        }
        for (Exception next = sendFailed.getNextException(); next != null;
             next = next instanceof MessagingException messaging ? messaging.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException) {
                return true;
            }
        }
        return false;
    }

    private static RecipientResult transactionResult(String recipient, Exception failure) {
        if (failure instanceof SMTPSendFailedException transaction && transaction.getReturnCode() >= 400) {
            return byCode(recipient, transaction.getReturnCode(), reply(transaction));
        }
        return RecipientResult.temporaryFailure(recipient, describe(failure));
    }

    private static RecipientResult byCode(String recipient, int code, String reply) {
        return code >= 500
            ? RecipientResult.permanentFailure(recipient, reply)
            : RecipientResult.temporaryFailure(recipient, reply);
    }

    private static String reply(MessagingException exception) {
        return exception.getMessage() == null ? "no reply text" : exception.getMessage().trim();
    }

    /** A failure without an SMTP reply, worded for a log line or a bounce. */
    static String describe(Exception failure) {
        if (failure instanceof AuthenticationFailedException) {
            return "authentication failed at the relay: " + text(failure);
        }
        Throwable cause = rootCause(failure);
        if (cause instanceof ConnectException) {
            return "connection refused: " + text(cause);
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host " + text(cause);
        }
        if (cause instanceof NoRouteToHostException) {
            return "no route to host: " + text(cause);
        }
        if (cause instanceof SocketTimeoutException) {
            return "timed out: " + text(cause);
        }
        if (cause instanceof SSLException) {
            return "TLS failed: " + text(cause);
        }
        return text(failure) + (cause != failure ? " (" + cause.getClass().getSimpleName() + ": " + text(cause) + ")" : "");
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (true) {
            Throwable next = cause instanceof MessagingException messaging && messaging.getNextException() != null
                ? messaging.getNextException() : cause.getCause();
            if (next == null || next == cause) {
                return cause;
            }
            cause = next;
        }
    }

    private static String text(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage().trim();
    }

    private static List<String> addresses(Address[] addresses) {
        List<String> result = new ArrayList<>();
        if (addresses != null) {
            for (Address address : addresses) {
                result.add(address instanceof InternetAddress internet ? internet.getAddress() : address.toString());
            }
        }
        return result;
    }
}
