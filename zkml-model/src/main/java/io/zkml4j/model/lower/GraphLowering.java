package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.DataType;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.graph.Tensor;
import io.zkml4j.model.graph.ValueInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Lowers a topologically ordered list of ONNX nodes: folds every node whose inputs are all constants,
 * inlines the taken branch of an {@code If} whose condition folds, infers the shape of every other value,
 * and builds the {@link LoweredGraph}. Unknown ops fail with one line naming the node, the op and the
 * opset, and pointing to the README's operator list.
 */
public final class GraphLowering {
    private static final Map<String, OpLowering> REGISTRY = new HashMap<>();
    /** Ops of the {@code ai.onnx.ml} domain. */
    private static final Map<String, OpLowering> ML_REGISTRY = new HashMap<>();

    static {
        MovementOps.register(REGISTRY);
        ArithmeticOps.register(REGISTRY);
        LinearOps.register(REGISTRY);
        ActivationOps.register(REGISTRY);
        PoolOps.register(REGISTRY);
        NormalizationOps.register(REGISTRY);
        ResamplingOps.register(REGISTRY);
        RecurrentOps.register(REGISTRY);
        DecisionOps.register(REGISTRY);
        IndexOps.register(REGISTRY);
        QuantizedOps.register(REGISTRY);
        MlOps.register(ML_REGISTRY);
        REGISTRY.put("Constant", GraphLowering::constant);
        REGISTRY.put("Shape", GraphLowering::shape);
        REGISTRY.put("Size", (node, ctx) -> {
            ctx.allowAttributes();
            ctx.bindConstant(node.outputs().get(0), Tensor.ofLongs(new int[0], Shapes.size(ctx.shape(node.input(0)))));
        });
    }

    /** Ops that are exact on computed integer tensors too (pure movement, and casts to float). */
    private static final java.util.Set<String> INTEGER_SAFE = java.util.Set.of("Identity", "Dropout", "Reshape", "Flatten",
            "Squeeze", "Unsqueeze", "Transpose", "Slice", "Concat", "Pad", "Gather", "Expand", "Tile", "Split", "Cast", "Shape",
            "Size", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "Equal", "Not", "And", "Or", "Xor", "Where", "ArgMax",
            "ArgMin", "TopK", "GatherElements", "ScatterElements", "ScatterND", "GatherND", "OneHot", "DequantizeLinear", "MatMulInteger");

    /**
     * Ops that are exact on integers computed here (booleans, indices, counts: exact values at scale 0), but not
     * on an integer model input (a setting such as a sample rate, which --fix-input makes a constant).
     */
    private static final java.util.Set<String> EXACT_ON_COMPUTED_INTEGERS = java.util.Set.of("Add", "Sub", "Mul", "Neg", "Sum",
            "ReduceSum", "OneHot", "Max", "Min", "ReduceMax", "ReduceMin", "MatMul", "Gemm");

    /** Comparisons: on an integer model input they compare a setting (a sample rate), which --fix-input fixes. */
    private static final java.util.Set<String> COMPARISONS = java.util.Set.of("Less", "LessOrEqual", "Greater", "GreaterOrEqual",
            "Equal");

    private GraphLowering() {
    }

    /** The result: the lowered graph, all constants, every non-constant value, and the nodes not folded. */
    public record Result(LoweredGraph lowered, Map<String, Tensor> constants, Map<String, ValueInfo> values,
                         List<Node> nodes) {
    }

    /**
     * Ops that lower on computed inputs (the rest of {@link #foldableOps()} only fold on constants); {@code If} with
     * a computed condition computes both branches and selects.
     */
    public static TreeSet<String> supportedOps() {
        TreeSet<String> s = new TreeSet<>(REGISTRY.keySet());
        s.add("If");
        return s;
    }

    /** Ops of the {@code ai.onnx.ml} domain that lower on computed inputs. */
    public static TreeSet<String> mlOps() {
        return new TreeSet<>(ML_REGISTRY.keySet());
    }

