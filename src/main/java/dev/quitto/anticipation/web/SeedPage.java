package dev.quitto.anticipation.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/** The seed's list: {@code {"count","next","previous","results"}}, links absolute and keeping the other query parameters. */
public record SeedPage<T>(long count, @Nullable String next, @Nullable String previous, List<T> results) {

    public static <T> SeedPage<T> of(Slice<T> slice) {
        long pages = Math.max(1, (slice.total() + PageSpec.Seed.SIZE - 1) / PageSpec.Seed.SIZE);
        UriComponentsBuilder self = ServletUriComponentsBuilder.fromCurrentRequest();
        String next = slice.page() < pages ? self.cloneBuilder().replaceQueryParam("page", slice.page() + 1).build().toUriString() : null;
        String previous = null;
        if (slice.page() > 1) {
            UriComponentsBuilder link = self.cloneBuilder();
            previous = (slice.page() == 2 ? link.replaceQueryParam("page") : link.replaceQueryParam("page", slice.page() - 1)).build().toUriString();
        }
        return new SeedPage<>(slice.total(), next, previous, slice.items());
    }
}
