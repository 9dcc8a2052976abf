package org.herald.store.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.herald.core.dmarc.DmarcPolicy;
import org.herald.core.dmarc.ingest.DmarcSourceSummary;
import org.herald.core.dmarc.ingest.DmarcSummary;
import org.herald.core.dmarc.ingest.StoredReport;
import org.herald.core.dmarc.report.AggregateReport;
import org.herald.core.dmarc.report.AggregateReportParser;
import org.herald.core.dmarc.report.AggregateReportWriter;
import org.herald.core.store.DmarcReportStore;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.CalendarInterval;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregate;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import org.opensearch.client.opensearch._types.aggregations.DateHistogramBucket;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.indices.IndexSettings;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.opensearch.client.transport.httpclient5.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link DmarcReportStore} in an OpenSearch cluster (conf/opensearch.xml): one document per report in
 * {@code <prefix>-reports}, one per record in {@code <prefix>-records}, summaries by aggregations over the records.
 * Both indices have one shard (a self-hoster's reports are thousands of records a year, far below what one shard
 * holds), which keeps every aggregation below exact — a terms aggregation's top N is only approximate across shards.
 *
 * <p>Saving a report:
 * <ol>
 *   <li>create its report document, create-only, under an id derived from (org_name, report_id): of concurrent
 *       saves exactly one creates it, the others get a conflict and report a duplicate;</li>
 *   <li>write its records under ids derived from the report id and their position (writing them again replaces
 *       them, never adds them twice);</li>
 *   <li>mark the report document {@code records_indexed}.</li>
 * </ol>
 * The report document, holding the whole report, is the commit point: the records are a projection of it. A save
 * interrupted after step 1 (cluster gone, Herald killed) leaves a report whose records may be missing; the next save
 * of the same report, and every summary and source query before it aggregates, writes them again from the stored
 * report. So a stored report is never lost from the figures and never counted twice.
 *
 * <p>Writes wait for a refresh ({@code refresh=wait_for}), so a saved report is in the next summary.
 *
 * <p>Failure policy: every method throws {@link OpenSearchStoreException}, naming the cluster, when it cannot be
 * reached (after {@code connectTimeout} per node) or does not answer in time ({@code socketTimeout}), or refuses a
 * request; never hangs.
 */
