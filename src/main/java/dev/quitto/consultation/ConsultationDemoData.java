package dev.quitto.consultation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo profile: five consultations of two physicians over the last days, four finished through {@link Consultations#finish}
 * (so their charges are queued for the finance endpoint of this process, which the demo admin's credentials reach)
 * and one open since a few minutes ago. Their ids are fixed: one already there is left as it is (only finished if a
 * stop came between its start and its finish), so a restart changes nothing.
 */
@Component
@ConditionalOnProperty(name = "quitto.demo.enabled", havingValue = "true")
class ConsultationDemoData {

    private static final Logger log = LoggerFactory.getLogger(ConsultationDemoData.class);

    static final List<DemoConsultation> CONSULTATIONS = List.of(
            new DemoConsultation(id("consultation-1"), id("physician-1"), id("patient-1"), Duration.ofDays(3).plusHours(2), Duration.ofMinutes(50)),
            new DemoConsultation(id("consultation-2"), id("physician-1"), id("patient-2"), Duration.ofDays(2).plusHours(5), Duration.ofMinutes(95)),
            new DemoConsultation(id("consultation-3"), id("physician-2"), id("patient-3"), Duration.ofDays(1).plusHours(3), Duration.ofMinutes(30)),
            new DemoConsultation(id("consultation-4"), id("physician-2"), id("patient-1"), Duration.ofHours(4), Duration.ofMinutes(125)),
            new DemoConsultation(id("consultation-5"), id("physician-1"), id("patient-4"), Duration.ofMinutes(20), null));

    /** Started {@code startedAgo} before the first load, finished {@code lasted} later (open when null). */
    record DemoConsultation(UUID id, UUID physicianId, UUID patientId, Duration startedAgo, @Nullable Duration lasted) {
    }

    private final ConsultationRepository rows;
    private final Consultations consultations;
    private final Clock clock;

    ConsultationDemoData(ConsultationRepository rows, Consultations consultations, Clock clock) {
        this.rows = rows;
        this.consultations = consultations;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        int added = 0;
        for (DemoConsultation demo : CONSULTATIONS) {
            Consultation consultation = rows.find(demo.id()).orElse(null);
            if (consultation == null) {
                consultation = rows.insertOpen(demo.id(), demo.physicianId(), demo.patientId(), now.minus(demo.startedAgo())).orElse(null);
                if (consultation == null) {
                    log.warn("Demo consultation {} skipped: its patient already has an open consultation", demo.id());
                    continue;
                }
                added++;
            }
            if (demo.lasted() != null && consultation.endDate() == null) {
                consultations.finish(demo.id(), consultation.startDate().plus(demo.lasted()));
            }
        }
        if (added > 0) {
            log.info("Consultation demo: {} consultations added, their charges queued for finance", added);
        }
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(("quitto-demo-" + name).getBytes(StandardCharsets.UTF_8));
    }
}
