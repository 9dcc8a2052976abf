package org.herald.server;

import java.security.Security;

import org.herald.core.config.InvalidConfigurationException;
import org.herald.server.layout.HeraldLayout;
import org.herald.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of bin/herald. Exit status 2: the configuration is wrong (the log line says how); 1: any other failure. */
public final class HeraldServerMain {
    public static final int EXIT_BAD_CONFIGURATION = 2;
    public static final int EXIT_FAILURE = 1;

    private HeraldServerMain() {
    }

    private static final String NEGATIVE_DNS_CACHE = "networkaddress.cache.negative.ttl";

    public static void main(String[] args) {
        // Read by GuiceJamesServer when its class loads: Herald reports start-up failures itself, once, then exits.
        System.setProperty("james.exit.on.startup.error", "false");
        // James's SMTP server asks the JDK (not Herald's resolver pool) for each client's host name, for its logging
        // context and Received headers; with the system resolver unreachable each such lookup stalls the command for
        // its timeout (5 s by default). The JDK forgets a failed lookup after 10 s; an hour makes a dead system
        // resolver cost one stall per client address per hour instead of one every 10 s.
        if (Security.getProperty(NEGATIVE_DNS_CACHE) == null || Security.getProperty(NEGATIVE_DNS_CACHE).equals("10")) {
            Security.setProperty(NEGATIVE_DNS_CACHE, "3600");
        }
        Logger logger = LoggerFactory.getLogger(HeraldServerMain.class);
        HeraldLayout layout = HeraldLayout.fromSystem(System.getenv());
        logger.info("Starting Herald: conf {}, data {}", layout.confDirectory(), layout.dataDirectory());
        try {
            HeraldServer server = HeraldServer.start(layout, System.getenv());
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "herald-shutdown"));
            logger.info("Herald started");
        } catch (InvalidConfigurationException e) {
            logger.error("Herald cannot start: {}", e.getMessage());
            System.exit(EXIT_BAD_CONFIGURATION);
        } catch (StoreUnavailableException e) {
            logger.error("Herald cannot start: {}", e.getMessage());
            System.exit(EXIT_FAILURE);
        } catch (Exception | Error e) {
            logger.error("Herald failed to start", e);
            System.exit(EXIT_FAILURE);
        }
    }
}