public final class OpenSearchDmarcReportStore implements DmarcReportStore, AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(OpenSearchDmarcReportStore.class);
    /** Above the default 0 of a catch-all template an operator may have: equal priorities with overlapping patterns are refused. */
    private static final int TEMPLATE_PRIORITY = 100;
    private static final int RECORDS_PER_BULK = 1_000;
    private static final int PAGE = 1_000;
    private static final int REPAIRS_PER_QUERY = 100;
    private static final int FLAG_UPDATE_RETRIES = 3;

    private final OpenSearchConfiguration configuration;
    private final ApacheHttpClient5Transport transport;
    private final OpenSearchClient client;
    private final AggregateReportWriter writer = new AggregateReportWriter();
    private final AggregateReportParser parser = new AggregateReportParser();
    private volatile boolean indicesReady;

    public OpenSearchDmarcReportStore(OpenSearchConfiguration configuration) {
        this.configuration = configuration;
        this.transport = transport(configuration);
        this.client = new OpenSearchClient(transport);
    }

    private static ApacheHttpClient5Transport transport(OpenSearchConfiguration configuration) {
        HttpHost[] hosts = configuration.hosts().stream()
            .map(url -> new HttpHost(url.getScheme(), url.getHost(), url.getPort()))
            .toArray(HttpHost[]::new);
        Timeout connect = Timeout.of(configuration.connectTimeout());
        Timeout socket = Timeout.of(configuration.socketTimeout());
        // Unknown fields in a document are ignored rather than fatal: a newer Herald may add some to a shared index.
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return ApacheHttpClient5TransportBuilder.builder(hosts)
            .setMapper(new JacksonJsonpMapper(json))
            // Leasing a pooled connection is bounded too, so that a burst of callers cannot wait forever for one.
            .setRequestConfigCallback(request -> request.setConnectionRequestTimeout(connect).setResponseTimeout(socket))
            .setHttpClientConfigCallback(http -> {
                var tls = ClientTlsStrategyBuilder.create();
                configuration.caFile().ifPresent(caFile -> tls.setSslContext(TrustedAuthorities.sslContext(caFile)));
                configuration.credentials().ifPresent(credentials -> {
                    BasicCredentialsProvider provider = new BasicCredentialsProvider();
                    for (HttpHost host : hosts) {
                        provider.setCredentials(new AuthScope(host),
                            new UsernamePasswordCredentials(credentials.username(), credentials.password().reveal().toCharArray()));
                    }
                    http.setDefaultCredentialsProvider(provider);
                });
                return http.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(socket).build())
                    .setTlsStrategy(tls.build())
                    .build());
            })
            .build();
    }

    public OpenSearchConfiguration configuration() {
        return configuration;
    }

    /**
     * Puts the index templates and creates the two indices unless they exist; done once, at start-up or before the
     * first request. Idempotent, so several Herald nodes may do it at once.
     */
    public void prepareIndices() {
        if (indicesReady) {
            return;
        }
        synchronized (this) {
            if (indicesReady) {
                return;
            }
            putTemplate(configuration.reportsIndex(), "reports-mapping.json");
            putTemplate(configuration.recordsIndex(), "records-mapping.json");
            createIndex(configuration.reportsIndex());
            createIndex(configuration.recordsIndex());
            indicesReady = true;
            LOGGER.info("DMARC report indices {} and {} ready on {}", configuration.reportsIndex(), configuration.recordsIndex(),
                configuration.clusterUrls());
        }
    }

    /**
     * A template per index (its exact name as the pattern) so that an index deleted by an operator or a retention job
     * comes back with Herald's mapping and settings on the next write, not with mappings guessed from a document.
     */
    private void putTemplate(String index, String mappingResource) {
        TypeMapping mapping = mapping(mappingResource);
        call("put the index template " + index, () -> client.indices().putIndexTemplate(template -> template
            .name(index)
            .indexPatterns(index)
            .priority(TEMPLATE_PRIORITY)
            .template(body -> body.settings(this::settings).mappings(mapping))));
    }

    private IndexSettings.Builder settings(IndexSettings.Builder settings) {
        settings.numberOfShards(1);
        if (configuration.replicas().isPresent()) {
            settings.numberOfReplicas(configuration.replicas().getAsInt());
        } else {
            settings.autoExpandReplicas(OpenSearchConfiguration.AUTO_EXPAND_REPLICAS);
        }
        return settings;
    }

    private static TypeMapping mapping(String resource) {
        try (InputStream in = OpenSearchDmarcReportStore.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The mapping " + resource + " is missing from Herald's jar");
            }
            return TypeMapping.of(mapping -> mapping.withJson(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createIndex(String index) {
        try {
            call("create the index " + index, () -> client.indices().create(create -> create.index(index)));
        } catch (OpenSearchStoreException e) {
            if (!(e.getCause() instanceof OpenSearchException refused
                && "resource_already_exists_exception".equals(refused.error().type()))) {
                throw e;
            }
        }
    }

    @Override
    public Optional<String> save(AggregateReport report, String receivedFrom, Instant receivedAt) {
        prepareIndices();
        String id = StoredReport.idOf(report);
        String what = "store the DMARC report " + report.metadata().reportId() + " of " + report.metadata().orgName();
        IndexedReport document = IndexedReport.of(report, writer.xml(report), receivedFrom, receivedAt);
        try {
            call(what, () -> client.create(create -> create.index(configuration.reportsIndex()).id(id).document(document)
                .refresh(Refresh.WaitFor)));
        } catch (OpenSearchStoreException e) {
            if (isConflict(e)) {
                finishIfInterrupted(id);
                return Optional.empty();
            }
            throw e;
        }
        indexRecords(id, report, what);
        return Optional.of(id);
    }

    /** A duplicate of a report whose first save stopped before its records were all written: write them now. */
    private void finishIfInterrupted(String id) {
        readReport(id).filter(stored -> !stored.recordsIndexed())
            .ifPresent(stored -> indexRecords(id, parser.parse(stored.reportXml().getBytes(StandardCharsets.UTF_8)),
                "finish storing the DMARC report " + stored.reportId() + " of " + stored.orgName()));
    }

    private void indexRecords(String id, AggregateReport report, String what) {
        List<IndexedRecord.Identified> records = IndexedRecord.of(id, report);
        for (int start = 0; start < records.size(); start += RECORDS_PER_BULK) {
            List<IndexedRecord.Identified> batch = records.subList(start, Math.min(records.size(), start + RECORDS_PER_BULK));
            BulkRequest.Builder bulk = new BulkRequest.Builder().index(configuration.recordsIndex());
            if (start + RECORDS_PER_BULK >= records.size()) {
                bulk.refresh(Refresh.WaitFor);
            }
            for (IndexedRecord.Identified record : batch) {
                bulk.operations(operation -> operation.index(index -> index.id(record.id()).document(record.record())));
            }
            BulkResponse response = call(what, () -> client.bulk(bulk.build()));
            if (response.errors()) {
                BulkResponseItem failed = response.items().stream().filter(item -> item.error() != null).findFirst().orElseThrow();
                throw new OpenSearchStoreException("The OpenSearch cluster at " + configuration.clusterUrls() + " refused to " + what
                    + ": record " + failed.id() + ": " + failed.error().type() + ": " + failed.error().reason(), null);
            }
        }
        // Concurrent finishers of one report race here; the loser's retry finds the flag up and changes nothing.
        call(what, () -> client.update(update -> update.index(configuration.reportsIndex()).id(id)
            .doc(Map.of(IndexedReport.RECORDS_INDEXED, true)).retryOnConflict(FLAG_UPDATE_RETRIES), IndexedReport.class));
    }

    /**
     * Finishes the saves that stopped between a report document and its records, so that the aggregations that follow
     * count every stored report. Nearly always one search that finds nothing.
     */
    private void finishInterruptedSaves() {
        SearchResponse<IndexedReport> pending = call("look for DMARC reports whose records are not all stored",
            () -> client.search(search -> search.index(configuration.reportsIndex())
                .size(REPAIRS_PER_QUERY)
                .query(query -> query.term(term -> term.field(IndexedReport.RECORDS_INDEXED).value(FieldValue.of(false)))),
                IndexedReport.class));
        for (Hit<IndexedReport> hit : pending.hits().hits()) {
            IndexedReport stored = hit.source();
            LOGGER.info("Writing the records of the DMARC report {} of {} again: its save stopped before they were all stored",
                stored.reportId(), stored.orgName());
            indexRecords(hit.id(), parser.parse(stored.reportXml().getBytes(StandardCharsets.UTF_8)),
                "finish storing the DMARC report " + stored.reportId() + " of " + stored.orgName());
        }
    }

    @Override
    public Optional<StoredReport> find(String id) {
        if (!StoredReport.isWellFormedId(id)) {
            return Optional.empty();
        }
        prepareIndices();
        return readReport(id).map(stored -> new StoredReport(id, stored.receivedFrom(), Instant.parse(stored.receivedAt()),
            parser.parse(stored.reportXml().getBytes(StandardCharsets.UTF_8))));
    }

    private Optional<IndexedReport> readReport(String id) {
        GetResponse<IndexedReport> response = call("read the DMARC report " + id,
            () -> client.get(get -> get.index(configuration.reportsIndex()).id(id), IndexedReport.class));
        return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
    }

    @Override
    public DmarcSummary summary(String policyDomain, Instant from, Instant to) {
        prepareIndices();
        finishInterruptedSaves();
        String what = "summarise the DMARC reports about " + policyDomain;
        long reports = call(what, () -> client.count(count -> count.index(configuration.reportsIndex())
            .query(query -> query.bool(bool -> bool
                .filter(reportsAbout(policyDomain, from, to))
                // As in the JDBC store: a report without records says nothing about the domain's mail.
                .filter(filter -> filter.range(range -> range.field("record_count").gte(JsonData.of(1)))))))).count();
        SearchResponse<Void> response = call(what, () -> client.search(search -> search.index(configuration.recordsIndex())
            .size(0)
            .query(reportsAbout(policyDomain, from, to))
            .aggregations("messages", messages())
            .aggregations("dkim_aligned", countWhere("dkim_aligned", FieldValue.of(true)))
            .aggregations("spf_aligned", countWhere("spf_aligned", FieldValue.of(true)))
            .aggregations("dmarc_pass", countWhere("dmarc_pass", FieldValue.of(true)))
            .aggregations("by_day", Aggregation.of(day -> day
                .dateHistogram(histogram -> histogram.field("begin").calendarInterval(CalendarInterval.Day).timeZone("UTC")
                    .format("yyyy-MM-dd").minDocCount(1))
                .aggregations("messages", messages())
                .aggregations("dmarc_pass", countWhere("dmarc_pass", FieldValue.of(true))))),
            Void.class));
        Map<String, Aggregate> figures = response.aggregations();
        List<DmarcSummary.Slice> byDay = new ArrayList<>();
        for (DateHistogramBucket day : figures.get("by_day").dateHistogram().buckets().array()) {
            byDay.add(new DmarcSummary.Slice(day.keyAsString(), sum(day.aggregations().get("messages")),
                filteredSum(day.aggregations().get("dmarc_pass"))));
        }
        return new DmarcSummary(policyDomain, reports, sum(figures.get("messages")), filteredSum(figures.get("dkim_aligned")),
            filteredSum(figures.get("spf_aligned")), filteredSum(figures.get("dmarc_pass")), byReporter(policyDomain, from, to, what),
            sortedByKey(byDay));
    }

    /** Every reporter, page by page: a composite aggregation is exact however many there are. */
    private List<DmarcSummary.Slice> byReporter(String policyDomain, Instant from, Instant to, String what) {
        List<DmarcSummary.Slice> slices = new ArrayList<>();
        Map<String, FieldValue> after = null;
        while (true) {
            Map<String, FieldValue> resumeAfter = after;
            SearchResponse<Void> response = call(what, () -> client.search(search -> search.index(configuration.recordsIndex())
                .size(0)
                .query(reportsAbout(policyDomain, from, to))
                .aggregations("by_reporter", Aggregation.of(reporter -> reporter
                    .composite(composite -> {
                        composite.size(PAGE).sources(Map.of("org_name",
                            CompositeAggregationSource.of(source -> source.terms(terms -> terms.field("org_name")))));
                        return resumeAfter == null ? composite : composite.after(resumeAfter);
                    })
                    .aggregations("messages", messages())
                    .aggregations("dmarc_pass", countWhere("dmarc_pass", FieldValue.of(true))))),
                Void.class));
            CompositeAggregate page = response.aggregations().get("by_reporter").composite();
            for (CompositeBucket bucket : page.buckets().array()) {
                slices.add(new DmarcSummary.Slice(bucket.key().get("org_name").stringValue(),
                    sum(bucket.aggregations().get("messages")), filteredSum(bucket.aggregations().get("dmarc_pass"))));
            }
            if (page.buckets().array().size() < PAGE || page.afterKey() == null || page.afterKey().isEmpty()) {
                return sortedByKey(slices);
            }
            after = page.afterKey();
        }
    }

    /** In Java's String order, as the JDBC store sorts them (OpenSearch orders keywords by their UTF-8 bytes). */
    private static List<DmarcSummary.Slice> sortedByKey(List<DmarcSummary.Slice> slices) {
        return slices.stream().sorted(Comparator.comparing(DmarcSummary.Slice::key)).toList();
    }

    @Override
    public List<DmarcSourceSummary> sources(String policyDomain, Instant from, Instant to, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " is negative");
        }
        if (limit == 0) {
            return List.of();
        }
        prepareIndices();
        finishInterruptedSaves();
        SearchResponse<Void> response = call("list the sources in the DMARC reports about " + policyDomain,
            () -> client.search(search -> search.index(configuration.recordsIndex())
                .size(0)
                .query(reportsAbout(policyDomain, from, to))
                .aggregations("by_source", Aggregation.of(source -> source
                    // Exact with one shard: the shard sees every source before keeping the top ones.
                    .terms(terms -> terms.field("source_ip").size(limit)
                        .order(List.of(Map.of("messages", SortOrder.Desc), Map.of("_key", SortOrder.Asc))))
                    .aggregations("messages", messages())
                    .aggregations("dmarc_pass", countWhere("dmarc_pass", FieldValue.of(true)))
                    .aggregations("rejected", countWhere("disposition", FieldValue.of(DmarcPolicy.REJECT.tag())))
                    .aggregations("quarantined", countWhere("disposition", FieldValue.of(DmarcPolicy.QUARANTINE.tag()))))),
                Void.class));
        List<DmarcSourceSummary> sources = new ArrayList<>();
        for (StringTermsBucket bucket : response.aggregations().get("by_source").sterms().buckets().array()) {
            long messages = sum(bucket.aggregations().get("messages"));
            long pass = filteredSum(bucket.aggregations().get("dmarc_pass"));
            sources.add(new DmarcSourceSummary(bucket.key(), messages, pass, messages - pass,
                filteredSum(bucket.aggregations().get("rejected")), filteredSum(bucket.aggregations().get("quarantined"))));
        }
        return sources.stream()
            .sorted(Comparator.comparingLong(DmarcSourceSummary::messages).reversed().thenComparing(DmarcSourceSummary::sourceIp))
            .toList();
    }

    /** Records of reports about {@code policyDomain} whose date range begins in [from, to). */
    private static Query reportsAbout(String policyDomain, Instant from, Instant to) {
        return Query.of(query -> query.bool(bool -> bool
            .filter(filter -> filter.term(term -> term.field("policy_domain").value(FieldValue.of(policyDomain))))
            .filter(filter -> filter.range(range -> range.field("begin").format("epoch_millis")
                .gte(JsonData.of(ceilingMillis(from))).lt(JsonData.of(ceilingMillis(to)))))));
    }

    /**
     * Dates are indexed in milliseconds and report dates are whole seconds, so "begin >= t" and "begin < t" hold
     * exactly when they hold for t rounded up to the next millisecond.
     */
    private static long ceilingMillis(Instant instant) {
        return instant.getEpochSecond() * 1000 + (instant.getNano() + 999_999) / 1_000_000;
    }

    private static Aggregation messages() {
        return Aggregation.of(aggregation -> aggregation.sum(sum -> sum.field("count")));
    }

    private static Aggregation countWhere(String field, FieldValue value) {
        return Aggregation.of(aggregation -> aggregation
            .filter(filter -> filter.term(term -> term.field(field).value(value)))
            .aggregations("messages", messages()));
    }

    private static long sum(Aggregate aggregate) {
        Double value = aggregate.sum().value();
        return value == null ? 0 : Math.round(value);
    }

    private static long filteredSum(Aggregate aggregate) {
        return sum(aggregate.filter().aggregations().get("messages"));
    }

    @FunctionalInterface
    private interface Request<T> {
        T send() throws IOException;
    }

    private <T> T call(String what, Request<T> request) {
        try {
            return request.send();
        } catch (OpenSearchException e) {
            throw new OpenSearchStoreException("The OpenSearch cluster at " + configuration.clusterUrls() + " refused to " + what
                + ": " + e.getMessage(), e);
        } catch (IOException e) {
            Optional<ResponseException> answer = answerIn(e);
            if (answer.isPresent()) {
                int status = answer.get().status();
                throw new OpenSearchStoreException("The OpenSearch cluster at " + configuration.clusterUrls() + " refused to " + what
                    + " with HTTP status " + status + (status == 401 || status == 403
                        ? ": check the <credentials> of conf/opensearch.xml and that user's permissions on the "
                            + configuration.indexPrefix() + "-* indices" : "") + " (" + e.getMessage() + ")", e);
            }
            if (hasCause(e, SSLException.class)) {
                throw new OpenSearchStoreException("Cannot " + what + ": the TLS connection to the OpenSearch cluster at "
                    + configuration.clusterUrls() + " failed (" + e + "): check that its certificate is signed by an authority the "
                    + "<tls caFile> of conf/opensearch.xml holds (or the JDK trusts, without it) and names the host", e);
            }
            throw new OpenSearchStoreException("Cannot " + what + ": the OpenSearch cluster at " + configuration.clusterUrls()
                + " did not answer (connect timeout " + configuration.connectTimeout().toMillis() + " ms, socket timeout "
                + configuration.socketTimeout().toMillis() + " ms): " + e, e);
        }
    }

    /** Whether the cluster refused a create-only write because the document exists (the client reports it either way). */
    private static boolean isConflict(OpenSearchStoreException failure) {
        if (failure.getCause() instanceof OpenSearchException refused) {
            return refused.status() == 409;
        }
        return answerIn(failure).map(answer -> answer.status() == 409).orElse(false);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The HTTP answer an IOException carries when the cluster did answer, with an error status. */
    private static Optional<ResponseException> answerIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ResponseException answer) {
                return Optional.of(answer);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            LOGGER.warn("Closing the connections to the OpenSearch cluster at {} failed: {}", configuration.clusterUrls(), e.toString());
        }
    }

    @Override
    public String toString() {
        return "OpenSearchDmarcReportStore[" + configuration.describe() + "]";
    }
}
