package dev.quitto.billing;

import java.util.Arrays;

/**
 * The debtIds of one file seen so far, as 64-bit hashes in an open-addressing table (8 bytes a row, so a
 * 1,100,000-row file needs 32 MB at most). A hit means "maybe seen before": hash collisions only send a row to the
 * exact check in SQL, never let a repeat through unchecked.
 */
final class SeenDebtIds {

    private static final int INITIAL = 1 << 16;
    private long[] slots = new long[INITIAL];
    private int size;

    void clear() {
        if (slots.length > INITIAL) {
            slots = new long[INITIAL];
        } else {
            Arrays.fill(slots, 0L);
        }
        size = 0;
    }

    /** Adds the id; false when its hash was there already. */
    boolean add(String debtId) {
        long hash = hash(debtId);
        if (size * 2 >= slots.length) {
            grow();
        }
        if (insert(slots, hash)) {
            size++;
            return true;
        }
        return false;
    }

    private static boolean insert(long[] table, long hash) {
        int mask = table.length - 1;
        int i = (int) (hash ^ hash >>> 32) & mask;
        while (table[i] != 0) {
            if (table[i] == hash) {
                return false;
            }
            i = i + 1 & mask;
        }
        table[i] = hash;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long hash : old) {
            if (hash != 0) {
                insert(slots, hash);
            }
        }
    }

    /** FNV-1a 64 mixed with a murmur finalizer; never 0 (the empty slot). */
    private static long hash(String value) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            h ^= value.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
