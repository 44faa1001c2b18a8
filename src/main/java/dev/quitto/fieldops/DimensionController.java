package dev.quitto.fieldops;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The angels and polos known so far, by name (code-point order). */
@RestController
@PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
class DimensionController {

    private final JdbcClient jdbc;

    DimensionController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record AngelView(long id, String name) {
    }

    record PoloView(long id, String name, @Nullable String uf, @Nullable String city) {
    }

    record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {
    }

    @GetMapping(IndicatorController.BASE + "/angels")
    Page<AngelView> angels(@RequestParam Map<String, String> query) {
        Params params = new Params(query);
        int page = params.integer("page", 1, 1, Integer.MAX_VALUE);
        int size = params.integer("size", 50, 1, 500);
        long total = jdbc.sql("select count(*) from fieldops_angel").query(Long.class).single();
        List<AngelView> items = jdbc.sql("select id, name from fieldops_angel order by name collate \"C\", id limit :limit offset :offset")
                .param("limit", size).param("offset", (long) (page - 1) * size).query(AngelView.class).list();
        return new Page<>(items, page, size, total, Math.max(1, (total + size - 1) / size));
    }

    @GetMapping(IndicatorController.BASE + "/polos")
    Page<PoloView> polos(@RequestParam Map<String, String> query) {
        Params params = new Params(query);
        int page = params.integer("page", 1, 1, Integer.MAX_VALUE);
        int size = params.integer("size", 50, 1, 500);
        long total = jdbc.sql("select count(*) from fieldops_polo").query(Long.class).single();
        List<PoloView> items = jdbc.sql("select id, name, uf, city from fieldops_polo order by name collate \"C\", id limit :limit offset :offset")
                .param("limit", size).param("offset", (long) (page - 1) * size).query(PoloView.class).list();
        return new Page<>(items, page, size, total, Math.max(1, (total + size - 1) / size));
    }
}
