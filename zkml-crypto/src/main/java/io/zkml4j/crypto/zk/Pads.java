package io.zkml4j.crypto.zk;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.hidden.PadPlan;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.random.ZkRandom;

/**
 * The prover's pad commitment contents for one proof ({@link PadLayout}): uniform pads, the products the
 * {@link PadPlan} names, a uniform sacrificed triple per product, and the uniform mask half. As a
 * {@link Masking} it hides each message with the next unused pad, in plan order.
 */
public final class Pads implements Masking {
    private final PadPlan plan;
    private final PadLayout layout;
    private final long[] table;
    private int next;

    public Pads(PadPlan plan, ZkRandom random) {
        this.plan = plan;
        this.layout = PadLayout.of(plan);
        int m = layout.contentVars();
        this.table = new long[2 << m];
        int j = 0;
        for (int e = 0; e < plan.size(); e++) {
            if (plan.isPad(e)) {
                table[2 * e] = random.nextField();
                table[2 * e + 1] = random.nextField();
            } else {
                entry(plan.left(e)).mul(entry(plan.right(e))).storeAt(table, e);
                Ext a = Ext.of(random.nextField(), random.nextField());
                Ext b = Ext.of(random.nextField(), random.nextField());
                a.storeAt(table, layout.sacrificedA(j));
                b.storeAt(table, layout.sacrificedB(j));
                a.mul(b).storeAt(table, layout.sacrificedC(j));
                j++;
            }
        }
        random.fillField(table, 1 << m, 2 << m);
    }

    public PadPlan plan() {
        return plan;
    }

    Ext entry(int e) {
        return Ext.at(table, e);
    }

    PadLayout layout() {
        return layout;
    }

    /** The committed table ({@link PadLayout#tableVars()} variables); not copied. */
    public long[] table() {
        return table;
    }

    /** {@code value − P[e]} for the next unused pad {@code e}. */
    @Override
    public Ext hide(Ext value) {
        while (next < plan.size() && !plan.isPad(next)) {
            next++;
        }
        if (next == plan.size()) {
            throw new IllegalStateException("the proof sends more hidden values than its pad plan has pads (" + plan.padCount() + ")");
        }
        return value.sub(entry(next++));
    }

    /** Pads used so far. */
    public int used() {
        int n = 0;
        for (int e = 0; e < next; e++) {
            n += plan.isPad(e) ? 1 : 0;
        }
        return n;
    }
}
