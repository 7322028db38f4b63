package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.transcript.Transcript;

import java.util.Arrays;

/**
 * Parameters of the Ligero polynomial commitment: the Reed–Solomon rate, the number of column queries
 * (derived from a security target), proof-of-work grinding, leaf salting, and the choice of matrix shape.
 *
 * <h2>Soundness bound</h2>
 * Let {@code ρ = 2^-L} be the rate, {@code N} the codeword length, {@code k = ρN} the message length
 * (the number of matrix columns), and {@code δ = (1-ρ)/2}, the unique-decoding radius of
 * {@code RS[N, k]} (minimum distance {@code N-k+1}). Let {@code U} be the committed encoded matrix
 * ({@code R} rows) and {@code |E| = p^2 ≈ 2^128} the size of the challenge field. The opening has two
 * challenge rounds and we bound each round's error (round-by-round soundness, which is what a
 * Fiat–Shamir attacker with {@code Q} hash queries multiplies by {@code Q}):
 * <ol>
 *   <li><b>Batching round</b> (λ and γ, drawn after the commitment, points and claimed values are
 *   absorbed). (a) If {@code U} is δ-far from the interleaved code, then {@code γᵀU} for uniform
 *   {@code γ ∈ E^R} is δ-close to the code with probability at most {@code (N+1)/|E|}: with probability
 *   {@code 1 - 1/|E|} we have {@code γ_1 ≠ 0}, and then {@code γᵀU/γ_1} is uniform on the affine space
 *   {@code u_1 + span(u_2..u_R)}, for which Ben-Sasson, Carmon, Ishai, Kopparty and Saraf, "Proximity
 *   gaps for Reed–Solomon codes" (FOCS 2020, eprint 2020/654), Theorems 1.2 and 1.6 (correlated
 *   agreement over affine spaces, unique-decoding regime {@code δ ≤ (1-ρ)/2}) give error
 *   {@code ε = N/|E|}. (b) If {@code U} is δ-close, it decodes uniquely to message rows {@code M*}; if
 *   a claimed value differs from the evaluation of {@code M*}, the λ-combination of the claims of its
 *   group equals the true combination for at most a {@code 1/|E|} fraction of λ. Error:
 *   {@code ε_1 <= (N + 2 + groups)/|E|}.</li>
 *   <li><b>Query round</b> (after the rows and the grinding nonce). If round 1 went badly for the
 *   prover, then some sent row, encoded, disagrees with the matching combination of {@code U}'s columns
 *   on more than {@code δN} positions: for the proximity row because {@code Δ(γᵀU, RS) > δ}; for a wrong
 *   evaluation row because it differs from the true combination of {@code M*} in at least
 *   {@code N-k+1} positions while {@code U} differs from {@code M*} in at most {@code δN} columns, so
 *   they agree on at most {@code k-1+δN < (ρ+δ)N = (1-δ)N} positions. Each of {@code t} distinct uniform
 *   queries then passes with probability below {@code 1-δ}: {@code ε_2 <= (1-δ)^t}, and grinding
 *   {@code g} bits multiplies the attacker's cost per attempt by {@code 2^g}.</li>
 * </ol>
 * <h2>Openings at challenge points (no proximity row)</h2>
 * With {@link Builder#challengePoints(boolean)} the caller promises that every coordinate of every opened
 * point that selects rows (the high coordinates {@code r_{b'}..r_{n_k-1}}) is a distinct verifier
 * challenge drawn from {@code E} after the commitment was absorbed (as at the end of a sumcheck). Then
 * the evaluation rows test proximity themselves and no proximity row is sent (Diamond and Posen,
 * "Proximity testing with logarithmic randomness", eprint 2023/630, the tensor test that Binius uses).
 * Round 1 then reads: (a) the verifier's checks on all groups imply the check on their sum, whose row
 * weights are {@code c = (λ_k·eqHigh_k)_k ‖ Σ_g μ_g}. Fold {@code U}'s blocks one challenge at a time
 * (in the order drawn): folding coordinate {@code r} of a block is the line {@code X + r·Y} with
 * {@code X = [A_0; rest]}, {@code Y = [A_1 - A_0; 0]} in the interleaved code. <i>Lemma</i>: if more
 * than {@code N} values of {@code r} make {@code X + r·Y} δ-close to {@code C^m}, then {@code [X; Y]} is
 * δ-close to {@code C^{2m}}. (Each row pair has correlated agreement, BCIKS Theorem 1.2, with codewords
 * {@code a_i, b_i}; by unique decoding the codeword near {@code X_i + rY_i} is {@code a_i + r·b_i} for
 * every good {@code r}; a column {@code j} where some row differs from {@code (a_i, b_i)} is a
 * disagreement for all but one {@code r}, so with {@code G > N} good values the set {@code D} of such
 * columns has {@code |D|·(G-1) <= δN·G}, i.e. {@code |D| <= δN}.) Since {@code [X; Y]} is an invertible
 * row transform of the block before folding, a δ-far {@code U} stays δ-far through each fold except
 * with probability {@code N/|E|}; the folded rows {@code (eqHigh_kᵀ·M_k)_k} and {@code Z} are then
 * combined by uniform {@code λ, Σμ_g}, as in (a) above. With {@code F = Σ_k (n_k - b'_k)} folds:
 * {@code ε_1 <= (F·N + N + 2 + groups)/|E|}. (b) and round 2 are unchanged (the sum of the evaluation
 * rows plays the proximity row). The shape keeps the proximity row when this bound misses the target
 * ({@link #challengePointBatchingBits}). A point with fixed row coordinates (a Boolean one, say) would
 * leave rows untested: only callers whose points are challenges may use these parameters.
 *
 * <h2>Committed evaluation rows</h2>
 * With {@link Builder#committedRows(boolean)} (only for challenge points), a shape without a proximity row
 * may commit its evaluation rows instead of sending them, and prove the verifier's linear checks on them
 * (the claim check and the row check at every opened column) with one sumcheck and one opening of that
 * row commitment ({@link LigeroRowArgument}, one level of Ligerito's recursion). The row commitment is
 * absorbed where the rows were, before the proof of work and the queries, so its extracted rows play the
 * sent rows in round 2 above; the argument adds {@code (1 + 2(log G + log k'))/|E|} and the row
 * commitment's own opening error (these parameters at challenge points, the same target). A shape commits
 * its rows where the estimate below says that is smaller ({@link #savedByCommittedRows}); then the row
 * part of the estimate is the root, the sumcheck, the values and the row commitment's estimated opening,
 * and {@link #columnsLog} moves to wider rows (for {@code 2^22} entries at 100 bits: {@code b = 16} instead
 * of 14, and an opening of about 230 KB instead of 560 KB).
 *
 * {@link #securityBits()} is {@code ⌊min(-log2 ε_1, g + t·log2(1/(1-δ)))⌋} at the largest supported
 * codeword ({@code 2^}{@link #MAX_CODEWORD_LOG}) and batch ({@link #MAX_POLYNOMIALS}); the query count
 * is the least {@code t} with {@code g + t·log2(1/(1-δ)) >= target}. At rate 1/4, {@code δ = 3/8} and
 * each query gives {@code log2(8/5) ≈ 0.678} bits: 148 queries for 100 bits, 124 after 16 bits of grinding. When {@code t >= N} every
 * column is opened and the query round is exact.
 *
 * <h2>Matrix shape</h2>
 * All committed polynomials share one column count {@code 2^b}: polynomial {@code k} becomes
 * {@code 2^max(n_k-b, 0)} rows (its low {@code b} variables index the columns, little-endian), a
 * polynomial with {@code n_k < b} one zero-padded row; the rows are stacked in commit order. {@link
 * #columnsLog} picks the {@code b} minimizing the expected proof size: {@code (m+1)·2^b} extension
 * elements of rows ({@code m} = number of polynomials, assumed opened at distinct points; {@code m·2^b}
 * without a proximity row), {@code t·R}
 * base elements of opened columns, and about {@code t·(log2 N - log2 t)} Merkle nodes. For one
 * polynomial of {@code 2^20} entries at 100 bits that is {@code b = 13}: 128 rows of 8192 columns.
 */
