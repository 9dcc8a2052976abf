package org.herald.core.dns;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverListener;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/**
 * Herald's {@link RecordLookup} (the resolver pool, its cache included) as a dnsjava {@link Resolver}, for libraries
 * that take one: jSPF's {@code DNSServiceXBillImpl} (SPF), and dnsjava's {@code Lookup} default. A question is answered
 * with a response built from the pool's answer (answer section as received, SOA of a negative answer); when no
 * resolver answered, the send fails with an {@link IOException}, which dnsjava reports as a temporary failure.
 *
 * <p>The settings a caller may try to change (port, TCP, EDNS, TSIG, timeout) are conf/dns.xml's and are ignored here.
 */
public final class PoolResolver implements Resolver {
    private final RecordLookup dns;
    private final Duration timeout;

    /** @param timeout what {@link #getTimeout()} reports: the pool's whole lookup budget */
    public PoolResolver(RecordLookup dns, Duration timeout) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Message send(Message query) throws IOException {
        Record question = query.getQuestion();
        if (question == null) {
            throw new IOException("a DNS query without a question");
        }
        DnsAnswer answer;
        try {
            answer = dns.lookup(question.getName(), question.getType(), CachePolicy.USE);
        } catch (DnsLookupException e) {
            throw new IOException(e.getMessage(), e);
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RD);
        response.getHeader().setFlag(Flags.RA);
        response.getHeader().setRcode(answer.kind() == DnsAnswer.Kind.NX_DOMAIN ? Rcode.NXDOMAIN : Rcode.NOERROR);
        response.addRecord(question, Section.QUESTION);
        answer.answerSection().forEach(record -> response.addRecord(record, Section.ANSWER));
        answer.authoritySection().forEach(record -> response.addRecord(record, Section.AUTHORITY));
        return response;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
        try {
            return CompletableFuture.completedFuture(send(query));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        return CompletableFuture.supplyAsync(() -> query, executor).thenCompose(this::sendAsync);
    }

    @Override
    @Deprecated
    public Object sendAsync(Message query, ResolverListener listener) {
        Object id = new Object();
        sendAsync(query).whenComplete((response, failure) -> {
            if (failure == null) {
                listener.receiveMessage(id, response);
            } else {
                listener.handleException(id, failure instanceof Exception exception ? exception : new IOException(failure));
            }
        });
        return id;
    }

    @Override
    public Duration getTimeout() {
        return timeout;
    }

    @Override
    public void setTimeout(Duration timeout) {
        // conf/dns.xml's
    }

    @Override
    public void setPort(int port) {
        // conf/dns.xml's
    }

    @Override
    public void setTCP(boolean flag) {
        // the pool's resolvers fall back to TCP on a truncated answer by themselves
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
        // as above
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        // conf/dns.xml's
    }

    @Override
    public void setTSIGKey(TSIG key) {
        // not supported: Herald's resolvers are recursive resolvers, not zone masters
    }

    @Override
    public String toString() {
        return "Herald's resolver pool (conf/dns.xml)";
    }
}
