package dev.quitto.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides which PostgreSQL the service uses, before any bean exists, so that the datasource, Flyway and
 * health checks are Spring Boot's own:
 * <ol>
 *   <li>{@code spring.datasource.url} set: that server;</li>
 *   <li>{@code DATABASE_URL} set: that server, the URL translated to JDBC;</li>
 *   <li>otherwise an embedded PostgreSQL 17 with its data under {@code quitto.data-dir}/postgres
 *       ({@code QUITTO_DATA_DIR}), or a throw-away folder when {@code quitto.database.embedded.ephemeral}.</li>
 * </ol>
 * The choice is published as {@code quitto.database.mode} and {@code quitto.database.location} for the log line
 * {@link DatabaseInUse} writes.
 */
public class DatabaseEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String MODE = "quitto.database.mode";
    static final String LOCATION = "quitto.database.location";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> chosen = new LinkedHashMap<>();
        String springUrl = environment.getProperty("spring.datasource.url");
        String databaseUrl = environment.getProperty("DATABASE_URL");
        if (StringUtils.hasText(springUrl)) {
            chosen.put(MODE, "external");
            chosen.put(LOCATION, withoutCredentials(springUrl));
        } else if (StringUtils.hasText(databaseUrl)) {
            DatabaseUrl parsed = DatabaseUrl.parse(databaseUrl);
            chosen.put("spring.datasource.url", parsed.jdbcUrl());
            chosen.put("spring.datasource.username", parsed.username());
            chosen.put("spring.datasource.password", parsed.password());
            chosen.put(MODE, "external");
            chosen.put(LOCATION, withoutCredentials(parsed.jdbcUrl()));
        } else {
            chosen.putAll(embedded(environment));
        }
        environment.getPropertySources().addFirst(new MapPropertySource("quittoDatabase", chosen));
    }

    private Map<String, Object> embedded(ConfigurableEnvironment environment) {
        boolean ephemeral = environment.getProperty("quitto.database.embedded.ephemeral", Boolean.class, false);
        EmbeddedPostgres server = ephemeral
                ? EmbeddedDatabase.startThrowAway()
                : EmbeddedDatabase.start(Path.of(environment.getProperty("quitto.data-dir", "data"), "postgres"));
        Path folder = ephemeral ? EmbeddedDatabase.throwAwayFolder() : Path.of(environment.getProperty("quitto.data-dir", "data"), "postgres");
        Map<String, Object> chosen = new LinkedHashMap<>();
        chosen.put("spring.datasource.url", "jdbc:postgresql://localhost:" + server.getPort() + "/postgres");
        chosen.put("spring.datasource.username", "postgres");
        chosen.put("spring.datasource.password", "");
        chosen.put(MODE, "embedded");
        chosen.put(LOCATION, "PostgreSQL 17 on port " + server.getPort() + ", data in " + folder.toAbsolutePath().normalize()
                + (ephemeral ? " (throw-away)" : ""));
        return chosen;
    }

    private static String withoutCredentials(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password)=[^&]*", "$1=***");
    }
}
