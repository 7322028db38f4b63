package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.prover.channel.ProverChannel;
import io.zkml4j.prover.channel.VerifierChannel;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A sound but not succinct commitment for testing layer logic without Ligero: the root is the SHA-256 of
 * the table, and an opening sends the whole table, which the verifier hashes and evaluates itself.
 */
final class PlainTableCommitment implements TableCommitment {
    record Plain(byte[] root, int numVars, long[] table) implements Committed {}

    @Override
    public String describe() {
        return "plain-test";
    }

    @Override
    public int securityBits() {
        return 128;
    }

    static byte[] hash(long[] table) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] b = new byte[8];
            for (long v : table) {
                Goldilocks.encode(v, b, 0);
                md.update(b);
            }
            return md.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the whole table, so it hides nothing whatever {@code hidingOpenings} says. */
    @Override
    public Committed commit(long[] table, int hidingOpenings, io.zkml4j.crypto.random.ZkRandom random) {
        return new Plain(hash(table), Integer.numberOfTrailingZeros(table.length), table.clone());
    }

    @Override
    public void open(Committed committed, EvaluationClaim claim, ProverChannel channel) {
        long[] t = ((Plain) committed).table();
        channel.out().writeFields(t);
    }

    @Override
    public void verify(byte[] root, int numVars, int hidingOpenings, EvaluationClaim claim, VerifierChannel channel)
            throws ProofRejectedException {
        long[] t = channel.in().readFields("plain table", 1 << numVars);
        if (!Arrays.equals(hash(t), root)) {
            throw new ProofRejectedException("plain table does not match its root");
        }
        Ext v = Multilinear.evaluate(t, claim.point());
        if (!v.equals(claim.value())) {
            throw new ProofRejectedException("plain table evaluates to " + v + ", claim says " + claim.value());
        }
    }
}
