package io.zkml4j.prover.relation.requant;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.prover.circuit.RequantLayer;
import io.zkml4j.prover.plan.WitnessPlan;

/**
 * {@code x(ρ) = (Σ_i 2^{wi} r_i(ρ) + 2^s·Σ_k 2^{wk} u_k(ρ) + 2^{s+B}·h'(ρ) − C) / M} (w the chunk width): the claim on the
 * Requant input implied by the committed parts (see {@link RequantWitness}).
 */
final class RequantIdentity {
    private RequantIdentity() {}

    /** The high part from its pieces: {@code h'} itself, or {@code hLo + 2^L·hHi} for a wide comparison. */
    static Hidden high(RequantLayer layer, Hidden[] pieces) {
        return pieces.length == 1 ? pieces[0]
                : pieces[0].add(pieces[1].mulBase(Goldilocks.pow(2, RequantWitness.lowBits(layer.hBits()))));
    }

    static Hidden input(RequantLayer layer, WitnessPlan.RequantSlots slots, Hidden[] remainder, Hidden[] u, Hidden h) {
        Hidden acc = Hidden.ZERO;
        for (int i = 0; i < remainder.length; i++) {
            acc = acc.add(remainder[i].mulBase(Goldilocks.pow(2, slots.remainder().width() * i)));
        }
        long twoS = Goldilocks.pow(2, layer.shift());
        for (int k = 0; k < u.length; k++) {
            acc = acc.add(u[k].mulBase(Goldilocks.mul(twoS, Goldilocks.pow(2, slots.u().width() * k))));
        }
        acc = acc.add(h.mulBase(Goldilocks.pow(2, layer.shift() + layer.outBits())));
        long c = RequantWitness.identityConstant(layer.shift(), layer.outBits(), layer.lo(), layer.hBits());
        return acc.sub(Ext.fromBase(c)).mulBase(Goldilocks.inv(Goldilocks.fromSigned(layer.multiplier())));
    }
}
