package io.zkml4j.prover.engine;

import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.prover.layout.WitnessLayout;

/**
 * How the inference proof's two commitments hide (Ligero's t-wise independence, Ames et al. CCS'17 §4):
 * the per-proof witness commitment for its one opening, the model commitment for a budget fixed at setup.
 * {@link #NONE} (the {@code --no-zk} keys) commits without hiding.
 *
 * <p><b>Model commitment.</b> Budget {@code B} proofs; the Ligero commitment hides {@code B + 2} openings
 * (one per proof, one for the rotation that made the key, one for the rotation that retires it). Its
 * table carries a mask slot {@code R} of uniform entries that no claim refers to, so the value an opening
 * reveals, {@code F~(s*)} at a random point, is uniform. A rotation re-commits the same table (weights and
 * {@code R}) with fresh Ligero randomness, so {@code R} must hide every opening of the whole chain:
 * {@link #MAX_GENERATIONS} keys of {@code B + 2} openings, two base-field equations each.
 *
 * <p><b>Witness commitment.</b> The per-proof witness table (with a mask slot of 2 entries, so that its
 * opened value is uniform) and the pad table ({@code io.zkml4j.crypto.zk.Pads}), each opened once at a
 * point of its own. Committed together, the one opening has two groups of column coordinates and takes
 * the mask rows of two openings; committed apart (when two openings are smaller, see
 * {@link InferenceProver#padsApart}), each commitment hides one ({@link #witnessCommitmentOpenings}).
 *
 * <p>A hiding key proves in zero knowledge: every message about the witness or the weights is padded
 * ({@code io.zkml4j.crypto.hidden.HiddenChecks}), and the only values sent in the clear are the opened
 * values (uniform because of the mask slots) and the pad proof's (uniform by construction).
 *
 * <p><b>Public weights</b> ({@code publicWeights}): the verifying key carries the weights and the verifier
 * evaluates every claim on them itself; there is no model commitment to open, so no budget. Proofs are
 * still zero-knowledge about the input and the activations when {@code witnessOpenings} is 1.
 */
public record Hiding(int witnessOpenings, int weightOpenings, boolean publicWeights) {
    public static final Hiding NONE = new Hiding(0, 0, false);
    /** The largest opening budget of a model commitment. */
    public static final int MAX_BUDGET = 256;
    /** Keys in a chain of rotations (the first setup and its rotations) that one mask slot hides. */
    public static final int MAX_GENERATIONS = 64;

    public Hiding {
        boolean valid = witnessOpenings >= 0 && witnessOpenings <= 1 && weightOpenings >= 0 && weightOpenings <= MAX_BUDGET
                && (publicWeights ? weightOpenings == 0 : (witnessOpenings == 0) == (weightOpenings == 0));
        if (!valid) {
            throw new IllegalArgumentException("hiding: witness openings " + witnessOpenings + ", weight budget " + weightOpenings
                    + (publicWeights ? ", public weights" : "") + " (expected 0 and 0, or 1 and 1.." + MAX_BUDGET
                    + "; with public weights, no budget)");
        }
    }

    public Hiding(int witnessOpenings, int weightOpenings) {
        this(witnessOpenings, weightOpenings, false);
    }

    /** Hiding commitments, the model commitment good for {@code budget} proofs. */
    public static Hiding withBudget(int budget) {
        return new Hiding(1, budget);
    }

    /** Public weights (in the verifying key), proofs zero-knowledge about everything else or not at all. */
    public static Hiding withPublicWeights(boolean zeroKnowledge) {
        return new Hiding(zeroKnowledge ? 1 : 0, 0, true);
    }

    /** Whether the model commitment hides (and so has a budget). */
    public boolean enabled() {
        return weightOpenings > 0;
    }

    /** Whether proofs are zero-knowledge (padded messages and hiding commitments). */
    public boolean zeroKnowledge() {
        return witnessOpenings > 0;
    }

    /**
     * Openings the witness commitment hides: one, or two when the pad table is committed with the witness
     * (one opening of two tables takes two); also what a pad table committed apart hides.
     */
    public int witnessCommitmentOpenings(boolean padsApart) {
        return zeroKnowledge() ? (padsApart ? 1 : 2) * witnessOpenings : 0;
    }

    /** Openings the model commitment's Ligero randomness hides: the budget plus two for rotations. */
    public int weightCommitmentOpenings() {
        return enabled() ? weightOpenings + 2 : 0;
    }

    /** What the verifying-key digest binds. */
    String describe() {
        String weights = publicWeights ? " weights=public" : "";
        return zeroKnowledge() ? "zero-knowledge/v1 witness=" + witnessOpenings + " weights=" + weightOpenings + weights
                : "not-hiding" + weights;
    }

    /** The witness table's layout: {@code base} plus a mask slot for its opening (none without hiding). */
    WitnessLayout witnessLayout(WitnessLayout base) {
        return zeroKnowledge() ? base.withMask(maskVars(witnessOpenings)) : base;
    }

    /** The model commitment's layout: {@code base} plus a mask slot for every opening of a chain of rotations. */
    WitnessLayout weightLayout(WitnessLayout base) {
        return enabled() ? base.withMask(maskVars(MAX_GENERATIONS * weightCommitmentOpenings())) : base;
    }

    /** {@code base} with a mask slot for {@code openings} openings. */
    static WitnessLayout maskedLayout(WitnessLayout base, int openings) {
        return base.withMask(maskVars(openings));
    }

    /** Variables of a mask slot with {@code 2·openings} entries or more (one extension value per opening). */
    private static int maskVars(int openings) {
        return 32 - Integer.numberOfLeadingZeros(2 * openings - 1);
    }

    /** The table {@code layout} packs, its mask slot (if any) filled from {@code random} (null: zeros). */
    static long[] pack(WitnessLayout layout, java.util.List<long[]> vectors, ZkRandom random) {
        if (layout.mask() == null) {
            return layout.pack(vectors);
        }
        long[] mask = new long[layout.mask().size()];
        if (random != null) {
            random.fillField(mask, 0, mask.length);
        }
        return layout.pack(vectors, mask);
    }
}
