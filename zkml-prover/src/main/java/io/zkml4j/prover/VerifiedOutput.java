package io.zkml4j.prover;

import java.util.ArrayList;
import java.util.List;

/**
 * What a proof established: each model output with its name, shape, integers, the numbers they stand for
 * (integer · 2^-scale) and the index of its largest value (the predicted class, for a classifier). The
 * accessors without an index read the first output (most models have one). For a hashed output: no
 * values, only the commitment the proof established the output behind ({@link #outputCommitment}).
 */
public record VerifiedOutput(List<Part> outputs, byte[] outputCommitment, int inputAtLimits, int outputAtLimits) {
    /** One output tensor. */
    public record Part(String name, int[] shape, long[] integers, double[] values, int argmax) {}

    public VerifiedOutput {
        outputs = List.copyOf(outputs);
    }

    public VerifiedOutput(List<Part> outputs) {
        this(outputs, null, 0, 0);
    }

    /** A hashed output: established, not shown. */
    static VerifiedOutput hashed(byte[] commitment) {
        return new VerifiedOutput(List.of(), commitment.clone(), 0, 0);
    }

    /**
     * The same with what the proof established about the range limits: how many input values equal the
     * limits of the input's range (where inputs outside the calibrated range are clamped to) and how many
     * output values equal the limits of the output's range (saturated).
     */
    VerifiedOutput withLimits(int inputAtLimits, int outputAtLimits) {
        return new VerifiedOutput(outputs, outputCommitment, inputAtLimits, outputAtLimits);
    }

    public boolean isHashed() {
        return outputCommitment != null;
    }

    /** Splits the proof's (concatenated) output by the key's output ports. */
    static VerifiedOutput of(List<VerifyingKey.Port> ports, long[] all) {
        List<Part> parts = new ArrayList<>();
        int offset = 0;
        for (VerifyingKey.Port p : ports) {
            long[] ints = java.util.Arrays.copyOfRange(all, offset, offset + p.size());
            offset += p.size();
            double[] v = new double[ints.length];
            int best = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.scalb((double) ints[i], -p.scale());
                if (ints[i] > ints[best]) {
                    best = i;
                }
            }
            parts.add(new Part(p.name(), p.shape().clone(), ints, v, best));
        }
        return new VerifiedOutput(parts);
    }

    /**
     * {@code scores [1, 3] = -0.3479 0.740967 0.404663 (argmax 1)}, one line per output, at most 12 values each;
     * the argmax only for an output with a class axis ({@code [C]} or {@code [N, C]}).
     */
    @Override
    public String toString() {
        if (isHashed()) {
            return "hashed output (commitment " + java.util.HexFormat.of().formatHex(outputCommitment) + ")";
        }
        StringBuilder sb = new StringBuilder();
        for (Part p : outputs) {
            sb.append(sb.length() == 0 ? "" : "\n").append(Sizes.port(p.name(), p.shape())).append(" =");
            for (int i = 0; i < Math.min(12, p.values().length); i++) {
                sb.append(' ').append(Sizes.number(p.values()[i]));
            }
            if (p.values().length > 12) {
                sb.append(" ... (").append(p.values().length).append(" values)");
            }
            if (io.zkml4j.model.graph.Shapes.classAxisLength(p.shape()) > 1 && p.values().length == p.shape()[p.shape().length - 1]) {
                sb.append(" (argmax ").append(p.argmax()).append(')');
            }
        }
        return sb.toString();
    }

    public String name() {
        return outputs.get(0).name();
    }

    public int[] shape() {
        return outputs.get(0).shape();
    }

    public long[] integers() {
        return outputs.get(0).integers();
    }

    public double[] values() {
        return outputs.get(0).values();
    }

    public int argmax() {
        return outputs.get(0).argmax();
    }
}