public final class LigeroParameters {
    /** The largest codeword length is {@code 2^MAX_CODEWORD_LOG}. */
    public static final int MAX_CODEWORD_LOG = 24;
    /** The encoded matrix has at most {@code 2^30} entries (one Java array). */
    public static final int MAX_ENCODED_LOG = 30;
    /** At most this many polynomials in one commitment. */
    public static final int MAX_POLYNOMIALS = 1 << 16;
    /** A hiding commitment hides at most this many openings. */
    public static final int MAX_HIDING_OPENINGS = 1024;
    /** At most this many variables per polynomial. */
    public static final int MAX_VARIABLES = 28;

    /** log2 of the extension field size p^2. */
    static final double LOG2_EXTENSION_FIELD = 2 * Math.log(Math.scalb(1.0, 64) - Math.scalb(1.0, 32)) / Math.log(2);

    /** 100 bits at rate 1/4, no grinding, unsalted leaves: 148 queries. */
    public static final LigeroParameters SECURE_100 = builder().targetSecurityBits(100).build();

    /**
     * 100 bits at rate 1/4 from 16 bits of proof of work and 124 queries: about 9% smaller proofs than
     * {@link #SECURE_100} for about 2^16 hashes per opening (tens of milliseconds).
     */
    public static final LigeroParameters SECURE_100_POW_16 = builder().targetSecurityBits(100).grindingBits(16).build();

