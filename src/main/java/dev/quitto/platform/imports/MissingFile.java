package dev.quitto.platform.imports;

import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** An upload without a {@code file} part and without a body (400 {@code missing-file}). */
public class MissingFile extends Refusal {

    public static final String CODE = "missing-file";

    public MissingFile(String detail) {
        super(HttpStatus.BAD_REQUEST, CODE, detail);
    }
}
