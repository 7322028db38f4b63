package io.zkml4j.crypto.field;

/**
 * An element {@code c0 + c1·u} of the quadratic extension F_p[u]/(u^2 - 7) of {@link Goldilocks}
 * (about 2^128 elements). 7 is a quadratic non-residue mod p, so this is a field.
 *
 * <p>Every verifier challenge is an {@code Ext}: the transcript has no way to produce a base-field
 * challenge, so one cannot be used by accident. Hot loops do not allocate {@code Ext} objects; they
 * keep extension vectors as interleaved {@code long[]} pairs {@code [c0_0, c1_0, c0_1, c1_1, ...]}
 * and use {@link ExtArrays}.
 */
public final class Ext {
    /** The non-residue W with u^2 = W. */
    public static final long W = 7;
    public static final Ext ZERO = new Ext(0, 0);
    public static final Ext ONE = new Ext(1, 0);

    public final long c0;
    public final long c1;

    private Ext(long c0, long c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    /** The element {@code c0 + c1·u}; both coordinates must be canonical. */
    public static Ext of(long c0, long c1) {
        if (!Goldilocks.isCanonical(c0) || !Goldilocks.isCanonical(c1)) {
            throw new IllegalArgumentException("non-canonical extension coordinates");
        }
        return new Ext(c0, c1);
    }

    /** The base-field element {@code a} embedded in the extension. */
    public static Ext fromBase(long a) {
        return of(a, 0);
    }

    /** The element at pair index {@code i} of an interleaved array. */
    public static Ext at(long[] pairs, int i) {
        return new Ext(pairs[2 * i], pairs[2 * i + 1]);
    }

    /** Writes this element at pair index {@code i} of an interleaved array. */
    public void storeAt(long[] pairs, int i) {
        pairs[2 * i] = c0;
        pairs[2 * i + 1] = c1;
    }

    public boolean isZero() {
        return c0 == 0 && c1 == 0;
    }

    public boolean isBase() {
        return c1 == 0;
    }

    public Ext add(Ext o) {
        return new Ext(Goldilocks.add(c0, o.c0), Goldilocks.add(c1, o.c1));
    }

    public Ext sub(Ext o) {
        return new Ext(Goldilocks.sub(c0, o.c0), Goldilocks.sub(c1, o.c1));
    }

    public Ext neg() {
        return new Ext(Goldilocks.neg(c0), Goldilocks.neg(c1));
    }

    public Ext mul(Ext o) {
        return new Ext(mulC0(c0, c1, o.c0, o.c1), mulC1(c0, c1, o.c0, o.c1));
    }

    public Ext mulBase(long b) {
        return new Ext(Goldilocks.mul(c0, b), Goldilocks.mul(c1, b));
    }

    public Ext addBase(long b) {
        return new Ext(Goldilocks.add(c0, b), c1);
    }

    public Ext square() {
        return mul(this);
    }

    public Ext pow(long exponent) {
        Ext result = ONE;
        Ext b = this;
        long e = exponent;
        while (e != 0) {
            if ((e & 1) != 0) {
                result = result.mul(b);
            }
            b = b.square();
            e >>>= 1;
        }
        return result;
    }

    /** The inverse {@code (c0 - c1·u) / (c0^2 - 7·c1^2)}; throws {@link ArithmeticException} for zero. */
    public Ext inv() {
        if (isZero()) {
            throw new ArithmeticException("inverse of zero in the Goldilocks extension");
        }
        long norm = Goldilocks.sub(Goldilocks.square(c0), Goldilocks.mul(W, Goldilocks.square(c1)));
        long ni = Goldilocks.inv(norm);
        return new Ext(Goldilocks.mul(c0, ni), Goldilocks.neg(Goldilocks.mul(c1, ni)));
    }

    /** First coordinate of {@code (a0 + a1·u)(b0 + b1·u)}: {@code a0·b0 + 7·a1·b1}. */
    public static long mulC0(long a0, long a1, long b0, long b1) {
        return Goldilocks.add(Goldilocks.mul(a0, b0), mulByW(Goldilocks.mul(a1, b1)));
    }

    /** Second coordinate of {@code (a0 + a1·u)(b0 + b1·u)}: {@code a0·b1 + a1·b0}. */
    public static long mulC1(long a0, long a1, long b0, long b1) {
        return Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0));
    }

    /** {@code 7·x} in the base field. */
    public static long mulByW(long x) {
        long x2 = Goldilocks.add(x, x);
        long x4 = Goldilocks.add(x2, x2);
        return Goldilocks.add(Goldilocks.add(x4, x2), x);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ext e && e.c0 == c0 && e.c1 == c1;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(c0) * 31 + Long.hashCode(c1);
    }

    @Override
    public String toString() {
        return c1 == 0 ? Goldilocks.toString(c0) : Goldilocks.toString(c0) + " + " + Goldilocks.toString(c1) + "·u";
    }
}
