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
        for (ValueInfoProto v : g.getInputList()) {
            if (!initializers.containsKey(v.getName())) {
                inputs.add(input(v, options));
            }
        }
        if (inputs.isEmpty()) {
            throw new ModelImportException("the model has no inputs (every graph input is an initializer)");
        }
        List<String> outputs = new ArrayList<>();
        for (ValueInfoProto v : g.getOutputList()) {
            outputs.add(v.getName());
        }
        if (!options.outputs().isEmpty()) {
            for (String o : options.outputs()) {
                if (!outputs.contains(o)) {
                    throw new ModelImportException("the model has no output '" + o + "' (outputs: " + outputs + ")");
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

    /** The nodes some output depends on, in file order (nodes feeding nothing that is kept are skipped). */
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
            attrs.put(a.getName(), attribute(a, label));
        }
        return new Node(n.getName(), n.getOpType(), n.getDomain(), opset, n.getInputList(), n.getOutputList(), attrs);
    }

    private static Object attribute(AttributeProto a, String label) throws ModelImportException {
        AttributeProto.AttributeType t = a.hasType() ? a.getType() : guessType(a);
        return switch (t) {
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
