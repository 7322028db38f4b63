package io.zkml4j.prover.circuit;

/** A layer with one input tensor, {@code x}. */
sealed interface UnaryLayer extends Layer permits MatMulLayer, ConvLayer, RequantLayer, TableLayer, AffineLayer, MaxLayer {
    int x();

    @Override
    default int[] inputs() {
        return new int[] {x()};
    }
}
