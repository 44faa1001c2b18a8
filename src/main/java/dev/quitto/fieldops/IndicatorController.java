package dev.quitto.fieldops;

import dev.quitto.fieldops.IndicatorReports.Csv;
import dev.quitto.fieldops.IndicatorReports.Json;
import dev.quitto.fieldops.IndicatorReports.Report;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The indicators (spec 4.4, 4.5) as JSON or CSV, the business-day calendar, and the seed's two indicator paths. */
@RestController
@PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
class IndicatorController {

    static final String BASE = "/api/v1/fieldops";

    private final IndicatorReports reports;

    IndicatorController(IndicatorReports reports) {
        this.reports = reports;
    }

    @GetMapping(BASE + "/indicators/sla")
    ResponseEntity<?> sla(@RequestParam Map<String, String> query, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        return response(reports.sla(query, accept));
    }

    @GetMapping(BASE + "/indicators/productivity")
    ResponseEntity<?> productivity(@RequestParam Map<String, String> query,
                                   @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        return response(reports.productivity(query, accept));
    }

    @GetMapping(BASE + "/business-days")
    Map<String, Object> businessDays(@RequestParam Map<String, String> query) {
        return reports.businessDays(query);
    }

    @GetMapping({AtendimentoController.BASE + "/angel_productivity", AtendimentoController.BASE + "/angel_productivity/"})
    Map<String, Object> seedAngels(@RequestParam Map<String, String> query) {
        return reports.seedAngels(query);
    }

    @GetMapping({AtendimentoController.BASE + "/polo_productivity", AtendimentoController.BASE + "/polo_productivity/"})
    Map<String, Object> seedPolos(@RequestParam Map<String, String> query) {
        return reports.seedPolos(query);
    }

    private static ResponseEntity<?> response(Report report) {
        return switch (report) {
            case Json json -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.body());
            case Csv csv -> ResponseEntity.ok().contentType(IndicatorReports.TEXT_CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(csv.fileName()).build().toString())
                    .body(csv.content());
        };
    }
}
