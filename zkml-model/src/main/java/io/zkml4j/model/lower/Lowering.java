package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.DataType;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of lowering an ONNX graph: which values are constants, which are tensors of the
 * {@link LoweredGraph} being built (with shape and element type), and the ops emitted so far. Op lowerings
 * read their inputs and bind their outputs through it.
 *
 * <p>A <em>folding</em> context evaluates one node whose inputs are all constants: there, a constant used
 * where a tensor is expected becomes an input of a scratch graph, which is then evaluated.
 */
public final class Lowering {
    private final Map<String, Tensor> constants;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, DataType> types = new HashMap<>();
    private final List<LoweredOp> ops = new ArrayList<>();
    private final List<int[]> shapes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final boolean folding;
    private final List<double[]> foldInputs = new ArrayList<>();
    private final List<Integer> inputIds = new ArrayList<>();
    private Node current;
    /** Outputs a node has but that have no tensor form here, with why (string class labels). */
    private final Map<String, String> unrepresentable = new HashMap<>();

    private Lowering(Map<String, Tensor> constants, boolean folding) {
        this.constants = constants;
        this.folding = folding;
    }

    /** A context for a whole graph; {@code constants} is shared and grows as nodes fold. */
    public static Lowering forGraph(Map<String, Tensor> constants) {
        return new Lowering(constants, false);
    }

    static Lowering forFolding(Map<String, Tensor> constants) {
        return new Lowering(new HashMap<>(constants), true);
    }

    void setCurrent(Node node) {
        this.current = node;
    }

    /** The node being lowered (for messages). */
    public Node node() {
        return current;
    }

    // ---- reading inputs ----

    public boolean isConstant(String name) {
        return constants.containsKey(name);
    }

    public Tensor constant(String name) throws ModelImportException {
        Tensor t = constants.get(name);
        if (t == null) {
            if (isModelInput(name)) {
                throw unsupported("input '" + name + "' must be a constant (initializer or foldable), but it is the model input '"
                        + name + "'; if a fixed value will do (an initial state, a setting), give it at compile time: --fix-input "
                        + name + "=VALUE");
            }
            String from = dependsOnText(name);
            throw unsupported("input '" + name + "' must be a constant (initializer or foldable), but it is computed from the model input"
                    + (from.isEmpty() ? "" : " " + from) + (from.isEmpty() ? "" : "; if a fixed value of " + from.substring(1, from.length() - 1)
                    + " will do, give it at compile time with --fix-input"));
        }
        return t;
    }

    /** The tensor id of a non-constant value (in a folding context, constants become scratch inputs). */
    public int id(String name) throws ModelImportException {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        Tensor t = constants.get(name);
        if (t != null && folding) {
            int fid = emit(new LoweredOp.Input(name), t.shape(), name);
            inputIds.add(fid);
            foldInputs.add(t.data());
            ids.put(name, fid);
            types.put(name, t.type());
            return fid;
        }
        if (t != null) {
            throw unsupported("constant '" + name + "' is used where this project needs a value computed from the model input");
        }
        throw new ModelImportException(describe() + ": input '" + name + "' is not defined before use");
    }

    public int[] shape(String name) throws ModelImportException {
        Tensor t = constants.get(name);
        if (t != null) {
            return t.shape();
        }
        return shapes.get(id(name)).clone();
    }

    /** Whether {@code name} is a model input (not computed, not a constant). */
    public boolean isModelInput(String name) {
        Integer id = ids.get(name);
        return id != null && !folding && ops.get(id) instanceof LoweredOp.Input in && in.name().equals(name);
    }

    /** The shape of a value, or an empty array if it is unknown (for messages). */
    int[] shapeOrEmpty(String name) {
        try {
            return shape(name);
        } catch (ModelImportException e) {
            return new int[0];
        }
    }

