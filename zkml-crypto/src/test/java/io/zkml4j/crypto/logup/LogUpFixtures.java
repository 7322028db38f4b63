package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.parallel.Parallelism;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The caller's side of LogUp-GKR in tests: "commit" to the witness and multiplicities by absorbing them
 * whole (binding, like a commitment root), run the protocol, and discharge the returned claims against
 * the committed vectors.
 */
final class LogUpFixtures {
    static final String PROTOCOL = "zkml4j/test/logup";

    private LogUpFixtures() {}

    static Transcript committed(List<long[][]> groups, long[] multiplicities) {
        Transcript t = new Transcript(PROTOCOL);
        for (int g = 0; g < groups.size(); g++) {
            for (int c = 0; c < groups.get(g).length; c++) {
                t.absorbFields("commitment/group-" + g + "/column-" + c, groups.get(g)[c]);
            }
        }
        t.absorbFields("commitment/multiplicities", multiplicities);
        return t;
    }

    static int[] logSizes(List<long[][]> groups) {
        int[] out = new int[groups.size()];
        for (int g = 0; g < out.length; g++) {
            out[g] = Multilinear.log2(groups.get(g)[0].length);
        }
        return out;
    }

    static LogUpGkrProver.Result proveHonest(LookupTable table, List<long[][]> groups) {
        long[] m = LookupTable.multiplicities(table, groups);
        return LogUpGkrProver.prove(table, groups, m, committed(groups, m), Parallelism.SEQUENTIAL);
    }

    static LogUpGkrProver.Result proveCheating(LookupTable table, List<long[][]> groups, long[] m) {
        return LogUpGkrProver.proveUnchecked(table, groups, null, m, committed(groups, m), Parallelism.SEQUENTIAL);
    }

    static byte[] encode(LogUpGkrProof p) {
        ProofWriter w = new ProofWriter();
        p.writeTo(w);
        return w.toByteArray();
    }

    /**
     * What a verifier does with bytes: decode against its own table and sizes, verify on a transcript
     * that absorbed the same commitments, then discharge every claim against the committed vectors.
     */
    static LogUpGkrClaims verifyBytes(LookupTable table, List<long[][]> groups, long[] m, byte[] bytes)
            throws ProofRejectedException {
        int[] sizes = logSizes(groups);
        ProofReader r = new ProofReader(bytes);
        LogUpGkrProof proof = LogUpGkrProof.readFrom(r, table, sizes);
        r.finish();
        LogUpGkrClaims claims = LogUpGkrVerifier.verify(table, sizes, proof, committed(groups, m));
        discharge(claims, groups, m);
        return claims;
    }

    /** Stands in for commitment openings: every claim must be the committed vector's true evaluation. */
    static void discharge(LogUpGkrClaims claims, List<long[][]> groups, long[] m) throws ProofRejectedException {
        for (int g = 0; g < groups.size(); g++) {
            for (int c = 0; c < groups.get(g).length; c++) {
                EvaluationClaim cl = claims.column(g, c);
                ProofRejectedException.check(Multilinear.evaluate(groups.get(g)[c], cl.point()).equals(cl.value()),
                        "opening: group " + g + " column " + c + " is not " + cl.value() + " at the claimed point");
            }
        }
        EvaluationClaim mc = claims.multiplicities();
        ProofRejectedException.check(Multilinear.evaluate(m, mc.point()).equals(mc.value()),
                "opening: multiplicities are not " + mc.value() + " at the claimed point");
    }

    /** A group of {@code 2^n} rows drawn uniformly from the table's rows. */
    static long[][] groupFromTable(Random rnd, LookupTable table, int n) {
        long[][] cols = new long[table.arity()][1 << n];
        for (int i = 0; i < (1 << n); i++) {
            int row = rnd.nextInt(table.size());
            for (int c = 0; c < cols.length; c++) {
                cols[c][i] = table.value(c, row);
            }
        }
        return cols;
    }

    static List<long[][]> groups(long[][]... gs) {
        return new ArrayList<>(List.of(gs));
    }

    /** {@code (x, x^2 mod 2^16)} for x in [0, 2^bits): an arity-2 function table. */
    static ExplicitTable squareTable(int bits) {
        long[] in = new long[1 << bits];
        long[] out = new long[1 << bits];
        for (int x = 0; x < in.length; x++) {
            in[x] = x;
            out[x] = ((long) x * x) & 0xFFFF;
        }
        return new ExplicitTable(new long[][] {in, out});
    }

    // ---- several tables in one proof ----

