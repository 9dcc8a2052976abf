package org.herald.server;

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

    public static void main(String[] args) {
        // Read by GuiceJamesServer when its class loads: Herald reports start-up failures itself, once, then exits.
        System.setProperty("james.exit.on.startup.error", "false");
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
