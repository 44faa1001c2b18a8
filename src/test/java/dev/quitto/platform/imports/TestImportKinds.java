package dev.quitto.platform.imports;

import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform's own test kinds: {@code people} (id, name, email, amount) and {@code debts} (the Kanastra file:
 * debtId, name, email, debtAmount; governmentId and debtDueDate optional). {@code people-crash} exists only where
 * {@code quitto.test.crash.enabled} is set: in the crash test's context and in the child JVM it kills.
 */
@Configuration(proxyBeanMethods = false)
class TestImportKinds {

    @Bean
    PersonImportKind peopleImportKind(JdbcClient jdbc) {
        return new PersonImportKind("people", "id", "amount", List.of(), jdbc, null, null, 0);
    }

    @Bean
    PersonImportKind debtsImportKind(JdbcClient jdbc) {
        return new PersonImportKind("debts", "debtId", "debtAmount", List.of("governmentId", "debtDueDate"), jdbc, null, null, 0);
    }

    @Bean
    @ConditionalOnProperty("quitto.test.crash.enabled")
    PersonImportKind crashImportKind(JdbcClient jdbc,
                                     @Value("${quitto.test.crash.gate-file:}") String gateFile,
                                     @Value("${quitto.test.crash.gate:}") String gate,
                                     @Value("${quitto.test.crash.gate-after-rows:0}") long gateAfterRows) {
        return new PersonImportKind("people-crash", "id", "amount", List.of(), jdbc,
                gateFile.isEmpty() ? null : Path.of(gateFile), gate.isEmpty() ? null : PersonImportKind.Gate.valueOf(gate), gateAfterRows);
    }
}
