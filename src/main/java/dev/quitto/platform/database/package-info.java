/**
 * Chooses the database before anything else starts: an external PostgreSQL ({@code DATABASE_URL} or the
 * Spring datasource properties), or an embedded PostgreSQL 17 whose data lives under {@code QUITTO_DATA_DIR}.
 */
@NullMarked
package dev.quitto.platform.database;

import org.jspecify.annotations.NullMarked;
