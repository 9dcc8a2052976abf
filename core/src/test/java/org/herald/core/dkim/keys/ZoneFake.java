package org.herald.core.dkim.keys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.herald.core.dns.TxtAnswer;
import org.herald.core.dns.TxtLookup;
import org.herald.core.dns.TxtRecord;

/** A zone the tests edit by hand; {@link #failing()} makes every lookup time out. */
final class ZoneFake implements TxtLookup {
    private final Map<String, List<TxtRecord>> records = new HashMap<>();
    private boolean failing;
    int lookups;

    void publish(String name, String... strings) {
        records.computeIfAbsent(name, key -> new ArrayList<>()).add(TxtRecord.of(strings));
    }

    void clear(String name) {
        records.remove(name);
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public TxtAnswer txt(String name) {
        lookups++;
        if (failing) {
            return new TxtAnswer.Failure(name, "timed out");
        }
        List<TxtRecord> found = records.get(name);
        return found == null ? new TxtAnswer.NoRecord(name, "NXDOMAIN") : new TxtAnswer.Records(found);
    }
}
