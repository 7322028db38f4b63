package io.zkml4j.prover.circuit;

/**
 * One relation of the circuit. Tensor arguments are indices into {@link Circuit#tensors()}, weight
 * arguments indices into {@link Circuit#weights()} ({@code -1}: absent).
 */
public sealed interface Layer permits UnaryLayer, LinearMapLayer, ElementwiseLayer, ActivationMatMulLayer, DivLayer {
    /** The tensor this layer produces. */
    int y();

    /** The tensor this layer produces (same as {@link #y}). */
    default int output() {
        return y();
    }

    /** The tensors it reads. */
    int[] inputs();

    /** A short description for messages and {@code inspect}. */
    String describe();
}
