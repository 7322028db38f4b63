package io.zkml4j.prover.relation.max;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.ExtArrays;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.MaxLayer;
import io.zkml4j.prover.engine.ProverContext;
import io.zkml4j.prover.layout.PaddedShape;
import io.zkml4j.prover.plan.WitnessPlan;

/**
 * Prover of {@code y[o] = max_k X_k[o]}, where {@code X_k[o]} is tap k's input value, or x's lower bound
 * {@code lo} where the tap lies outside the input (or o is padding). y is committed, and so are the 8-bit
 * chunks {@code d_{k,j}} of {@code D_k = y − X_k}; the lookups put every chunk in range, so
 * {@code D_k ≥ 0}: y is at least every tap. Then:
 * <ol>
 *   <li>a zero-check {@code Σ_o eq(τ, o)·Π_k D_k(o) = 0} (degree K+1) shows some tap equals y at every o;
 *       at its point s the prover sends {@code y(s)} and every {@code d_{k,j}(s)}; the verifier rebuilds
 *       {@code D_k(s) = Σ_j 2^{8j} d_{k,j}(s)} and gets {@code X_k(s) = y(s) − D_k(s)};</li>
 *   <li>the taps are a public gather of x: with a challenge μ,
 *       {@code Σ_k μ^k (X_k(s) − lo·I_k(s)) = Σ_q x(q)·A(q)}, {@code A(q) = Σ_k μ^k Σ_{o: tap_k(o) = q} eq(s, o)},
 *       {@code I_k} the indicator of invalid taps — one degree-2 sumcheck to a claim on x; the verifier
 *       evaluates {@code A} and {@code I_k} itself in O(K·|y|).</li>
 * </ol>
 */
public final class MaxProver {
    private MaxProver() {}

    /** The tap values {@code X_k} on y's padded layout (signed), {@code lo} where invalid. */
    static long[][] tapValues(Circuit c, MaxLayer layer, long[] xSigned) {
        PaddedShape xs = c.tensor(layer.x()).shape();
        PaddedShape ys = c.tensor(layer.y()).shape();
        long lo = c.tensor(layer.x()).lo();
        int n = ys.size();
        long[][] out = new long[layer.tapCount()][ys.paddedSize()];
        for (int k = 0; k < layer.tapCount(); k++) {
            java.util.Arrays.fill(out[k], lo);
            for (int o = 0; o < n; o++) {
                int q = layer.taps()[k * n + o];
                if (q >= 0) {
                    out[k][ys.paddedIndexOfFlat(o)] = xSigned[xs.paddedIndexOfFlat(q)];
                }
            }
        }
        return out;
    }

    /** Fills y (signed, padded) and the difference values {@code D_k}; returns y. */
    public static long[] forward(Circuit c, MaxLayer layer, long[] xSigned, long[][] differencesOut) {
        long[][] taps = tapValues(c, layer, xSigned);
        long[] y = taps[0].clone();
        for (long[] t : taps) {
            for (int p = 0; p < y.length; p++) {
                y[p] = Math.max(y[p], t[p]);
            }
        }
        for (int k = 0; k < taps.length; k++) {
            differencesOut[k] = new long[y.length];
            for (int p = 0; p < y.length; p++) {
                differencesOut[k][p] = y[p] - taps[k][p];
            }
        }
        return y;
    }

    public static void prove(ProverContext ctx, MaxLayer layer, int index) {
        WitnessPlan.MaxSlots slots = ctx.plan().maxSlots(index);
        var ch = ctx.channel();
        Circuit c = ctx.circuit();
        int vars = c.tensor(layer.y()).shape().numVars();
        int kTaps = layer.tapCount();
        Ext[] tau = ch.challenges("max zero-check point", vars);
        MultilinearTable[] diffs = new MultilinearTable[kTaps];
        long[] y = ctx.slots()[slots.y()];
        for (int k = 0; k < kTaps; k++) {
            long[] d = new long[y.length];
            WitnessPlan.Chunks ch0 = slots.differences()[k];
            for (int j = 0; j < ch0.count(); j++) {
                long[] part = ctx.slots()[ch0.slots()[j]];
                long scale = ch0.weight(j);
                for (int p = 0; p < d.length; p++) {
                    d[p] = Goldilocks.add(d[p], Goldilocks.mul(part[p], scale));
                }
            }
            diffs[k] = MultilinearTable.base(d);
        }
        SumcheckProver.Result zero = ch.sumcheck(SumcheckInstance.withEq(tau, SumOfProducts.product(kTaps), diffs));
        Ext[] s = zero.point();
        Ext ys = Multilinear.evaluate(y, s);
        ch.sendExt("max output", ys);
        ctx.claims().slot(slots.y(), s, ys);
        Ext product = Ext.ONE;
        for (int k = 0; k < kTaps; k++) {
            Ext d = Ext.ZERO;
            int[] chunkSlots = slots.differences()[k].slots();
            for (int j = 0; j < chunkSlots.length; j++) {
                Ext v = Multilinear.evaluate(ctx.slots()[chunkSlots[j]], s);
                ch.sendExt("max difference chunk", v);
                ctx.claims().slot(chunkSlots[j], s, v);
                d = d.add(v.mulBase(slots.differences()[k].weight(j)));
            }
            product = product.mul(d);
            if (k > 0 && k + 1 < kTaps) {
                ch.sendExt("max partial product", product); // Π_{j≤k} d_j: keeps every check of degree 2
            }
        }
        Ext mu = ch.challenge("max taps");
        long[] a = adjoint(c, layer, s, mu);
        SumcheckProver.Result gather = ch.sumcheck(SumcheckInstance.of(SumOfProducts.product(2),
                MultilinearTable.base(ctx.tensors()[layer.x()]), MultilinearTable.ext(a)));
        Ext xs = gather.finalEvaluations()[0];
        ch.sendExt("max input", xs);
        ctx.claims().tensor(layer.x(), gather.point(), xs);
    }

    /** {@code A(q) = Σ_k μ^k Σ_{o: tap_k(o) = q} eq(s, o)} on x's padded layout (extension pairs). */
    static long[] adjoint(Circuit c, MaxLayer layer, Ext[] s, Ext mu) {
        PaddedShape xs = c.tensor(layer.x()).shape();
        PaddedShape ys = c.tensor(layer.y()).shape();
        long[] eq = Multilinear.eqTable(s);
        long[] a = ExtArrays.zeros(xs.paddedSize());
        int n = ys.size();
        Ext muK = Ext.ONE;
        for (int k = 0; k < layer.tapCount(); k++) {
            for (int o = 0; o < n; o++) {
                int q = layer.taps()[k * n + o];
                if (q >= 0) {
                    int p = ys.paddedIndexOfFlat(o);
                    int qi = xs.paddedIndexOfFlat(q);
                    a[2 * qi] = Goldilocks.add(a[2 * qi], Ext.mulC0(eq[2 * p], eq[2 * p + 1], muK.c0, muK.c1));
                    a[2 * qi + 1] = Goldilocks.add(a[2 * qi + 1], Ext.mulC1(eq[2 * p], eq[2 * p + 1], muK.c0, muK.c1));
                }
            }
            muK = muK.mul(mu);
        }
        return a;
    }
}