    /** Ops that lower or fold; {@code If} folds when its condition does (its taken branch is inlined). */
    public static TreeSet<String> foldableOps() {
        TreeSet<String> s = new TreeSet<>(REGISTRY.keySet());
        s.addAll(ConstantOps.FOLDERS.keySet());
        s.add("If");
        return s;
    }

    public static Result lower(List<ValueInfo> inputs, List<Node> nodes, Map<String, Tensor> initializers,
                               List<String> outputs) throws ModelImportException {
        Map<String, Tensor> constants = new LinkedHashMap<>(initializers);
        Lowering ctx = Lowering.forGraph(constants);
        for (ValueInfo in : inputs) {
            ctx.input(in.name(), in.type(), in.shape());
        }
        List<Node> kept = new ArrayList<>();
        lowerAll(nodes, ctx, constants, kept);
        ctx.setCurrent(null);
        int[] outIds = new int[outputs.size()];
        for (int i = 0; i < outIds.length; i++) {
            String o = outputs.get(i);
            if (constants.containsKey(o)) {
                throw new ModelImportException("output '" + o + "' is a constant: it does not depend on any model input");
            }
            Integer id = ctx.idOrNull(o);
            if (id == null && ctx.whyUnrepresentable(o) != null) {
                throw new ModelImportException(ctx.whyUnrepresentable(o));
            }
            if (id == null) {
                throw new ModelImportException("output '" + o + "' is not produced by any node");
            }
            outIds[i] = id;
        }
        LoweredGraph g = GraphRewrites.simplify(ctx.graph(outIds));
        Map<String, ValueInfo> values = new LinkedHashMap<>();
        for (ValueInfo in : inputs) {
            values.put(in.name(), in);
        }
        for (Node n : kept) {
            for (String o : n.outputs()) {
                Integer id = ctx.idOrNull(o);
                if (id != null) {
                    values.put(o, new ValueInfo(o, ctx.type(o), ctx.shapeOf(id)));
                }
            }
        }
        return new Result(g, constants, values, kept);
    }

    /** Lowers (or folds) each node in order; the nodes that stay in the graph are added to {@code kept}. */
    private static void lowerAll(List<Node> nodes, Lowering ctx, Map<String, Tensor> constants, List<Node> kept)
            throws ModelImportException {
        for (Node node : nodes) {
            ctx.setCurrent(node);
            try {
                if (node.opType().equals("If") && (node.domain().isEmpty() || node.domain().equals("ai.onnx"))) {
                    inlineIf(node, ctx, constants, kept);
                } else if (lowerNode(node, ctx, constants)) {
                    kept.add(node);
                }
            } catch (Node.AttributeException e) {
                throw new ModelImportException(e.getMessage());
            } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
                throw new ModelImportException(node.describe() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                // A malformed node this importer did not foresee: still one line, never a stack trace.
                throw new ModelImportException(node.describe() + ": cannot be imported (" + e + ")", e);
            }
        }
    }

    /**
     * {@code If} whose condition is a constant (after folding, e.g. a comparison of a fixed input): the taken
     * branch's nodes are lowered in its place and its outputs become the If's. A condition computed from
     * the model input would make the graph depend on the data, which one proof of one computation cannot
     * express: refused, with the ways forward.
     */
    private static void inlineIf(Node node, Lowering ctx, Map<String, Tensor> constants, List<Node> kept)
            throws ModelImportException {
        String cond = node.input(0);
        if (!ctx.isConstant(cond)) {
            bothBranches(node, ctx, constants, kept);
            return;
        }
        Tensor c = constants.get(cond);
        if (c.size() != 1) {
            throw new ModelImportException(node.describe() + ": its condition '" + cond + "' has " + c.size() + " values, not one");
        }
        Node.Subgraph branch = node.attrGraph(c.data()[0] != 0 ? "then_branch" : "else_branch");
        if (branch.outputs().size() != node.outputs().size()) {
            throw new ModelImportException(node.describe() + ": the taken branch has " + branch.outputs().size() + " outputs, the If "
                    + node.outputs().size());
        }
        constants.putAll(branch.initializers());
        lowerAll(branch.nodes(), ctx, constants, kept);
        ctx.setCurrent(node);
        for (int i = 0; i < node.outputs().size(); i++) {
            String out = node.outputs().get(i);
            String from = branch.outputs().get(i);
            if (out.isEmpty()) {
                continue;
            }
            if (constants.containsKey(from)) {
                constants.put(out, constants.get(from));
            } else {
                ctx.bind(out, ctx.id(from), ctx.type(from));
            }
        }
    }

