package org.herald.core.dkim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.herald.core.dns.TxtAnswer;
import org.herald.core.dns.TxtLookup;
import org.herald.core.dns.TxtRecord;

/** A TxtLookup answering from a map; names it does not know have no record. Counts lookups. */
final class FakeDns implements TxtLookup {
    private final Map<String, TxtAnswer> answers = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    FakeDns record(String name, String... strings) {
        answers.put(name, new TxtAnswer.Records(List.of(new TxtRecord(List.of(strings)))));
        return this;
    }

    FakeDns answer(String name, TxtAnswer answer) {
        answers.put(name, answer);
        return this;
    }

    int lookups() {
        return lookups.get();
    }

    @Override
    public TxtAnswer txt(String name) {
        lookups.incrementAndGet();
        return answers.getOrDefault(name, new TxtAnswer.NoRecord(name, "NXDOMAIN"));
    }
}
