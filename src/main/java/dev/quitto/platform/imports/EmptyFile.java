package dev.quitto.platform.imports;

import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** A file of zero bytes, or only a BOM or whitespace (400 {@code empty-file}); nothing is stored. */
public class EmptyFile extends Refusal {

    public static final String CODE = "empty-file";

    public EmptyFile() {
        super(HttpStatus.BAD_REQUEST, CODE, "The file is empty.");
    }
}
