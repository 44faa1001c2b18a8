package dev.quitto.fieldops;

import dev.quitto.platform.imports.ApplyResult;
import dev.quitto.platform.imports.ImportContext;
import dev.quitto.platform.imports.ImportRecord;
import dev.quitto.platform.imports.StagingRow;
import dev.quitto.testsupport.CrashGate;
import java.time.Clock;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The visit import with a {@link CrashGate}, for the child JVMs that {@link FieldopsCrashResumeIntegrationTests} kills.
 * Only where the gate names {@value VisitImport#NAME} does it replace the real kind; it stops while parsing, or inside
 * the apply transaction once the visits are written (in a bulk import, with the indexes of the visits and their
 * indicator cells dropped).
 */
class GatedVisitImport extends VisitImport {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = CrashGate.KIND, havingValue = VisitImport.NAME)
    static class InChildInstances {

        @Bean
        static BeanFactoryPostProcessor visitImportWithACrashGate() {
            return factory -> factory.getBeanDefinition("visitImport").setBeanClassName(GatedVisitImport.class.getName());
        }
    }

    private final CrashGate gate;

    GatedVisitImport(JdbcClient jdbc, Aggregates aggregates, Clock clock, FieldopsSettings settings, Environment environment) {
        super(jdbc, aggregates, clock, settings);
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
