package io.zkml4j.prover.layout;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayoutTest {
    @Test
    void paddedShapePutsTheLastDimensionInTheLowVariables() {
        PaddedShape s = new PaddedShape(3, 5);
        assertThat(s.numVars()).isEqualTo(5);
        assertThat(s.varOffset(1)).isZero();
        assertThat(s.varOffset(0)).isEqualTo(3);
        assertThat(s.paddedIndex(2, 4)).isEqualTo(2 * 8 + 4);
        long[] logical = new long[15];
        for (int i = 0; i < 15; i++) {
            logical[i] = i + 1;
        }
        long[] padded = s.pad(logical, 0);
        assertThat(padded[8 + 0]).isEqualTo(6); // row 1, column 0
        assertThat(padded[5]).isZero(); // padding column
        assertThat(s.unpad(padded)).containsExactly(logical);
        assertThatThrownBy(() -> s.pad(new long[14], 0)).hasMessageContaining("needs 15");
    }

    @Test
    void packedVectorsAreSubCubesOfTheWitness() {
        Random rnd = new Random(3);
        int[] vars = {2, 5, 0, 3, 5};
        WitnessLayout layout = WitnessLayout.of(vars);
        List<long[]> vectors = new ArrayList<>();
        for (int v : vars) {
            long[] x = new long[1 << v];
            for (int i = 0; i < x.length; i++) {
                x[i] = Goldilocks.reduce(rnd.nextLong());
            }
            vectors.add(x);
        }
        long[] packed = layout.pack(vectors);
        assertThat(layout.numVars()).isEqualTo(7); // 4+32+1+8+32 = 77 -> 2^7
        assertThat(packed.length).isEqualTo(77).isEqualTo(layout.length()); // the prefix: zero past the last slot
        for (int i = 0; i < vars.length; i++) {
            Ext[] r = new Ext[vars[i]];
            for (int k = 0; k < r.length; k++) {
                r[k] = Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
            }
            assertThat(Multilinear.evaluatePrefix(packed, layout.pointFor(i, r)))
                    .as("vector %d", i).isEqualTo(Multilinear.evaluate(vectors.get(i), r));
        }
    }
}
