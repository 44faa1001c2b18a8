package dev.quitto.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database of its own, in this JVM's embedded PostgreSQL server, for a {@link SecondInstance} whose workers must not
 * take the shared database's rows (nor other contexts' workers its rows): an instance on another clock, one whose
 * database a test takes away, one whose sent times or counts a test measures. Flyway migrates it when the instance starts.
 */
public record OwnDatabase(String name, String url, String username) {

    /** Creates {@code prefix_xxxxxxxx} next to the database of the test context whose {@code environment} is given. */
    public static OwnDatabase create(JdbcClient jdbc, Environment environment, String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("create database " + name).update();
        String shared = environment.getRequiredProperty("spring.datasource.url");
        return new OwnDatabase(name, shared.substring(0, shared.lastIndexOf('/') + 1) + name,
                environment.getRequiredProperty("spring.datasource.username"));
    }

    /** The command-line arguments that point an instance at this database, followed by {@code more}. */
    public String[] arguments(String... more) {
        List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + username));
        arguments.addAll(List.of(more));
        return arguments.toArray(String[]::new);
    }

    public void drop(JdbcClient jdbc) {
        jdbc.sql("drop database if exists " + name + " with (force)").update();
    }
}
