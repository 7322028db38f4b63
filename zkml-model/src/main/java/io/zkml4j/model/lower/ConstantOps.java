package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.DataType;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.graph.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;

/**
 * Folding of ops whose inputs are all constants, with ONNX element-type semantics (integer division
 * truncates, comparisons give booleans, Cast converts): the {@code Shape/Gather/Unsqueeze/Concat/
 * ConstantOfShape/Cast/...} chains exporters emit around shapes, and arithmetic on initializers. Ops
 * listed here that meet a non-constant input are lowered by their own lowering or refused.
 */
final class ConstantOps {
    private ConstantOps() {
    }

    /** Folds one node from its (constant) input tensors; {@code in[i]} is null for an omitted input. */
    @FunctionalInterface
    interface Folder {
        Tensor fold(Node node, Tensor[] in) throws ModelImportException;
    }

    static final Map<String, Folder> FOLDERS = new HashMap<>();

    static {
        binary("Add", (a, b) -> a + b);
        binary("Sub", (a, b) -> a - b);
        binary("Mul", (a, b) -> a * b);
        binary("Div", (a, b) -> a / b);
        binary("Pow", StrictMath::pow);
        binary("Min", Math::min);
        binary("Max", Math::max);
        binary("Mod", (a, b) -> a - b * StrictMath.floor(a / b));
        compare("Equal", (a, b) -> a == b ? 1 : 0);
        compare("Less", (a, b) -> a < b ? 1 : 0);
        compare("Greater", (a, b) -> a > b ? 1 : 0);
        compare("LessOrEqual", (a, b) -> a <= b ? 1 : 0);
        compare("GreaterOrEqual", (a, b) -> a >= b ? 1 : 0);
        compare("And", (a, b) -> a != 0 && b != 0 ? 1 : 0);
        compare("Or", (a, b) -> a != 0 || b != 0 ? 1 : 0);
        FOLDERS.put("Not", (n, in) -> map(in[0], DataType.BOOL, x -> x == 0 ? 1 : 0));
        FOLDERS.put("Neg", (n, in) -> map(in[0], in[0].type(), x -> -x));
        FOLDERS.put("Cast", ConstantOps::cast);
        FOLDERS.put("Where", ConstantOps::where);
        FOLDERS.put("Range", ConstantOps::range);
        FOLDERS.put("NonZero", ConstantOps::nonZero);
        FOLDERS.put("ConstantOfShape", ConstantOps::constantOfShape);
    }

    private static void binary(String op, DoubleBinaryOperator f) {
        FOLDERS.put(op, (n, in) -> {
            DataType t = in[0].type();
            DoubleBinaryOperator g = f;
            if (!t.isFloating() && op.equals("Div")) {
                g = (a, b) -> {
                    if (b == 0) {
                        throw new ArithmeticException("integer division by zero");
                    }
                    return (double) ((long) a / (long) b);
                };
            }
            return broadcast(n, in[0], in[1], t, g);
        });
    }

    private static void compare(String op, DoubleBinaryOperator f) {
        FOLDERS.put(op, (n, in) -> broadcast(n, in[0], in[1], DataType.BOOL, f));
    }

    private static Tensor broadcast(Node node, Tensor a, Tensor b, DataType type, DoubleBinaryOperator f)
            throws ModelImportException {
        int[] shape;
        try {
            shape = Shapes.broadcast(a.shape(), b.shape());
        } catch (IllegalArgumentException e) {
            throw new ModelImportException(node.describe() + ": " + e.getMessage());
        }
        int[] ai = Shapes.broadcastIndex(a.shape(), shape);
        int[] bi = Shapes.broadcastIndex(b.shape(), shape);
        double[] out = new double[ai.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(a.data()[ai[i]], b.data()[bi[i]]);
        }
        return new Tensor(type, shape, convert(out, type));
    }

