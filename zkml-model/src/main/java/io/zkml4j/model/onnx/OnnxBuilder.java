package io.zkml4j.model.onnx;

import com.google.protobuf.ByteString;
import io.zkml4j.model.onnx.proto.OnnxProtos.AttributeProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.GraphProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.ModelProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.NodeProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.OperatorSetIdProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.TensorProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.TensorShapeProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.TypeProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes ONNX files from code (the project's own demo models and the importer's tests): float inputs
 * (a negative first dimension becomes the symbolic batch axis {@code "batch"}), float outputs,
 * initializers stored as little-endian {@code raw_data}, and nodes with attributes.
 */
public final class OnnxBuilder {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private boolean ml;
    private final int opset;
    private final String producer;

    public OnnxBuilder(String name, int opset) {
        this(name, opset, "zkml4j");
    }

    public OnnxBuilder(String name, int opset, String producer) {
        graph.setName(name);
        this.opset = opset;
        this.producer = producer;
    }

    public OnnxBuilder input(String name, int... shape) {
        graph.addInput(valueInfo(name, TensorProto.DataType.FLOAT_VALUE, shape));
        return this;
    }

    /** An input of another element type (ONNX {@code TensorProto.DataType} code). */
    public OnnxBuilder typedInput(String name, int elemType, int... shape) {
        graph.addInput(valueInfo(name, elemType, shape));
        return this;
    }

    public OnnxBuilder output(String name) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        return this;
    }

    public OnnxBuilder initializer(String name, int[] shape, float... values) {
        graph.addInitializer(floatTensor(name, shape, values));
        return this;
    }

    public OnnxBuilder initializerLongs(String name, int[] shape, long... values) {
        graph.addInitializer(longTensor(name, shape, values));
        return this;
    }

    /** Adds a tensor proto as it is (tests use it for unusual layouts). */
    public OnnxBuilder initializer(TensorProto t) {
        graph.addInitializer(t);
        return this;
    }

    /**
     * Adds a node; {@code attributes} alternate names and values: {@code Long}/{@code Integer}, {@code Float}/
     * {@code Double}, {@code String}, {@code long[]}, {@code float[]}, {@link TensorProto}, or {@link GraphProto}.
     */
    public OnnxBuilder node(String op, List<String> inputs, List<String> outputs, Object... attributes) {
        graph.addNode(nodeProto(op, inputs, outputs, attributes));
        return this;
    }

    /** A node of the {@code ai.onnx.ml} domain (the model then imports that domain's opset 3). */
    public OnnxBuilder mlNode(String op, List<String> inputs, List<String> outputs, Object... attributes) {
        graph.addNode(nodeProto(op, inputs, outputs, attributes).toBuilder().setDomain("ai.onnx.ml"));
        ml = true;
        return this;
    }

    /** A node as {@link #node} adds it (for sub-graphs); {@link GraphProto} attribute values are sub-graphs. */
    public static NodeProto nodeProto(String op, List<String> inputs, List<String> outputs, Object... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(outputs.get(0) + "_" + op)
                .addAllInput(inputs).addAllOutput(outputs);
        for (int i = 0; i < attributes.length; i += 2) {
            n.addAttribute(attribute((String) attributes[i], attributes[i + 1]));
        }
        return n.build();
    }

    /** A sub-graph (a branch of {@code If}): its nodes, which may read outer values, and its outputs. */
    public static GraphProto branch(String name, List<NodeProto> nodes, String... outputs) {
        GraphProto.Builder g = GraphProto.newBuilder().setName(name).addAllNode(nodes);
        for (String o : outputs) {
            g.addOutput(ValueInfoProto.newBuilder().setName(o).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        }
        return g.build();
    }

    public ModelProto build() {
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(8).setProducerName(producer).setProducerVersion("1")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
        if (ml) {
            m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(3));
        }
        return m.setGraph(graph).build();
    }

    public byte[] toBytes() {
        return build().toByteArray();
    }

    public static TensorProto floatTensor(String name, int[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (int d : shape) {
            t.addDims(d);
        }
        return t.build();
    }

    public static TensorProto longTensor(String name, int[] shape, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE);
        for (int d : shape) {
            t.addDims(d);
        }
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    private static ValueInfoProto valueInfo(String name, int elemType, int[] shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (int d : shape) {
            s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(s))).build();
    }

    private static AttributeProto attribute(String name, Object v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (v instanceof Integer || v instanceof Long) {
            a.setType(AttributeProto.AttributeType.INT).setI(((Number) v).longValue());
        } else if (v instanceof Float || v instanceof Double) {
            a.setType(AttributeProto.AttributeType.FLOAT).setF(((Number) v).floatValue());
        } else if (v instanceof String s) {
            a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
        } else if (v instanceof long[] l) {
            a.setType(AttributeProto.AttributeType.INTS);
            for (long x : l) {
                a.addInts(x);
            }
        } else if (v instanceof float[] f) {
            a.setType(AttributeProto.AttributeType.FLOATS);
            for (float x : f) {
                a.addFloats(x);
            }
        } else if (v instanceof String[] ss) {
            a.setType(AttributeProto.AttributeType.STRINGS);
            for (String x : ss) {
                a.addStrings(ByteString.copyFromUtf8(x));
            }
        } else if (v instanceof TensorProto t) {
            a.setType(AttributeProto.AttributeType.TENSOR).setT(t);
        } else if (v instanceof GraphProto g) {
            a.setType(AttributeProto.AttributeType.GRAPH).setG(g);
        } else {
            throw new IllegalArgumentException("attribute '" + name + "' of unsupported kind " + v.getClass());
        }
        return a.build();
    }
}
