package io.zkml4j.prover.relation.div;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.DivLayer;
import io.zkml4j.prover.engine.ProverContext;
import io.zkml4j.prover.plan.WitnessPlan;
import io.zkml4j.prover.relation.elementwise.Broadcast;

/**
 * Prover of {@code y = ⌊a·2^k / b⌋}. y is virtual, {@code y = lo_y + Σ_j 2^{8j} y_j} in committed chunks, so
 * a claim on y becomes claims on the chunks (sent, then checked by the verifier). The division itself is
 * the zero-check of {@link DivPolynomial} over y's variables, ending in claims on a, b and every chunk;
 * the lookups range-check the chunks of y, r and {@code t = b − 1 − r}, so {@code 0 ≤ r < b} and the
 * integer identity {@code a·2^k = y·b + r} (all terms below p/2) pins y.
 */
public final class DivProver {
    private DivProver() {}

    /** Quotient, remainder and slack (signed, y's padded layout); padding positions stay 0. */
    public static long[][] forward(Circuit c, DivLayer layer, long[] aSigned, long[] bSigned) {
        var ys = c.tensor(layer.y()).shape();
        Broadcast ba = new Broadcast(ys, c.tensor(layer.a()).shape());
        Broadcast bb = new Broadcast(ys, c.tensor(layer.b()).shape());
        long lo = c.tensor(layer.y()).lo();
        long[] y = new long[ys.paddedSize()];
        long[] rem = new long[y.length];
        long[] slack = new long[y.length];
        java.util.Arrays.fill(y, lo);
        for (int i = 0; i < ys.size(); i++) {
            int p = ys.paddedIndexOfFlat(i);
            long a = aSigned[ba.operandIndex(p)];
            long b = bSigned[bb.operandIndex(p)];
            if (b < 1) {
                throw new IllegalArgumentException("division by " + b);
            }
            long num = a << layer.k();
            y[p] = Math.floorDiv(num, b);
            rem[p] = num - y[p] * b;
            slack[p] = b - 1 - rem[p];
        }
        return new long[][] {y, rem, slack};
    }

    public static void prove(ProverContext ctx, DivLayer layer, int index) {
        Circuit c = ctx.circuit();
        WitnessPlan.DivSlots slots = ctx.plan().divSlots(index);
        var ch = ctx.channel();
        long yLo = c.tensor(layer.y()).lo();
        for (var claim : ctx.claims().takeTensorClaims(layer.y())) {
            for (int slot : slots.quotient().slots()) {
                Ext v = Multilinear.evaluate(ctx.slots()[slot], claim.point());
                ch.sendExt("div quotient chunk", v);
                ctx.claims().slot(slot, claim.point(), v);
            }
        }
        var ys = c.tensor(layer.y()).shape();
        Broadcast ba = new Broadcast(ys, c.tensor(layer.a()).shape());
        Broadcast bb = new Broadcast(ys, c.tensor(layer.b()).shape());
        Ext[] tau = ch.challenges("div zero-check point", ys.numVars());
        Ext gamma = ch.challenge("div combination");
        int[] chunkSlots = DivPolynomial.chunkSlots(slots);
        MultilinearTable[] tables = new MultilinearTable[3 + chunkSlots.length];
        tables[0] = MultilinearTable.base(ys.realMask());
        tables[1] = MultilinearTable.base(ba.expand(ctx.tensors()[layer.a()]));
        tables[2] = MultilinearTable.base(bb.expand(ctx.tensors()[layer.b()]));
        for (int i = 0; i < chunkSlots.length; i++) {
            tables[3 + i] = MultilinearTable.base(ctx.slots()[chunkSlots[i]]);
        }
        SumcheckProver.Result res = ch.sumcheck(SumcheckInstance.withEq(tau, DivPolynomial.shape(slots, layer.k(), yLo, gamma), tables));
        Ext[] s = res.point();
        Ext[] f = res.finalEvaluations();
        ch.sendExt("div numerator", f[1]);
        ch.sendExt("div denominator", f[2]);
        ctx.claims().tensor(layer.a(), ba.sub(s), f[1]);
        ctx.claims().tensor(layer.b(), bb.sub(s), f[2]);
        for (int i = 0; i < chunkSlots.length; i++) {
            ch.sendExt("div chunk", f[3 + i]);
            ctx.claims().slot(chunkSlots[i], s, f[3 + i]);
        }
    }
}
