package io.zkml4j.model.onnx;

import com.google.protobuf.ByteString;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.DataType;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.graph.Tensor;
import io.zkml4j.model.onnx.proto.OnnxProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes an ONNX {@code TensorProto} into a {@link Tensor}: every numeric element type, both layouts
 * ({@code raw_data} little-endian bytes, or the typed repeated fields: {@code float_data},
 * {@code int32_data} for all types of 32 bits or fewer including float16/bfloat16 bit patterns,
 * {@code int64_data}, {@code double_data}, {@code uint64_data}). Tensors stored outside the file
 * (external data) are refused.
 */
final class TensorDecoder {
    private TensorDecoder() {
    }

    static Tensor decode(TensorProto t, String where) throws ModelImportException {
        String name = t.getName().isEmpty() ? where : "tensor '" + t.getName() + "'";
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            String location = "";
            for (var e : t.getExternalDataList()) {
                if (e.getKey().equals("location")) {
                    location = " (in '" + e.getValue() + "')";
                }
            }
            throw new ModelImportException(name + " is stored as external data" + location
                    + "; external data is not supported: save the model with all tensors inside the .onnx file");
        }
        if (t.hasSegment()) {
            throw new ModelImportException(name + " is segmented; segmented tensors are not supported");
        }
        DataType type = DataType.ofOnnxCode(t.getDataType());
        if (type == null) {
            throw new ModelImportException(name + " has element type " + typeName(t.getDataType()) + ", which is not supported");
        }
        int[] shape = new int[t.getDimsCount()];
        for (int i = 0; i < shape.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > Shapes.MAX_ELEMENTS) {
                throw new ModelImportException(name + " has a bad dimension " + d);
            }
            shape[i] = (int) d;
        }
        int n;
        try {
            n = Shapes.size(shape);
        } catch (IllegalArgumentException e) {
            throw new ModelImportException(name + ": " + e.getMessage());
        }
        double[] v = new double[n];
        if (t.hasRawData()) {
            ByteString raw = t.getRawData();
            if ((long) n * type.byteWidth() != raw.size()) {
                throw new ModelImportException(name + " has " + raw.size() + " bytes of raw data, expected "
                        + (long) n * type.byteWidth() + " for " + n + " " + type + " elements");
            }
            ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                v[i] = readRaw(b, type);
            }
        } else {
            fromTypedFields(t, type, v, name);
        }
        return new Tensor(type, shape, v);
    }

    private static double readRaw(ByteBuffer b, DataType type) {
        return switch (type) {
            case FLOAT -> b.getFloat();
            case DOUBLE -> b.getDouble();
            case INT8 -> b.get();
            case UINT8, BOOL -> b.get() & 0xFF;
            case INT16 -> b.getShort();
            case UINT16 -> b.getShort() & 0xFFFF;
            case INT32 -> b.getInt();
            case UINT32 -> b.getInt() & 0xFFFFFFFFL;
            case INT64 -> b.getLong();
            case UINT64 -> unsigned(b.getLong());
            case FLOAT16 -> halfToDouble(b.getShort() & 0xFFFF);
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
        };
    }

    private static void fromTypedFields(TensorProto t, DataType type, double[] v, String name) throws ModelImportException {
        int count = switch (type) {
            case FLOAT -> t.getFloatDataCount();
            case DOUBLE -> t.getDoubleDataCount();
            case INT64 -> t.getInt64DataCount();
            case UINT32, UINT64 -> t.getUint64DataCount();
            default -> t.getInt32DataCount();
        };
        if (count != v.length) {
            throw new ModelImportException(name + " holds " + count + " values, its shape needs " + v.length);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (type) {
                case FLOAT -> t.getFloatData(i);
                case DOUBLE -> t.getDoubleData(i);
                case INT64 -> t.getInt64Data(i);
                case UINT32, UINT64 -> unsigned(t.getUint64Data(i));
                case FLOAT16 -> halfToDouble(t.getInt32Data(i) & 0xFFFF);
                case BFLOAT16 -> Float.intBitsToFloat((t.getInt32Data(i) & 0xFFFF) << 16);
                case UINT8, BOOL -> t.getInt32Data(i) & 0xFF;
                case UINT16 -> t.getInt32Data(i) & 0xFFFF;
                default -> t.getInt32Data(i);
            };
        }
    }

    private static double unsigned(long x) {
        return x >= 0 ? x : (double) (x >>> 1) * 2.0 + (x & 1);
    }

    /** IEEE 754 binary16 to double. */
    static double halfToDouble(int h) {
        int sign = (h >>> 15) & 1;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        double v;
        if (exp == 0) {
            v = mant * Math.pow(2, -24);
        } else if (exp == 31) {
            v = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            v = (1 + mant / 1024.0) * Math.pow(2, exp - 15);
        }
        return sign == 1 ? -v : v;
    }

    static String typeName(int code) {
        return switch (code) {
            case 0 -> "UNDEFINED (0)";
            case 8 -> "STRING (8)";
            case 14 -> "COMPLEX64 (14)";
            case 15 -> "COMPLEX128 (15)";
            case 17, 18, 19, 20 -> "FLOAT8 (" + code + ")";
            case 21, 22 -> "INT4/UINT4 (" + code + ")";
            default -> String.valueOf(code);
        };
    }
}
