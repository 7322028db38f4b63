package io.zkml4j.prover.engine;

import io.zkml4j.crypto.claims.HiddenClaim;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.TensorInfo;
import io.zkml4j.prover.plan.WitnessPlan;

import java.util.ArrayList;
import java.util.List;

/**
 * Where claims go. A claim on a tensor is routed by the tensor's kind: to the layer that produces it
 * (virtual), to its witness slot (committed, private input), or to the public-input list that the
 * verifier evaluates itself. Claims on witness slots and weights wait for the final batched openings.
 * Prover and verifier keep identical books; the prover's values are public ({@link Hidden#of}), the
 * verifier's are what it received (hidden in a zero-knowledge proof).
 */
public final class ClaimBook {
    private final Circuit circuit;
    private final WitnessPlan plan;
    private final List<List<HiddenClaim>> tensorClaims = new ArrayList<>();
    private final List<List<HiddenClaim>> slotClaims = new ArrayList<>();
    private final List<List<HiddenClaim>> weightClaims = new ArrayList<>();
    private final List<HiddenClaim> publicInputClaims = new ArrayList<>();
    private final List<HiddenClaim> committedInputClaims = new ArrayList<>();
    private final List<HiddenClaim> committedOutputClaims = new ArrayList<>();
    private final boolean inputCommitted;

    public ClaimBook(Circuit circuit, WitnessPlan plan) {
        this(circuit, plan, false);
    }

    /** @param inputCommitted claims on a private input go to its own commitment ({@link HashedTensor}) */
    public ClaimBook(Circuit circuit, WitnessPlan plan, boolean inputCommitted) {
        this.circuit = circuit;
        this.plan = plan;
        this.inputCommitted = inputCommitted;
        for (int i = 0; i < circuit.tensors().size(); i++) {
            tensorClaims.add(new ArrayList<>());
        }
        for (int i = 0; i < plan.slotCount(); i++) {
            slotClaims.add(new ArrayList<>());
        }
        for (int i = 0; i < circuit.weights().size(); i++) {
            weightClaims.add(new ArrayList<>());
        }
    }

    /** A claim {@code T~(point) = value} on tensor {@code id}. */
    public void tensor(int id, Ext[] point, Ext value) {
        tensor(id, point, Hidden.of(value));
    }

    public void slot(int slot, Ext[] point, Ext value) {
        slot(slot, point, Hidden.of(value));
    }

    public void weight(int weight, Ext[] point, Ext value) {
        weight(weight, point, Hidden.of(value));
    }

    public void tensor(int id, Ext[] point, Hidden value) {
        TensorInfo t = circuit.tensor(id);
        check(point, t.shape().numVars(), "tensor " + t.name());
        switch (t.kind()) {
            case VIRTUAL -> tensorClaims.get(id).add(new HiddenClaim(point, value));
            case PUBLIC_INPUT -> publicInputClaims.add(new HiddenClaim(point, value));
            case PRIVATE_INPUT -> {
                if (inputCommitted) {
                    committedInputClaims.add(new HiddenClaim(point, value));
                } else {
                    slot(plan.tensorSlot(id), point, value);
                }
            }
            case COMMITTED -> slot(plan.tensorSlot(id), point, value);
        }
    }

    public void slot(int slot, Ext[] point, Hidden value) {
        check(point, plan.slot(slot).numVars(), "witness vector " + plan.slot(slot).name());
        slotClaims.get(slot).add(new HiddenClaim(point, value));
    }

    public void weight(int weight, Ext[] point, Hidden value) {
        check(point, circuit.weights().get(weight).shape().numVars(), "weight " + circuit.weights().get(weight).name());
        weightClaims.get(weight).add(new HiddenClaim(point, value));
    }

    private static void check(Ext[] point, int vars, String what) {
        if (point.length != vars) {
            throw new IllegalStateException("claim on " + what + " has " + point.length + " coordinates, expected " + vars);
        }
    }

    /** Removes and returns the claims on a virtual tensor (its producer consumes them). */
    public List<HiddenClaim> takeTensorClaims(int id) {
        List<HiddenClaim> c = new ArrayList<>(tensorClaims.get(id));
        tensorClaims.get(id).clear();
        return c;
    }

    /** Every claim on a virtual tensor must have been consumed by its producer; anything left is a bug. */
    public void checkAllConsumed() {
        for (int i = 0; i < tensorClaims.size(); i++) {
            if (!tensorClaims.get(i).isEmpty()) {
                throw new IllegalStateException("claims on tensor " + circuit.tensor(i).name() + " were never reduced");
            }
        }
    }

    /** The claims on each witness slot, in slot order (what the witness opening batches). */
    public List<List<HiddenClaim>> slotClaims() {
        return java.util.Collections.unmodifiableList(slotClaims);
    }

    /** The claims on each weight, in weight order (what the weight opening batches). */
    public List<List<HiddenClaim>> weightClaims() {
        return java.util.Collections.unmodifiableList(weightClaims);
    }

    public List<HiddenClaim> publicInputClaims() {
        return publicInputClaims;
    }

    /** A claim on a hashed output's committed table ({@link HashedTensor}). */
    public void committedOutput(Ext[] point, Hidden value) {
        check(point, circuit.tensor(circuit.output()).shape().numVars(), "the committed output");
        committedOutputClaims.add(new HiddenClaim(point, value));
    }

    public void committedOutput(Ext[] point, Ext value) {
        committedOutput(point, Hidden.of(value));
    }

    /** Claims on a hashed output, for its commitment's opening. */
    public List<HiddenClaim> committedOutputClaims() {
        return java.util.Collections.unmodifiableList(committedOutputClaims);
    }

    /** Claims on a hashed input, for its commitment's opening. */
    public List<HiddenClaim> committedInputClaims() {
        return java.util.Collections.unmodifiableList(committedInputClaims);
    }
}
