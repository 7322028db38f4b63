package io.zkml4j.model.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import io.zkml4j.model.InputFileException;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.DataType;
import io.zkml4j.model.onnx.proto.OnnxProtos.GraphProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.ModelProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.OperatorSetIdProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.TensorProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.TensorShapeProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an ONNX file declares about its inputs and outputs, read without importing the graph (so it is
 * available for models that do not import): names, element types and dimensions, dynamic ones included.
 *
 * <p>It also holds the one rule for shapes given in an input file ({@link #resolve}): a shape of the
 * input's rank must agree with every fixed dimension (and fixes the dynamic ones); a shape one axis
 * shorter is the shape without the leading batch axis, accepted when that axis is 1 or dynamic (it
 * becomes 1); anything else is refused.
 */
public record ModelSignature(String graphName, int opset, String producer, List<Port> inputs, List<Port> outputs) {

    /** A model input or output as declared: dimension {@code -1} is dynamic ({@code params[i]} names it, or null). */
    public record Port(String name, String typeName, DataType type, int[] dims, String[] params) {
        public boolean hasShape() {
            return dims != null;
        }

        /** {@code [batch, 1, 28, 28]}, {@code [?]} for an unnamed dynamic dimension, {@code (unknown)} without a shape. */
        public String shapeText() {
            if (dims == null) {
                return "(shape not declared)";
            }
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < dims.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(dims[i] >= 0 ? String.valueOf(dims[i]) : params[i] != null ? params[i] : "?");
            }
            return sb.append(']').toString();
        }

        /** The declared shape with a dynamic leading axis as 1 and other dynamic dimensions as 1 too (for examples). */
        public int[] exampleShape() {
            if (dims == null) {
                return new int[] {1};
            }
            int[] s = dims.clone();
            for (int i = 0; i < s.length; i++) {
                s[i] = s[i] >= 0 ? s[i] : 1;
            }
            return s;
        }

        /** Whether some dimension other than the leading one is dynamic (or no shape is declared). */
        public boolean hasDynamicInnerDimension() {
            if (dims == null) {
                return true;
            }
            for (int i = 1; i < dims.length; i++) {
                if (dims[i] < 0) {
                    return true;
                }
            }
            return false;
        }
    }

    public ModelSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Reads the signature of an ONNX file (inputs that are initializers are not inputs). */
    public static ModelSignature read(byte[] onnx) throws ModelImportException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(onnx);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelImportException("not a valid ONNX file (corrupt or truncated protobuf: " + e.getMessage() + ")");
        }
        if (!model.hasGraph()) {
            throw new ModelImportException("not a valid ONNX file: no graph");
        }
        int opset = -1;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = (int) o.getVersion();
            }
        }
        GraphProto g = model.getGraph();
        Set<String> initializers = new HashSet<>();
        for (TensorProto t : g.getInitializerList()) {
            initializers.add(t.getName());
        }
        List<Port> in = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (!initializers.contains(v.getName())) {
                in.add(port(v));
            }
        }
        List<Port> out = new ArrayList<>();
        for (ValueInfoProto v : g.getOutputList()) {
            out.add(port(v));
        }
        String producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
        return new ModelSignature(g.getName(), opset, producer, in, out);
    }

    private static Port port(ValueInfoProto v) {
        if (!v.getType().hasTensorType()) {
            return new Port(v.getName(), "not a tensor", null, null, null);
        }
        var tt = v.getType().getTensorType();
        DataType type = DataType.ofOnnxCode(tt.getElemType());
        String typeName = type == null ? "element type " + TensorDecoder.typeName(tt.getElemType()) : typeName(type);
        if (!tt.hasShape()) {
            return new Port(v.getName(), typeName, type, null, null);
        }
        int rank = tt.getShape().getDimCount();
        int[] dims = new int[rank];
        String[] params = new String[rank];
        for (int d = 0; d < rank; d++) {
            TensorShapeProto.Dimension dim = tt.getShape().getDim(d);
            boolean fixed = dim.hasDimValue() && dim.getDimValue() > 0 && dim.getDimValue() <= Integer.MAX_VALUE;
            dims[d] = fixed ? (int) dim.getDimValue() : -1;
            params[d] = !fixed && dim.hasDimParam() && !dim.getDimParam().isEmpty() ? dim.getDimParam() : null;
        }
        return new Port(v.getName(), typeName, type, dims, params);
    }

    /** {@code float32}, {@code int64}, {@code bool}: NumPy's names, as exporters' users know them. */
    public static String typeName(DataType t) {
        return switch (t) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case FLOAT16 -> "float16";
            case BFLOAT16 -> "bfloat16";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * The full shape an input file's {@code declared} shape stands for, by the one rule (see the class
     * comment); {@code where} names the shape in messages (e.g. {@code input_shapes[0]}).
     *
     * @param dims the input's dimensions, {@code -1} for a dynamic one
     */
    public static int[] resolve(String input, String where, int[] declared, int[] dims) throws InputFileException {
        for (int d : declared) {
            if (d < 1) {
                throw new InputFileException("input '" + input + "': " + where + " " + Arrays.toString(declared)
                        + " has a dimension " + d + "; every dimension must be at least 1");
            }
        }
        int[] full = declared;
        boolean batchOmitted = declared.length == dims.length - 1 && dims[0] <= 1;
        if (batchOmitted) {
            full = new int[dims.length];
            full[0] = 1;
            System.arraycopy(declared, 0, full, 1, declared.length);
        }
        boolean fits = full.length == dims.length;
        for (int i = 0; fits && i < dims.length; i++) {
            fits = dims[i] < 0 || dims[i] == full[i];
        }
        if (!fits) {
            throw new InputFileException("input '" + input + "': " + where + " is " + Arrays.toString(declared)
                    + ", which does not fit the model's " + text(dims) + expected(dims));
        }
        return full;
    }

    /** What shapes {@link #resolve} accepts for these dimensions, for a message. */
    private static String expected(int[] dims) {
        boolean dynamic = false;
        for (int d : dims) {
            dynamic |= d < 0;
        }
        String both = dims.length > 0 && dims[0] <= 1
                ? "; give the model's shape, or the shape without its leading batch axis " + text(Arrays.copyOfRange(dims, 1, dims.length))
                : "; give the model's shape";
        return both + (dynamic ? " (with a number for each dynamic dimension)" : "");
    }

    private static String text(int[] dims) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i] >= 0 ? String.valueOf(dims[i]) : "?");
        }
        return sb.append(']').toString();
    }
}
