package io.zkml4j.crypto.poly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.ExtArrays;
import io.zkml4j.crypto.field.Goldilocks;

import java.util.Random;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Multilinear tables (little-endian variables) against direct formulas. */
class MultilinearTest {

    static Ext randomExt(Random rnd) {
        return Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
    }

    static Ext[] randomPoint(Random rnd, int n) {
        Ext[] r = new Ext[n];
        for (int i = 0; i < n; i++) {
            r[i] = randomExt(rnd);
        }
        return r;
    }

    static long[] randomTable(Random rnd, int n) {
        long[] f = new long[1 << n];
        for (int i = 0; i < f.length; i++) {
            f[i] = Goldilocks.reduce(rnd.nextLong());
        }
        return f;
    }

    /** eq(r, bits(i)) as the product over coordinates, bit k of i binding r_k. */
    static Ext eqDirect(Ext[] r, int i) {
        Ext acc = Ext.ONE;
        for (int k = 0; k < r.length; k++) {
            acc = acc.mul(((i >>> k) & 1) == 1 ? r[k] : Ext.ONE.sub(r[k]));
        }
        return acc;
    }

    @Property(tries = 50)
    void eqTableIsTheDirectProduct(@ForAll @IntRange(max = 8) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        Ext[] r = randomPoint(rnd, n);
        long[] table = Multilinear.eqTable(r);
        assertThat(ExtArrays.length(table)).isEqualTo(1 << n);
        for (int i = 0; i < (1 << n); i++) {
            assertThat(Ext.at(table, i)).as("entry %d", i).isEqualTo(eqDirect(r, i));
        }
        assertThat(ExtArrays.sum(table)).as("eq sums to 1 over the cube").isEqualTo(Ext.ONE);
    }

    @Property(tries = 50)
    void evaluateMatchesNaiveSum(@ForAll @IntRange(max = 9) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        long[] f = randomTable(rnd, n);
        Ext[] r = randomPoint(rnd, n);
        Ext naive = Ext.ZERO;
        for (int i = 0; i < f.length; i++) {
            naive = naive.add(eqDirect(r, i).mulBase(f[i]));
        }
        assertThat(Multilinear.evaluate(f, r)).isEqualTo(naive);
        assertThat(Multilinear.evaluateExt(ExtArrays.lift(f), r)).isEqualTo(naive);
    }

    @Property(tries = 30)
    void evaluateOnTheCubeReturnsTheTableEntry(@ForAll @IntRange(min = 1, max = 7) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        long[] f = randomTable(rnd, n);
        int i = rnd.nextInt(1 << n);
        Ext[] bits = new Ext[n];
        for (int k = 0; k < n; k++) {
            bits[k] = ((i >>> k) & 1) == 1 ? Ext.ONE : Ext.ZERO;
        }
        assertThat(Multilinear.evaluate(f, bits)).isEqualTo(Ext.fromBase(f[i]));
    }

    @Property(tries = 50)
    void fixFirstVariableIsConsistentWithEvaluation(@ForAll @IntRange(min = 1, max = 8) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        long[] f = randomTable(rnd, n);
        Ext[] r = randomPoint(rnd, n);
        Ext[] rest = java.util.Arrays.copyOfRange(r, 1, n);
        long[] fixedBase = Multilinear.fixFirstVariableBase(f, r[0]);
        long[] fixedExt = Multilinear.fixFirstVariable(ExtArrays.lift(f), r[0]);
        assertThat(fixedBase).containsExactly(fixedExt);
        assertThat(Multilinear.evaluateExt(fixedExt, rest)).isEqualTo(Multilinear.evaluate(f, r));
        // Binding variable 0 to a boolean selects the even or odd entries.
        long[] atOne = Multilinear.fixFirstVariableBase(f, Ext.ONE);
        for (int i = 0; i < f.length / 2; i++) {
            assertThat(Ext.at(atOne, i)).isEqualTo(Ext.fromBase(f[2 * i + 1]));
        }
    }

    @Property(tries = 50)
    void eqOfTwoPointsIsSymmetricAndMatchesTheTableOnTheCube(@ForAll @IntRange(max = 6) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        Ext[] a = randomPoint(rnd, n);
        Ext[] b = randomPoint(rnd, n);
        assertThat(Multilinear.eq(a, b)).isEqualTo(Multilinear.eq(b, a));
        int i = n == 0 ? 0 : rnd.nextInt(1 << n);
        Ext[] bits = new Ext[n];
        for (int k = 0; k < n; k++) {
            bits[k] = ((i >>> k) & 1) == 1 ? Ext.ONE : Ext.ZERO;
        }
        assertThat(Multilinear.eq(a, bits)).isEqualTo(Ext.at(Multilinear.eqTable(a), i));
    }

    @Example
    void sizeMismatchesThrow() {
        assertThatThrownBy(() -> Multilinear.evaluate(new long[3], new Ext[2])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multilinear.evaluate(new long[4], new Ext[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multilinear.log2(6)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Multilinear.log2(1 << 17)).isEqualTo(17);
        assertThatThrownBy(() -> Multilinear.eq(new Ext[1], new Ext[2])).isInstanceOf(IllegalArgumentException.class);
    }
}
