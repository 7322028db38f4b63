package io.zkml4j.model.graph;

import java.util.List;
import java.util.Map;

/**
 * One operator application of the float graph, as in ONNX: an op type (with its domain, empty for the
 * default one, and the opset it binds to), named inputs (an empty name is an
 * omitted optional input) and outputs, and attributes. Attribute values are {@code Long}, {@code Double},
 * {@code String}, {@code long[]}, {@code double[]}, {@code String[]}, {@link Tensor} or {@link Subgraph}
 * (a branch of {@code If}).
 */
public record Node(String name, String opType, String domain, int opset, List<String> inputs, List<String> outputs,
                   Map<String, Object> attributes) {

    /** A sub-graph attribute: its nodes (in order), its own initializers and its output names. */
    public record Subgraph(String name, List<Node> nodes, Map<String, Tensor> initializers, List<String> outputs) {
        public Subgraph {
            nodes = List.copyOf(nodes);
            initializers = Map.copyOf(initializers);
            outputs = List.copyOf(outputs);
        }
    }

    public Node {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
    }

    /** The i-th input name, or {@code ""} when absent. */
    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    public boolean has(String attr) {
        return attributes.containsKey(attr);
    }

    public long attrInt(String attr, long dflt) {
        Object v = attributes.get(attr);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw new AttributeException(this, attr, "expected an integer, got " + kind(v));
    }

    public double attrFloat(String attr, double dflt) {
        Object v = attributes.get(attr);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw new AttributeException(this, attr, "expected a float, got " + kind(v));
    }

    public String attrString(String attr, String dflt) {
        Object v = attributes.get(attr);
        if (v == null) {
            return dflt;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new AttributeException(this, attr, "expected a string, got " + kind(v));
    }

    /** An integer list attribute, or {@code null} when absent. */
    public long[] attrInts(String attr) {
        Object v = attributes.get(attr);
        if (v == null) {
            return null;
        }
        if (v instanceof long[] a) {
            return a.clone();
        }
        if (v instanceof Long l) {
            return new long[] {l};
        }
        throw new AttributeException(this, attr, "expected a list of integers, got " + kind(v));
    }

    /** A string list attribute, or {@code null} when absent. */
    public String[] attrStrings(String attr) {
        Object v = attributes.get(attr);
        if (v == null) {
            return null;
        }
        if (v instanceof String[] a) {
            return a.clone();
        }
        throw new AttributeException(this, attr, "expected a list of strings, got " + kind(v));
    }

    public double[] attrFloats(String attr) {
        Object v = attributes.get(attr);
        if (v == null) {
            return null;
        }
        if (v instanceof double[] a) {
            return a.clone();
        }
        throw new AttributeException(this, attr, "expected a list of floats, got " + kind(v));
    }

    public Tensor attrTensor(String attr) {
        Object v = attributes.get(attr);
        if (v == null) {
            return null;
        }
        if (v instanceof Tensor t) {
            return t;
        }
        throw new AttributeException(this, attr, "expected a tensor, got " + kind(v));
    }

    public Subgraph attrGraph(String attr) {
        Object v = attributes.get(attr);
        if (v instanceof Subgraph g) {
            return g;
        }
        throw new AttributeException(this, attr, v == null ? "is missing" : "expected a graph, got " + kind(v));
    }

    private static String kind(Object v) {
        if (v instanceof long[]) {
            return "a list of integers";
        }
        if (v instanceof double[]) {
            return "a list of floats";
        }
        if (v instanceof String[]) {
            return "a list of strings";
        }
        return v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    /** How the node is named in messages: {@code node 'name' (op Foo, opset 13)}. */
    public String describe() {
        String n = name.isEmpty() ? (outputs.isEmpty() ? "?" : outputs.get(0)) : name;
        return "node '" + n + "' (op " + opType + ", opset " + opset + ")";
    }

    /** An attribute of the wrong kind; the importer turns it into a one-line import error. */
    public static final class AttributeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public AttributeException(Node node, String attr, String why) {
            super(node.describe() + ": attribute '" + attr + "' " + why);
        }
    }
}
