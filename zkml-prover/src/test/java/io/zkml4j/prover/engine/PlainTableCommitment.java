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
import java.util.List;

/**
 * A sound but not succinct commitment for testing layer logic without Ligero: the root is the SHA-256 of
 * the tables, and an opening sends the whole tables, which the verifier hashes and evaluates itself.
 */
final class PlainTableCommitment implements TableCommitment {
    record Plain(byte[] root, List<long[]> tables) implements Committed {}

    @Override
    public String describe() {
        return "plain-test";
    }

    @Override
    public int securityBits() {
        return 128;
    }

    static byte[] hash(List<long[]> tables) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] b = new byte[8];
            for (long[] table : tables) {
                md.update(new byte[] {(byte) table.length, (byte) (table.length >>> 8), (byte) (table.length >>> 16), (byte) (table.length >>> 24)});
                for (long v : table) {
                    Goldilocks.encode(v, b, 0);
                    md.update(b);
                }
            }
            return md.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the whole tables, so it hides nothing whatever {@code hidingOpenings} says. */
    @Override
    public Committed commit(List<long[]> tables, int hidingOpenings, io.zkml4j.crypto.random.ZkRandom random) {
        List<long[]> copies = tables.stream().map(long[]::clone).toList();
        return new Plain(hash(copies), copies);
    }

    @Override
    public void open(Committed committed, List<EvaluationClaim> claims, ProverChannel channel) {
        for (long[] t : ((Plain) committed).tables()) {
            channel.out().writeFields(t);
        }
    }

    /** The whole tables, whatever the grouping. */
    @Override
    public double openingBytes(int[] lengths, int hidingOpenings) {
        return 8.0 * Arrays.stream(lengths).asLongStream().sum();
    }

    @Override
    public void verify(byte[] root, int[] lengths, int hidingOpenings, List<EvaluationClaim> claims, VerifierChannel channel)
            throws ProofRejectedException {
        List<long[]> tables = new java.util.ArrayList<>();
        for (int n : lengths) {
            tables.add(channel.in().readFields("plain table", n));
        }
        if (!Arrays.equals(hash(tables), root)) {
            throw new ProofRejectedException("plain table does not match its root");
        }
        for (int k = 0; k < claims.size(); k++) {
            Ext v = Multilinear.evaluatePrefix(tables.get(k), claims.get(k).point());
            if (!v.equals(claims.get(k).value())) {
                throw new ProofRejectedException("plain table evaluates to " + v + ", claim says " + claims.get(k).value());
            }
        }
    }
}
