package org.herald.store.opensearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.herald.core.config.Secret;

/**
 * The OpenSearch cluster that holds the DMARC reports others send, as read from {@code conf/opensearch.xml} by
 * {@link OpenSearchConfigurationParser}. Only exists when that file names a cluster; otherwise the reports stay in
 * Herald's state store.
 *
 * @param hosts          one or more {@code http(s)://host:port} of the cluster's nodes, tried in turn
 * @param credentials    HTTP basic authentication, when the cluster asks for it
 * @param caFile         a PEM file of the certificate authorities to trust for https hosts, instead of the JDK's
 * @param indexPrefix    the indices are {@code <indexPrefix>-reports} and {@code <indexPrefix>-records}
 * @param replicas       number_of_replicas of those indices; empty for auto_expand_replicas 0-1 (one replica as soon
 *                       as the cluster has a second node, none on a single node, which would never place it)
 * @param connectTimeout how long to wait for a TCP (and TLS) connection to a node
 * @param socketTimeout  how long a request may wait for the next bytes of the answer before it fails
 */
public record OpenSearchConfiguration(List<URI> hosts, Optional<Credentials> credentials, Optional<Path> caFile,
                                      String indexPrefix, OptionalInt replicas, Duration connectTimeout,
                                      Duration socketTimeout) {
    public static final String DEFAULT_INDEX_PREFIX = "herald-dmarc";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(10);
    public static final String AUTO_EXPAND_REPLICAS = "0-1";
    /**
     * What OpenSearch accepts in an index name, kept simple: lowercase letters, digits, '.', '_' and '-', not starting
     * with '.', '_' or '-' (those are hidden or system indices, or refused).
     */
    public static final Pattern INDEX_PREFIX = Pattern.compile("[a-z0-9][a-z0-9._-]{0,199}");

    public record Credentials(String username, Secret password) {
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }

    public OpenSearchConfiguration {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(indexPrefix, "indexPrefix");
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one host is needed");
        }
        for (URI host : hosts) {
            if (!("http".equals(host.getScheme()) || "https".equals(host.getScheme())) || host.getHost() == null || host.getPort() < 0) {
                throw new IllegalArgumentException("host must be http(s)://host:port but was " + host);
            }
        }
        if (!INDEX_PREFIX.matcher(indexPrefix).matches()) {
            throw new IllegalArgumentException("indexPrefix \"" + indexPrefix + "\" is not a usable index name prefix");
        }
        if (replicas.isPresent() && replicas.getAsInt() < 0) {
            throw new IllegalArgumentException("replicas must not be negative");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || socketTimeout.isNegative() || socketTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** A cluster with the defaults: index prefix herald-dmarc, auto-expanded replicas, 2 s to connect, 10 s per read. */
    public static OpenSearchConfiguration of(URI... hosts) {
        return new OpenSearchConfiguration(List.of(hosts), Optional.empty(), Optional.empty(), DEFAULT_INDEX_PREFIX,
            OptionalInt.empty(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT);
    }

    public OpenSearchConfiguration withIndexPrefix(String prefix) {
        return new OpenSearchConfiguration(hosts, credentials, caFile, prefix, replicas, connectTimeout, socketTimeout);
    }

    public OpenSearchConfiguration withReplicas(int count) {
        return new OpenSearchConfiguration(hosts, credentials, caFile, indexPrefix, OptionalInt.of(count), connectTimeout, socketTimeout);
    }

    public OpenSearchConfiguration withTimeouts(Duration connect, Duration socket) {
        return new OpenSearchConfiguration(hosts, credentials, caFile, indexPrefix, replicas, connect, socket);
    }

    public OpenSearchConfiguration withCredentials(String username, Secret password) {
        return new OpenSearchConfiguration(hosts, Optional.of(new Credentials(username, password)), caFile, indexPrefix, replicas,
            connectTimeout, socketTimeout);
    }

    public OpenSearchConfiguration withCaFile(Path file) {
        return new OpenSearchConfiguration(hosts, credentials, Optional.of(file), indexPrefix, replicas, connectTimeout, socketTimeout);
    }

    public String reportsIndex() {
        return indexPrefix + "-reports";
    }

    public String recordsIndex() {
        return indexPrefix + "-records";
    }

    /** "http://a:9200, http://b:9200": how errors and logs name the cluster. */
    public String clusterUrls() {
        return hosts.stream().map(URI::toString).collect(Collectors.joining(", "));
    }

    /** A one-line description for logs and error messages; never contains the password. */
    public String describe() {
        return "OpenSearch cluster at " + clusterUrls() + credentials.map(c -> " as " + c.username()).orElse("")
            + " (indices " + reportsIndex() + ", " + recordsIndex() + ")";
    }
}