    /**
     * <b>Testing only, insecure</b>: a 12-bit target (18 queries) so unit tests run fast. Never use it
     * for a real proof; {@link #isTestingOnly()} lets callers (the CLI) refuse it.
     */
    public static final LigeroParameters TESTING_ONLY_INSECURE =
            builder().targetSecurityBits(12).testingOnlyInsecure().build();

    private final int logInverseRate;
    private final int targetSecurityBits;
    private final int grindingBits;
    private final boolean saltedLeaves;
    private final boolean testingOnly;
    private final boolean challengePoints;
    private final boolean committedRows;
    private final int queries;

    private LigeroParameters(Builder b) {
        this.logInverseRate = b.logInverseRate;
        this.targetSecurityBits = b.targetSecurityBits;
        this.grindingBits = b.grindingBits;
        this.saltedLeaves = b.saltedLeaves;
        this.testingOnly = b.testingOnly;
        this.challengePoints = b.challengePoints;
        this.committedRows = b.committedRows;
        double perQuery = bitsPerQuery(logInverseRate);
        this.queries = Math.max(1, (int) Math.ceil((targetSecurityBits - grindingBits) / perQuery - 1e-9));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these parameters. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.logInverseRate = logInverseRate;
        b.targetSecurityBits = targetSecurityBits;
        b.grindingBits = grindingBits;
        b.saltedLeaves = saltedLeaves;
        b.testingOnly = testingOnly;
        b.challengePoints = challengePoints;
        b.committedRows = committedRows;
        return b;
    }

    /** These parameters for openings at challenge points (see the class comment). */
    public LigeroParameters withChallengePoints() {
        return challengePoints ? this : toBuilder().challengePoints(true).build();
    }

    /** {@code log2(1/(1-δ))} with {@code δ = (1-ρ)/2}, {@code ρ = 2^-L}. */
    static double bitsPerQuery(int logInverseRate) {
        return bitsPerQueryAtRate(Math.scalb(1.0, -logInverseRate));
    }

    /** {@code log2(1/(1-δ))} with {@code δ = (1-ρ)/2} at rate {@code ρ}. */
    static double bitsPerQueryAtRate(double rho) {
        double delta = (1 - rho) / 2;
        return -Math.log(1 - delta) / Math.log(2);
    }

    public int logInverseRate() {
        return logInverseRate;
    }

    public int inverseRate() {
        return 1 << logInverseRate;
    }

    /** The proximity parameter {@code δ = (1-ρ)/2}. */
    public double proximityParameter() {
        return (1 - Math.scalb(1.0, -logInverseRate)) / 2;
    }

    public int targetSecurityBits() {
        return targetSecurityBits;
    }

    public int grindingBits() {
        return grindingBits;
    }

    /** Whether Merkle leaves carry random salts (the hiding seam; not zero knowledge on its own). */
    public boolean saltedLeaves() {
        return saltedLeaves;
    }

    /** True for {@link #TESTING_ONLY_INSECURE} and anything built with {@link Builder#testingOnlyInsecure()}. */
    public boolean isTestingOnly() {
        return testingOnly;
    }