    /**
     * {@code If} whose condition is computed from the input (a wake-word head running its second stage only above
     * a threshold): a proof is of one computation, so both branches are computed and each output is
     * {@code cond ? then : else} (Where). Sound because ONNX branches have no side effects and every integer op is
     * total (the untaken branch's values are simply not selected); it costs both branches.
     */
    private static void bothBranches(Node node, Lowering ctx, Map<String, Tensor> constants, List<Node> kept)
            throws ModelImportException {
        String cond = node.input(0);
        if (Shapes.size(ctx.shape(cond)) != 1) {
            throw new ModelImportException(node.describe() + ": its condition '" + cond + "' has " + Shapes.size(ctx.shape(cond))
                    + " values, not one");
        }
        Node.Subgraph then = node.attrGraph("then_branch");
        Node.Subgraph otherwise = node.attrGraph("else_branch");
        if (then.outputs().size() != node.outputs().size() || otherwise.outputs().size() != node.outputs().size()) {
            throw new ModelImportException(node.describe() + ": its branches have " + then.outputs().size() + " and "
                    + otherwise.outputs().size() + " outputs, the If " + node.outputs().size());
        }
        constants.putAll(then.initializers());
        constants.putAll(otherwise.initializers());
        lowerAll(then.nodes(), ctx, constants, kept);
        lowerAll(otherwise.nodes(), ctx, constants, kept);
        ctx.setCurrent(node);
        for (int i = 0; i < node.outputs().size(); i++) {
            String out = node.outputs().get(i);
            if (out.isEmpty()) {
                continue;
            }
            String a = then.outputs().get(i);
            String b = otherwise.outputs().get(i);
            if (!Arrays.equals(ctx.shape(a), ctx.shape(b))) {
                throw new ModelImportException(node.describe() + ": its condition '" + cond + "' depends on the model input "
                        + ctx.dependsOnText(cond) + " and its branches give output " + i + " different shapes ("
                        + Arrays.toString(ctx.shape(a)) + " and " + Arrays.toString(ctx.shape(b)) + "), so the output's shape "
                        + "would depend on the data; fix the input it depends on with --fix-input, or prove a value before the "
                        + "branch with --output-value");
            }
            DecisionOps.select(ctx, cond, a, b, out);
        }
    }

