package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.ExtArrays;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.merkle.MerkleVerifier;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Ligero verifier. With the statement absorbed and {@code λ, γ} drawn exactly as the prover drew
 * them (see {@link LigeroProver} for the protocol and {@link LigeroParameters} for soundness), it checks:
 * <ol>
 *   <li><b>claims</b>: for every group {@code G} of polynomials sharing column coordinates,
 *   {@code Σ_{k∈G} λ_k·v_k = ⟨u_G, eq(r_low)⟩};</li>
 *   <li><b>proof of work</b> on the transcript after the rows;</li>
 *   <li><b>columns</b>: the opened columns, at the indices drawn from the transcript, open the
 *   committed Merkle root;</li>
 *   <li><b>proximity</b>: {@code Enc(w)_j = Σ_r γ_r·U[r][j]} at every opened column {@code j} (unless the
 *   opening is at challenge points and the shape omits the proximity row, see {@link LigeroParameters});</li>
 *   <li><b>evaluation rows</b>: {@code Enc(u_G)_j = Σ_{k∈G} λ_k·Σ_i eqHigh_k[i]·U[off_k + i][j]}.</li>
 * </ol>
 * When the shape commits the evaluation rows ({@link LigeroRowArgument}), checks 1 and 5 are made on the
 * committed rows by that argument, after the columns are opened.
 * For a hiding commitment the mask rows enter every check: each group's claimed combination is
 * {@code Σ λ_k·v_k + z_g} and its row weights put {@code μ_g} on the mask rows; {@code γ} covers them.
 * Each failed check throws {@link ProofRejectedException} naming it, with expected and actual values.
 */
public final class LigeroVerifier {
    private final LigeroParameters params;

    public LigeroVerifier(LigeroParameters params) {
        this.params = params;
    }

    public void verify(LigeroCommitment commitment, List<Ext[]> points, Ext[] values, LigeroProof proof,
                       Transcript transcript) throws ProofRejectedException {
        LigeroShape shape = commitment.shape(params);
        checkStatementShape(shape, points, values);
        LigeroShape.Groups groups = shape.groups(points);
        checkProofShape(shape, groups, proof);

        new LigeroStatement(params, commitment, points, values).absorbInto(transcript);
        Ext[][] mu = new Ext[groups.count()][0];
        if (shape.maskRows > 0) {
            for (int g = 0; g < groups.count(); g++) {
                mu[g] = transcript.challengeExts("ligero/mask-weights", shape.maskRows);
            }
            transcript.absorbExts("ligero/mask-values", proof.maskValues());
        }
        Ext[] lambda = transcript.challengeExts("ligero/batching", shape.numVariables.length);
        Ext[] gamma = shape.proximityRow ? transcript.challengeExts("ligero/proximity", shape.totalRows) : null;

        Ext[] claims = new Ext[groups.count()];
        for (int g = 0; g < groups.count(); g++) {
            Ext claimed = shape.maskRows > 0 ? Ext.at(proof.maskValues(), g) : Ext.ZERO;
            List<Integer> members = new ArrayList<>();
            for (int k = 0; k < values.length; k++) {
                if (groups.groupOf()[k] == g) {
                    claimed = claimed.add(lambda[k].mul(values[k]));
                    members.add(k);
                }
            }
            claims[g] = claimed;
            if (shape.committedRows) {
                continue; // checked by the row argument
            }
            int first = groups.firstMember()[g];
            Ext fromRow = ExtArrays.innerProduct(proof.evaluationRows()[g], shape.columnWeights(points.get(first), first));
            if (!fromRow.equals(claimed)) {
                throw new ProofRejectedException("Ligero claim check failed for polynomials " + members
                        + ": the claimed values combine to " + claimed + " but the evaluation row gives " + fromRow);
            }
        }

        if (shape.committedRows) {
            transcript.absorbBytes(LigeroRowArgument.ROOT_LABEL, proof.rowRoot());
        } else {
            for (long[] row : proof.evaluationRows()) {
                transcript.absorbExts("ligero/evaluation-row", row);
            }
        }
        if (shape.proximityRow) {
            transcript.absorbExts("ligero/proximity-row", proof.proximityRow());
        }
        ProofRejectedException.check(params.grindingBits() > 0 || proof.nonce() == 0,
                "Ligero proof-of-work nonce " + proof.nonce() + " must be 0 without grinding");
        transcript.checkGrind(params.grindingBits(), proof.nonce());
        int[] queried = transcript.challengeIndices("ligero/queries", shape.queries, shape.codewordLength);
        Arrays.sort(queried);

        MerkleVerifier.verify(commitment.root(), shape.codewordLength, shape.totalRows, shape.salted, queried,
                proof.columns(), proof.merkle());

        long[] gammaPairs = shape.proximityRow ? LigeroStatement.pairs(gamma) : null;
        long[] encodedProximity = shape.proximityRow ? shape.encodeSentRow(proof.proximityRow()) : null;
        long[][] encodedRows = new long[groups.count()][];
        long[][] rowWeights = new long[groups.count()][];
        for (int g = 0; g < groups.count(); g++) {
            encodedRows[g] = shape.committedRows ? null : shape.encodeSentRow(proof.evaluationRows()[g]);
            rowWeights[g] = shape.groupRowWeights(groups, g, lambda, points, mu[g]);
        }
        long[] rowChecks = shape.committedRows ? new long[2 * groups.count() * queried.length] : null;
        for (int q = 0; q < queried.length; q++) {
            int j = queried[q];
            int offset = q * shape.totalRows;
            if (shape.proximityRow) {
                Ext combined = shape.combineColumn(gammaPairs, proof.columns(), offset);
                Ext encoded = Ext.at(encodedProximity, j);
                if (!combined.equals(encoded)) {
                    throw new ProofRejectedException("Ligero proximity check failed at column " + j
                            + ": γ·column = " + combined + ", encoded proximity row = " + encoded);
                }
            }
            for (int g = 0; g < groups.count(); g++) {
                Ext rowCombined = shape.combineColumn(rowWeights[g], proof.columns(), offset);
                if (shape.committedRows) {
                    rowCombined.storeAt(rowChecks, g * queried.length + q);
                    continue;
                }
                Ext rowEncoded = Ext.at(encodedRows[g], j);
                if (!rowCombined.equals(rowEncoded)) {
                    throw new ProofRejectedException("Ligero evaluation row " + g + " disagrees with opened column " + j
                            + ": weighted column = " + rowCombined + ", encoded evaluation row = " + rowEncoded);
                }
            }
        }
        if (shape.committedRows) {
            LigeroRowArgument.verify(shape, proof.rowRoot(), proof.rowArgument(), claims, rowChecks, queried, points,
                    groups.firstMember(), transcript, params);
        }
    }

