package dev.quitto.platform.imports;

import dev.quitto.platform.web.Refusal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The header names a column twice, listed in {@code duplicateColumns} (400 {@code duplicate-columns}); nothing is stored. */
public class DuplicateColumns extends Refusal {

    public static final String CODE = "duplicate-columns";

    public DuplicateColumns(List<String> duplicates) {
        super(HttpStatus.BAD_REQUEST, CODE, "The header names " + String.join(", ", duplicates) + " more than once.",
                Map.of("duplicateColumns", List.copyOf(duplicates)));
    }
}
