package dev.quitto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** What Spring Modulith cannot see: money never in floating point, time only from the injected clock. */
@AnalyzeClasses(packages = "dev.quitto", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule noFloatingPointFields = fields().should().notHaveRawType(double.class)
            .andShould().notHaveRawType(float.class).andShould().notHaveRawType(Double.class).andShould().notHaveRawType(Float.class)
            .because("money and rates are BigDecimal");

    @ArchTest
    static final ArchRule timeComesFromTheClock = noClasses().should()
            .callMethod(Instant.class, "now").orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now").orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now").orShould().callMethod(System.class, "currentTimeMillis")
            .because("time comes from the one injected Clock, so tests can freeze it");

    @ArchTest
    static final ArchRule noLegacyDates = noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.util.Date")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Calendar")
            .because("java.time is the only time API");
}
