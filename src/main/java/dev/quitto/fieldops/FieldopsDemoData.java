package dev.quitto.fieldops;

import dev.quitto.platform.imports.ImportOptions;
import dev.quitto.platform.imports.ImportView;
import dev.quitto.platform.imports.Imports;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.PageQuery;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Demo profile: {@value #VISITS} generated visits in the shape of the Stone "Last Mile" file (its messy date forms
 * included: ISO date-times, {@code dd/MM/yy} with trailing spaces, {@code dd/MMyyyy HH:mm}, {@code -} for not visited),
 * deadlines over the last 60 days and the next week, imported through the field-ops import kind so the indicators
 * have data. Generated from a fixed seed (the sample rows name real people), so the ids are the same on every
 * start. Runs only while the demo import is absent and its first visit unknown, so a restart changes nothing.
 */
@Component
@ConditionalOnProperty(name = "quitto.demo.enabled", havingValue = "true")
class FieldopsDemoData {

    static final String FILE_NAME = "demo-visits.csv";
    static final int VISITS = 240;
    static final long FIRST_ID = 9_100_001L;

    private static final Logger log = LoggerFactory.getLogger(FieldopsDemoData.class);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final DateTimeFormatter SHORT_YEAR = DateTimeFormatter.ofPattern("dd/MM/uu");
    private static final DateTimeFormatter MISSING_SLASH = DateTimeFormatter.ofPattern("dd/MMuuuu HH:mm");
    private static final List<String> ANGELS = List.of("Ana Beatriz Lopes", "Caio Fernandes", "Daniela Moura", "Eduardo Teixeira",
            "Fernanda Quintino", "Gustavo Prado", "Helena Duarte", "Igor Nascimento", "Juliana Campos", "Leonardo Reis");
    private static final List<String> POLOS = List.of("CE - SOBRAL", "PE - OLINDA", "SP - CAMPINAS", "RJ - NITEROI", "MG - UBERLANDIA",
            "BA - FEIRA DE SANTANA");

    private final Imports imports;
    private final VisitImport kind;
    private final VisitRepository visits;
    private final Clock clock;

    FieldopsDemoData(Imports imports, VisitImport kind, VisitRepository visits, Clock clock) {
        this.imports = imports;
        this.kind = kind;
        this.visits = visits;
        this.clock = clock;
    }

    /** The demo file as of {@code today}. */
    static String file(LocalDate today) {
        Random random = new Random(20261203L);
        StringBuilder csv = new StringBuilder("id_atendimento,id_cliente,angel,polo,data_limite,data_de_atendimento\n");
        for (int i = 0; i < VISITS; i++) {
            LocalDate deadline = today.plusDays(7 - random.nextInt(68));
            LocalDate visit = deadline.plusDays(random.nextInt(9) - 5);
            String visited;
            if (visit.isAfter(today)) {
                visited = "-";
            } else {
                visited = switch (i % 4) {
                    case 0, 1 -> ISO.format(visit.atTime(8 + random.nextInt(10), random.nextInt(60), random.nextInt(60)));
                    case 2 -> SHORT_YEAR.format(visit) + "  ";
                    default -> i % 8 == 3 ? MISSING_SLASH.format(visit.atTime(9 + random.nextInt(9), random.nextInt(60))) : DAY_FIRST.format(visit);
                };
            }
            csv.append(FIRST_ID + i).append(',').append(10_000_000L + random.nextInt(900_000_000)).append(',')
                    .append(ANGELS.get(random.nextInt(ANGELS.size()))).append(',').append(POLOS.get(random.nextInt(POLOS.size()))).append(',')
                    .append(DAY_FIRST.format(deadline)).append(',').append(visited).append('\n');
        }
        return csv.toString();
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        if (visits.find(FIRST_ID).isPresent() || demoImportQueued()) {
            return;
        }
        byte[] file = file(BusinessTime.today(clock)).getBytes(StandardCharsets.UTF_8);
        ImportView accepted = imports.accept(kind, new ByteArrayInputStream(file), FILE_NAME, new ImportOptions(StandardCharsets.UTF_8, ','),
                ImportController.BASE);
        log.info("Field-ops demo: {} visits queued as import {}", VISITS, accepted.id());
    }

    private boolean demoImportQueued() {
        return imports.list(VisitImport.NAME, null, new PageQuery(1, PageQuery.MAX_SIZE), UriComponentsBuilder.newInstance(), ImportController.BASE)
                .items().stream().anyMatch(view -> view.fileName().equals(FILE_NAME));
    }
}
