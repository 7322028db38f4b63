package io.zkml4j.prover.circuit;

import io.zkml4j.prover.layout.PaddedShape;

/**
 * A tensor of the circuit: its shape, the static interval every real entry provably lies in, and how its
 * claims are discharged.
 *
 * @param id    position in {@link Circuit#tensors()}
 * @param name  the model's name for it (for messages)
 * @param shape logical shape and padded layout
 * @param lo    static lower bound of the real entries
 * @param hi    static upper bound of the real entries
 * @param kind  how claims on it are discharged
 */
public record TensorInfo(int id, String name, PaddedShape shape, long lo, long hi, Kind kind) {
    /** How the proof discharges claims on a tensor. */
    public enum Kind {
        /** The model input, public: the verifier evaluates it. */
        PUBLIC_INPUT,
        /** The model input, private: committed in the witness. */
        PRIVATE_INPUT,
        /** Fixed by the relation of the layer that produces it: claims go to that layer. */
        VIRTUAL,
        /** Committed in the per-proof witness: claims are opened at the end. */
        COMMITTED
    }
}
