package dev.quitto.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTests {

    @Test
    void translatesAHostingStyleUrlToJdbc() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://quitto:s3cret@db.internal:6543/money");

        assertThat(url).isEqualTo(new DatabaseUrl("jdbc:postgresql://db.internal:6543/money", "quitto", "s3cret"));
    }

    @Test
    void defaultsThePortAndKeepsTheQuery() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@host/db?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db?sslmode=require");
    }

    @Test
    void decodesPercentEncodedCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://user%40corp:p%3Ass%2Fw@host:5432/db");

        assertThat(url.username()).isEqualTo("user@corp");
        assertThat(url.password()).isEqualTo("p:ss/w");
    }

    @Test
    void refusesAnotherSchemeWithAnActionableMessage() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:p@host/db"))
                .hasMessage("DATABASE_URL must start with postgresql://, found mysql://");
    }

    @Test
    void refusesAUrlWithoutDatabase() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:p@host:5432"))
                .hasMessageContaining("must name a host and a database");
    }
}
