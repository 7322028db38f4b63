package io.zkml4j.model.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import io.zkml4j.model.Graph;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.DataType;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Tensor;
import io.zkml4j.model.graph.ValueInfo;
import io.zkml4j.model.lower.GraphLowering;
import io.zkml4j.model.onnx.proto.OnnxProtos.AttributeProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.GraphProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.ModelProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.NodeProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.OperatorSetIdProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.TensorProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.TensorShapeProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.ValueInfoProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an ONNX file (protobuf classes generated from {@code src/main/proto/onnx.proto}) into a
 * {@link Graph}: initializers decoded, dynamic input dimensions fixed, constant sub-graphs folded, every
 * shape inferred and every op lowered to primitives. Any problem is one {@link ModelImportException} line.
 */
public final class OnnxImporter {
    /** Default-domain opsets this importer knows the semantics of. */
    public static final int MIN_OPSET = 9;
    public static final int MAX_OPSET = 21;

    private OnnxImporter() {
    }

    public static Graph importModel(Path path) throws ModelImportException {
        return importModel(path, ImportOptions.DEFAULT);
    }

    public static Graph importModel(Path path, ImportOptions options) throws ModelImportException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ModelImportException("cannot read '" + path + "': " + e);
        }
        return importModel(bytes, options);
    }

    public static Graph importModel(byte[] bytes, ImportOptions options) throws ModelImportException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelImportException("not a valid ONNX file (corrupt or truncated protobuf: " + e.getMessage() + ")");
        }
        if (!model.hasGraph() || model.getOpsetImportCount() == 0 || model.getIrVersion() <= 0) {
            throw new ModelImportException("not a valid ONNX file: "
                    + (!model.hasGraph() ? "no graph" : model.getIrVersion() <= 0 ? "no IR version" : "no opset import"));
        }
        int opset = -1;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = (int) o.getVersion();
            }
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new ModelImportException(opset < 0 ? "the model imports no default-domain (ai.onnx) opset"
                    : "opset " + opset + " is not supported (opsets " + MIN_OPSET + " to " + MAX_OPSET + " are)");
        }
        GraphProto g = model.getGraph();
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            initializers.put(t.getName(), TensorDecoder.decode(t, "an initializer"));
        }
        List<ValueInfo> inputs = new ArrayList<>();
        List<String> inputNames = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (initializers.containsKey(v.getName())) {
                continue;
            }
            inputNames.add(v.getName());
            double[] fixed = options.fixedInputs().get(v.getName());
            if (fixed != null) {
                initializers.put(v.getName(), fixedInput(v, fixed));
            } else {
                inputs.add(input(v, options));
            }
        }
        for (String f : options.fixedInputs().keySet()) {
            if (!inputNames.contains(f)) {
                throw new ModelImportException("the model has no input '" + f + "' to fix (inputs: " + inputNames + ")");
            }
        }
        if (inputs.isEmpty()) {
            throw new ModelImportException(options.fixedInputs().isEmpty() ? "the model has no inputs (every graph input is an initializer)"
                    : "every model input is fixed: nothing would be left to prove about an input");
        }
        List<String> outputs = new ArrayList<>();
        for (ValueInfoProto v : g.getOutputList()) {
            outputs.add(v.getName());
        }
        if (!options.outputs().isEmpty()) {
            java.util.Set<String> computed = new java.util.HashSet<>(outputs);
            for (NodeProto n : g.getNodeList()) {
                computed.addAll(n.getOutputList());
            }
            for (String o : options.outputs()) {
                if (!computed.contains(o)) {
                    throw new ModelImportException("the model computes no value '" + o + "' (its outputs: " + outputs + ")");
                }
            }
            outputs = new ArrayList<>(options.outputs());
        }
        List<Node> nodes = new ArrayList<>();
        for (NodeProto n : needed(g.getNodeList(), outputs)) {
            nodes.add(node(n, opset));
        }
        GraphLowering.Result r = GraphLowering.lower(inputs, nodes, initializers, outputs);
        List<ValueInfo> outInfo = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            int id = r.lowered().outputs()[i];
            outInfo.add(new ValueInfo(outputs.get(i), DataType.FLOAT, r.lowered().shapes().get(id)));
        }
        String producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
        return new Graph(g.getName(), opset, producer, inputs, outInfo, r.nodes(), r.constants(), r.values(), r.lowered());
    }

    /**
     * The ONNX model with the graph outputs {@code options} selects (intermediate values included), for ONNX
     * Runtime (the accuracy report); fixed inputs stay inputs there (give them {@link #fixedInputs}).
     */
    public static byte[] asImported(byte[] onnx, ImportOptions options) throws ModelImportException {
        if (options.outputs().isEmpty()) {
            return onnx;
        }
        ModelProto model = parse(onnx);
        GraphProto.Builder g = model.getGraph().toBuilder();
        Map<String, ValueInfoProto> known = new HashMap<>();
        for (ValueInfoProto v : model.getGraph().getValueInfoList()) {
            known.put(v.getName(), v);
        }
        for (ValueInfoProto v : model.getGraph().getOutputList()) {
            known.put(v.getName(), v);
        }
        g.clearOutput();
        for (String o : options.outputs()) {
            g.addOutput(known.getOrDefault(o, ValueInfoProto.newBuilder().setName(o).build()));
        }
        return model.toBuilder().setGraph(g).build().toByteArray();
    }

    /** The values {@code options} fixes, as the constants the import makes of them (element type and shape included). */
    public static Map<String, Tensor> fixedInputs(byte[] onnx, ImportOptions options) throws ModelImportException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ValueInfoProto v : parse(onnx).getGraph().getInputList()) {
            double[] fixed = options.fixedInputs().get(v.getName());
            if (fixed != null) {
                out.put(v.getName(), fixedInput(v, fixed));
            }
        }
        return out;
    }

    private static ModelProto parse(byte[] onnx) throws ModelImportException {
        try {
            return ModelProto.parseFrom(onnx);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelImportException("not a valid ONNX file (corrupt or truncated protobuf: " + e.getMessage() + ")");
        }
    }

    /**
     * The nodes some output depends on, in file order (nodes feeding nothing that is kept are skipped). A
     * node with sub-graphs ({@code If}) also needs every outer value its sub-graphs read.
     */
    private static List<NodeProto> needed(List<NodeProto> nodes, List<String> outputs) {
        java.util.Set<String> wanted = new java.util.HashSet<>(outputs);
        boolean[] keep = new boolean[nodes.size()];
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto n = nodes.get(i);
            for (String o : n.getOutputList()) {
                if (wanted.contains(o)) {
                    keep[i] = true;
                }
            }
            if (keep[i]) {
                wanted.addAll(n.getInputList());
                addSubgraphInputs(n, wanted);
            }
        }
        List<NodeProto> kept = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                kept.add(nodes.get(i));
            }
        }
        return kept;
    }

    private static void addSubgraphInputs(NodeProto n, java.util.Set<String> wanted) {
        for (AttributeProto a : n.getAttributeList()) {
            List<GraphProto> graphs = new ArrayList<>(a.getGraphsList());
            if (a.hasG()) {
                graphs.add(a.getG());
            }
            for (GraphProto sub : graphs) {
                for (NodeProto inner : sub.getNodeList()) {
                    wanted.addAll(inner.getInputList());
                    addSubgraphInputs(inner, wanted);
                }
                for (ValueInfoProto o : sub.getOutputList()) {
                    wanted.add(o.getName());
                }
            }
        }
    }

    /**
     * A model input given a value at import: a constant of its declared element type and shape (one value
     * fills the input; a single dynamic dimension is fixed by the number of values).
     */
    private static Tensor fixedInput(ValueInfoProto v, double[] values) throws ModelImportException {
        String name = v.getName();
        var tt = v.getType().getTensorType();
        DataType type = DataType.ofOnnxCode(tt.getElemType());
        if (!v.getType().hasTensorType() || type == null) {
            throw new ModelImportException("input '" + name + "' cannot be fixed: it is not a tensor of a supported element type");
        }
        int rank = tt.getShape().getDimCount();
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            TensorShapeProto.Dimension dim = tt.getShape().getDim(d);
            boolean fixed = dim.hasDimValue() && dim.getDimValue() > 0 && dim.getDimValue() <= Integer.MAX_VALUE;
            // a dynamic dimension is fixed by the number of values when it is the only one
            shape[d] = fixed ? (int) dim.getDimValue() : -1;
        }
        int known = 1;
        int dynamic = -1;
        for (int d = 0; d < rank; d++) {
            if (shape[d] < 0) {
                if (dynamic >= 0) {
                    throw new ModelImportException("input '" + name + "' cannot be fixed: it has more than one dynamic dimension");
                }
                dynamic = d;
            } else {
                known *= shape[d];
            }
        }
        if (values.length == 1 && tt.hasShape()) {
            // one value fills the whole input (a dynamic dimension is then 1): --fix-input h=0 for a zero state
            for (int d = 0; d < rank; d++) {
                shape[d] = Math.max(shape[d], 1);
            }
            double one = values[0];
            values = new double[known];
            java.util.Arrays.fill(values, one);
        } else if (dynamic >= 0 && values.length % known == 0 && values.length > 0) {
            shape[dynamic] = values.length / known;
        }
        if (!tt.hasShape() && values.length != 1) {
            shape = new int[] {values.length};
        }
        double[] converted = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            if (!Double.isFinite(x) || (!type.isFloating() && x != Math.rint(x))) {
                throw new ModelImportException("input '" + name + "' (" + type + ") cannot be fixed to " + x);
            }
            converted[i] = type == DataType.FLOAT ? (float) x : x;
        }
        int size = 1;
        for (int d : shape) {
            size *= Math.max(d, 0);
        }
        if (size != values.length) {
            throw new ModelImportException("input '" + name + "' has shape " + Arrays.toString(shape).replace("-1", "?") + ": fixing it needs "
                    + (dynamic >= 0 ? "a multiple of " + known : String.valueOf(size)) + " value(s), " + values.length + " given");
        }
        return new Tensor(type, shape, converted);
    }

    private static ValueInfo input(ValueInfoProto v, ImportOptions options) throws ModelImportException {
        String name = v.getName();
        if (!v.getType().hasTensorType()) {
            throw new ModelImportException("input '" + name + "' is not a tensor (sequences, maps and optionals are not supported)");
        }
        var tt = v.getType().getTensorType();
        DataType type = DataType.ofOnnxCode(tt.getElemType());
        if (type == null) {
            throw new ModelImportException("input '" + name + "' has element type " + TensorDecoder.typeName(tt.getElemType())
                    + ", which is not supported");
        }
        int rank = tt.getShape().getDimCount();
        int[] given = options.inputShapes().get(name);
        if (given != null && tt.hasShape() && given.length != rank) {
            throw new ModelImportException("input '" + name + "' has rank " + rank + ", the given shape "
                    + Arrays.toString(given) + " has rank " + given.length);
        }
        if (given != null && !tt.hasShape()) {
            return new ValueInfo(name, type, given.clone());
        }
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            TensorShapeProto.Dimension dim = tt.getShape().getDim(d);
            boolean fixed = dim.hasDimValue() && dim.getDimValue() > 0;
            if (fixed && dim.getDimValue() > Integer.MAX_VALUE) {
                throw new ModelImportException("input '" + name + "' has dimension " + dim.getDimValue() + " at axis " + d);
            }
            if (given != null) {
                if (fixed && given[d] != dim.getDimValue()) {
                    throw new ModelImportException("input '" + name + "' has dimension " + dim.getDimValue() + " at axis " + d
                            + ", the given shape " + Arrays.toString(given) + " says " + given[d]);
                }
                shape[d] = given[d];
            } else if (fixed) {
                shape[d] = (int) dim.getDimValue();
            } else if (d == 0) {
                shape[d] = options.batchSize();
            } else {
                String label = dim.hasDimParam() && !dim.getDimParam().isEmpty() ? "'" + dim.getDimParam() + "'" : "(unnamed)";
                throw new ModelImportException("input '" + name + "' has a dynamic dimension " + label + " at axis " + d
                        + " that cannot be fixed; give the input's shape (input_shapes in the input file)");
            }
        }
        if (!tt.hasShape()) {
            throw new ModelImportException("input '" + name + "' has no shape; give the input's shape (input_shapes in the input file)");
        }
        return new ValueInfo(name, type, shape);
    }

    private static Node node(NodeProto n, int opset) throws ModelImportException {
        Map<String, Object> attrs = new HashMap<>();
        String label = "node '" + (n.getName().isEmpty() ? String.join(",", n.getOutputList()) : n.getName()) + "' (op "
                + n.getOpType() + ", opset " + opset + ")";
        for (AttributeProto a : n.getAttributeList()) {
            attrs.put(a.getName(), attribute(a, label, opset));
        }
        return new Node(n.getName(), n.getOpType(), n.getDomain(), opset, n.getInputList(), n.getOutputList(), attrs);
    }

    /** A sub-graph (a branch of {@code If}): its nodes, its own initializers, and the names of its outputs. */
    private static Node.Subgraph subgraph(GraphProto g, String label, int opset) throws ModelImportException {
        Map<String, Tensor> inits = new LinkedHashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            inits.put(t.getName(), TensorDecoder.decode(t, label + " sub-graph initializer"));
        }
        List<Node> nodes = new ArrayList<>();
        for (NodeProto n : g.getNodeList()) {
            nodes.add(node(n, opset));
        }
        List<String> outs = new ArrayList<>();
        for (ValueInfoProto o : g.getOutputList()) {
            outs.add(o.getName());
        }
        return new Node.Subgraph(g.getName(), nodes, inits, outs);
    }

    private static Object attribute(AttributeProto a, String label, int opset) throws ModelImportException {
        AttributeProto.AttributeType t = a.hasType() ? a.getType() : guessType(a);
        return switch (t) {
            case GRAPH -> subgraph(a.getG(), label + " attribute '" + a.getName() + "'", opset);
            case FLOAT -> (double) a.getF();
            case INT -> a.getI();
            case STRING -> a.getS().toString(StandardCharsets.UTF_8);
            case TENSOR -> TensorDecoder.decode(a.getT(), label + " attribute '" + a.getName() + "'");
            case FLOATS -> {
                double[] d = new double[a.getFloatsCount()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = a.getFloats(i);
                }
                yield d;
            }
            case INTS -> {
                long[] l = new long[a.getIntsCount()];
                for (int i = 0; i < l.length; i++) {
                    l[i] = a.getInts(i);
                }
                yield l;
            }
            case STRINGS -> {
                String[] s = new String[a.getStringsCount()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = a.getStrings(i).toString(StandardCharsets.UTF_8);
                }
                yield s;
            }
            default -> "<" + t.name().toLowerCase(java.util.Locale.ROOT) + ">";
        };
    }

    /** Files older than IR version 2 do not say an attribute's type: guess it from the field that is set. */
    private static AttributeProto.AttributeType guessType(AttributeProto a) {
        if (a.hasF()) {
            return AttributeProto.AttributeType.FLOAT;
        } else if (a.hasI()) {
            return AttributeProto.AttributeType.INT;
        } else if (a.hasS()) {
            return AttributeProto.AttributeType.STRING;
        } else if (a.hasT()) {
            return AttributeProto.AttributeType.TENSOR;
        } else if (a.getFloatsCount() > 0) {
            return AttributeProto.AttributeType.FLOATS;
        } else if (a.getIntsCount() > 0) {
            return AttributeProto.AttributeType.INTS;
        }
        return AttributeProto.AttributeType.UNDEFINED;
    }
}
