package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.ExtArrays;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.field.Unreduced;
import io.zkml4j.crypto.merkle.MerkleHash;
import io.zkml4j.crypto.merkle.MerkleTree;
import io.zkml4j.crypto.ntt.ReedSolomon;
import io.zkml4j.crypto.pcs.PolynomialCommitment.Opening;
import io.zkml4j.crypto.transcript.Transcript;

import java.security.SecureRandom;
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

        /** Replaces the (sorted) column indices that are opened. */
        default int[] openedColumns(int[] queried) {
            return queried;
        }
    }

    public LigeroProverData commit(List<long[]> polynomials) {
        return commit(polynomials, Adversary.HONEST);
    }

    LigeroProverData commit(List<long[]> polynomials, Adversary adversary) {
        int m = polynomials.size();
        int[] numVariables = new int[m];
        long[][] tables = new long[m][];
        for (int k = 0; k < m; k++) {
            long[] f = polynomials.get(k);
            if (f.length == 0 || Integer.bitCount(f.length) != 1) {
                throw new IllegalArgumentException("polynomial " + k + " has " + f.length + " entries, not a power of two");
            }
            for (int i = 0; i < f.length; i++) {
                if (!Goldilocks.isCanonical(f[i])) {
                    throw new IllegalArgumentException("polynomial " + k + " entry " + i + " is not a canonical field element");
                }
            }
            numVariables[k] = Integer.numberOfTrailingZeros(f.length);
            tables[k] = f.clone();
        }
        int columnsLog = params.columnsLog(numVariables);
        LigeroShape shape = LigeroShape.of(numVariables, columnsLog, params);
        long[] codeword = encode(shape, tables);
        adversary.codeword(codeword, shape.totalRows);
        byte[] salts = MerkleTree.drawSalts(shape.codewordLength, params.saltedLeaves() ? new SecureRandom() : null);
        byte[] digests = new byte[shape.codewordLength * MerkleHash.DIGEST_BYTES];
        parallel(shape.codewordLength, (from, to) ->
                MerkleHash.hashColumns(codeword, shape.totalRows, salts, from, to, digests));
        MerkleTree tree = MerkleTree.fromLeafDigests(digests, shape.totalRows, salts);
        LigeroCommitment commitment = new LigeroCommitment(tree.root(), numVariables, columnsLog);
        return new LigeroProverData(params, commitment, shape, tables, codeword, tree);
    }

    /** Encodes every row and lays the result out column-major; batches of rows are transposed together. */
    private long[] encode(LigeroShape shape, long[][] tables) {
        int rows = shape.totalRows;
        int n = shape.codewordLength;
        int[] polynomialOfRow = new int[rows];
        for (int k = 0; k < tables.length; k++) {
            Arrays.fill(polynomialOfRow, shape.rowOffset[k], shape.rowOffset[k] + shape.rows[k], k);
        }
        long[] codeword = new long[rows * n];
        int batches = (rows + ROW_BATCH - 1) / ROW_BATCH;
        parallel(batches, (from, to) -> {
            long[] encoded = new long[ROW_BATCH * n];
            long[] padded = new long[shape.columns];
            for (int batch = from; batch < to; batch++) {
                int r0 = batch * ROW_BATCH;
                int count = Math.min(ROW_BATCH, rows - r0);
                for (int i = 0; i < count; i++) {
                    int k = polynomialOfRow[r0 + i];
                    long[] f = tables[k];
                    if (f.length >= shape.columns) {
                        int local = r0 + i - shape.rowOffset[k];
                        ReedSolomon.encode(f, local * shape.columns, shape.columnsLog, shape.logInverseRate, encoded, i * n);
                    } else {
                        Arrays.fill(padded, 0);
                        System.arraycopy(f, 0, padded, 0, f.length);
                        ReedSolomon.encode(padded, 0, shape.columnsLog, shape.logInverseRate, encoded, i * n);
                    }
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

    Opening<LigeroProof> open(LigeroProverData data, List<Ext[]> points, Transcript transcript, Adversary adversary) {
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
            partialRows[k] = rowCombination(data, k, shape.rowWeights(points.get(k), k));
            values[k] = ExtArrays.innerProduct(partialRows[k], shape.columnWeights(points.get(k), k));
        }
        values = adversary.claims(values.clone());

        new LigeroStatement(params, data.commitment, points, values).absorbInto(transcript);
        Ext[] lambda = transcript.challengeExts("ligero/batching", m);
        Ext[] gamma = transcript.challengeExts("ligero/proximity", shape.totalRows);

        long[][] evaluationRows = groupRows(shape.groups(points), partialRows, lambda, shape.columns);
        long[] proximityRow = ExtArrays.zeros(shape.columns);
        long[] gammaPairs = LigeroStatement.pairs(gamma);
        for (int k = 0; k < m; k++) {
            long[] rowWeights = Arrays.copyOfRange(gammaPairs, 2 * shape.rowOffset[k], 2 * (shape.rowOffset[k] + shape.rows[k]));
            long[] part = rowCombination(data, k, rowWeights);
            for (int i = 0; i < proximityRow.length; i++) {
                proximityRow[i] = Goldilocks.add(proximityRow[i], part[i]);
            }
        }
        adversary.rows(evaluationRows, proximityRow, lambda, gamma);
        for (long[] row : evaluationRows) {
            transcript.absorbExts("ligero/evaluation-row", row);
        }
        transcript.absorbExts("ligero/proximity-row", proximityRow);

        long nonce = transcript.grind(params.grindingBits());
        int[] queried = transcript.challengeIndices("ligero/queries", shape.queries, shape.codewordLength);
        Arrays.sort(queried);
        int[] opened = adversary.openedColumns(queried);
        long[] columns = new long[opened.length * shape.totalRows];
        for (int q = 0; q < opened.length; q++) {
            System.arraycopy(data.codeword, opened[q] * shape.totalRows, columns, q * shape.totalRows, shape.totalRows);
        }
        LigeroProof proof = new LigeroProof(evaluationRows, proximityRow, nonce, columns, data.tree.open(opened));
        return new Opening<>(values, proof);
    }

    /** {@code Σ_i weights[i]·(row i of polynomial k)}: {@code 2^b} extension elements (interleaved pairs). */
    private static long[] rowCombination(LigeroProverData data, int k, long[] weights) {
        LigeroShape shape = data.shape;
        long[] acc = ExtArrays.zeros(shape.columns);
        for (int i = 0; i < shape.rows[k]; i++) {
            accumulateRow(acc, weights[2 * i], weights[2 * i + 1], data.polynomials[k], i, shape.columns);
        }
        for (int i = 0; i < acc.length; i++) {
            acc[i] = Unreduced.reduce(acc[i]);
        }
        return acc;
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
     * {@code acc += (w0 + w1·u)·row} on {@link Unreduced} representatives, where {@code row} is row
     * {@code i} of table {@code f} at {@code columns} columns (the whole table, zero-padded, when it is
     * shorter than a row). The caller reduces {@code acc} after the last row.
     */
    private static void accumulateRow(long[] acc, long w0, long w1, long[] f, int i, int columns) {
        int from = i * columns;
        int len = Math.min(columns, f.length);
        for (int c = 0; c < len; c++) {
            long x = f[from + c];
            acc[2 * c] = Unreduced.add(acc[2 * c], Unreduced.mul(w0, x));
            acc[2 * c + 1] = Unreduced.add(acc[2 * c + 1], Unreduced.mul(w1, x));
        }
    }

    @FunctionalInterface
    private interface RangeTask {
        void run(int from, int to);
    }

    /** Runs {@code task} over {@code [0, count)}: on the calling thread, or in chunks on the pool. */
    private void parallel(int count, RangeTask task) {
        if (pool == null || pool.getParallelism() < 2 || count < 2) {
            task.run(0, count);
            return;
        }
        int chunks = Math.min(count, 4 * pool.getParallelism());
        List<ForkJoinTask<?>> running = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) count * c / chunks);
            int to = (int) ((long) count * (c + 1) / chunks);
            running.add(pool.submit(() -> task.run(from, to)));
        }
        for (ForkJoinTask<?> t : running) {
            t.join();
        }
    }
}
