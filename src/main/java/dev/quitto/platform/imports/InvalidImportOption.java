package dev.quitto.platform.imports;

import dev.quitto.platform.web.Refusal;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A query parameter of the import endpoints that is not allowed (400 {@code invalid-parameter}). */
public class InvalidImportOption extends Refusal {

    public static final String CODE = "invalid-parameter";

    public InvalidImportOption(String parameter, String message) {
        super(HttpStatus.BAD_REQUEST, CODE, parameter + " " + message, Map.of("parameter", parameter));
    }
}
