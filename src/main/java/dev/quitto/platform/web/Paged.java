package dev.quitto.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The canonical list shape: {@code {"items","page","size","totalItems","totalPages","links"}}, pages from 1.
 * {@code links} carries {@code self}, {@code first}, {@code last} and, where they exist, {@code prev} and
 * {@code next}, each keeping the request's other query parameters.
 */
public record Paged<T>(List<T> items, int page, int size, long totalItems, long totalPages, Map<String, String> links) {

    public static <T> Paged<T> of(List<T> items, PageQuery query, long totalItems, UriComponentsBuilder self) {
        long totalPages = Math.max(1, (totalItems + query.size() - 1) / query.size());
        Map<String, String> links = new LinkedHashMap<>();
        Function<Long, String> pageLink = page -> self.cloneBuilder().replaceQueryParam("page", page)
                .replaceQueryParam("size", query.size()).build().toUriString();
        links.put("self", pageLink.apply((long) query.page()));
        links.put("first", pageLink.apply(1L));
        if (query.page() > 1) {
            links.put("prev", pageLink.apply((long) query.page() - 1));
        }
        if (query.page() < totalPages) {
            links.put("next", pageLink.apply((long) query.page() + 1));
        }
        links.put("last", pageLink.apply(totalPages));
        return new Paged<>(List.copyOf(items), query.page(), query.size(), totalItems, totalPages, links);
    }

    public <R> Paged<R> map(Function<T, R> mapper) {
        return new Paged<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages, links);
    }
}
