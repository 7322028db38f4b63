package io.zkml4j.model.interp;

/**
 * Every tensor of one integer inference, indexed like the model's tensors (the prover's witness), and the
 * model outputs among them. A reshape's tensor shares its input's array: treat the arrays as read-only.
 */
public record Trace(long[][] values, int[] outputIds) {

    public long[] value(int tensorId) {
        return values[tensorId];
    }

    public long[] output(int i) {
        return values[outputIds[i]];
    }

    public int outputCount() {
        return outputIds.length;
    }
}