    /** Whether openings are at challenge points and so may omit the proximity row (see the class comment). */
    public boolean challengePoints() {
        return challengePoints;
    }

    /** These parameters with openings that commit their evaluation rows where that is smaller ({@link LigeroRowArgument}). */
    public LigeroParameters withCommittedRows() {
        return committedRows ? this : toBuilder().committedRows(true).build();
    }

    /** Whether openings without a proximity row may commit their evaluation rows ({@link LigeroRowArgument}). */
    public boolean committedRows() {
        return committedRows;
    }

    /**
     * The parameters of a row commitment: these, at challenge points, rows sent in the clear, and at most
     * {@link #ROW_COMMITMENT_GRINDING_BITS} bits of proof of work (more queries instead: the rows are small).
     */
    LigeroParameters rowCommitmentParameters() {
        return toBuilder().committedRows(false).challengePoints(true)
                .grindingBits(Math.min(grindingBits, ROW_COMMITMENT_GRINDING_BITS)).build();
    }

    /** Proof-of-work bits of a row commitment's opening: 2^8 hashes, where 16 bits cost 13 ms on two cores. */
    static final int ROW_COMMITMENT_GRINDING_BITS = 8;

    /** The number of column queries {@code t}. */
    public int queries() {
        return queries;
    }

    /** Bits from the query round: {@code g + t·log2(1/(1-δ))}. */
    public double querySecurityBits() {
        return grindingBits + queries * bitsPerQuery(logInverseRate);
    }

    /** Bits from the batching round: {@code -log2((N + 2 + groups)/|E|)}. */
    public static double batchingSecurityBits(int codewordLog, int groups) {
        return LOG2_EXTENSION_FIELD - Math.log(Math.scalb(1.0, codewordLog) + 2 + groups) / Math.log(2);
    }

    /**
     * Bits from the batching round of an opening at challenge points without a proximity row:
     * {@code -log2((F·N + N + 2 + groups)/|E|)} for {@code F} folds (see the class comment).
     */
    public static double challengePointBatchingBits(int codewordLog, int folds, int groups) {
        double n = Math.scalb(1.0, codewordLog);
        return LOG2_EXTENSION_FIELD - Math.log((folds + 1.0) * n + 2 + groups) / Math.log(2);
    }

    /** Whether an opening with {@code folds} row coordinates and this codeword can omit the proximity row. */
    boolean omitsProximityRow(int codewordLog, int folds, int groups) {
        return challengePoints && challengePointBatchingBits(codewordLog, folds, groups) >= targetSecurityBits;
    }

    /** The soundness of one opening in bits, at the largest supported codeword and batch (see class comment). */
    public int securityBits() {
        return (int) Math.floor(Math.min(querySecurityBits(), batchingSecurityBits(MAX_CODEWORD_LOG, MAX_POLYNOMIALS)));
    }

    /**
     * The column count {@code log2} for polynomials with these numbers of variables: the {@code b} with
     * the smallest expected proof (see class comment), ties to the smaller {@code b}.
     *
     * @throws IllegalArgumentException if no shape fits the size limits
     */
    public int columnsLog(int[] numVariables) {
        return columnsLog(numVariables, 0);
    }

    /** {@link #columnsLog(int[])} for a commitment that hides {@code hidingOpenings} openings. */
    public int columnsLog(int[] numVariables, int hidingOpenings) {
        return columnsLog(numVariables, LigeroShape.fullLengths(numVariables), hidingOpenings);
    }

    /** {@link #columnsLog(int[], int)} for prefix polynomials: only the first {@code lengths[k]} entries of polynomial k may be nonzero. */
    public int columnsLog(int[] numVariables, int[] lengths, int hidingOpenings) {
        return bestShape(numVariables, lengths, hidingOpenings).columnsLog();
    }

    /**
     * The expected size in bytes of one opening of these prefix polynomials (each at its own point) at the
     * shape {@link #columnsLog(int[], int[], int)} picks: the estimate of the class comment.
     */
    public double estimatedOpeningBytes(int[] numVariables, int[] lengths, int hidingOpenings) {
        return bestShape(numVariables, lengths, hidingOpenings).bytes();
    }

    private record Best(int columnsLog, double bytes) {}

