package dev.quitto.platform.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says in one log line which database this instance uses, so nobody has to guess. */
@Component
class DatabaseInUse {

    private static final Logger log = LoggerFactory.getLogger(DatabaseInUse.class);

    private final String mode;
    private final String location;

    DatabaseInUse(@Value("${" + DatabaseEnvironment.MODE + "}") String mode,
                  @Value("${" + DatabaseEnvironment.LOCATION + "}") String location) {
        this.mode = mode;
        this.location = location;
    }

    @EventListener(ApplicationStartedEvent.class)
    void report() {
        log.info("Database: {} {}", mode, location);
    }
}
