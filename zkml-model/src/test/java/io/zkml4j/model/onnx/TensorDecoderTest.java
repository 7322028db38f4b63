package io.zkml4j.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.DataType;
import io.zkml4j.model.graph.Tensor;
import io.zkml4j.model.onnx.proto.OnnxProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Initializers of every common element type, in both layouts (raw_data and typed fields). */
class TensorDecoderTest {

    static TensorProto.Builder t(int type, int... dims) {
        TensorProto.Builder b = TensorProto.newBuilder().setName("t").setDataType(type);
        for (int d : dims) {
            b.addDims(d);
        }
        return b;
    }

    static ByteString le(int width, long... v) {
        ByteBuffer b = ByteBuffer.allocate(width * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            switch (width) {
                case 1 -> b.put((byte) x);
                case 2 -> b.putShort((short) x);
                case 4 -> b.putInt((int) x);
                default -> b.putLong(x);
            }
        }
        return ByteString.copyFrom(b.array());
    }

    static double[] decode(TensorProto.Builder b) throws ModelImportException {
        return TensorDecoder.decode(b.build(), "t").data();
    }

    @Test
    void rawDataOfEveryIntegerType() throws Exception {
        assertThat(decode(t(3, 3).setRawData(le(1, -128, 0, 127)))).containsExactly(-128, 0, 127);
        assertThat(decode(t(2, 2).setRawData(le(1, 0xFF, 1)))).containsExactly(255, 1);
        assertThat(decode(t(5, 2).setRawData(le(2, -32768, 32767)))).containsExactly(-32768, 32767);
        assertThat(decode(t(4, 1).setRawData(le(2, 0xFFFF)))).containsExactly(65535);
        assertThat(decode(t(6, 2).setRawData(le(4, Integer.MIN_VALUE, 7)))).containsExactly(Integer.MIN_VALUE, 7);
        assertThat(decode(t(12, 1).setRawData(le(4, 0xFFFFFFFFL)))).containsExactly(4294967295.0);
        assertThat(decode(t(7, 2).setRawData(le(8, -5, 1L << 40)))).containsExactly(-5, 1L << 40);
        assertThat(decode(t(13, 1).setRawData(le(8, -1L)))).containsExactly(18446744073709551615.0);
        assertThat(decode(t(9, 3).setRawData(le(1, 1, 0, 1)))).containsExactly(1, 0, 1);
    }

    @Test
    void rawDataOfEveryFloatType() throws Exception {
        ByteBuffer f = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-0.25f);
        assertThat(decode(t(1, 2).setRawData(ByteString.copyFrom(f.array())))).containsExactly(1.5, -0.25);
        ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(Math.PI);
        assertThat(decode(t(11, 1).setRawData(ByteString.copyFrom(d.array())))).containsExactly(Math.PI);
        // float16: 1.0 = 0x3C00, -2.0 = 0xC000, 0.5 = 0x3800, smallest subnormal 0x0001 = 2^-24.
        assertThat(decode(t(10, 4).setRawData(le(2, 0x3C00, 0xC000, 0x3800, 0x0001))))
                .containsExactly(1.0, -2.0, 0.5, Math.pow(2, -24));
        // bfloat16: the top half of a float: 1.0f = 0x3F80, -3.0f = 0xC040.
        assertThat(decode(t(16, 2).setRawData(le(2, 0x3F80, 0xC040)))).containsExactly(1.0, -3.0);
    }

    @Test
    void typedFields() throws Exception {
        assertThat(decode(t(1, 2).addFloatData(0.5f).addFloatData(2f))).containsExactly(0.5, 2.0);
        assertThat(decode(t(11, 1).addDoubleData(1e-3))).containsExactly(1e-3);
        assertThat(decode(t(7, 2).addInt64Data(-9).addInt64Data(9))).containsExactly(-9, 9);
        assertThat(decode(t(6, 1).addInt32Data(-3))).containsExactly(-3);
        assertThat(decode(t(3, 1).addInt32Data(-7))).containsExactly(-7);
        assertThat(decode(t(2, 1).addInt32Data(200))).containsExactly(200);
        assertThat(decode(t(10, 1).addInt32Data(0x3C00))).containsExactly(1.0);
        assertThat(decode(t(12, 1).addUint64Data(7))).containsExactly(7);
        Tensor scalar = TensorDecoder.decode(t(1).addFloatData(3f).build(), "t");
        assertThat(scalar.shape()).isEmpty();
        assertThat(scalar.type()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void lengthMismatchesAreErrors() {
        assertThatThrownBy(() -> decode(t(1, 3).setRawData(le(4, 1, 2))))
                .hasMessage("tensor 't' has 8 bytes of raw data, expected 12 for 3 FLOAT elements");
        assertThatThrownBy(() -> decode(t(7, 2).addInt64Data(1)))
                .hasMessage("tensor 't' holds 1 values, its shape needs 2");
        assertThatThrownBy(() -> decode(t(1, -1))).hasMessage("tensor 't' has a bad dimension -1");
        assertThatThrownBy(() -> decode(t(1, 1 << 20, 1 << 20))).hasMessageContaining("more than 2^26 elements");
    }
}
