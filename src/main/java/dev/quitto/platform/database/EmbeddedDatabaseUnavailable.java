package dev.quitto.platform.database;

import java.nio.file.Path;

/** The embedded PostgreSQL cannot use its data folder; the message says why and what to do, in one line. */
final class EmbeddedDatabaseUnavailable extends RuntimeException {

    private final String action;

    EmbeddedDatabaseUnavailable(Path folder, String reason, String action) {
        super("Embedded PostgreSQL cannot use data folder " + folder + ": " + reason + ".");
        this.action = action;
    }

    String action() {
        return action;
    }
}
