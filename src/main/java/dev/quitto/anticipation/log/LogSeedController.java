package dev.quitto.anticipation.log;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quitto.anticipation.web.PageSpec;
import dev.quitto.anticipation.web.SeedApi;
import dev.quitto.anticipation.web.SeedPage;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.time.BusinessTime;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The seed's {@code /api/logs/}: newest first, a supplier's own rows only. */
@SeedApi
@RestController
class LogSeedController {

    private final RequestLog log;

    LogSeedController(RequestLog log) {
        this.log = log;
    }

    @GetMapping({"/api/logs/", "/api/logs"})
    SeedPage<SeedLog> list(CurrentUser caller, @RequestParam(required = false) @Nullable String page) {
        return SeedPage.of(log.list(caller, LogFilter.ALL, new PageSpec.Seed(page)).map(SeedLog::of));
    }

    /** {@code created_at} is the Sao Paulo date of the row's instant, {@code user} the actor. */
    record SeedLog(long id, long anticipation, @JsonProperty("created_at") LocalDate createdAt, long user, String action) {

        static SeedLog of(LogEntry entry) {
            return new SeedLog(entry.id(), entry.anticipationId(), entry.occurredAt().atZone(BusinessTime.ZONE).toLocalDate(),
                    entry.actorUserId(), entry.action().name());
        }
    }
}
