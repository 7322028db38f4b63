package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.ntt.Ntt;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.SubClaim;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProof;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.crypto.sumcheck.SumcheckVerifier;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Committed evaluation rows: one level of the recursion of Ligerito (Novakovic and Angeris, 2025). An
 * opening without a proximity row sends {@code G} evaluation rows {@code u_g ∈ E^{k'}}, and the verifier
 * makes two kinds of linear checks on them: the claim check {@code ⟨u_g, c_g⟩ = y_g} ({@code c_g} the
 * group's column weights, {@code y_g} its combined claims) and, at each opened column {@code j}, the
 * row check {@code Enc(u_g)_j = ⟨u_g, (x_j^i)_i⟩ = e_{g,j}} ({@code x_j} the column's evaluation point,
 * {@code e_{g,j}} the group's weighted column). Here the prover instead
 * <ol>
 *   <li>commits the rows (a Ligero commitment, not hiding, to their {@code 2G} coordinate rows) before the
 *   proof of work and the column queries;</li>
 *   <li>after the columns are opened, absorbs the {@code e_{g,j}} (both sides know them), draws
 *   {@code β ∈ E^{G(t+1)}}, and proves all the checks as one inner product by a degree-2 sumcheck over
 *   {@code log G + log k'} variables:
 *   {@code Σ_{g,i} u_g(i)·W(g,i) = Σ_g β_g·y_g + Σ_{g,j} β_{g,j}·e_{g,j}},
 *   {@code W(g,i) = β_g·c_g(i) + Σ_j β_{g,j}·x_j^i};</li>
 *   <li>opens the row commitment at the sumcheck's row coordinates {@code z}, sending
 *   {@code w_{g,0}, w_{g,1}} with {@code u_g~(z) = w_{g,0} + X·w_{g,1}}; the verifier checks the
 *   sumcheck's last claim against {@code (Σ_g eq(ζ, g)·u_g~(z))·W~(ζ, z)}, where
 *   {@code W~(ζ, z) = Σ_g eq(ζ, g)·(β_g·c_g~(z) + Σ_j β_{g,j}·Π_v (1 − z_v + z_v·x_j^{2^v}))} costs it
 *   {@code O(G·t·log k')}.</li>
 * </ol>
 * <b>Soundness.</b> The row commitment's extractor gives rows {@code u*_g} fixed before the queries, so the
 * query round is Ligero's with {@code u*} as the sent rows ({@link LigeroParameters}). If {@code u*} fails
 * any check, the β-combination is false except with probability {@code 1/|E|} (it is linear in β), the
 * sumcheck then fails except with {@code 2(log G + log k')/|E|}, and the row commitment's opening errs with
 * its own parameters' bound (the same target; its point is the sumcheck's, made of challenges).
 * <b>Zero knowledge.</b> The verifier learns only functions of the rows, which the opening would otherwise
 * send in the clear (masked, in a hiding commitment); so the row commitment does not hide.
 */
final class LigeroRowArgument {
    static final String ROOT_LABEL = "ligero/row-commitment";
    static final String CHECKS_LABEL = "ligero/row-checks";
    static final String BATCHING_LABEL = "ligero/row-batching";

    private LigeroRowArgument() {}

    /**
     * The argument's messages after the root: the sumcheck, the row commitment's values at {@code z}
     * ({@code 2G} extension elements, interleaved pairs; coordinate rows in order {@code u_0.c0, u_0.c1, …})
     * and its opening.
     */
    record Proof(SumcheckProof sumcheck, long[] values, LigeroProof opening) {
        void writeTo(ProofWriter out) {
            sumcheck.writeTo(out);
            out.writeExts(values);
            opening.writeTo(out);
        }

        /** The encoded size: each round and the values count-prefixed, then the opening. */
        int sizeBytes() {
            long size = 4 + 8L * values.length + opening.sizeBytes();
            for (long[] round : sumcheck.roundPolynomials()) {
                size += 4 + 8L * round.length;
            }
            return Math.toIntExact(size);
        }

        static Proof readFrom(ProofReader in, LigeroShape shape, int groups, byte[] root, LigeroParameters params)
                throws ProofRejectedException {
            SumcheckProof sumcheck = SumcheckProof.readFrom(in, stackedVariables(shape, groups), 2);
            long[] values = in.readExts("Ligero row commitment values", 2 * groups);
            LigeroParameters inner = params.rowCommitmentParameters();
            LigeroProof opening = LigeroProof.readFrom(in, inner, rowCommitment(root, shape, groups, inner));
            return new Proof(sumcheck, values, opening);
        }
    }

    /** The committed rows: {@code 2G} coordinate rows of {@code k'} base elements each. */
    static LigeroProverData commit(LigeroShape shape, long[][] rows, LigeroParameters params, ForkJoinPool pool) {
        List<long[]> coordinates = new ArrayList<>(2 * rows.length);
        for (long[] row : rows) {
            long[] c0 = new long[shape.messageLength];
            long[] c1 = new long[shape.messageLength];
            for (int i = 0; i < shape.messageLength; i++) {
                c0[i] = row[2 * i];
                c1[i] = row[2 * i + 1];
            }
            coordinates.add(c0);
            coordinates.add(c1);
        }
        return new LigeroProver(params.rowCommitmentParameters(), pool).commit(coordinates);
    }

    /**
     * The row commitment the verifier reads: {@code 2G} polynomials of {@code k'} entries under {@code root}
     * ({@code G} is at most the polynomial count, and shapes commit rows only when twice that fits one commitment).
     */
    private static LigeroCommitment rowCommitment(byte[] root, LigeroShape shape, int groups, LigeroParameters inner) {
        int[] vars = new int[2 * groups];
        int[] lengths = new int[2 * groups];
        Arrays.fill(vars, shape.rowVariables());
        Arrays.fill(lengths, shape.messageLength);
        return new LigeroCommitment(root, vars, lengths, inner.columnsLog(vars, lengths, 0), 0);
    }

    private static int stackedVariables(LigeroShape shape, int groups) {
        return shape.rowVariables() + LigeroProver.variablesFor(groups);
    }

    /**
     * Proves the checks on {@code rows} (committed as {@code committed}) after the columns at
     * {@code queried} were opened; {@code columnWeights[g]} is group g's {@code c_g} ({@code k'} extension elements).
     */
    static Proof prove(LigeroShape shape, LigeroProverData committed, long[][] rows, long[][] columnWeights,
                       int[] queried, Transcript transcript, LigeroParameters params, ForkJoinPool pool) {
        int groups = rows.length;
        int t = queried.length;
        long[] checks = new long[2 * groups * t];
        for (int g = 0; g < groups; g++) {
            long[] encoded = shape.encodeSentRow(rows[g]);
            for (int q = 0; q < t; q++) {
                Ext.at(encoded, queried[q]).storeAt(checks, g * t + q);
            }
        }
        transcript.absorbExts(CHECKS_LABEL, checks);
        Ext[] beta = transcript.challengeExts(BATCHING_LABEL, groups * (t + 1));

        int rowVars = shape.rowVariables();
        int rowSize = 1 << rowVars;
        int stackedVars = stackedVariables(shape, groups);
        long[] table = new long[2 << stackedVars];
        long[] weights = new long[2 << stackedVars];
        for (int g = 0; g < groups; g++) {
            System.arraycopy(rows[g], 0, table, 2 * g * rowSize, 2 * shape.messageLength);
            long[] w = encodingWeights(shape, queried, beta, g * t + groups, rowVars);
            Ext bg = beta[g];
            for (int i = 0; i < shape.messageLength; i++) {
                Ext c = Ext.at(columnWeights[g], i);
                if (!c.isZero()) {
                    Ext.at(w, i).add(bg.mul(c)).storeAt(w, i);
                }
            }
            System.arraycopy(w, 0, weights, 2 * g * rowSize, 2 * rowSize);
        }
        SumcheckProver.Result sc = SumcheckProver.prove(
                SumcheckInstance.of(SumOfProducts.product(2), MultilinearTable.ext(table), MultilinearTable.ext(weights)), transcript);
        Ext[] z = Arrays.copyOfRange(sc.point(), 0, rowVars);
        List<Ext[]> points = new ArrayList<>(2 * groups);
        for (int k = 0; k < 2 * groups; k++) {
            points.add(z);
        }
        var opening = new LigeroProver(params.rowCommitmentParameters(), pool).open(committed, points, transcript);
        long[] values = new long[4 * groups];
        for (int k = 0; k < 2 * groups; k++) {
            opening.values()[k].storeAt(values, k);
        }
        return new Proof(sc.proof(), values, opening.proof());
    }

    /**
     * {@code Σ_j β_{g,j}·x_j^i} for {@code i < 2^rowVars} (interleaved pairs): one transform of the β's
     * placed at the exponents of their columns' points ({@code x_j = ω^{rev(j)}}).
     */
    static long[] encodingWeights(LigeroShape shape, int[] queried, Ext[] beta, int firstBeta, int rowVars) {
        int logN = shape.codewordLog;
        int n = 1 << logN;
        long[] c0 = new long[n];
        long[] c1 = new long[n];
        for (int q = 0; q < queried.length; q++) {
            int s = logN == 0 ? 0 : Integer.reverse(queried[q]) >>> (32 - logN);
            Ext b = beta[firstBeta + q];
            c0[s] = Goldilocks.add(c0[s], b.c0);
            c1[s] = Goldilocks.add(c1[s], b.c1);
        }
        Ntt.forward(c0);
        Ntt.forward(c1);
        int size = 1 << rowVars;
        long[] w = new long[2 * size];
        for (int i = 0; i < size; i++) { // size <= k' <= N/2
            w[2 * i] = c0[i];
            w[2 * i + 1] = c1[i];
        }
        return w;
    }

    /**
     * Checks the argument: {@code claims[g]} is {@code y_g}, {@code checks[g·t + q]} the weighted column
     * {@code e_{g,j_q}} the verifier computed from the opened columns, {@code points[g]}/{@code members[g]} the
     * point and polynomial whose low coordinates give {@code c_g}.
     */
    static void verify(LigeroShape shape, byte[] root, Proof proof, Ext[] claims, long[] checks, int[] queried,
                       List<Ext[]> points, int[] firstMember, Transcript transcript, LigeroParameters params)
            throws ProofRejectedException {
        int groups = claims.length;
        int t = queried.length;
        transcript.absorbExts(CHECKS_LABEL, checks);
        Ext[] beta = transcript.challengeExts(BATCHING_LABEL, groups * (t + 1));
        Ext sum = Ext.ZERO;
        for (int g = 0; g < groups; g++) {
            sum = sum.add(beta[g].mul(claims[g]));
            for (int q = 0; q < t; q++) {
                sum = sum.add(beta[groups + g * t + q].mul(Ext.at(checks, g * t + q)));
            }
        }
        int rowVars = shape.rowVariables();
        int stackedVars = stackedVariables(shape, groups);
        SubClaim sub;
        try {
            sub = SumcheckVerifier.verify(sum, stackedVars, 2, proof.sumcheck(), transcript);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException("Ligero committed rows: the rows fail the claim or column checks ("
                    + e.getMessage() + ")", e);
        }
        Ext[] z = Arrays.copyOfRange(sub.point(), 0, rowVars);
        Ext[] zeta = Arrays.copyOfRange(sub.point(), rowVars, stackedVars);

        LigeroParameters inner = params.rowCommitmentParameters();
        List<Ext[]> innerPoints = new ArrayList<>(2 * groups);
        Ext[] innerValues = new Ext[2 * groups];
        for (int k = 0; k < 2 * groups; k++) {
            innerPoints.add(z);
            innerValues[k] = Ext.at(proof.values(), k);
        }
        try {
            new LigeroVerifier(inner).verify(rowCommitment(root, shape, groups, inner), innerPoints, innerValues,
                    proof.opening(), transcript);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException("Ligero row commitment: " + e.getMessage(), e);
        }

        Ext[] encodingAt = new Ext[t];
        for (int q = 0; q < t; q++) {
            encodingAt[q] = shape.encodingWeightsAt(queried[q], z);
        }
        long[] eqZeta = Multilinear.eqTable(zeta);
        Ext rows = Ext.ZERO;
        Ext weights = Ext.ZERO;
        for (int g = 0; g < groups; g++) {
            Ext eg = Ext.at(eqZeta, g);
            Ext u = innerValues[2 * g].add(innerValues[2 * g + 1].mul(Ext.of(0, 1)));
            rows = rows.add(eg.mul(u));
            Ext w = beta[g].mul(shape.columnWeightsAt(points.get(firstMember[g]), firstMember[g], z));
            for (int q = 0; q < t; q++) {
                w = w.add(beta[groups + g * t + q].mul(encodingAt[q]));
            }
            weights = weights.add(eg.mul(w));
        }
        Ext expected = rows.mul(weights);
        if (!expected.equals(sub.expectedValue())) {
            throw new ProofRejectedException("Ligero committed rows: the sumcheck ends at " + sub.expectedValue()
                    + " but the row commitment and the check weights give " + expected);
        }
    }
}
