package dev.quitto.billing;

import dev.quitto.platform.ids.IdGenerator;
import dev.quitto.platform.imports.ApplyResult;
import dev.quitto.platform.imports.ImportContext;
import dev.quitto.platform.imports.ImportRecord;
import dev.quitto.platform.imports.StagingRow;
import dev.quitto.testsupport.CrashGate;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The debts import kind with a {@link CrashGate}, for the child JVMs that kill -9 tests start
 * ({@link BillingCrashResumeIntegrationTests}). Only where the gate names {@value DebtImportKind#NAME} does it replace
 * the real kind; it stops while parsing, or inside the apply transaction once the debts, invoices and e-mail jobs are
 * inserted (when the import rebuilds the tables' indexes, while they are dropped).
 */
class GatedDebtImportKind extends DebtImportKind {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = CrashGate.KIND, havingValue = DebtImportKind.NAME)
    static class InChildInstances {

        @Bean
        static BeanFactoryPostProcessor debtImportKindWithACrashGate() {
            return factory -> factory.getBeanDefinition("billingDebtImportKind").setBeanClassName(GatedDebtImportKind.class.getName());
        }
    }

    private final CrashGate gate;

    GatedDebtImportKind(BillingSettings settings, NossoNumeros nossoNumeros, IdGenerator ids, JdbcClient jdbc, Environment environment) {
        super(settings, nossoNumeros, ids, jdbc);
        this.gate = new CrashGate(environment);
    }

    @Override
    public void map(ImportRecord record, StagingRow row) {
        gate.recordMapped();
        super.map(record, row);
    }

    @Override
    public ApplyResult apply(ImportContext context) {
        return gate.apply(context, super::apply);
    }
}
