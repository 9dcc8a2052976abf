package org.herald.core.dmarc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.herald.core.dmarc.outgoing.OutgoingReportEntry;
import org.herald.core.store.DmarcOutgoingReportLog;

/** A DmarcOutgoingReportLog in a list, for tests. */
final class InMemoryDmarcOutgoingReportLog implements DmarcOutgoingReportLog {
    private final List<OutgoingReportEntry> entries = new ArrayList<>();

    @Override
    public synchronized Optional<OutgoingReportEntry> logDaily(OutgoingReportEntry entry) {
        if (dailyDomains(entry.day()).contains(entry.policyDomain())) {
            return Optional.empty();
        }
        return Optional.of(logOnDemand(entry));
    }

    @Override
    public synchronized OutgoingReportEntry logOnDemand(OutgoingReportEntry entry) {
        OutgoingReportEntry logged = entry.withId(entries.size() + 1L);
        entries.add(logged);
        return logged;
    }

    @Override
    public synchronized void update(OutgoingReportEntry entry) {
        entries.set((int) entry.id() - 1, entry);
    }

    @Override
    public synchronized Set<String> dailyDomains(LocalDate day) {
        return entries.stream()
            .filter(entry -> entry.day().equals(day) && entry.trigger() == OutgoingReportEntry.Trigger.DAILY)
            .map(OutgoingReportEntry::policyDomain)
            .collect(Collectors.toSet());
    }

    @Override
    public synchronized List<OutgoingReportEntry> list(LocalDate from, LocalDate to) {
        return entries.stream()
            .filter(entry -> !entry.day().isBefore(from) && !entry.day().isAfter(to))
            .sorted(Comparator.comparing(OutgoingReportEntry::day).thenComparingLong(OutgoingReportEntry::id))
            .toList();
    }
}
