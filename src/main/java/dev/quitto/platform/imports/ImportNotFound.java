package dev.quitto.platform.imports;

import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** No import with this id (of this kind, where a module asks): 404 {@code not-found}. */
public class ImportNotFound extends Refusal {

    public ImportNotFound(String id) {
        super(HttpStatus.NOT_FOUND, "not-found", "Import " + id + " does not exist.");
    }
}
