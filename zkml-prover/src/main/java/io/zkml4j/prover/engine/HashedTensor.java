package io.zkml4j.prover.engine;

import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.TensorInfo;
import io.zkml4j.prover.layout.WitnessLayout;

import java.util.List;

/**
 * The commitment of a {@code hashed} input or output: a hiding Ligero commitment to the table
 * {@code X = [x | μ]} (the tensor, padded with zeros, and a mask slot μ that no claim refers to), whose
 * randomness (μ, row padding, mask rows, salts) all comes from a 32-byte secret seed. Whoever holds the
 * values and the seed recomputes the root: it works as a salted hash that proofs can refer to. A proof with
 * a hashed tensor carries the root in its statement and proves its claims on the tensor against this
 * commitment (one opening, at a uniform value). An input commitment hides {@link #INPUT_BUDGET} openings
 * (proofs that link to the same input); an output commitment is made for one proof.
 */
public final class HashedTensor {
    /** Openings one input commitment hides: proofs that may refer to it. */
    public static final int INPUT_BUDGET = 8;
    /** Openings an output commitment hides: the one proof that makes it. */
    public static final int OUTPUT_BUDGET = 1;
    public static final int SEED_BYTES = 32;

    /** Which tensor of a circuit: the input or the output. */
    public enum Role {
        INPUT("input", INPUT_BUDGET), OUTPUT("output", OUTPUT_BUDGET);

        final String label;
        final int budget;

        Role(String label, int budget) {
            this.label = label;
            this.budget = budget;
        }

        int tensor(Circuit c) {
            return this == INPUT ? c.input() : c.output();
        }
    }

    private HashedTensor() {}

    /** The committed table and the prover's data. */
    public record Committed(TableCommitment.Committed commitment, long[] table) {
        public byte[] root() {
            return commitment.root();
        }
    }

    /** Where the tensor sits in the committed table (its mask slot included). */
    public static WitnessLayout layout(Circuit circuit, Role role) {
        TensorInfo t = circuit.tensor(role.tensor(circuit));
        return Hiding.maskedLayout(WitnessLayout.of(new int[] {t.shape().numVars()}), role.budget);
    }

    /** Commits to the tensor's {@code values} (signed, logical order) with randomness from {@code seed}. */
    public static Committed commit(Circuit circuit, Role role, TableCommitment scheme, long[] values, byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("a seed has " + SEED_BYTES + " bytes, got " + seed.length);
        }
        TensorInfo t = circuit.tensor(role.tensor(circuit));
        if (values.length != t.shape().size()) {
            throw new IllegalArgumentException("the " + role.label + " has " + values.length + " values, the model's has " + t.shape().size());
        }
        long[] padded = Statement.field(t.shape().pad(values, 0));
        long[] table = Hiding.pack(layout(circuit, role), List.of(padded), ZkRandom.fromSeed(seed, "zkml4j/" + role.label + "/mask"));
        return new Committed(scheme.commit(table, role.budget, ZkRandom.fromSeed(seed, "zkml4j/" + role.label + "/commitment")), table);
    }
}
