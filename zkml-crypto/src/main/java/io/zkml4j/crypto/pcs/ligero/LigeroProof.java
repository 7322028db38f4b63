package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.merkle.MerkleBatchProof;
import io.zkml4j.crypto.pcs.PolynomialCommitment;

/**
 * A Ligero opening proof.
 *
 * @param maskValues per group, the value {@code ⟨μ_gᵀZ, eqLow_g⟩} of the group's combination of the mask
 *        rows {@code Z} (hiding commitments only; empty otherwise), interleaved pairs
 * @param evaluationRows one row of {@code k' = 2^b + ℓ} extension elements (interleaved pairs) per group
 *        of polynomials sharing column coordinates: {@code Σ_k λ_k·eqHigh_kᵀ·M_k + μ_gᵀZ}
 * @param proximityRow {@code γᵀ·M} over all rows, mask rows included, {@code k'} extension elements; empty
 *        when the shape omits it (openings at challenge points, see {@link LigeroParameters})
 * @param nonce the proof-of-work nonce (0 without grinding)
 * @param columns the opened columns of the encoded matrix in increasing index order, flat: column
 *        {@code q} at {@code [q·R, (q+1)·R)}
 * @param merkle the batch opening of those columns
 * @param rowRoot when the shape commits its evaluation rows ({@link LigeroRowArgument}): the row commitment's
 *        root (then {@code evaluationRows} holds {@code G} empty rows, G the group count); null otherwise
 * @param rowArgument the committed rows' sumcheck, values and opening; null when the rows are sent
 *
 * <p>Encoding: {@code u32 groups ‖ ((u32 k' ‖ row)… | row root) ‖ [u32 k' ‖ proximity row] ‖ [u32 groups ‖ mask values] ‖
 * u64 nonce ‖ u32 t·R ‖ columns ‖ Merkle batch proof ‖ [row argument]}; field elements 8 bytes little-endian, canonical.
 */
public record LigeroProof(long[] maskValues, long[][] evaluationRows, long[] proximityRow, long nonce, long[] columns,
                          MerkleBatchProof merkle, byte[] rowRoot, LigeroRowArgument.Proof rowArgument)
        implements PolynomialCommitment.Proof {

    /** An opening that sends its evaluation rows. */
    public LigeroProof(long[] maskValues, long[][] evaluationRows, long[] proximityRow, long nonce, long[] columns,
                       MerkleBatchProof merkle) {
        this(maskValues, evaluationRows, proximityRow, nonce, columns, merkle, null, null);
    }

    /** Whether the evaluation rows are committed ({@link LigeroRowArgument}) rather than sent. */
    public boolean committedRows() {
        return rowRoot != null;
    }

    @Override
    public void writeTo(ProofWriter out) {
        out.writeInt(evaluationRows.length);
        if (committedRows()) {
            out.writeFixed(rowRoot);
        } else {
            for (long[] row : evaluationRows) {
                out.writeExts(row);
            }
        }
        if (proximityRow.length > 0) {
            out.writeExts(proximityRow);
        }
        if (maskValues.length > 0) {
            out.writeExts(maskValues);
        }
        out.writeLong(nonce);
        out.writeFields(columns);
        merkle.writeTo(out);
        if (committedRows()) {
            rowArgument.writeTo(out);
        }
    }

    @Override
    public int sizeBytes() {
        long rows = 4 + (committedRows() ? rowRoot.length + rowArgument.sizeBytes() : 0);
        for (long[] row : evaluationRows) {
            rows += committedRows() ? 0 : 4 + 8L * row.length;
        }
        long masks = maskValues.length == 0 ? 0 : 4 + 8L * maskValues.length;
        long proximity = proximityRow.length == 0 ? 0 : 4 + 8L * proximityRow.length;
        long size = rows + proximity + masks + 8 + 4 + 8L * columns.length
                + 4 + merkle.salts().length + 4 + merkle.siblings().length;
        return Math.toIntExact(size);
    }

    /** Reads a proof for {@code commitment} under {@code params}: every length is fixed by the shape. */
    public static LigeroProof readFrom(ProofReader in, LigeroParameters params, LigeroCommitment commitment)
            throws ProofRejectedException {
        LigeroShape shape = commitment.shape(params);
        int groups = in.readCount("Ligero evaluation rows", shape.numVariables.length);
        ProofRejectedException.check(groups > 0 || !shape.committedRows, "malformed Ligero proof: no evaluation rows");
        long[][] rows = new long[groups][];
        byte[] rowRoot = shape.committedRows ? in.readFixed("Ligero row commitment", 32) : null;
        for (int g = 0; g < groups; g++) {
            rows[g] = shape.committedRows ? new long[0] : in.readExts("Ligero evaluation row", shape.messageLength);
        }
        long[] proximity = shape.proximityRow ? in.readExts("Ligero proximity row", shape.messageLength) : new long[0];
        long[] masks = shape.maskRows == 0 ? new long[0] : in.readExts("Ligero mask values", groups);
        long nonce = in.readLong("Ligero proof-of-work nonce");
        long[] columns = in.readFields("Ligero opened columns", shape.queries * shape.totalRows);
        MerkleBatchProof merkle = MerkleBatchProof.readFrom(in, shape.queries, shape.codewordLength, shape.salted);
        LigeroRowArgument.Proof argument = shape.committedRows
                ? LigeroRowArgument.Proof.readFrom(in, shape, groups, rowRoot, params) : null;
        return new LigeroProof(masks, rows, proximity, nonce, columns, merkle, rowRoot, argument);
    }
}
