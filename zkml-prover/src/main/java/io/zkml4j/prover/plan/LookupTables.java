package io.zkml4j.prover.plan;

import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.logup.ExplicitTable;
import io.zkml4j.crypto.logup.LookupTable;
import io.zkml4j.crypto.logup.RangeTable;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.TableLayer;

/** Builds each public table from the circuit (the verifier's own key), never from a proof. */
public final class LookupTables {
    private LookupTables() {}

    public static LookupTable build(Circuit circuit, TableId id) {
        return switch (id.kind()) {
            case RANGE8 -> new RangeTable(8);
            case RANGE16 -> new RangeTable(16);
            case COMPARISON -> new ComparisonTable(id.layer());
            case ZERO_TEST -> new ZeroTestTable(id.layer());
            case FUNCTION -> {
                TableLayer t = (TableLayer) circuit.layers().get(id.layer());
                long[] in = new long[t.entries().length];
                long[] out = new long[in.length];
                for (int i = 0; i < in.length; i++) {
                    in[i] = Goldilocks.fromSigned(t.inLo() + i);
                    out[i] = Goldilocks.fromSigned(t.entries()[i]);
                }
                yield new ExplicitTable(new long[][] {in, out});
            }
        };
    }
}
