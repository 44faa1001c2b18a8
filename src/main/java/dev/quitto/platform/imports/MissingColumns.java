package dev.quitto.platform.imports;

import dev.quitto.platform.web.Refusal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The header lacks required columns, listed in {@code missingColumns} (400 {@code missing-columns}); nothing is stored. */
public class MissingColumns extends Refusal {

    public static final String CODE = "missing-columns";

    public MissingColumns(List<String> missing, List<String> found) {
        super(HttpStatus.BAD_REQUEST, CODE, "The header lacks the required column" + (missing.size() == 1 ? " " : "s ")
                + String.join(", ", missing) + " (found: " + String.join(", ", found) + ").",
                Map.of("missingColumns", List.copyOf(missing)));
    }
}
