package dev.quitto.platform.imports;

import dev.quitto.platform.web.Refusal;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An upload larger than {@code quitto.imports.max-size} or its kind's own limit (413 {@code file-too-large}); nothing is stored. */
public class FileTooLarge extends Refusal {

    public static final String CODE = "file-too-large";

    public FileTooLarge(long maxBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, CODE, "The file is larger than the limit of " + maxBytes + " bytes.",
                Map.of("maxSizeBytes", maxBytes));
    }
}
