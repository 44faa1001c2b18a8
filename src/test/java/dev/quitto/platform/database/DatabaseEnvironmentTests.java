package dev.quitto.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** Which PostgreSQL the service uses is decided from the environment before any bean exists. */
class DatabaseEnvironmentTests {

    private final DatabaseEnvironment chooser = new DatabaseEnvironment();

    @Test
    void usesDatabaseUrlTranslatedToJdbc() {
        MockEnvironment environment = new MockEnvironment().withProperty("DATABASE_URL", "postgresql://quitto:s3cret@db:5432/money");

        chooser.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/money");
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("quitto");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("s3cret");
        assertThat(environment.getProperty(DatabaseEnvironment.MODE)).isEqualTo("external");
        assertThat(environment.getProperty(DatabaseEnvironment.LOCATION)).doesNotContain("s3cret");
    }

    @Test
    void prefersExplicitDatasourcePropertiesOverDatabaseUrl() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://primary:5432/q?password=hidden")
                .withProperty("DATABASE_URL", "postgresql://u:p@other:5432/db");

        chooser.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://primary:5432/q?password=hidden");
        assertThat(environment.getProperty(DatabaseEnvironment.LOCATION)).isEqualTo("jdbc:postgresql://primary:5432/q?password=***");
    }

    @Test
    void startsTheEmbeddedServerWhenNothingIsConfigured() {
        MockEnvironment environment = new MockEnvironment().withProperty("quitto.database.embedded.ephemeral", "true");

        chooser.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(DatabaseEnvironment.MODE)).isEqualTo("embedded");
        assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://localhost:");
        assertThat(environment.getProperty(DatabaseEnvironment.LOCATION)).startsWith("PostgreSQL 17 on port ");
    }
}
