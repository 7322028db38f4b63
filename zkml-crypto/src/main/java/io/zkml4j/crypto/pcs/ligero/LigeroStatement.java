package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.List;

/**
 * What a Ligero opening proves, absorbed by prover and verifier alike before the first challenge:
 * protocol id, parameters, commitment (root and shape), every point, every claimed value.
 */
record LigeroStatement(LigeroParameters params, LigeroCommitment commitment, List<Ext[]> points, Ext[] values) {
    static final String PROTOCOL = "zkml4j/ligero/v2";

    void absorbInto(Transcript transcript) {
        transcript.absorbBytes("pcs", PROTOCOL.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        params.absorbInto(transcript);
        commitment.absorbInto(transcript);
        for (Ext[] point : points) {
            transcript.absorbExts("ligero/point", pairs(point));
        }
        transcript.absorbExts("ligero/values", pairs(values));
    }

    static long[] pairs(Ext[] xs) {
        long[] p = new long[2 * xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i].storeAt(p, i);
        }
        return p;
    }
}
