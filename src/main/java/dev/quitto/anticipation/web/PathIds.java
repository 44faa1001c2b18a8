package dev.quitto.anticipation.web;

/** A path id as clients type it: anything but a positive 64-bit integer names nothing, so it is 404. */
public final class PathIds {

    private PathIds() {
    }

    public static long parse(String id) {
        if (id.isEmpty() || id.length() > 19 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NotFound();
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException overflow) {
            throw new NotFound();
        }
    }
}