    private static void checkStatementShape(LigeroShape shape, List<Ext[]> points, Ext[] values)
            throws ProofRejectedException {
        int m = shape.numVariables.length;
        ProofRejectedException.check(points.size() == m, "Ligero statement: " + points.size()
                + " points for " + m + " committed polynomials");
        ProofRejectedException.check(values.length == m, "Ligero statement: " + values.length
                + " claimed values for " + m + " committed polynomials");
        for (int k = 0; k < m; k++) {
            Ext[] point = points.get(k);
            ProofRejectedException.check(point != null && point.length == shape.numVariables[k],
                    "Ligero statement: point " + k + " has " + (point == null ? "no" : point.length)
                            + " coordinates, polynomial " + k + " has " + shape.numVariables[k] + " variables");
            for (Ext x : point) {
                ProofRejectedException.check(x != null, "Ligero statement: point " + k + " has a missing coordinate");
            }
            ProofRejectedException.check(values[k] != null, "Ligero statement: claimed value " + k + " is missing");
        }
    }

    /** A proof built in memory (not decoded) gets the same length and canonicity checks as decoded bytes. */
    private static void checkProofShape(LigeroShape shape, LigeroShape.Groups groups, LigeroProof proof)
            throws ProofRejectedException {
        ProofRejectedException.check(proof.maskValues() != null && proof.evaluationRows() != null && proof.proximityRow() != null
                && proof.columns() != null && proof.merkle() != null, "malformed Ligero proof: missing parts");
        ProofRejectedException.check(proof.evaluationRows().length == groups.count(), "malformed Ligero proof: "
                + proof.evaluationRows().length + " evaluation rows, expected " + groups.count()
                + " (one per group of polynomials sharing column coordinates)");
        ProofRejectedException.check(shape.committedRows == (proof.rowRoot() != null && proof.rowArgument() != null),
                "malformed Ligero proof: evaluation rows " + (shape.committedRows ? "sent where the shape commits them"
                        : "committed where the shape sends them"));
        ProofRejectedException.check(!shape.committedRows || (proof.rowRoot().length == 32
                        && proof.rowArgument().values().length == 4 * groups.count()),
                "malformed Ligero proof: row commitment parts of the wrong size");
        for (long[] row : proof.evaluationRows()) {
            checkCanonical(row, shape.committedRows ? 0 : 2 * shape.messageLength, "evaluation row");
        }
        if (shape.committedRows) {
            checkCanonical(proof.rowArgument().values(), 4 * groups.count(), "row commitment values");
        }
        checkCanonical(proof.proximityRow(), shape.proximityRow ? 2 * shape.messageLength : 0, "proximity row");
        checkCanonical(proof.maskValues(), shape.maskRows == 0 ? 0 : 2 * groups.count(), "mask values");
        checkCanonical(proof.columns(), shape.queries * shape.totalRows, "opened columns");
    }

    private static void checkCanonical(long[] xs, int expectedLength, String what) throws ProofRejectedException {
        ProofRejectedException.check(xs != null && xs.length == expectedLength,
                "malformed Ligero proof: " + what + " has " + (xs == null ? 0 : xs.length) + " field elements, expected " + expectedLength);
        for (long x : xs) {
            ProofRejectedException.check(Goldilocks.isCanonical(x), "malformed Ligero proof: non-canonical field element in " + what);
        }
    }
}
