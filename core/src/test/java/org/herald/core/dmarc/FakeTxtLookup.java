package org.herald.core.dmarc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.herald.core.dns.TxtAnswer;
import org.herald.core.dns.TxtLookup;
import org.herald.core.dns.TxtRecord;

/** A TxtLookup answering from a map; names it does not know have no record (NXDOMAIN). Remembers what was asked. */
final class FakeTxtLookup implements TxtLookup {
    private final Map<String, TxtAnswer> answers = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    /** One TXT record per value, each a single string. */
    FakeTxtLookup records(String name, String... values) {
        answers.put(name, new TxtAnswer.Records(List.of(values).stream().map(TxtRecord::of).toList()));
        return this;
    }

    FakeTxtLookup failure(String name) {
        answers.put(name, new TxtAnswer.Failure(name, "SERVFAIL from 127.0.0.1"));
        return this;
    }

    List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public TxtAnswer txt(String name) {
        asked.add(name);
        return answers.getOrDefault(name, new TxtAnswer.NoRecord(name, "NXDOMAIN"));
    }
}