    /**
     * The model inputs a computed value depends on, for messages: {@code ('x')} or {@code ('a', 'b')}
     * (empty when it is a constant or unknown).
     */
    public String dependsOnText(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            return "";
        }
        java.util.TreeSet<String> found = new java.util.TreeSet<>();
        boolean[] seen = new boolean[ops.size()];
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            int t = todo.pop();
            if (seen[t]) {
                continue;
            }
            seen[t] = true;
            if (ops.get(t) instanceof LoweredOp.Input in) {
                found.add("'" + in.name() + "'");
            }
            for (int x : ops.get(t).inputs()) {
                todo.push(x);
            }
        }
        return found.isEmpty() ? "" : "(" + String.join(", ", found) + ")";
    }

    public int[] shapeOf(int id) {
        return shapes.get(id).clone();
    }

    public DataType type(String name) {
        Tensor t = constants.get(name);
        if (t != null) {
            return t.type();
        }
        return types.getOrDefault(name, DataType.FLOAT);
    }

    // ---- producing outputs ----

    /** Adds an op producing a tensor of {@code shape}; returns its id. */
    public int emit(LoweredOp op, int[] shape, String name) {
        Shapes.size(shape);
        ops.add(op);
        shapes.add(shape.clone());
        names.add(name);
        return ops.size() - 1;
    }

    /** Declares a model input. */
    public int input(String name, DataType type, int[] shape) {
        int id = emit(new LoweredOp.Input(name, !type.isFloating()), shape, name);
        inputIds.add(id);
        ids.put(name, id);
        types.put(name, type);
        return id;
    }

    /** Emits an op producing the current node's first output and binds that output to it. */
    public int output(LoweredOp op, int[] shape) {
        String o = current.outputs().get(0);
        int id = emit(op, shape, o);
        bind(o, id);
        return id;
    }

    /** Emits an intermediate op of the current node (named after its first output). */
    public int step(LoweredOp op, int[] shape, String suffix) {
        return emit(op, shape, current.outputs().get(0) + "/" + suffix);
    }

    public void bind(String output, int id) {
        bind(output, id, DataType.FLOAT);
    }

    public void bind(String output, int id, DataType type) {
        ids.put(output, id);
        types.put(output, type);
    }

    /** Declares that {@code output} has no tensor form (it is left unbound), and why. */
    public void unrepresentable(String output, String why) {
        unrepresentable.put(output, describe() + ": output '" + output + "' " + why);
    }

    String whyUnrepresentable(String output) {
        return unrepresentable.get(output);
    }

    public void bindConstant(String output, Tensor t) {
        constants.put(output, t);
    }

    // ---- messages ----

    public String describe() {
        return current == null ? "graph" : current.describe();
    }

    /** A one-line import error about the current node. */
    public ModelImportException unsupported(String what) {
        return new ModelImportException(describe() + ": " + what);
    }

    /** Fails unless every attribute of the node is one of {@code allowed}. */
    public void allowAttributes(String... allowed) throws ModelImportException {
        for (String a : current.attributes().keySet()) {
            if (!Arrays.asList(allowed).contains(a)) {
                throw unsupported("attribute '" + a + "' is not supported");
            }
        }
    }

    // ---- results ----

    /** After lowering one node in a folding context: evaluates it and returns the value of {@code output}. */
    Tensor foldedValue(String output) {
        Tensor c = constants.get(output);
        if (c != null) {
            return c;
        }
        int id = ids.get(output);
        double[][] all = graph(new int[] {id}).evaluate(foldInputs.toArray(new double[0][]));
        return new Tensor(types.getOrDefault(output, DataType.FLOAT), shapes.get(id), all[id]);
    }

    boolean hasValue(String name) {
        return ids.containsKey(name) || constants.containsKey(name);
    }

    Integer idOrNull(String name) {
        return ids.get(name);
    }

    LoweredGraph graph(int[] outputs) {
        int[] in = new int[inputIds.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = inputIds.get(i);
        }
        return new LoweredGraph(ops, shapes, names, in, outputs);
    }
}
