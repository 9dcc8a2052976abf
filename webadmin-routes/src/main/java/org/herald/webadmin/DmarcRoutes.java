package org.herald.webadmin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;
import org.herald.core.dmarc.outgoing.OutgoingReportEntry;
import org.herald.core.dmarc.outgoing.OutgoingReporting;
import org.herald.core.store.DmarcReportStore;

import spark.Request;
import spark.Service;

/**
 * What other receivers report about Herald's domains, thin over {@link DmarcReportStore}:
 * <ul>
 *   <li>{@code GET /dmarc/domains/{domain}/summary?from=2026-11-01&to=2026-11-30}: messages, DKIM/SPF/DMARC pass
 *       counts, by reporter and by day (dates are UTC days, {@code to} included; default: the last 30 days);</li>
 *   <li>{@code GET /dmarc/domains/{domain}/sources?from=&to=&limit=20}: the sending IPs, most messages first;</li>
 *   <li>{@code GET /dmarc/reports/{id}}: one stored report;</li>
 *   <li>{@code GET /dmarc/reports/outgoing?from=&to=}: the aggregate reports Herald sent, skipped (with why) or failed to
 *       send (default: the last 7 days);</li>
 *   <li>{@code POST /dmarc/reports/outgoing?domain=example.com&date=2026-11-23}: sends that domain's report for that UTC
 *       day now (default: yesterday), whatever was sent before; answers with what happened.</li>
 * </ul>
 */
public class DmarcRoutes implements Routes {
    public static final String BASE_PATH = "/dmarc";
    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    private static final Duration DEFAULT_OUTGOING_PERIOD = Duration.ofDays(7);

    private final DmarcReportStore reports;
    private final OutgoingReporting outgoing;
    private final Clock clock;
    private final JsonTransformer jsonTransformer;

    @Inject
    public DmarcRoutes(DmarcReportStore reports, OutgoingReporting outgoing, Clock clock, JsonTransformer jsonTransformer) {
        this.reports = reports;
        this.outgoing = outgoing;
        this.clock = clock;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH + "/domains/:domain/summary", (request, response) -> {
            Period period = period(request);
            return reports.summary(request.params("domain").toLowerCase(java.util.Locale.ROOT), period.from(), period.to());
        }, jsonTransformer);
        service.get(BASE_PATH + "/domains/:domain/sources", (request, response) -> {
            Period period = period(request);
            return reports.sources(request.params("domain").toLowerCase(java.util.Locale.ROOT), period.from(), period.to(),
                limit(request));
        }, jsonTransformer);
        // Before /reports/:id, which would otherwise take "outgoing" for an id.
        service.get(BASE_PATH + "/reports/outgoing", (request, response) -> {
            Period period = period(request, DEFAULT_OUTGOING_PERIOD);
            LocalDate from = LocalDate.ofInstant(period.from(), ZoneOffset.UTC);
            LocalDate to = LocalDate.ofInstant(period.to(), ZoneOffset.UTC).minusDays(1);
            return outgoing.list(from, to).stream().map(OutgoingReportView::of).toList();
        }, jsonTransformer);
        service.post(BASE_PATH + "/reports/outgoing", (request, response) -> {
            String domain = request.queryParams("domain");
            if (domain == null || domain.isBlank()) {
                throw badRequest("domain is required: POST /dmarc/reports/outgoing?domain=example.com&date=2026-11-23");
            }
            LocalDate day = date(request, "date").orElse(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1));
            try {
                return OutgoingReportView.of(outgoing.sendNow(domain.trim(), day));
            } catch (IllegalArgumentException e) {
                throw badRequest(e.getMessage());
            }
        }, jsonTransformer);
        service.get(BASE_PATH + "/reports/:id", (request, response) -> reports.find(request.params("id"))
            .orElseThrow(() -> ErrorResponder.builder()
                .statusCode(HttpStatus.NOT_FOUND_404)
                .type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("no DMARC report with id " + request.params("id"))
                .haltError()), jsonTransformer);
    }

    private record Period(Instant from, Instant to) {
    }

    private Period period(Request request) {
        return period(request, DEFAULT_PERIOD);
    }

    private Period period(Request request, Duration defaultLength) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate to = date(request, "to").orElse(today);
        LocalDate from = date(request, "from").orElse(to.minusDays(defaultLength.toDays() - 1));
        if (from.isAfter(to)) {
            throw badRequest("from (" + from + ") is after to (" + to + ")");
        }
        return new Period(from.atStartOfDay(ZoneOffset.UTC).toInstant(), to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static java.util.Optional<LocalDate> date(Request request, String parameter) {
        String value = request.queryParams(parameter);
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw badRequest(parameter + " \"" + value + "\" is not a date like 2026-11-24");
        }
    }

    private static int limit(Request request) {
        String value = request.queryParams("limit");
        if (value == null) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > 1000) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw badRequest("limit \"" + value + "\" is not a number from 1 to 1000");
        }
    }

    private static RuntimeException badRequest(String message) {
        return ErrorResponder.builder()
            .statusCode(HttpStatus.BAD_REQUEST_400)
            .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
            .message(message)
            .haltError();
    }

    /** One logged report as JSON: plain strings and numbers, whatever Jackson modules are installed. */
    public record OutgoingReportView(long id, String domain, String date, String trigger, String outcome,
                                     java.util.List<String> recipients, java.util.List<String> notes, String reportId, int bytes,
                                     String decidedAt) {
        static OutgoingReportView of(OutgoingReportEntry entry) {
            return new OutgoingReportView(entry.id(), entry.policyDomain(), entry.day().toString(),
                entry.trigger().name().toLowerCase(java.util.Locale.ROOT), entry.outcome().name().toLowerCase(java.util.Locale.ROOT),
                entry.recipients(), entry.notes(), entry.reportId().orElse(null), entry.bytes(), entry.decidedAt().toString());
        }
    }
}
