package dev.quitto.anticipation.web;

import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The canonical API's base path and its list shape. */
public final class Canonical {

    public static final String BASE = "/api/v1/anticipation";

    private Canonical() {
    }

    public static <T> Paged<T> paged(Slice<T> slice, PageSpec.Canonical page) {
        return Paged.of(slice.items(), new PageQuery(page.query().page(), page.size()), slice.total(), ServletUriComponentsBuilder.fromCurrentRequest());
    }
}
