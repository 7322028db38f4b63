package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Goldilocks;

/**
 * The prover's messages of a sumcheck: for each round k (variable k), the round polynomial's values at
 * {@code 0, 1, ..., d} as interleaved extension pairs ({@code 2(d+1)} longs). Arrays are not copied;
 * treat them as immutable.
 *
 * <p>Encoding: for each round, a count-prefixed extension vector ({@link ProofWriter#writeExts}). The
 * number of rounds is not written: it is the statement's {@code numVars}.
 */
public record SumcheckProof(long[][] roundPolynomials) {
    public SumcheckProof {
        if (roundPolynomials == null) {
            throw new IllegalArgumentException("null round polynomials");
        }
        for (int k = 0; k < roundPolynomials.length; k++) {
            long[] m = roundPolynomials[k];
            if (m == null || (m.length & 1) != 0) {
                throw new IllegalArgumentException("round " + k + ": not an interleaved extension vector");
            }
            for (long x : m) {
                if (!Goldilocks.isCanonical(x)) {
                    throw new IllegalArgumentException("round " + k + ": non-canonical field element");
                }
            }
        }
    }

    public int numRounds() {
        return roundPolynomials.length;
    }

    public void writeTo(ProofWriter w) {
        for (long[] m : roundPolynomials) {
            w.writeExts(m);
        }
    }

    /**
     * Reads {@code numVars} round polynomials of exactly {@code degree + 1} values each. A round with more
     * values is rejected as "degree too high" before anything is allocated for it.
     */
    public static SumcheckProof readFrom(ProofReader r, int numVars, int degree) throws ProofRejectedException {
        checkShape(numVars, degree);
        long[][] rounds = new long[numVars][];
        for (int k = 0; k < numVars; k++) {
            int count = r.readInt("sumcheck round " + k + " length");
            checkCount(k, count, degree);
            long[] m = new long[2 * count]; // count == degree + 1, already bounded
            for (int i = 0; i < m.length; i++) {
                m[i] = r.readField("sumcheck round " + k);
            }
            rounds[k] = m;
        }
        return new SumcheckProof(rounds);
    }

    static void checkShape(int numVars, int degree) {
        if (numVars < 0 || numVars > MultilinearTable.MAX_VARS) {
            throw new IllegalArgumentException("numVars " + numVars + " outside [0, " + MultilinearTable.MAX_VARS + "]");
        }
        if (degree < 1 || degree > SumOfProducts.MAX_DEGREE + 1) {
            throw new IllegalArgumentException("degree " + degree + " outside [1, " + (SumOfProducts.MAX_DEGREE + 1) + "]");
        }
    }

    /** Rejects a round message that does not hold exactly {@code degree + 1} evaluations. */
    static void checkCount(int round, int count, int degree) throws ProofRejectedException {
        if (count > degree + 1) {
            throw new ProofRejectedException("sumcheck round " + round + ": " + count
                    + " evaluations, degree too high (expected " + (degree + 1) + " for degree " + degree + ")");
        }
        if (count < degree + 1) {
            throw new ProofRejectedException("sumcheck round " + round + ": " + count
                    + " evaluations, too few (expected " + (degree + 1) + " for degree " + degree + ")");
        }
    }
}
