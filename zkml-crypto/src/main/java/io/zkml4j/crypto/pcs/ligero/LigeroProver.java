package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.ExtArrays;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.field.Unreduced;
import io.zkml4j.crypto.merkle.MerkleHash;
import io.zkml4j.crypto.merkle.MerkleTree;
import io.zkml4j.crypto.ntt.ReedSolomon;
import io.zkml4j.crypto.pcs.PolynomialCommitment.Opening;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.crypto.parallel.Parallelism;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The Ligero prover (Ames, Hazay, Ishai, Venkitasubramaniam, CCS 2017, as a multilinear polynomial
 * commitment in the style of Brakedown / Golovnev et al. 2021).
 *
 * <p><b>Commit.</b> Stack the polynomials as the rows of a message matrix {@code M} ({@code R × 2^b}, see
 * {@link LigeroShape}), Reed–Solomon-encode every row at rate {@code 2^-L} ({@link ReedSolomon}) into
 * {@code U} ({@code R × N}, {@code N = 2^(b+L)}), and commit to {@code U} with one Merkle leaf per column.
 *
 * <p><b>Open</b> at points {@code r_k}, claiming {@code v_k = f_k~(r_k)}:
 * <ol>
 *   <li>absorb the statement (parameters, commitment, points, values); draw {@code λ ∈ E^m} and
 *   {@code γ ∈ E^R} (E the quadratic extension);</li>
 *   <li>send one evaluation row per group {@code G} of polynomials with equal column coordinates,
 *   {@code u_G = Σ_{k∈G} λ_k·eqHigh(r_k)ᵀ·M_k}, and the proximity row {@code w = γᵀ·M}; absorb them;</li>
 *   <li>grind the proof-of-work nonce; draw {@code t} distinct column indices; open those columns of
 *   {@code U} with one Merkle batch proof.</li>
 * </ol>
 * The verifier checks {@code Σ_{k∈G} λ_k·v_k = ⟨u_G, eqLow⟩} and, at every opened column {@code j},
 * {@code Enc(w)_j = γᵀ·U_j} and {@code Enc(u_G)_j = Σ λ_k·eqHigh_kᵀ·U_j}. Soundness: {@link LigeroParameters}.
 * Parameters for openings at challenge points ({@link LigeroParameters#challengePoints()}) draw no γ and
 * send no proximity row where the shape allows it ({@link LigeroShape#proximityRow}): the evaluation rows
 * test proximity themselves; with {@link LigeroParameters#committedRows()} such a shape may commit the
 * evaluation rows instead of sending them and prove the verifier's checks on them ({@link LigeroRowArgument}).
 *
 * <p><b>Hiding</b> ({@code h > 0} openings, Ames et al. §4, as Longfellow's Ligero): every row
 * {@code r} encodes {@code f_r(X) = Σ_{c<2^b} M[r][c]X^c + X^{2^b}·Σ_{i<ℓ} ρ_{r,i}X^i} with {@code ℓ = h·t}
 * uniform {@code ρ}, so any {@code ≤ ℓ} symbols of a row (the columns of {@code h} openings) are uniform:
 * the map {@code ρ ↦ (f_r(η_j))_j} is {@code diag(η_j^{2^b})·Vandermonde} and invertible. {@code 4h}
 * uniformly random mask rows {@code Z} ({@code 2h} when openings send no proximity row) follow the
 * polynomials' rows; the proximity row weights them by {@code γ}, and each group's evaluation row adds {@code μ_gᵀZ} ({@code μ_g} drawn before λ, γ), whose
 * value {@code z_g = ⟨μ_gᵀZ, eqLow⟩} is sent before λ and checked with the claims:
 * {@code Σ λ_k·v_k + z_g = ⟨u_G, eqLow⟩}. Every revealed row is then uniform given the claimed values
 * (2 base rows of {@code Z} per revealed extension row: 4 per opening of one group, 2 without the proximity row). Leaves are salted.
 * Randomness comes from one {@link ZkRandom}.
 *
 * <p>Single-threaded by default; with a {@link ForkJoinPool} the row encodings and the leaf hashing of
 * {@link #commit} are split across its threads.
 */
public final class LigeroProver {
    private static final int ROW_BATCH = 8;

    private final LigeroParameters params;
    private final ForkJoinPool pool;

    public LigeroProver(LigeroParameters params) {
        this(params, null);
    }

    /** A prover that runs commit's encoding and hashing on {@code pool} (null: the calling thread only). */
    public LigeroProver(LigeroParameters params, ForkJoinPool pool) {
        this.params = params;
        this.pool = pool;
    }

    /**
     * A test seam: a cheating prover alters what an honest one would send. Package-private; every hook
     * defaults to honest behaviour.
     */
    interface Adversary {
        Adversary HONEST = new Adversary() {};

        /** Alters the encoded matrix (column-major, {@code rows} per column) before it is hashed. */
        default void codeword(long[] columnMajor, int rows) {}

        /** Replaces the claimed values before they are absorbed. */
        default Ext[] claims(Ext[] honest) {
            return honest;
        }

        /** Alters the rows before they are absorbed. */
        default void rows(long[][] evaluationRows, long[] proximityRow, Ext[] lambda, Ext[] gamma) {}

        /** The rows to commit when the shape commits its evaluation rows (the row argument runs on the sent ones). */
        default long[][] committedRows(long[][] evaluationRows) {
            return evaluationRows;
        }

        /** Replaces the (sorted) column indices that are opened. */
        default int[] openedColumns(int[] queried) {
            return queried;
        }
    }

    /** {@code ⌈log2 length⌉}: the variables of a polynomial given by its first {@code length} entries. */
    public static int variablesFor(int length) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(length, 1) - 1);
    }

    /**
     * A binding, non-hiding commitment (salted leaves if the parameters say so). A polynomial given by an
     * array whose length is not a power of two is the prefix of one over {@code ⌈log2 length⌉} variables,
     * zero past the array (only its rows are committed; see {@link LigeroShape}). The arrays are kept,
     * not copied: callers must not change them afterwards.
     */
    public LigeroProverData commit(List<long[]> polynomials) {
        return commit(polynomials, 0, ZkRandom.fresh(), Adversary.HONEST);
    }

    /**
     * A commitment that hides {@code hidingOpenings} openings (0: not hiding), its padding, mask rows and
     * salts drawn from {@code random}.
     */
    public LigeroProverData commit(List<long[]> polynomials, int hidingOpenings, ZkRandom random) {
        if (random.isTestingOnly() && !params.isTestingOnly()) {
            random.requireSecure("a Ligero commitment at " + params.securityBits() + "-bit parameters");
        }
        return commit(polynomials, hidingOpenings, random, Adversary.HONEST);
    }

    LigeroProverData commit(List<long[]> polynomials, Adversary adversary) {
        return commit(polynomials, 0, ZkRandom.fresh(), adversary);
    }

    LigeroProverData commit(List<long[]> polynomials, int hidingOpenings, ZkRandom random, Adversary adversary) {
        int m = polynomials.size();
        int[] numVariables = new int[m];
        int[] lengths = new int[m];
        long[][] tables = new long[m][];
        for (int k = 0; k < m; k++) {
            long[] f = polynomials.get(k);
            if (f.length == 0) {
                throw new IllegalArgumentException("polynomial " + k + " has no entries");
            }
            for (int i = 0; i < f.length; i++) {
                if (!Goldilocks.isCanonical(f[i])) {
                    throw new IllegalArgumentException("polynomial " + k + " entry " + i + " is not a canonical field element");
                }
            }
            numVariables[k] = variablesFor(f.length);
            lengths[k] = f.length;
            tables[k] = f;
        }
        int columnsLog = params.columnsLog(numVariables, lengths, hidingOpenings);
        LigeroShape shape = LigeroShape.of(numVariables, lengths, columnsLog, hidingOpenings, params);
        long[] maskMessages = new long[shape.maskRows * shape.columns];
        random.fillField(maskMessages, 0, maskMessages.length);
        long[] padding = new long[shape.totalRows * shape.padding];
        random.fillField(padding, 0, padding.length);
        return commit(shape, tables, maskMessages, padding, random, adversary);
    }

    /** Commits with the given mask rows and padding (the leakage tests perturb them); salts from {@code random}. */
    LigeroProverData commit(LigeroShape shape, long[][] tables, long[] maskMessages, long[] padding, ZkRandom random,
                            Adversary adversary) {
        long[] codeword = encode(shape, tables, maskMessages, padding);
        adversary.codeword(codeword, shape.totalRows);
        byte[] salts = MerkleTree.drawSalts(shape.codewordLength, shape.salted ? random : null);
        byte[] digests = new byte[shape.codewordLength * MerkleHash.DIGEST_BYTES];
        parallel(shape.codewordLength, (from, to) ->
                MerkleHash.hashColumns(codeword, shape.totalRows, salts, from, to, digests));
        MerkleTree tree = MerkleTree.fromLeafDigests(digests, shape.totalRows, salts, this::parallel);
        LigeroCommitment commitment = new LigeroCommitment(tree.root(), shape.numVariables, shape.lengths, shape.columnsLog,
                shape.hidingOpenings);
        return new LigeroProverData(params, commitment, shape, tables, maskMessages, padding, codeword, tree);
    }

    /** Encodes every row and lays the result out column-major; batches of rows are transposed together. */
    private long[] encode(LigeroShape shape, long[][] tables, long[] maskMessages, long[] padding) {
        int rows = shape.totalRows;
        int n = shape.codewordLength;
        int[] polynomialOfRow = new int[rows];
        for (int k = 0; k < tables.length; k++) {
            Arrays.fill(polynomialOfRow, shape.rowOffset[k], shape.rowOffset[k] + shape.rows[k], k);
        }
        long[] codeword = new long[rows * n];
        int batches = (rows + ROW_BATCH - 1) / ROW_BATCH;
        boolean plain = shape.padding == 0 && shape.encodeLog == shape.columnsLog;
        parallel(batches, (from, to) -> {
            long[] encoded = new long[ROW_BATCH * n];
            long[] coefficients = new long[1 << shape.encodeLog];
            for (int batch = from; batch < to; batch++) {
                int r0 = batch * ROW_BATCH;
                int count = Math.min(ROW_BATCH, rows - r0);
                for (int i = 0; i < count; i++) {
                    int r = r0 + i;
                    if (r < shape.polynomialRows) {
                        int k = polynomialOfRow[r];
                        long[] f = tables[k];
                        int local = r - shape.rowOffset[k];
                        int start = local * shape.columns;
                        if (plain && f.length >= start + shape.columns) {
                            ReedSolomon.encode(f, start, shape.columnsLog, shape.codewordLog - shape.columnsLog, encoded, i * n);
                            continue;
                        }
                        Arrays.fill(coefficients, 0);
                        System.arraycopy(f, start, coefficients, 0, Math.min(shape.columns, f.length - start));
                    } else {
                        Arrays.fill(coefficients, 0);
                        System.arraycopy(maskMessages, (r - shape.polynomialRows) * shape.columns, coefficients, 0, shape.columns);
                    }
                    System.arraycopy(padding, r * shape.padding, coefficients, shape.columns, shape.padding);
                    shape.encodeRow(coefficients, encoded, i * n);
                }
                for (int j = 0; j < n; j++) {
                    int base = j * rows + r0;
                    for (int i = 0; i < count; i++) {
                        codeword[base + i] = encoded[i * n + j];
                    }
                }
            }
        });
        return codeword;
    }

    public Opening<LigeroProof> open(LigeroProverData data, List<Ext[]> points, Transcript transcript) {
        return open(data, points, transcript, Adversary.HONEST);
    }

    /**
     * Where the opening's verifier coins come from: the Fiat–Shamir transcript in every proof; fixed coins
     * in the leakage tests (the honest-verifier setting), which is why this seam exists.
     */
    interface Coins {
        void absorb(LigeroStatement statement);

        void absorb(String label, long[] pairs);

        Ext[] draw(String label, int count);

        long grind(int bits);

        int[] indices(String label, int count, int domain);

        /** The Fiat–Shamir transcript behind these coins (committed rows run a sumcheck on it). */
        default Transcript transcript() {
            throw new UnsupportedOperationException("committed evaluation rows need a Fiat-Shamir transcript");
        }

        static Coins of(Transcript transcript) {
            return new Coins() {
                public Transcript transcript() {
                    return transcript;
                }

                public void absorb(LigeroStatement statement) {
                    statement.absorbInto(transcript);
                }

                public void absorb(String label, long[] pairs) {
                    transcript.absorbExts(label, pairs);
                }

                public Ext[] draw(String label, int count) {
                    return transcript.challengeExts(label, count);
                }

                public long grind(int bits) {
                    return transcript.grind(bits);
                }

                public int[] indices(String label, int count, int domain) {
                    return transcript.challengeIndices(label, count, domain);
                }
            };
        }
    }

    Opening<LigeroProof> open(LigeroProverData data, List<Ext[]> points, Transcript transcript, Adversary adversary) {
        return open(data, points, Coins.of(transcript), adversary);
    }

    Opening<LigeroProof> open(LigeroProverData data, List<Ext[]> points, Coins transcript, Adversary adversary) {
        if (!data.params.equals(params)) {
            throw new IllegalArgumentException("committed under " + data.params + ", opening under " + params);
        }
        LigeroShape shape = data.shape;
        int m = shape.numVariables.length;
        if (points.size() != m) {
            throw new IllegalArgumentException(points.size() + " points for " + m + " committed polynomials");
        }
        for (int k = 0; k < m; k++) {
            if (points.get(k).length != shape.numVariables[k]) {
                throw new IllegalArgumentException("point " + k + " has " + points.get(k).length
                        + " coordinates, polynomial " + k + " has " + shape.numVariables[k] + " variables");
            }
        }
        // Per-polynomial evaluation rows eqHigh_kᵀ·M_k, and from them the values.
        long[][] partialRows = new long[m][];
        Ext[] values = new Ext[m];
        for (int k = 0; k < m; k++) {
            long[] rowWeights = Arrays.copyOf(shape.rowWeights(points.get(k), k), 2 * shape.rows[k]);
            partialRows[k] = combineRows(data, shape.rowOffset[k], rowWeights);
            values[k] = ExtArrays.innerProduct(partialRows[k], shape.columnWeights(points.get(k), k));
        }
        values = adversary.claims(values.clone());
        LigeroShape.Groups groups = shape.groups(points);
        int extraRow = shape.proximityRow ? 1 : 0;
        if (shape.maskRows > 0 && 2 * (groups.count() + extraRow) > shape.maskRows) {
            // every revealed extension row (each group's and the proximity row) takes two base mask rows
            throw new IllegalArgumentException("a commitment hiding " + shape.hidingOpenings + " opening(s) opens at most "
                    + (shape.maskRows / 2 - extraRow) + " group(s) of column coordinates at once, got " + groups.count());
        }

        transcript.absorb(new LigeroStatement(params, data.commitment, points, values));
        long[][] maskRows = new long[groups.count()][];
        long[] maskValues = new long[shape.maskRows == 0 ? 0 : 2 * groups.count()];
        if (shape.maskRows > 0) {
            for (int g = 0; g < groups.count(); g++) {
                Ext[] mu = transcript.draw("ligero/mask-weights", shape.maskRows);
                maskRows[g] = combineRows(data, shape.polynomialRows, LigeroStatement.pairs(mu));
                int first = groups.firstMember()[g];
                ExtArrays.innerProduct(maskRows[g], shape.columnWeights(points.get(first), first)).storeAt(maskValues, g);
            }
            transcript.absorb("ligero/mask-values", maskValues);
        }
        Ext[] lambda = transcript.draw("ligero/batching", m);
        Ext[] gamma = shape.proximityRow ? transcript.draw("ligero/proximity", shape.totalRows) : new Ext[0];

        long[][] evaluationRows = groupRows(groups, partialRows, lambda, shape.messageLength);
        for (int g = 0; g < groups.count() && shape.maskRows > 0; g++) {
            for (int i = 0; i < evaluationRows[g].length; i++) {
                evaluationRows[g][i] = Goldilocks.add(evaluationRows[g][i], maskRows[g][i]);
            }
        }
        long[] proximityRow = shape.proximityRow ? combineRows(data, 0, LigeroStatement.pairs(gamma)) : new long[0];
        adversary.rows(evaluationRows, proximityRow, lambda, gamma);
        LigeroProverData rowData = null;
        if (shape.committedRows) {
            rowData = LigeroRowArgument.commit(shape, adversary.committedRows(evaluationRows), params, pool);
            transcript.transcript().absorbBytes(LigeroRowArgument.ROOT_LABEL, rowData.commitment().root());
        } else {
            for (long[] row : evaluationRows) {
                transcript.absorb("ligero/evaluation-row", row);
            }
        }
        if (shape.proximityRow) {
            transcript.absorb("ligero/proximity-row", proximityRow);
        }

        long nonce = transcript.grind(params.grindingBits());
        int[] queried = transcript.indices("ligero/queries", shape.queries, shape.codewordLength);
        Arrays.sort(queried);
        int[] opened = adversary.openedColumns(queried);
        long[] columns = new long[opened.length * shape.totalRows];
        for (int q = 0; q < opened.length; q++) {
            System.arraycopy(data.codeword, opened[q] * shape.totalRows, columns, q * shape.totalRows, shape.totalRows);
        }
        if (shape.committedRows) {
            long[][] columnWeights = new long[groups.count()][];
            for (int g = 0; g < groups.count(); g++) {
                int first = groups.firstMember()[g];
                columnWeights[g] = shape.columnWeights(points.get(first), first);
            }
            LigeroRowArgument.Proof argument = LigeroRowArgument.prove(shape, rowData, evaluationRows, columnWeights, queried,
                    transcript.transcript(), params, pool);
            LigeroProof proof = new LigeroProof(maskValues, new long[groups.count()][0], proximityRow, nonce, columns,
                    data.tree.open(opened), rowData.commitment().root(), argument);
            return new Opening<>(values, proof);
        }
        LigeroProof proof = new LigeroProof(maskValues, evaluationRows, proximityRow, nonce, columns, data.tree.open(opened));
        return new Opening<>(values, proof);
    }

    /**
     * {@code Σ_i weights[i]·(row firstRow + i)} over whole stacked rows (message and padding):
     * {@code k'} extension elements (interleaved pairs).
     */
    private static long[] combineRows(LigeroProverData data, int firstRow, long[] weights) {
        LigeroShape shape = data.shape;
        long[] acc = ExtArrays.zeros(shape.messageLength);
        int count = weights.length / 2;
        for (int i = 0; i < count; i++) {
            int r = firstRow + i;
            long w0 = weights[2 * i];
            long w1 = weights[2 * i + 1];
            if (r < shape.polynomialRows) {
                int k = polynomialOf(shape, r);
                int from = (r - shape.rowOffset[k]) * shape.columns;
                accumulate(acc, 0, w0, w1, data.polynomials[k], from, Math.min(shape.columns, data.polynomials[k].length - from));
            } else {
                accumulate(acc, 0, w0, w1, data.maskMessages, (r - shape.polynomialRows) * shape.columns, shape.columns);
            }
            accumulate(acc, shape.columns, w0, w1, data.padding, r * shape.padding, shape.padding);
        }
        for (int i = 0; i < acc.length; i++) {
            acc[i] = Unreduced.reduce(acc[i]);
        }
        return acc;
    }

    private static int polynomialOf(LigeroShape shape, int row) {
        int k = Arrays.binarySearch(shape.rowOffset, row);
        return k >= 0 ? k : -k - 2;
    }

    /** One row per group: {@code Σ_{k∈G} λ_k·partialRows[k]}. */
    private static long[][] groupRows(LigeroShape.Groups groups, long[][] partialRows, Ext[] lambda, int columns) {
        long[][] rows = new long[groups.count()][];
        for (int g = 0; g < groups.count(); g++) {
            rows[g] = ExtArrays.zeros(columns);
        }
        for (int k = 0; k < partialRows.length; k++) {
            long[] row = rows[groups.groupOf()[k]];
            long[] lambdaK = {lambda[k].c0, lambda[k].c1};
            for (int c = 0; c < columns; c++) {
                ExtArrays.mulAddInto(row, c, partialRows[k], c, lambdaK, 0);
            }
        }
        return rows;
    }

    /**
     * {@code acc[at + c] += (w0 + w1·u)·xs[from + c]} for {@code c < len}, on {@link Unreduced}
     * representatives; the caller reduces {@code acc} after the last row.
     */
    private static void accumulate(long[] acc, int at, long w0, long w1, long[] xs, int from, int len) {
        for (int c = 0; c < len; c++) {
            long x = xs[from + c];
            int i = 2 * (at + c);
            acc[i] = Unreduced.add(acc[i], Unreduced.mul(w0, x));
            acc[i + 1] = Unreduced.add(acc[i + 1], Unreduced.mul(w1, x));
        }
    }

    /**
     * Runs {@code task} over {@code [0, count)}: on the calling thread, or in chunks on the pool. On the
     * common pool the calling thread runs chunks too ({@link ForkJoinTask#invokeAll}), so a two-core
     * machine, whose common pool has one worker, still encodes on both cores.
     */
    private void parallel(int count, MerkleTree.RangeTask task) {
        boolean common = pool == ForkJoinPool.commonPool();
        int threads = pool == null ? 1 : common ? Parallelism.available().threads() : pool.getParallelism();
        if (threads < 2 || count < 2) {
            task.run(0, count);
            return;
        }
        int chunks = Math.min(count, 4 * threads);
        List<ForkJoinTask<?>> running = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) count * c / chunks);
            int to = (int) ((long) count * (c + 1) / chunks);
            running.add(common ? ForkJoinTask.adapt(() -> task.run(from, to)) : pool.submit(() -> task.run(from, to)));
        }
        if (common) {
            ForkJoinTask.invokeAll(running);
            return;
        }
        for (ForkJoinTask<?> t : running) {
            t.join();
        }
    }
}