    private Best bestShape(int[] numVariables, int[] lengths, int hidingOpenings) {
        int maxVars = 0;
        for (int n : numVariables) {
            maxVars = Math.max(maxVars, n);
        }
        int best = -1;
        double bestSize = Double.MAX_VALUE;
        for (int b = 0; b <= maxVars && b + logInverseRate <= MAX_CODEWORD_LOG; b++) {
            LigeroShape.Code code;
            try {
                code = LigeroShape.code(b, hidingOpenings, this);
            } catch (IllegalArgumentException e) {
                continue;
            }
            boolean proximityRow = LigeroShape.sendsProximityRow(numVariables, b, code.codewordLog(), this);
            long rows = LigeroShape.totalRowsOfLengths(lengths, b, LigeroShape.maskRows(hidingOpenings, proximityRow));
            if (rows > (1L << (MAX_ENCODED_LOG - code.codewordLog()))) {
                continue;
            }
            double size = estimatedProofBytes(numVariables.length + (proximityRow ? 1 : 0), rows, b, code)
                    - savedByCommittedRows(numVariables.length, (1 << b) + code.padding(), proximityRow);
            if (size < bestSize) {
                bestSize = size;
                best = b;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("polynomials too large for one Ligero matrix (at most 2^"
                    + (MAX_ENCODED_LOG - logInverseRate) + " entries)");
        }
        return new Best(best, bestSize);
    }

    /**
     * Bytes that committing the evaluation rows saves over sending them ({@link LigeroRowArgument}): 0
     * unless the parameters allow it, the opening has no proximity row and the estimate is smaller. The
     * estimate: a root, the sumcheck, the row commitment's values and its opening against {@code groups}
     * rows of {@code messageLength} extension elements.
     */
    double savedByCommittedRows(int groups, int messageLength, boolean proximityRow) {
        if (!committedRows || proximityRow || 2L * groups > MAX_POLYNOMIALS) {
            return 0; // (a row commitment holds the rows' two coordinates as polynomials of its own)
        }
        double sent = groups * 16.0 * messageLength;
        int rowVars = LigeroProver.variablesFor(messageLength);
        int stackedVars = rowVars + LigeroProver.variablesFor(groups);
        int[] vars = new int[2 * groups];
        int[] lengths = new int[2 * groups];
        Arrays.fill(vars, rowVars);
        Arrays.fill(lengths, messageLength);
        double committed = 32 + 16.0 * 3 * stackedVars + 16.0 * 2 * groups
                + rowCommitmentParameters().estimatedOpeningBytes(vars, lengths, 0);
        return Math.max(0, sent - committed);
    }

    /** Expected proof bytes for {@code m} polynomials stacked into {@code rows} rows of {@code 2^b} columns, with a proximity row. */
    double estimatedProofBytes(int m, long rows, int b) {
        return estimatedProofBytes(m + 1, rows, b, LigeroShape.code(b, 0, this));
    }

    /** Expected proof bytes with {@code sentRows} rows sent (evaluation rows, and the proximity row if any). */
    private double estimatedProofBytes(int sentRows, long rows, int b, LigeroShape.Code code) {
        int codewordLog = code.codewordLog();
        long t = code.queries();
        double rowBytes = sentRows * 16.0 * (Math.scalb(1.0, b) + code.padding());
        double columnBytes = 8.0 * t * rows;
        double merkleNodes = t * Math.max(0.0, codewordLog - Math.log(t) / Math.log(2));
        double saltBytes = saltedLeaves || code.padding() > 0 ? 32.0 * t : 0;
        return rowBytes + columnBytes + 32 * merkleNodes + saltBytes;
    }

    /** Absorbs every parameter (prover and verifier both call this first). */
    void absorbInto(Transcript transcript) {
        transcript.absorbLong("ligero/log-inverse-rate", logInverseRate);
        transcript.absorbLong("ligero/queries", queries);
        transcript.absorbLong("ligero/grinding-bits", grindingBits);
        transcript.absorbLong("ligero/target-security-bits", targetSecurityBits);
        transcript.absorbLong("ligero/salted-leaves", saltedLeaves ? 1 : 0);
        transcript.absorbLong("ligero/challenge-points", challengePoints ? 1 : 0);
        transcript.absorbLong("ligero/committed-rows", committedRows ? 1 : 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LigeroParameters p && p.logInverseRate == logInverseRate
                && p.targetSecurityBits == targetSecurityBits && p.grindingBits == grindingBits
                && p.saltedLeaves == saltedLeaves && p.testingOnly == testingOnly && p.challengePoints == challengePoints
                && p.committedRows == committedRows;
    }

    @Override
    public int hashCode() {
        return ((logInverseRate * 31 + targetSecurityBits) * 31 + grindingBits) * 16 + (committedRows ? 8 : 0)
                + (challengePoints ? 4 : 0) + (saltedLeaves ? 2 : 0) + (testingOnly ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Ligero(rate 1/" + inverseRate() + ", " + queries + " queries, " + grindingBits + " grinding bits, "
                + securityBits() + "-bit security" + (saltedLeaves ? ", salted" : "")
                + (challengePoints ? ", opened at challenge points" : "")
                + (committedRows ? ", committed rows" : "")
                + (testingOnly ? ", TESTING ONLY, INSECURE" : "") + ")";
    }

    /** Validating builder; defaults: rate 1/4, 100-bit target, no grinding, unsalted. */
    public static final class Builder {
        private int logInverseRate = 2;
        private int targetSecurityBits = 100;
        private int grindingBits;
        private boolean saltedLeaves;
        private boolean testingOnly;
        private boolean challengePoints;
        private boolean committedRows;

        private Builder() {}

        /** Inverse rate {@code 2^logInverseRate}, from 2 to 2^8. */
        public Builder logInverseRate(int logInverseRate) {
            this.logInverseRate = logInverseRate;
            return this;
        }

        /** The security target in bits; the query count is derived from it. */
        public Builder targetSecurityBits(int bits) {
            this.targetSecurityBits = bits;
            return this;
        }

        /** Proof-of-work bits before the queries (each bit saves {@code 1/log2(1/(1-δ))} queries). */
        public Builder grindingBits(int bits) {
            this.grindingBits = bits;
            return this;
        }

        public Builder saltedLeaves(boolean salted) {
            this.saltedLeaves = salted;
            return this;
        }

        /**
         * Openings at challenge points only: no proximity row where the tensor bound allows (see the class
         * comment). Only for callers whose opened points' row coordinates are fresh verifier challenges.
         */
        public Builder challengePoints(boolean challengePoints) {
            this.challengePoints = challengePoints;
            return this;
        }

        /**
         * Openings without a proximity row commit their evaluation rows and prove them with a sumcheck
         * where that is smaller ({@link LigeroRowArgument}); only with {@link #challengePoints(boolean)}.
         */
        public Builder committedRows(boolean committedRows) {
            this.committedRows = committedRows;
            return this;
        }

        /** Allows a target below 80 bits, and marks the parameters as testing-only. */
        public Builder testingOnlyInsecure() {
            this.testingOnly = true;
            return this;
        }

        public LigeroParameters build() {
            if (logInverseRate < 1 || logInverseRate > 8) {
                throw new IllegalArgumentException("inverse rate must be 2^1..2^8, got 2^" + logInverseRate);
            }
            if (grindingBits < 0 || grindingBits > 32) {
                throw new IllegalArgumentException("grinding bits must be in [0, 32], got " + grindingBits);
            }
            double maxBits = batchingSecurityBits(MAX_CODEWORD_LOG, MAX_POLYNOMIALS);
            if (targetSecurityBits < 1 || targetSecurityBits > maxBits) {
                throw new IllegalArgumentException("security target " + targetSecurityBits + " bits outside [1, "
                        + (int) maxBits + "] (the batching round over F_p^2 gives at most that)");
            }
            if (targetSecurityBits < 80 && !testingOnly) {
                throw new IllegalArgumentException("a security target of " + targetSecurityBits
                        + " bits is insecure; use testingOnlyInsecure() to build it for tests");
            }
            if (grindingBits >= targetSecurityBits) {
                throw new IllegalArgumentException("grinding bits must be below the security target");
            }
            if (committedRows && !challengePoints) {
                throw new IllegalArgumentException("committed rows need openings at challenge points (no proximity row)");
            }
            return new LigeroParameters(this);
        }
    }
}
