package dev.quitto.console.imports;

import dev.quitto.console.ConsoleForms;
import dev.quitto.platform.imports.ImportStatus;
import dev.quitto.platform.imports.Imports;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Every import of every kind, newest first: a progress bar that follows a running import (htmx polls its row), the
 * counts, and the error report as CSV.
 */
@Controller("consoleImportsController")
@RequestMapping(ImportsArea.BASE)
class ImportsController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final Imports imports;

    ImportsController(Imports imports) {
        this.imports = imports;
    }

    @GetMapping
    String list(@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String page, Model model) {
        ImportStatus shown = status == null ? null : Arrays.stream(ImportStatus.values())
                .filter(s -> s.name().equals(status.toUpperCase(Locale.ROOT))).findFirst().orElse(null);
        var found = imports.list(null, shown, ConsoleForms.page(page), ServletUriComponentsBuilder.fromCurrentRequest(), ImportsArea.BASE);
        model.addAttribute("title", "Imports");
        model.addAttribute("status", shown);
        model.addAttribute("statuses", ImportStatus.values());
        model.addAttribute("imports", found.items());
        model.addAttribute("page", found.page());
        model.addAttribute("pages", found.totalPages());
        model.addAttribute("base", ImportsArea.BASE + (shown == null ? "" : "?status=" + shown.name()));
        return "console/imports/list";
    }

    /** One row, for the progress poll of a running import. */
    @GetMapping("/{id}/row")
    String row(@PathVariable String id, Model model) {
        model.addAttribute("i", imports.find(null, id, ImportsArea.BASE));
        return "console/imports/list :: row";
    }

    @GetMapping("/{id}/errors.csv")
    ResponseEntity<StreamingResponseBody> errors(@PathVariable String id) {
        imports.requireExists(null, id);
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-errors.csv\"")
                .body(out -> imports.writeErrorsCsv(null, id, out));
    }
}
