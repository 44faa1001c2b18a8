package dev.quitto.bench.imports;

import dev.quitto.QuittoApplication;
import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service as the import benchmarks run it: a throw-away embedded PostgreSQL 17 (or the server named by
 * {@code SPRING_DATASOURCE_URL}/{@code DATABASE_URL}), no web port, the bench kind registered.
 */
@Configuration(proxyBeanMethods = false)
public class BenchApplication {

    @Bean
    BenchDebtImportKind benchDebtImportKind(JdbcClient jdbc) {
        return new BenchDebtImportKind(jdbc);
    }

    public static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(QuittoApplication.class, BenchApplication.class)
                .run("--quitto.database.embedded.ephemeral=true",
                        "--server.port=0",
                        "--quitto.security.jwt-secret=bench-only-jwt-secret-0123456789abcdef",
                        "--quitto.data-dir=" + dataDir.toAbsolutePath(),
                        "--quitto.imports.poll-interval=1s",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=warn",
                        "--logging.level.dev.quitto.platform.imports=info");
    }
}
