package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.ExtArrays;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.ntt.ReedSolomon;
import io.zkml4j.crypto.poly.Multilinear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matrix layout of one commitment, and the weight vectors that prover and verifier both derive from
 * it (so neither can disagree with the other about them).
 *
 * <p>Polynomial {@code k} with {@code n_k} variables, of which only the first {@code len_k} entries may be
 * nonzero (a prefix polynomial; {@code len_k = 2^n_k} for a full one), occupies rows {@code [rowOffset[k],
 * rowOffset[k] + rows[k])} of the stacked message matrix, {@code rows[k] = max(1, ⌈len_k / 2^b⌉)}: the rows
 * past its prefix are zero and not committed (both sides know them). Entry {@code i} of its table
 * sits in row {@code i >> b}, column {@code i & (2^b-1)} (for {@code n_k < b}: row 0, the rest of the row
 * zero). So at a point {@code r}, {@code f_k~(r) = Σ_row eqHigh[row] · Σ_col eqLow[col] · M[row][col]} with
 * {@code eqLow = eq(r_0..r_{b'-1})} zero-padded to {@code 2^b} ({@code b' = min(n_k, b)}) and
 * {@code eqHigh = eq(r_{b'}..r_{n_k-1})}.
 */
final class LigeroShape {
    final int[] numVariables;
    /** Entries of each polynomial that may be nonzero (its prefix; {@code 2^n_k} when full). */
    final int[] lengths;
    final int columnsLog;
    final int columns;
    /** How many openings this commitment hides (0: not hiding, the v1 code). */
    final int hidingOpenings;
    /** Random coefficients appended to every row: {@code ℓ = h·t}. */
    final int padding;
    /** Coefficients per row: {@code k' = 2^b + ℓ}; sent rows have this length. */
    final int messageLength;
    /** {@code log2} of the power of two {@code >= k'} that the encoder transforms. */
    final int encodeLog;
    final int codewordLog;
    final int codewordLength;
    final int[] rows;
    final int[] rowOffset;
    /** Rows of the committed polynomials; the {@link #maskRows} follow them. */
    final int polynomialRows;
    /** Uniformly random rows ({@link #maskRows(int, boolean)}) that mask every revealed row combination. */
    final int maskRows;
    final int totalRows;
    /** Whether openings send the proximity row (always, unless the parameters allow omitting it here). */
    final boolean proximityRow;
    /** Whether openings commit their evaluation rows instead of sending them ({@link LigeroRowArgument}). */
    final boolean committedRows;
    /** Column queries: {@code min(t, N)} without hiding, the hiding fixed point with it. */
    final int queries;
    /** Merkle leaves carry salts (always when hiding). */
    final boolean salted;

    /** The code of one row: codeword length, encoder size, query count and padding. */
    record Code(int codewordLog, int encodeLog, int queries, int padding) {}

    private LigeroShape(int[] numVariables, int[] lengths, int columnsLog, int hidingOpenings, Code code, boolean proximityRow,
                        LigeroParameters params) {
        this.numVariables = numVariables.clone();
        this.lengths = lengths.clone();
        this.columnsLog = columnsLog;
        this.columns = 1 << columnsLog;
        this.hidingOpenings = hidingOpenings;
        this.padding = code.padding();
        this.messageLength = columns + padding;
        this.encodeLog = code.encodeLog();
        this.codewordLog = code.codewordLog();
        this.codewordLength = 1 << codewordLog;
        this.rows = new int[numVariables.length];
        this.rowOffset = new int[numVariables.length];
        int offset = 0;
        for (int k = 0; k < numVariables.length; k++) {
            rows[k] = rowsOf(lengths[k], columnsLog);
            rowOffset[k] = offset;
            offset += rows[k];
        }
        this.polynomialRows = offset;
        this.proximityRow = proximityRow;
        this.maskRows = maskRows(hidingOpenings, proximityRow);
        this.totalRows = offset + maskRows;
        this.queries = code.queries();
        this.salted = params.saltedLeaves() || hidingOpenings > 0;
        this.committedRows = params.savedByCommittedRows(numVariables.length, messageLength, proximityRow) > 0;
    }

    /**
     * Mask rows for {@code h} hidden openings of one group each: two base rows per revealed extension row,
     * so {@code 4h} with the proximity row (two rows per opening) and {@code 2h} without.
     */
    static int maskRows(int hidingOpenings, boolean proximityRow) {
        return (proximityRow ? 4 : 2) * hidingOpenings;
    }

    /**
     * Whether openings of these polynomials at {@code 2^b} columns and codewords of {@code 2^codewordLog} send
     * the proximity row: always, unless the parameters are for challenge points and the tensor test's bound
     * meets the target with {@code F = Σ_k (n_k - min(n_k, b))} folds (see {@link LigeroParameters}; the group
     * count is at most the polynomial count).
     */
    static boolean sendsProximityRow(int[] numVariables, int b, int codewordLog, LigeroParameters params) {
        int folds = 0;
        for (int n : numVariables) {
            folds += Math.max(0, n - b);
        }
        return !params.omitsProximityRow(codewordLog, folds, numVariables.length);
    }

    /** Rows of a polynomial whose first {@code length} entries may be nonzero, at {@code 2^b} columns. */
    static int rowsOf(int length, int b) {
        return Math.max(1, (int) ((length + (1L << b) - 1) >> b));
    }

    /** Stacked row count for polynomials of these prefix lengths at {@code 2^b} columns, plus {@code maskRows}. */
    static long totalRowsOfLengths(int[] lengths, int b, int maskRows) {
        long rows = maskRows;
        for (int len : lengths) {
            rows += rowsOf(len, b);
        }
        return rows;
    }

    /** Stacked row count for full polynomials of these sizes at {@code 2^b} columns (no mask rows). */
    static long totalRows(int[] numVariables, int b) {
        return totalRowsOfLengths(fullLengths(numVariables), b, 0);
    }

    /** {@code 2^n_k} for every polynomial (capped at 2^30 for out-of-range sizes, which {@link #of} rejects). */
    static int[] fullLengths(int[] numVariables) {
        int[] lengths = new int[numVariables.length];
        for (int k = 0; k < lengths.length; k++) {
            lengths[k] = 1 << Math.max(0, Math.min(numVariables[k], 30));
        }
        return lengths;
    }

    /**
     * The row code at {@code 2^b} columns. Without hiding: {@code RS[2^(b+L), 2^b]} and the parameters'
     * {@code t}. Hiding {@code h} openings: each row gets {@code ℓ = h·t} random coefficients, so the code
     * is {@code RS[N, k' = 2^b + h·t]} and {@code t} must meet the target at its rate {@code k'/N}: the
     * least fixed point of {@code t = ⌈(target - g)/log2(1/(1-δ(k'/N)))⌉}, at the shortest codeword
     * {@code N >= 2^(b+L)} where one exists with {@code k' <= N/2}.
     *
     * @throws IllegalArgumentException if no codeword up to {@code 2^MAX_CODEWORD_LOG} fits
     */
    static Code code(int columnsLog, int hidingOpenings, LigeroParameters params) {
        int base = columnsLog + params.logInverseRate();
        if (hidingOpenings == 0) {
            return new Code(base, columnsLog, Math.min(params.queries(), 1 << Math.min(base, 30)), 0);
        }
        if (hidingOpenings < 0 || hidingOpenings > LigeroParameters.MAX_HIDING_OPENINGS) {
            throw new IllegalArgumentException("hiding openings must be 0 to " + LigeroParameters.MAX_HIDING_OPENINGS
                    + ", got " + hidingOpenings);
        }
        double target = params.targetSecurityBits() - params.grindingBits();
        for (int c = base; c <= LigeroParameters.MAX_CODEWORD_LOG; c++) {
            double n = Math.scalb(1.0, c);
            int t = 1;
            for (int iteration = 0; iteration < 200; iteration++) {
                double k = (1 << columnsLog) + (double) hidingOpenings * t;
                if (2 * k > n) {
                    break;
                }
                int next = (int) Math.ceil(target / LigeroParameters.bitsPerQueryAtRate(k / n) - 1e-9);
                if (next <= t) {
                    int messageLength = (1 << columnsLog) + hidingOpenings * t;
                    int encodeLog = 32 - Integer.numberOfLeadingZeros(messageLength - 1);
                    return new Code(c, encodeLog, t, hidingOpenings * t);
                }
                t = next;
            }
        }
        throw new IllegalArgumentException("no codeword up to 2^" + LigeroParameters.MAX_CODEWORD_LOG + " hides "
                + hidingOpenings + " openings of rows of 2^" + columnsLog + " columns");
    }

    /**
     * The layout of a commitment with this shape.
     *
     * @throws IllegalArgumentException naming the violated limit
     */
    static LigeroShape of(int[] numVariables, int columnsLog, LigeroParameters params) {
        return of(numVariables, columnsLog, 0, params);
    }

    static LigeroShape of(int[] numVariables, int columnsLog, int hidingOpenings, LigeroParameters params) {
        return of(numVariables, fullLengths(numVariables), columnsLog, hidingOpenings, params);
    }

    static LigeroShape of(int[] numVariables, int[] lengths, int columnsLog, int hidingOpenings, LigeroParameters params) {
        if (numVariables.length < 1 || numVariables.length > LigeroParameters.MAX_POLYNOMIALS) {
            throw new IllegalArgumentException(numVariables.length + " polynomials, expected 1 to " + LigeroParameters.MAX_POLYNOMIALS);
        }
        if (lengths.length != numVariables.length) {
            throw new IllegalArgumentException(lengths.length + " prefix lengths for " + numVariables.length + " polynomials");
        }
        for (int k = 0; k < numVariables.length; k++) {
            int n = numVariables[k];
            if (n < 0 || n > LigeroParameters.MAX_VARIABLES) {
                throw new IllegalArgumentException("a polynomial of " + n + " variables, expected 0 to " + LigeroParameters.MAX_VARIABLES);
            }
            if (lengths[k] < 1 || lengths[k] > (1 << n)) {
                throw new IllegalArgumentException("polynomial " + k + " of " + n + " variables has a prefix of " + lengths[k]
                        + " entries, expected 1 to 2^" + n);
            }
        }
        if (columnsLog < 0 || columnsLog + params.logInverseRate() > LigeroParameters.MAX_CODEWORD_LOG) {
            throw new IllegalArgumentException("2^" + columnsLog + " columns at inverse rate " + params.inverseRate()
                    + " exceed codewords of 2^" + LigeroParameters.MAX_CODEWORD_LOG);
        }
        Code code = code(columnsLog, hidingOpenings, params);
        boolean proximityRow = sendsProximityRow(numVariables, columnsLog, code.codewordLog(), params);
        long entries = totalRowsOfLengths(lengths, columnsLog, maskRows(hidingOpenings, proximityRow)) << code.codewordLog();
        if (entries > (1L << LigeroParameters.MAX_ENCODED_LOG)) {
            throw new IllegalArgumentException("the encoded matrix would have " + entries + " entries, more than 2^"
                    + LigeroParameters.MAX_ENCODED_LOG);
        }
        return new LigeroShape(numVariables, lengths, columnsLog, hidingOpenings, code, proximityRow, params);
    }

    /** Encodes one row of {@link #messageLength} coefficients (base field) into {@code out[outOffset, +N)}. */
    void encodeRow(long[] coefficients, long[] out, int outOffset) {
        ReedSolomon.encode(coefficients, 0, encodeLog, codewordLog - encodeLog, out, outOffset);
    }

    /** The codeword of a sent row ({@link #messageLength} extension elements, interleaved pairs). */
    long[] encodeSentRow(long[] pairs) {
        return ReedSolomon.encodeExt(Arrays.copyOf(pairs, 2 << encodeLog), codewordLog - encodeLog);
    }

    /** Variables of a committed evaluation row: {@code ⌈log2 k'⌉} (the row, zero past {@code k'}). */
    int rowVariables() {
        return LigeroProver.variablesFor(messageLength);
    }

    /**
     * The multilinear extension at {@code z} ({@link #rowVariables} coordinates) of the weights that give a
     * row's codeword symbol at {@code position}: {@code Enc(u)_p = Σ_i u_i·x_p^i} with {@code x_p} the
     * position's evaluation point, so the weights are {@code (x_p^i)_i} and their extension is
     * {@code Π_v (1 − z_v + z_v·x_p^{2^v})}.
     */
    Ext encodingWeightsAt(int position, Ext[] z) {
        long x = ReedSolomon.evaluationPoint(position, codewordLog);
        Ext acc = Ext.ONE;
        for (Ext zv : z) {
            acc = acc.mul(Ext.ONE.sub(zv).add(zv.mulBase(x)));
            x = Goldilocks.mul(x, x);
        }
        return acc;
    }

    /**
     * The multilinear extension at {@code z} ({@link #rowVariables} coordinates) of {@link #columnWeights}:
     * {@code eq(r_low, z_low)·Π_{v ≥ b'} (1 − z_v)}, the weights being {@code eq(r_low, ·)} on the first
     * {@code 2^b'} entries and zero past them.
     */
    Ext columnWeightsAt(Ext[] point, int k, Ext[] z) {
        int low = lowVariables(k);
        Ext acc = Multilinear.eq(Arrays.copyOfRange(point, 0, low), Arrays.copyOfRange(z, 0, low));
        for (int v = low; v < z.length; v++) {
            acc = acc.mul(Ext.ONE.sub(z[v]));
        }
        return acc;
    }

    /** {@code min(n_k, b)}: how many coordinates of polynomial {@code k}'s point select the column. */
    int lowVariables(int k) {
        return Math.min(numVariables[k], columnsLog);
    }

    /** {@code eq(r_0..r_{b'-1})} zero-padded to {@code k'} entries (interleaved pairs; zero on the padding). */
    long[] columnWeights(Ext[] point, int k) {
        int low = lowVariables(k);
        long[] eq = Multilinear.eqTable(Arrays.copyOfRange(point, 0, low));
        return eq.length == 2 * messageLength ? eq : Arrays.copyOf(eq, 2 * messageLength);
    }

    /** {@code eq(r_{b'}..r_{n_k-1})}: weights of polynomial {@code k}'s rows (interleaved pairs). */
    long[] rowWeights(Ext[] point, int k) {
        return Multilinear.eqTable(Arrays.copyOfRange(point, lowVariables(k), numVariables[k]));
    }

    /**
     * Groups of polynomials whose column weights coincide (same {@code b'} and same first {@code b'}
     * coordinates): each group is opened with one λ-combined evaluation row. Groups are numbered in order
     * of their first polynomial.
     */
    record Groups(int[] groupOf, int[] firstMember) {
        int count() {
            return firstMember.length;
        }
    }

    Groups groups(List<Ext[]> points) {
        Map<List<Ext>, Integer> ids = new LinkedHashMap<>();
        int[] groupOf = new int[points.size()];
        List<Integer> first = new ArrayList<>();
        for (int k = 0; k < points.size(); k++) {
            List<Ext> key = List.of(Arrays.copyOfRange(points.get(k), 0, lowVariables(k)));
            Integer id = ids.get(key);
            if (id == null) {
                id = ids.size();
                ids.put(key, id);
                first.add(k);
            }
            groupOf[k] = id;
        }
        return new Groups(groupOf, first.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The weights over all {@code R} stacked rows that produce group {@code g}'s evaluation row:
     * {@code λ_k·eqHigh_k} on the rows of each member {@code k}, {@code μ_g} on the mask rows, zero elsewhere.
     */
    long[] groupRowWeights(Groups groups, int g, Ext[] lambda, List<Ext[]> points, Ext[] mu) {
        long[] w = ExtArrays.zeros(totalRows);
        for (int k = 0; k < numVariables.length; k++) {
            if (groups.groupOf()[k] != g) {
                continue;
            }
            long[] eqHigh = rowWeights(points.get(k), k);
            long l0 = lambda[k].c0;
            long l1 = lambda[k].c1;
            for (int i = 0; i < rows[k]; i++) {
                int r = rowOffset[k] + i;
                w[2 * r] = Ext.mulC0(eqHigh[2 * i], eqHigh[2 * i + 1], l0, l1);
                w[2 * r + 1] = Ext.mulC1(eqHigh[2 * i], eqHigh[2 * i + 1], l0, l1);
            }
        }
        for (int i = 0; i < maskRows; i++) {
            mu[i].storeAt(w, polynomialRows + i);
        }
        return w;
    }

    /** {@code Σ_r weights[r]·column[offset + r]} over the {@code R} entries of one opened column. */
    Ext combineColumn(long[] weights, long[] columnsFlat, int offset) {
        long s0 = 0;
        long s1 = 0;
        for (int r = 0; r < totalRows; r++) {
            long x = columnsFlat[offset + r];
            s0 = Goldilocks.add(s0, Goldilocks.mul(weights[2 * r], x));
            s1 = Goldilocks.add(s1, Goldilocks.mul(weights[2 * r + 1], x));
        }
        return Ext.of(s0, s1);
    }
}
