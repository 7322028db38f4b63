package io.zkml4j.prover.circuit;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.prover.layout.PaddedShape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The circuit encoding: what a verifying key carries. Lookup tables are written once however many layers use them. */
class CircuitCodecTest {

    /** input → table → table → … ({@code layers} table layers), the first {@code shared} sharing one table. */
    static Circuit chain(int layers, int shared) {
        PaddedShape shape = new PaddedShape(new int[] {1, 4});
        List<TensorInfo> tensors = new java.util.ArrayList<>();
        tensors.add(new TensorInfo(0, "x", shape, 0, 255, TensorInfo.Kind.PRIVATE_INPUT));
        List<Layer> ls = new java.util.ArrayList<>();
        for (int i = 0; i < layers; i++) {
            tensors.add(new TensorInfo(i + 1, "t" + i, shape, 0, 255, TensorInfo.Kind.COMMITTED));
            long[] entries = new long[256];
            for (int v = 0; v < 256; v++) {
                entries[v] = i < shared ? (v * 7L) % 256 : (v * 7L + i) % 256;
            }
            ls.add(new TableLayer(i, i + 1, "f" + i, 0, entries));
        }
        return new Circuit(tensors, List.of(), ls, 0, layers);
    }

    @Test
    void sharedTablesAreWrittenOnceAndDecodeToTheSameCircuit() throws Exception {
        Circuit one = chain(1, 1);
        Circuit many = chain(20, 20);
        Circuit distinct = chain(20, 0);
        byte[] a = CircuitCodec.encode(one);
        byte[] b = CircuitCodec.encode(many);
        byte[] c = CircuitCodec.encode(distinct);
        int perTable = c.length / 20;
        assertThat(b.length).isLessThan(a.length + 19 * perTable / 4);
        Circuit back = CircuitCodec.decode(new ProofReader(b));
        assertThat(back.layers()).hasSize(20);
        for (int i = 0; i < 20; i++) {
            TableLayer t = (TableLayer) back.layers().get(i);
            TableLayer o = (TableLayer) many.layers().get(i);
            assertThat(t.entries()).containsExactly(o.entries());
            assertThat(t.function()).isEqualTo(o.function());
        }
        assertThat(CircuitCodec.encode(back)).isEqualTo(b);
        Circuit backDistinct = CircuitCodec.decode(new ProofReader(c));
        assertThat(((TableLayer) backDistinct.layers().get(3)).entries()).containsExactly(((TableLayer) distinct.layers().get(3)).entries());
    }

    @Test
    void aTableIndexOutsideThePoolIsAMalformedKey() {
        byte[] b = CircuitCodec.encode(chain(2, 2));
        // the last table layer's index is the int before the input and output ids (three 4-byte ints from the end)
        byte[] bad = Arrays.copyOf(b, b.length);
        int at = bad.length - 12;
        assertThat(bad[at]).isZero();
        bad[at] = 5;
        assertThatThrownBy(() -> CircuitCodec.decode(new ProofReader(bad))).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("names table 5 of 1");
    }
}
