package org.herald.core.dmarc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.herald.core.store.DmarcEvaluationStore;

/** A DmarcEvaluationStore in a list, for tests: rows of the same identity add up. */
final class InMemoryDmarcEvaluationStore implements DmarcEvaluationStore {
    private final List<DmarcEvaluationRow> rows = new ArrayList<>();

    @Override
    public synchronized void record(DmarcEvaluationRow row) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).sameIdentity(row)) {
                rows.set(i, row.withCount(rows.get(i).count() + row.count()));
                return;
            }
        }
        rows.add(row);
    }

    @Override
    public synchronized List<DmarcEvaluationRow> forPolicyDomainAndPeriod(String policyDomain, Instant from, Instant to) {
        return rows.stream()
            .filter(row -> row.policyDomain().equals(policyDomain) && inPeriod(row, from, to))
            .toList();
    }

    @Override
    public synchronized List<String> policyDomainsWithRows(Instant from, Instant to) {
        return rows.stream()
            .filter(row -> inPeriod(row, from, to))
            .map(DmarcEvaluationRow::policyDomain)
            .distinct()
            .sorted()
            .toList();
    }

    @Override
    public synchronized int deleteBefore(Instant cutoff) {
        int before = rows.size();
        rows.removeIf(row -> row.periodStart().isBefore(cutoff));
        return before - rows.size();
    }

    private static boolean inPeriod(DmarcEvaluationRow row, Instant from, Instant to) {
        return !row.periodStart().isBefore(from) && row.periodStart().isBefore(to);
    }
}
