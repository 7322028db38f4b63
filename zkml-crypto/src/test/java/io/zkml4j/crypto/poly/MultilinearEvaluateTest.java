package io.zkml4j.crypto.poly;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.ExtArrays;
import io.zkml4j.crypto.field.Goldilocks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Multilinear#evaluate} (split eq tables) against the folding evaluation and the defining sum. */
class MultilinearEvaluateTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 7, 10})
    void splitEvaluationMatchesFoldingAndTheDefinition(int n) {
        Random rnd = new Random(n);
        long[] f = new long[1 << n];
        for (int i = 0; i < f.length; i++) {
            f[i] = Goldilocks.reduce(rnd.nextLong());
        }
        Ext[] r = new Ext[n];
        for (int k = 0; k < n; k++) {
            r[k] = Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
        }
        Ext byDefinition = Ext.ZERO;
        for (int i = 0; i < f.length; i++) {
            Ext[] bits = new Ext[n];
            for (int k = 0; k < n; k++) {
                bits[k] = ((i >> k) & 1) == 1 ? Ext.ONE : Ext.ZERO;
            }
            byDefinition = byDefinition.add(Multilinear.eq(r, bits).mulBase(f[i]));
        }
        assertThat(Multilinear.evaluate(f, r)).isEqualTo(byDefinition);
        assertThat(Multilinear.evaluateExt(ExtArrays.lift(f), r)).isEqualTo(byDefinition);
        // at a boolean point the extension is the table entry
        int idx = f.length - 1;
        Ext[] corner = new Ext[n];
        for (int k = 0; k < n; k++) {
            corner[k] = Ext.ONE;
        }
        assertThat(Multilinear.evaluate(f, corner)).isEqualTo(Ext.fromBase(f[idx]));
    }
}
