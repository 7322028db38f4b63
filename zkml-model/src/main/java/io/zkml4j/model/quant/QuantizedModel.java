package io.zkml4j.model.quant;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable quantized model: a DAG of integer {@link Primitive}s in topological order, op {@code i}
 * producing tensor {@code i} described by {@code tensors[i]} (shape, scale, static interval). {@code inputs}
 * and {@code outputs} are tensor ids in model order; {@code inputNames}/{@code outputNames} the ONNX names.
 */
public final class QuantizedModel {
    private final List<Primitive> ops;
    private final List<TensorSpec> tensors;
    private final int[] inputs;
    private final int[] outputs;
    private final List<String> inputNames;
    private final List<String> outputNames;
    private final QuantizationOptions options;

    public QuantizedModel(List<Primitive> ops, List<TensorSpec> tensors, int[] inputs, int[] outputs,
                          List<String> inputNames, List<String> outputNames, QuantizationOptions options) {
        if (ops.size() != tensors.size()) {
            throw new IllegalArgumentException(ops.size() + " ops but " + tensors.size() + " tensors");
        }
        if (inputs.length != inputNames.size() || outputs.length != outputNames.size()) {
            throw new IllegalArgumentException("input/output names do not match the ids");
        }
        for (int i = 0; i < ops.size(); i++) {
            for (int in : ops.get(i).inputs()) {
                if (in < 0 || in >= i) {
                    throw new IllegalArgumentException("op " + i + " reads tensor " + in + ", not computed before it");
                }
            }
        }
        java.util.Set<Integer> listed = new java.util.HashSet<>();
        for (int i : inputs) {
            if (i < 0 || i >= ops.size() || !(ops.get(i) instanceof Primitive.Input)) {
                throw new IllegalArgumentException("input id " + i + " is not an Input op");
            }
            if (!listed.add(i)) {
                throw new IllegalArgumentException("input id " + i + " is listed twice");
            }
        }
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) instanceof Primitive.Input && !listed.contains(i)) {
                throw new IllegalArgumentException("Input op " + i + " is not a model input");
            }
        }
        for (int o : outputs) {
            if (o < 0 || o >= ops.size()) {
                throw new IllegalArgumentException("output id " + o + " out of range");
            }
        }
        this.ops = List.copyOf(ops);
        this.tensors = List.copyOf(tensors);
        this.inputs = inputs.clone();
        this.outputs = outputs.clone();
        this.inputNames = List.copyOf(inputNames);
        this.outputNames = List.copyOf(outputNames);
        this.options = options;
    }

    public List<Primitive> ops() {
        return ops;
    }

    public List<TensorSpec> tensors() {
        return tensors;
    }

    public TensorSpec tensor(int id) {
        return tensors.get(id);
    }

    public int[] inputs() {
        return inputs.clone();
    }

    public int[] outputs() {
        return outputs.clone();
    }

    public List<String> inputNames() {
        return inputNames;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    public QuantizationOptions options() {
        return options;
    }

    public TensorSpec inputSpec(int i) {
        return tensors.get(inputs[i]);
    }

    public TensorSpec outputSpec(int i) {
        return tensors.get(outputs[i]);
    }

    /** The inputs as graph values (name, float, shape) in model order: what {@code InputFile.parse} reads input JSON against. */
    public List<io.zkml4j.model.graph.ValueInfo> inputValues() {
        List<io.zkml4j.model.graph.ValueInfo> v = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            v.add(new io.zkml4j.model.graph.ValueInfo(inputNames.get(i), io.zkml4j.model.graph.DataType.FLOAT, inputSpec(i).shape()));
        }
        return v;
    }

    /**
     * The float-to-integer input quantization, outside the proved computation:
     * {@code q = clamp(round_half_away_from_zero(x·2^f), lo, hi)} with f the input's scale and
     * {@code [lo, hi]} its interval (the activation range).
     */
    public long[] quantizeInput(int i, float[] x) {
        TensorSpec s = inputSpec(i);
        return new TensorSpec(inputNames.get(i), s.shape(), s.scale(), s.lo(), s.hi()).quantize(x);
    }

    /**
     * How many input values (all inputs, model order) fall outside the range the model was calibrated for,
     * so that {@link #quantizeInput} clamps them to its limits.
     */
    public int clampedCount(float[][] x) {
        int n = 0;
        for (int i = 0; i < x.length && i < inputs.length; i++) {
            TensorSpec spec = inputSpec(i);
            double scale = Math.scalb(1.0, spec.scale());
            for (float v : x[i]) {
                double s = v * scale;
                double r = Math.signum(s) * Math.floor(Math.abs(s) + 0.5);
                n += r < spec.lo() || r > spec.hi() ? 1 : 0;
            }
        }
        return n;
    }

    /** All inputs quantized. */
    public long[][] quantizeInputs(float[][] x) {
        if (x.length != inputs.length) {
            throw new IllegalArgumentException("the model has " + inputs.length + " inputs, got " + x.length);
        }
        long[][] q = new long[x.length][];
        for (int i = 0; i < x.length; i++) {
            q[i] = quantizeInput(i, x[i]);
        }
        return q;
    }

    /** {@code q·2^-f} for output i. */
    public double[] dequantizeOutput(int i, long[] q) {
        return dequantize(outputSpec(i), q);
    }

    public static double[] dequantize(TensorSpec s, long[] q) {
        double[] y = new double[q.length];
        for (int j = 0; j < y.length; j++) {
            y[j] = Math.scalb((double) q[j], -s.scale());
        }
        return y;
    }

    /** Total number of constant integers (weights, biases, multipliers, table entries). */
    public long constantCount() {
        long n = parameterCount();
        for (Primitive p : ops) {
            if (p instanceof Primitive.Table t) {
                n += t.table().length;
            }
        }
        return n;
    }

    /** The model's parameters: weights and biases of MatMul and Conv, scales and offsets of Affine. */
    public long parameterCount() {
        long n = 0;
        for (Primitive p : ops) {
            if (p instanceof Primitive.MatMul m) {
                n += m.w().size() + (m.bias() == null ? 0 : m.bias().size());
            } else if (p instanceof Primitive.Conv c) {
                n += c.w().size() + (c.bias() == null ? 0 : c.bias().size());
            } else if (p instanceof Primitive.Affine a) {
                n += a.mul().size() + a.add().size();
            }
        }
        return n;
    }

    /** The canonical encoding of the whole model (see {@link ModelCodec}); equal models give equal bytes. */
    public byte[] architectureBytes() {
        return ModelCodec.body(this, true);
    }

    /** The canonical encoding with the weights and biases of MatMul and Conv left out (their shapes stay). */
    public byte[] architectureBytesWithoutWeights() {
        return ModelCodec.body(this, false);
    }

    /** The {@code .zkm} file bytes. */
    public byte[] toBytes() {
        return ModelCodec.write(this);
    }

    /** Reads a {@code .zkm} file; every problem is a {@link ModelFormatException} with a clear message. */
    /** Reads a compiled model ({@code .zkm}, as {@code zkml compile} writes it). */
    public static QuantizedModel read(java.nio.file.Path path) throws java.io.IOException, ModelFormatException {
        return fromBytes(java.nio.file.Files.readAllBytes(path));
    }

    /** Writes this model as a {@code .zkm} file (creating its folder if needed). */
    public void write(java.nio.file.Path path) throws java.io.IOException {
        java.nio.file.Files.createDirectories(path.toAbsolutePath().getParent());
        java.nio.file.Files.write(path, toBytes());
    }

    public static QuantizedModel fromBytes(byte[] bytes) throws ModelFormatException {
        return ModelCodec.read(bytes);
    }

    /** One line per op: id, primitive, shape, scale and interval. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Primitive p = ops.get(i);
            TensorSpec t = tensors.get(i);
            lines.add(String.format("%4d %-10s %s <- %s", i, p.kind(), t, java.util.Arrays.toString(p.inputs())));
        }
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "QuantizedModel[" + ops.size() + " ops, inputs " + inputNames + ", outputs " + outputNames + "]";
    }
}