    /** Lowers or folds one node; returns whether it stays in the graph (was not folded). */
    private static boolean lowerNode(Node node, Lowering ctx, Map<String, Tensor> constants) throws ModelImportException {
        boolean ml = node.domain().equals("ai.onnx.ml");
        if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx") && !ml) {
            throw new ModelImportException(node.describe() + ": ops of domain '" + node.domain() + "' are not supported");
        }
        if (ml) {
            OpLowering m = ML_REGISTRY.get(node.opType());
            if (m == null) {
                throw new ModelImportException(node.describe() + ": " + node.opType() + " (ai.onnx.ml) is not supported (the operators "
                        + "that are: README, 'Supported operators')");
            }
            m.lower(node, ctx);
            return true;
        }
        OpLowering lowering = REGISTRY.get(node.opType());
        ConstantOps.Folder folder = ConstantOps.FOLDERS.get(node.opType());
        if (lowering == null && folder == null) {
            throw new ModelImportException(node.describe() + ": " + node.opType() + " is not supported (the operators that are: "
                    + "README, 'Supported operators')");
        }
        boolean allConstant = true;
        for (String in : node.inputs()) {
            if (!in.isEmpty() && !ctx.isConstant(in)) {
                allConstant = false;
                boolean settingCompared = COMPARISONS.contains(node.opType()) && ctx.isModelInput(in) && ctx.type(in) != DataType.BOOL;
                if (!ctx.type(in).isFloating() && (settingCompared || !INTEGER_SAFE.contains(node.opType()))
                        && !(EXACT_ON_COMPUTED_INTEGERS.contains(node.opType()) && !ctx.isModelInput(in))) {
                    throw new ModelImportException(node.describe() + ": " + integerInputProblem(ctx, in));
                }
            }
        }
        if (allConstant && folder != null) {
            Tensor[] in = new Tensor[node.inputs().size()];
            for (int i = 0; i < in.length; i++) {
                in[i] = node.input(i).isEmpty() ? null : ctx.constant(node.input(i));
            }
            constants.put(node.outputs().get(0), folder.fold(node, in));
            return false;
        }
        if (lowering == null) {
            String computed = "";
            for (String in : node.inputs()) {
                if (!in.isEmpty() && !ctx.isConstant(in)) {
                    computed = in;
                    break;
                }
            }
            throw new ModelImportException(node.describe() + ": " + node.opType() + " of '" + computed + "', a value computed from "
                    + "the model input, is not supported (" + node.opType() + " is folded only on constants, such as shape "
                    + "computations); to prove the model up to this step, make '" + computed + "' the output (--output-value " + computed + ")");
        }
        if (allConstant && !node.opType().equals("Shape")) {
            Lowering f = Lowering.forFolding(constants);
            f.setCurrent(node);
            lowering.lower(node, f);
            for (String o : node.outputs()) {
                if (!o.isEmpty() && f.hasValue(o)) {
                    constants.put(o, f.foldedValue(o));
                }
            }
            return false;
        }
        lowering.lower(node, ctx);
        for (String o : node.outputs()) {
            if (!o.isEmpty() && !ctx.hasValue(o) && node.outputs().indexOf(o) == 0) {
                throw new ModelImportException(node.describe() + ": produced no value for output '" + o + "'");
            }
        }
        return !node.opType().equals("Shape") && !node.opType().equals("Size");
    }

    /** Why an integer or boolean value cannot be computed with, and what to do: it is a model input, or computed from one. */
    private static String integerInputProblem(Lowering ctx, String in) {
        if (ctx.isModelInput(in)) {
            return "input '" + in + "' is the model input '" + in + "' (" + ctx.type(in) + ", shape " + Arrays.toString(ctx.shapeOrEmpty(in))
                    + "); an integer or boolean model input can only be moved or cast, not computed with; if it is a setting "
                    + "(such as a sample rate), fix its value at compile time: --fix-input " + in + "=VALUE";
        }
        return "input '" + in + "' is computed from the model input " + ctx.dependsOnText(in) + " and of type " + ctx.type(in)
                + "; integer and boolean arithmetic on computed values is not supported";
    }

    private static void constant(Node node, Lowering ctx) throws ModelImportException {
        Tensor t;
        if (node.has("value")) {
            t = node.attrTensor("value");
        } else if (node.has("value_float")) {
            t = Tensor.scalar(DataType.FLOAT, node.attrFloat("value_float", 0));
        } else if (node.has("value_floats")) {
            double[] v = node.attrFloats("value_floats");
            t = Tensor.ofFloats(new int[] {v.length}, v);
        } else if (node.has("value_int")) {
            t = Tensor.ofLongs(new int[0], node.attrInt("value_int", 0));
        } else if (node.has("value_ints")) {
            long[] v = node.attrInts("value_ints");
            t = Tensor.ofLongs(new int[] {v.length}, v);
        } else {
            throw ctx.unsupported("only value, value_float(s) and value_int(s) constants are supported, got "
                    + node.attributes().keySet());
        }
        ctx.bindConstant(node.outputs().get(0), t);
    }

    private static void shape(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("start", "end");
        int[] s = ctx.shape(node.input(0));
        int start = (int) node.attrInt("start", 0);
        int end = (int) node.attrInt("end", s.length);
        start = Math.max(0, Math.min(s.length, start < 0 ? start + s.length : start));
        end = Math.max(start, Math.min(s.length, end < 0 ? end + s.length : end));
        long[] dims = new long[end - start];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = s[start + i];
        }
        ctx.bindConstant(node.outputs().get(0), Tensor.ofLongs(new int[] {dims.length}, dims));
    }
}
