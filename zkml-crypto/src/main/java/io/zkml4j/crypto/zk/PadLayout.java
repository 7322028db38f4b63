package io.zkml4j.crypto.zk;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.hidden.PadPlan;

/**
 * Where things sit in the pad commitment's table (base-field entries; an extension entry {@code e} is the
 * pair {@code 2e, 2e+1}): the {@code n} entries of the plan, then for each of its {@code Q} products a
 * sacrificed triple {@code (a', b', c')} (all {@code a'}, then all {@code b'}, then all {@code c'}), zero
 * up to {@code 2^m}; then {@code 2^m} uniform entries {@code σ} that mask the final inner product
 * ({@link PadProver}). The table has {@code m + 1} variables; the last one selects {@code σ}.
 */
record PadLayout(int entries, int products) {
    static PadLayout of(PadPlan plan) {
        return new PadLayout(plan.size(), plan.productCount());
    }

    /** Extension entries before the padding: the plan's and the sacrificed triples. */
    int used() {
        return entries + 3 * products;
    }

    int sacrificedA(int j) {
        return entries + j;
    }

    int sacrificedB(int j) {
        return entries + products + j;
    }

    int sacrificedC(int j) {
        return entries + 2 * products + j;
    }

    /** {@code m}: variables of the content half. */
    int contentVars() {
        long base = 2L * used();
        int m = 1;
        while ((1L << m) < base) {
            m++;
        }
        if (m > 28) {
            throw new IllegalArgumentException("a pad table of " + used() + " extension entries is too large");
        }
        return m;
    }

    int tableVars() {
        return contentVars() + 1;
    }
}
