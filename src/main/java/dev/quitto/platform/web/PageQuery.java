package dev.quitto.platform.web;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code ?page=&size=} of a canonical list: page from 1, size 1..500 (default 50), as every module spec sets it. */
public record PageQuery(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public PageQuery {
        List<FieldViolation> violations = new ArrayList<>();
        if (page < 1) {
            violations.add(new FieldViolation("page", "must be 1 or more", "min"));
        }
        if (size < 1 || size > MAX_SIZE) {
            violations.add(new FieldViolation("size", "must be between 1 and " + MAX_SIZE, "range"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
    }

    public static PageQuery of(@Nullable Integer page, @Nullable Integer size) {
        return new PageQuery(page == null ? 1 : page, size == null ? DEFAULT_SIZE : size);
    }

    public long offset() {
        return (long) (page - 1) * size;
    }
}
