package dev.quitto.platform.imports;

import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** An import id that is not a UUID: 400 {@code invalid-id}. */
public class InvalidImportId extends Refusal {

    public InvalidImportId(String id) {
        super(HttpStatus.BAD_REQUEST, "invalid-id", "The import id must be a UUID, got \"" + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "\".");
    }
}
