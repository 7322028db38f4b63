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
 * <p>A table may be given by a prefix ({@link #basePrefix}, {@link #extPrefix}): the array holds the first
 * {@link #length()} entries and every later entry, up to {@code 2^n}, is zero. The sumcheck prover then
 * works on the prefix only (a packed table of 2^22 + 2^15 entries costs about 2^22, not 2^23).
 *
 * <p>The array is shared, not copied; provers read it and never write to it, unless the caller hands it
 * over with {@link #scratch()}. Callers must not change it while a proof is being made.
 */
public final class MultilinearTable {
    /** The largest number of variables a table may have (arrays are indexed by {@code int}). */
    public static final int MAX_VARS = 29;

    private final long[] values;
    private final boolean base;
    private final int numVars;
    private final int length;
    private final boolean scratch;

    private MultilinearTable(long[] values, boolean base, int entries) {
        this(values, base, entries, entries <= 0 || Integer.bitCount(entries) != 1 ? -1 : Integer.numberOfTrailingZeros(entries));
    }

    private MultilinearTable(long[] values, boolean base, int entries, int numVars) {
        if (numVars < 0 || numVars > MAX_VARS || entries < 1 || entries > (1 << numVars)) {
            throw new IllegalArgumentException("a multilinear table needs 2^n entries (n <= " + MAX_VARS
                    + "), or a prefix of 1 to 2^n, got " + entries + (numVars >= 0 ? " for " + numVars + " variables" : ""));
        }
        for (int i = 0; i < values.length; i++) {
            if (!Goldilocks.isCanonical(values[i])) {
                throw new IllegalArgumentException("non-canonical field element at array index " + i);
            }
        }
        this.values = values;
        this.base = base;
        this.numVars = numVars;
        this.length = entries;
        this.scratch = false;
    }

    private MultilinearTable(MultilinearTable t) {
        this.values = t.values;
        this.base = t.base;
        this.numVars = t.numVars;
        this.length = t.length;
        this.scratch = true;
    }

    /**
     * The same table, with its array handed over: a sumcheck prover may fold it in place, so the caller
     * must not read the array (or this table's entries) after giving it to a prover. Saves one array of
     * the table's size in the prover's first round.
     */
    public MultilinearTable scratch() {
        return scratch ? this : new MultilinearTable(this);
    }

    /** Whether the array was handed over ({@link #scratch()}). */
    public boolean isScratch() {
        return scratch;
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

    /** A table over {@code numVars} variables whose first {@code values.length} entries are {@code values}, the rest zero. */
    public static MultilinearTable basePrefix(long[] values, int numVars) {
        return new MultilinearTable(values, true, values.length, numVars);
    }

    /** {@link #basePrefix} for extension values (interleaved pairs). */
    public static MultilinearTable extPrefix(long[] pairs, int numVars) {
        if ((pairs.length & 1) != 0) {
            throw new IllegalArgumentException("an interleaved extension table has an even array length, got "
                    + pairs.length);
        }
        return new MultilinearTable(pairs, false, pairs.length >> 1, numVars);
    }

    /** Entries the array holds ({@link #size()} unless the table is a prefix); later entries are zero. */
    public int length() {
        return length;
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
        if (i >= length) {
            return Ext.ZERO;
        }
        return base ? Ext.fromBase(values[i]) : Ext.at(values, i);
    }

    /** The multilinear extension at {@code point}, O(2^n). */
    public Ext evaluate(Ext[] point) {
        if (base) {
            return length == size() ? Multilinear.evaluate(values, point) : Multilinear.evaluatePrefix(values, point);
        }
        return Multilinear.evaluateExt(length == size() ? values : java.util.Arrays.copyOf(values, 2 * size()), point);
    }
}
