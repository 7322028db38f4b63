package io.zkml4j.prover.engine;

import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.TensorInfo;
import io.zkml4j.prover.layout.WitnessLayout;

import java.util.List;

/**
 * The commitment of a {@code hashed} input: a hiding Ligero commitment to the table
 * {@code X = [x | μ]} (the input, padded, and a mask slot μ that no claim refers to), whose randomness (μ,
 * row padding, mask rows, salts) all comes from a 32-byte secret seed. Whoever holds the input and the seed
 * recomputes the root: it works as a salted hash of the input that proofs can refer to. A proof with a
 * hashed input carries the root in its statement and proves its claims on the input against this
 * commitment (one opening, at a uniform value); proofs that carry the same root are about the same input.
 * The commitment hides {@link #BUDGET} openings: past that, make a new seed (a new commitment).
 */
public final class InputCommitment {
    /** Openings one input commitment hides: proofs that may refer to it. */
    public static final int BUDGET = 8;
    public static final int SEED_BYTES = 32;

    private InputCommitment() {}

    /** The committed table and the prover's data. */
    public record Committed(TableCommitment.Committed commitment, long[] table) {
        public byte[] root() {
            return commitment.root();
        }
    }

    /** Where the input sits in the committed table (its mask slot included). */
    public static WitnessLayout layout(Circuit circuit) {
        TensorInfo in = circuit.tensor(circuit.input());
        return Hiding.maskedLayout(WitnessLayout.of(new int[] {in.shape().numVars()}), BUDGET);
    }

    /** Commits to {@code input} (signed, logical order) with randomness from {@code seed}. */
    public static Committed commit(Circuit circuit, TableCommitment scheme, long[] input, byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("an input seed has " + SEED_BYTES + " bytes, got " + seed.length);
        }
        TensorInfo in = circuit.tensor(circuit.input());
        if (input.length != in.shape().size()) {
            throw new IllegalArgumentException("the input has " + input.length + " values, the model's has " + in.shape().size());
        }
        long[] padded = Statement.field(in.shape().pad(input, 0));
        long[] table = Hiding.pack(layout(circuit), List.of(padded), ZkRandom.fromSeed(seed, "zkml4j/input/mask"));
        return new Committed(scheme.commit(table, BUDGET, ZkRandom.fromSeed(seed, "zkml4j/input/commitment")), table);
    }
}
