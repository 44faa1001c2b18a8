package dev.quitto.anticipation.web;

import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import org.jspecify.annotations.Nullable;

/** Which page of a list to read, decided once the total is known: the seed's rules or the canonical ones. */
public sealed interface PageSpec {

    int size();

    /** The page number (from 1) to read out of {@code total} items. */
    int page(long total);

    default long offset(long total) {
        return (long) (page(total) - 1) * size();
    }

    /** {@code ?page=N} or {@code ?page=last}, 10 per page; anything else, or a page past the end, is 404 "Invalid page.". */
    record Seed(@Nullable String raw) implements PageSpec {

        public static final int SIZE = 10;

        @Override
        public int size() {
            return SIZE;
        }

        @Override
        public int page(long total) {
            long pages = Math.max(1, (total + SIZE - 1) / SIZE);
            if (raw == null) {
                return 1;
            }
            if (raw.equals("last")) {
                return (int) pages;
            }
            if (raw.isEmpty() || raw.length() > 9 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new InvalidPage();
            }
            int page = Integer.parseInt(raw);
            if (page < 1 || page > pages) {
                throw new InvalidPage();
            }
            return page;
        }
    }

    /** {@code ?page=&size=}: page from 1, size 1..100 (default 10); a page past the end is empty. */
    record Canonical(PageQuery query) implements PageSpec {

        public static final int DEFAULT_SIZE = 10;
        public static final int MAX_SIZE = 100;

        public static Canonical of(@Nullable Integer page, @Nullable Integer size) {
            if (size != null && (size < 1 || size > MAX_SIZE)) {
                throw new InvalidInput(java.util.List.of(new FieldViolation("size", "must be between 1 and " + MAX_SIZE, "range")));
            }
            return new Canonical(PageQuery.of(page, size == null ? DEFAULT_SIZE : size));
        }

        @Override
        public int size() {
            return query.size();
        }

        @Override
        public int page(long total) {
            return query.page();
        }
    }
}