    private static Tensor map(Tensor a, DataType type, java.util.function.DoubleUnaryOperator f) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(a.data()[i]);
        }
        return new Tensor(type, a.shape(), out);
    }

    /** Values converted as ONNX Cast does: to integers by truncation toward zero, to bool by {@code != 0}. */
    static double[] convert(double[] v, DataType type) {
        if (type.isFloating()) {
            if (type == DataType.FLOAT) {
                double[] r = new double[v.length];
                for (int i = 0; i < r.length; i++) {
                    r[i] = (float) v[i];
                }
                return r;
            }
            return v;
        }
        double[] r = new double[v.length];
        for (int i = 0; i < r.length; i++) {
            double x = v[i];
            r[i] = type == DataType.BOOL ? (x != 0 ? 1 : 0) : (double) (long) x;
        }
        return r;
    }

    private static Tensor cast(Node node, Tensor[] in) throws ModelImportException {
        DataType to = DataType.ofOnnxCode((int) node.attrInt("to", 0));
        if (to == null) {
            throw new ModelImportException(node.describe() + ": cast to element type " + node.attrInt("to", 0) + " is not supported");
        }
        return new Tensor(to, in[0].shape(), convert(in[0].data(), to));
    }

    private static Tensor where(Node node, Tensor[] in) throws ModelImportException {
        Tensor c = in[0];
        Tensor x = in[1];
        Tensor y = in[2];
        int[] shape;
        try {
            shape = Shapes.broadcast(Shapes.broadcast(c.shape(), x.shape()), y.shape());
        } catch (IllegalArgumentException e) {
            throw new ModelImportException(node.describe() + ": " + e.getMessage());
        }
        int[] ci = Shapes.broadcastIndex(c.shape(), shape);
        int[] xi = Shapes.broadcastIndex(x.shape(), shape);
        int[] yi = Shapes.broadcastIndex(y.shape(), shape);
        double[] out = new double[ci.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.data()[ci[i]] != 0 ? x.data()[xi[i]] : y.data()[yi[i]];
        }
        return new Tensor(x.type(), shape, out);
    }

    /** The indices of the non-zero elements, {@code [rank, count]}. */
    private static Tensor nonZero(Node node, Tensor[] in) {
        Tensor x = in[0];
        int[] shape = x.shape();
        java.util.List<Integer> hits = new java.util.ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            if (x.data()[i] != 0) {
                hits.add(i);
            }
        }
        int rank = Math.max(1, shape.length);
        double[] out = new double[rank * hits.size()];
        for (int h = 0; h < hits.size(); h++) {
            int i = hits.get(h);
            for (int d = shape.length - 1; d >= 0; d--) {
                out[d * hits.size() + h] = i % shape[d];
                i /= shape[d];
            }
        }
        return new Tensor(DataType.INT64, new int[] {rank, hits.size()}, out);
    }

    private static Tensor range(Node node, Tensor[] in) throws ModelImportException {
        double start = in[0].data()[0];
        double limit = in[1].data()[0];
        double delta = in[2].data()[0];
        double count = Math.max(0, Math.ceil((limit - start) / delta));
        if (delta == 0 || count > Shapes.MAX_ELEMENTS) {
            throw new ModelImportException(node.describe() + ": bad range " + start + ", " + limit + ", " + delta);
        }
        double[] out = new double[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = start + i * delta;
        }
        return new Tensor(in[0].type(), new int[] {out.length}, out);
    }

    private static Tensor constantOfShape(Node node, Tensor[] in) throws ModelImportException {
        int[] shape;
        try {
            shape = in[0].ints();
            Shapes.size(shape);
        } catch (IllegalArgumentException e) {
            throw new ModelImportException(node.describe() + ": " + e.getMessage());
        }
        Tensor value = node.attrTensor("value");
        DataType type = value == null ? DataType.FLOAT : value.type();
        double v = value == null ? 0 : value.data()[0];
        double[] out = new double[Shapes.size(shape)];
        java.util.Arrays.fill(out, v);
        return new Tensor(type, shape, out);
    }
}
