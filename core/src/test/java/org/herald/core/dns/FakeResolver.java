package org.herald.core.dns;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.herald.core.testing.MutableClock;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/**
 * A resolver in memory: answers from its records (NXDOMAIN with an SOA for unknown names, NODATA for other types of
 * known ones), or behaves badly on request. Time passes only on the test clock: an answer takes {@code latency}, a
 * timeout takes {@code timeout}.
 */
final class FakeResolver implements Resolver {
    enum Mode { ANSWER, TIMEOUT, SERVFAIL, REFUSED, UNREACHABLE, HANG }

    static final Name ZONE = name("test.");

    private final MutableClock clock;
    private final Map<Name, List<Record>> records = new HashMap<>();
    private final List<Message> queries = Collections.synchronizedList(new ArrayList<>());
    private volatile Mode mode = Mode.ANSWER;
    private volatile Duration latency = Duration.ofMillis(5);
    private volatile Duration timeout = Duration.ofSeconds(3);
    private volatile long negativeTtl = 300;

    FakeResolver(MutableClock clock) {
        this.clock = clock;
    }

    static Name name(String text) {
        return RecordLookup.absoluteName(text);
    }

    FakeResolver add(Record record) {
        records.computeIfAbsent(record.getName(), name -> new ArrayList<>()).add(record);
        return this;
    }

    FakeResolver mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    FakeResolver latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    FakeResolver timeoutTakes(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    FakeResolver negativeTtl(long seconds) {
        this.negativeTtl = seconds;
        return this;
    }

    int queries() {
        return queries.size();
    }

    List<String> questions() {
        synchronized (queries) {
            return queries.stream().map(query -> DnsAnswer.describe(query.getQuestion().getName(), query.getQuestion().getType())).toList();
        }
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
        queries.add(query);
        switch (mode) {
            case TIMEOUT -> {
                clock.advance(timeout);
                return CompletableFuture.failedFuture(new SocketTimeoutException("Query timed out"));
            }
            case UNREACHABLE -> {
                return CompletableFuture.failedFuture(new PortUnreachableException("ICMP Port Unreachable"));
            }
            case HANG -> {
                return new CompletableFuture<>();
            }
            default -> {
                clock.advance(latency);
                return CompletableFuture.completedFuture(reply(query));
            }
        }
    }

    private Message reply(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.addRecord(query.getQuestion(), Section.QUESTION);
        if (mode == Mode.SERVFAIL) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response;
        }
        if (mode == Mode.REFUSED) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response;
        }
        Name name = query.getQuestion().getName();
        int type = query.getQuestion().getType();
        List<Record> known = records.get(name);
        if (known == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            response.addRecord(soa(), Section.AUTHORITY);
            return response;
        }
        List<Record> matching = known.stream().filter(record -> record.getType() == type).toList();
        matching.forEach(record -> response.addRecord(record, Section.ANSWER));
        if (matching.isEmpty()) {
            response.addRecord(soa(), Section.AUTHORITY);
        }
        return response;
    }

    private SOARecord soa() {
        return new SOARecord(ZONE, DClass.IN, 3600, name("ns.test."), name("hostmaster.test."), 1, 3600, 600, 86400, negativeTtl);
    }

    @Override
    public Message send(Message query) throws IOException {
        try {
            return sendAsync(query).toCompletableFuture().get();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Override
    public void setPort(int port) {
    }

    @Override
    public void setTCP(boolean flag) {
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    }

    @Override
    public void setTSIGKey(TSIG key) {
    }

    @Override
    public void setTimeout(Duration timeout) {
    }
}
