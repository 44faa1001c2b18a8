package dev.quitto.anticipation.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list: its items, its number and the exact total. */
public record Slice<T>(List<T> items, int page, long total) {

    public Slice {
        items = List.copyOf(items);
    }

    public <R> Slice<R> map(Function<T, R> mapper) {
        return new Slice<>(items.stream().map(mapper).toList(), page, total);
    }
}
