package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;

/**
 * A multilinear polynomial given by its table of values on {0,1}^n, little-endian (see
 * {@link Multilinear}): either base-field values ({@link #base}) or extension values as interleaved
 * pairs ({@link #ext}). The kind matters to the sumcheck prover, which keeps base tables on plain
 * {@code long} arithmetic until the first challenge is bound.
 *
 * <p>The array is shared, not copied; provers read it and never write to it. Callers must not change it
 * while a proof is being made.
 */
public final class MultilinearTable {
    /** The largest number of variables a table may have (arrays are indexed by {@code int}). */
    public static final int MAX_VARS = 29;

    private final long[] values;
    private final boolean base;
    private final int numVars;

    private MultilinearTable(long[] values, boolean base, int entries) {
        if (entries <= 0 || Integer.bitCount(entries) != 1 || Integer.numberOfTrailingZeros(entries) > MAX_VARS) {
            throw new IllegalArgumentException("a multilinear table needs 2^n entries (n <= " + MAX_VARS
                    + "), got " + entries);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Goldilocks.isCanonical(values[i])) {
                throw new IllegalArgumentException("non-canonical field element at array index " + i);
            }
        }
        this.values = values;
        this.base = base;
        this.numVars = Integer.numberOfTrailingZeros(entries);
    }

    /** A table of base-field values; {@code values.length} must be a power of two. */
    public static MultilinearTable base(long[] values) {
        return new MultilinearTable(values, true, values.length);
    }

    /** A table of extension values as interleaved pairs; it holds {@code pairs.length / 2} entries. */
    public static MultilinearTable ext(long[] pairs) {
        if ((pairs.length & 1) != 0) {
            throw new IllegalArgumentException("an interleaved extension table has an even array length, got "
                    + pairs.length);
        }
        return new MultilinearTable(pairs, false, pairs.length >> 1);
    }

    public int numVars() {
        return numVars;
    }

    /** Number of entries, {@code 2^numVars}. */
    public int size() {
        return 1 << numVars;
    }

    public boolean isBase() {
        return base;
    }

    /** The backing array: base values, or interleaved extension pairs. Shared; do not modify. */
    public long[] values() {
        return values;
    }

    /** The entry at index {@code i}, as an extension element. */
    public Ext entry(int i) {
        return base ? Ext.fromBase(values[i]) : Ext.at(values, i);
    }

    /** The multilinear extension at {@code point}, O(2^n). */
    public Ext evaluate(Ext[] point) {
        return base ? Multilinear.evaluate(values, point) : Multilinear.evaluateExt(values, point);
    }
}
