package org.herald.testpeers.opensearch;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Runs one single-node OpenSearch cluster in this JVM until SIGTERM (or until the parent process, the test JVM, exits).
 * Started by {@code org.herald.testpeers.OpenSearchNode} in herald-test-peers as
 * {@code java -Xmx512m -cp 'lib/*' org.herald.testpeers.opensearch.OpenSearchLauncher <home> <http port> <transport port> [parent pid]}.
 *
 * <p>It builds the node the way OpenSearch's own {@code Bootstrap} does, minus what a test node does not want: no
 * security manager, no JarHell check, no bootstrap checks (single-node discovery skips them anyway), no native
 * memory locking, and no refusal to run as root (that check lives in {@code Bootstrap}, which is not used here).
 * Modules that a real distribution loads from its {@code modules/} directory are loaded from the classpath instead.
 */
public final class OpenSearchLauncher {
    /** Printed on standard output once the node has started; OpenSearchNode still waits for a green/yellow health. */
    public static final String STARTED_MARKER = "herald-opensearch-launcher: node started";

    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class, CommonAnalysisPlugin.class, MapperExtrasPlugin.class, ReindexPlugin.class);

    private OpenSearchLauncher() {
    }

    /** A node with a chosen list of classpath plugins: the constructor that takes them is protected. */
    private static final class TestNode extends Node {
        TestNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    public static void main(String[] args) {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: OpenSearchLauncher <home directory> <http port> <transport port> [parent pid]");
            System.exit(2);
        }
        try {
            run(args);
        } catch (Throwable e) {
            // e.g. a port taken meanwhile (BindTransportException): exit, so that OpenSearchNode retries at once
            // instead of waiting on a JVM that the node's threads keep alive. The shutdown hook closes the node.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String nodeName = "herald-test";
        Settings settings = Settings.builder()
            .put("node.name", nodeName)
            .put("cluster.name", "herald-test")
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", args[1])
            .put("transport.port", args[2])
            .put("discovery.type", "single-node")
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            // A test node lives on a small throwaway disk: never turn indices read-only for lack of space.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", true)
            // INFO to standard output (log4j's default console appender), which OpenSearchNode sends to a file.
            .put("logger.level", "INFO")
            .build();

        LogConfigurator.registerErrorListener();
        LogConfigurator.configureWithoutConfig(settings);
        LogConfigurator.setNodeName(nodeName);

        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> nodeName);
        Node node = new TestNode(environment, PLUGINS);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "herald-opensearch-shutdown"));

        if (args.length == 4) {
            // Never outlive the test JVM, even when it is killed and cannot run its own shutdown hooks.
            long parent = Long.parseLong(args[3]);
            ProcessHandle.of(parent).ifPresentOrElse(
                handle -> handle.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
        }

        node.start();
        System.out.println(STARTED_MARKER);
        System.out.flush();

        // Node threads alone do not keep the JVM alive for sure (OpenSearch's Bootstrap keeps a thread for that).
        Thread keepAlive = new Thread(() -> {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "herald-opensearch-keepalive");
        keepAlive.setDaemon(false);
        keepAlive.start();
    }
}
