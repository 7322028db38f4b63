package io.zkml4j.model.graph;

/** ONNX element types this project can read (codes are {@code TensorProto.DataType}). */
public enum DataType {
    FLOAT(1, 4), UINT8(2, 1), INT8(3, 1), UINT16(4, 2), INT16(5, 2), INT32(6, 4), INT64(7, 8), BOOL(9, 1),
    FLOAT16(10, 2), DOUBLE(11, 8), UINT32(12, 4), UINT64(13, 8), BFLOAT16(16, 2);

    private final int onnxCode;
    private final int byteWidth;

    DataType(int onnxCode, int byteWidth) {
        this.onnxCode = onnxCode;
        this.byteWidth = byteWidth;
    }

    public int onnxCode() {
        return onnxCode;
    }

    /** Bytes per element in ONNX {@code raw_data}. */
    public int byteWidth() {
        return byteWidth;
    }

    public boolean isFloating() {
        return this == FLOAT || this == DOUBLE || this == FLOAT16 || this == BFLOAT16;
    }

    /** The type for an ONNX code, or {@code null} when this project does not read it. */
    public static DataType ofOnnxCode(int code) {
        for (DataType t : values()) {
            if (t.onnxCode == code) {
                return t;
            }
        }
        return null;
    }
}