    /**
     * "Commits" to several tables' lookups as {@link #committed} does to one: in order, each lookup's
     * groups' columns, then its multiplicities (labels carry the lookup's index).
     */
    static Transcript committedAll(List<LogUpGkrProver.Lookup> lookups) {
        Transcript t = new Transcript(PROTOCOL);
        for (int i = 0; i < lookups.size(); i++) {
            LogUpGkrProver.Lookup l = lookups.get(i);
            for (int g = 0; g < l.groups().size(); g++) {
                for (int c = 0; c < l.groups().get(g).length; c++) {
                    t.absorbFields("commitment/lookup-" + i + "/group-" + g + "/column-" + c, l.groups().get(g)[c]);
                }
            }
            t.absorbFields("commitment/lookup-" + i + "/multiplicities", l.multiplicities());
        }
        return t;
    }

    /** A table's lookups with the honest multiplicities ({@code selectors} null or null entries: every row). */
    static LogUpGkrProver.Lookup honestLookup(LookupTable table, List<long[][]> groups, List<long[]> selectors) {
        return new LogUpGkrProver.Lookup(table, groups, selectors, LookupTable.multiplicities(table, groups, selectors));
    }

    static LogUpGkrProver.Batch proveAllHonest(List<LogUpGkrProver.Lookup> lookups) {
        return LogUpGkrProver.proveAll(lookups, committedAll(lookups), Parallelism.SEQUENTIAL, Masking.NONE);
    }

    static LogUpGkrProver.Batch proveAllCheating(List<LogUpGkrProver.Lookup> lookups) {
        return LogUpGkrProver.proveAllUnchecked(lookups, committedAll(lookups), Parallelism.SEQUENTIAL, Masking.NONE);
    }

    /** The verifier's shape of a lookup (named {@code name}; null: the default names). */
    static LogUpGkrProof.Shape shape(LogUpGkrProver.Lookup l, String name) {
        return new LogUpGkrProof.Shape(l.table(), logSizes(l.groups()), LogUpGkr.selected(l.groups().size(), l.selectors()), name);
    }

    static List<LogUpGkrProof.Shape> shapes(List<LogUpGkrProver.Lookup> lookups) {
        return lookups.stream().map(l -> shape(l, null)).toList();
    }

    /** The selectors' multilinear extensions, as a verifier evaluates them (null stays null). */
    static List<Function<Ext[], Ext>> selectorMles(List<long[]> selectors) {
        if (selectors == null) {
            return null;
        }
        List<Function<Ext[], Ext>> out = new ArrayList<>();
        for (long[] s : selectors) {
            out.add(s == null ? null : p -> Multilinear.evaluate(s, p));
        }
        return out;
    }

    /**
     * {@link #verifyBytes} for several tables: decode against the verifier's {@code shapes}, verify with
     * the selectors of {@code lookups[i]} on a transcript that absorbed the committed {@code lookups}, and
     * discharge every table's claims against its committed vectors. Shape i goes with lookup i.
     */
    static List<LogUpGkrClaims> verifyAllBytes(List<LogUpGkrProver.Lookup> lookups, List<LogUpGkrProof.Shape> shapes,
                                               byte[] bytes) throws ProofRejectedException {
        ProofReader r = new ProofReader(bytes);
        LogUpGkrProof proof = LogUpGkrProof.readFrom(r, shapes);
        r.finish();
        List<LogUpGkrClaims> claims = verifyAll(lookups, shapes, proof);
        for (int i = 0; i < lookups.size(); i++) {
            discharge(claims.get(i), lookups.get(i).groups(), lookups.get(i).multiplicities());
        }
        return claims;
    }

    /** The verifier alone (no decoding, no discharge), eager checks; the claims made public. */
    static List<LogUpGkrClaims> verifyAll(List<LogUpGkrProver.Lookup> lookups, List<LogUpGkrProof.Shape> shapes,
                                          LogUpGkrProof proof) throws ProofRejectedException {
        List<LogUpGkrVerifier.Lookup> verifierLookups = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            verifierLookups.add(new LogUpGkrVerifier.Lookup(shapes.get(i), selectorMles(lookups.get(i).selectors())));
        }
        List<LogUpGkrHiddenClaims> hidden = LogUpGkrVerifier.verifyAll(verifierLookups, proof, committedAll(lookups),
                HiddenChecks.eager());
        List<LogUpGkrClaims> out = new ArrayList<>();
        for (LogUpGkrHiddenClaims h : hidden) {
            List<List<EvaluationClaim>> columns = new ArrayList<>();
            for (var g : h.groupColumns()) {
                columns.add(g.stream().map(c -> new EvaluationClaim(c.point(), c.value().publicValue())).toList());
            }
            out.add(new LogUpGkrClaims(columns, new EvaluationClaim(h.multiplicities().point(),
                    h.multiplicities().value().publicValue())));
        }
        return out;
    }
}
