package io.zkml4j.model.lower;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.ModelChecks;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.reference.AccuracyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every supported op and attribute, as a hand-built ONNX model: the lowered real-valued graph must equal
 * ONNX Runtime up to float rounding, and the quantized integer model must stay within 2% relative error
 * with argmax agreement, on seeded random inputs.
 */
class OpConformanceTest {

    record Case(String name, Supplier<byte[]> model, double lo, double hi) {
        @Override
        public String toString() {
            return name;
        }
    }

    static float[] w(long seed, int n) {
        Random r = new Random(seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) (r.nextGaussian() * 0.5);
        }
        return f;
    }

    static float[] positive(long seed, int n) {
        float[] f = w(seed, n);
        for (int i = 0; i < n; i++) {
            f[i] = Math.abs(f[i]) + 0.5f;
        }
        return f;
    }

    /** A model with input "x" of the given shape and output "y". */
    static OnnxBuilder m(int opset, int... shape) {
        return new OnnxBuilder("case", opset).input("x", shape).output("y");
    }

    static List<String> l(String... s) {
        return List.of(s);
    }

    static int[] s(int... d) {
        return d;
    }

    static long[] ls(long... d) {
        return d;
    }

    static Case c(String name, Supplier<OnnxBuilder> b) {
        return new Case(name, () -> b.get().toBytes(), -2, 2);
    }

    static Case c(String name, double lo, double hi, Supplier<OnnxBuilder> b) {
        return new Case(name, () -> b.get().toBytes(), lo, hi);
    }

    static Stream<Case> cases() {
        List<Case> cs = new ArrayList<>();
        // Gemm and MatMul
        cs.add(c("Gemm", () -> m(13, -1, 4).initializer("B", s(4, 3), w(1, 12)).initializer("C", s(3), w(2, 3))
                .node("Gemm", l("x", "B", "C"), l("y"))));
        cs.add(c("Gemm transB alpha beta", () -> m(13, -1, 4).initializer("B", s(3, 4), w(1, 12)).initializer("C", s(1, 3), w(2, 3))
                .node("Gemm", l("x", "B", "C"), l("y"), "transB", 1L, "alpha", 0.5f, "beta", 2.0f)));
        cs.add(c("Gemm transA", () -> m(13, 4, 1).initializer("B", s(4, 3), w(1, 12))
                .node("Gemm", l("x", "B"), l("y"), "transA", 1L)));
        cs.add(c("Gemm scalar bias", () -> m(11, -1, 4).initializer("B", s(4, 3), w(1, 12)).initializer("C", s(1), 0.25f)
                .node("Gemm", l("x", "B", "C"), l("y"))));
        cs.add(c("Gemm full bias", () -> m(13, 2, 4).initializer("B", s(4, 3), w(1, 12)).initializer("C", s(2, 3), w(3, 6))
                .node("Gemm", l("x", "B", "C"), l("y"))));
        cs.add(c("MatMul 2-D", () -> m(13, -1, 5).initializer("W", s(5, 3), w(4, 15)).node("MatMul", l("x", "W"), l("y"))));
        cs.add(c("MatMul 3-D input", () -> m(13, 1, 2, 5).initializer("W", s(5, 3), w(4, 15)).node("MatMul", l("x", "W"), l("y"))));
        cs.add(c("MatMul vector weight", () -> m(13, -1, 5).initializer("W", s(5), w(4, 5)).node("MatMul", l("x", "W"), l("y"))));
        cs.add(c("MatMul constant left", () -> m(13, 1, 4, 3).initializer("C", s(2, 4), w(5, 8)).node("MatMul", l("C", "x"), l("y"))));
        cs.add(c("MatMul of two computed tensors", () -> m(13, -1, 3, 4).node("Relu", l("x"), l("r"))
                .node("Transpose", l("r"), l("t"), "perm", ls(0, 2, 1)).node("MatMul", l("x", "t"), l("y"))));
        cs.add(c("MatMul computed with batch broadcast", () -> new OnnxBuilder("case", 13).input("a", 2, 3, 4).input("b", 4, 5).output("y")
                .node("MatMul", l("a", "b"), l("y"))));
        cs.add(c("MatMul computed vector", () -> new OnnxBuilder("case", 13).input("a", 4).input("b", 4, 2).output("y")
                .node("MatMul", l("a", "b"), l("y"))));
        // Conv
        cs.add(c("Conv 3x3", () -> m(13, -1, 2, 6, 6).initializer("W", s(3, 2, 3, 3), w(6, 54)).initializer("B", s(3), w(7, 3))
                .node("Conv", l("x", "W", "B"), l("y"), "kernel_shape", ls(3, 3))));
        cs.add(c("Conv stride pads", () -> m(13, -1, 2, 7, 6).initializer("W", s(3, 2, 3, 3), w(6, 54))
                .node("Conv", l("x", "W"), l("y"), "strides", ls(2, 2), "pads", ls(1, 0, 2, 1))));
        cs.add(c("Conv dilation", () -> m(13, -1, 1, 9, 9).initializer("W", s(2, 1, 3, 3), w(8, 18))
                .node("Conv", l("x", "W"), l("y"), "dilations", ls(2, 2), "pads", ls(1, 1, 1, 1))));
        cs.add(c("Conv SAME_UPPER", () -> m(13, -1, 2, 5, 5).initializer("W", s(2, 2, 2, 2), w(9, 16))
                .node("Conv", l("x", "W"), l("y"), "auto_pad", "SAME_UPPER", "strides", ls(2, 2))));
        cs.add(c("Conv SAME_LOWER", () -> m(13, -1, 2, 5, 5).initializer("W", s(2, 2, 2, 2), w(9, 16))
                .node("Conv", l("x", "W"), l("y"), "auto_pad", "SAME_LOWER")));
        cs.add(c("Conv VALID", () -> m(13, -1, 2, 5, 5).initializer("W", s(2, 2, 3, 3), w(9, 36))
                .node("Conv", l("x", "W"), l("y"), "auto_pad", "VALID")));
        cs.add(c("Conv groups", () -> m(13, -1, 4, 5, 5).initializer("W", s(6, 2, 3, 3), w(10, 108))
                .node("Conv", l("x", "W"), l("y"), "group", 2L, "pads", ls(1, 1, 1, 1))));
        cs.add(c("Conv depthwise", () -> m(13, -1, 3, 5, 5).initializer("W", s(3, 1, 3, 3), w(11, 27))
                .node("Conv", l("x", "W"), l("y"), "group", 3L)));
        cs.add(c("Conv 1-D", () -> m(13, -1, 2, 9).initializer("W", s(3, 2, 3), w(12, 18)).initializer("B", s(3), w(13, 3))
                .node("Conv", l("x", "W", "B"), l("y"), "strides", ls(2), "pads", ls(1, 1))));
        cs.add(c("ConvTranspose stride 2 output_padding", () -> m(13, -1, 2, 4, 3).initializer("W", s(2, 3, 3, 3), w(30, 54))
                .initializer("B", s(3), w(31, 3)).node("ConvTranspose", l("x", "W", "B"), l("y"), "strides", ls(2, 2),
                        "pads", ls(1, 1, 1, 1), "output_padding", ls(1, 0))));
        cs.add(c("ConvTranspose dilated, no padding", () -> m(13, -1, 1, 3, 3).initializer("W", s(1, 2, 2, 2), w(32, 8))
                .node("ConvTranspose", l("x", "W"), l("y"), "dilations", ls(2, 2))));
        cs.add(c("ConvTranspose large pads crop", () -> m(13, -1, 1, 4, 4).initializer("W", s(1, 1, 3, 3), w(33, 9))
                .node("ConvTranspose", l("x", "W"), l("y"), "pads", ls(3, 0, 2, 3))));
        cs.add(c("Conv + BatchNormalization folded", () -> m(13, -1, 2, 5, 5).initializer("W", s(3, 2, 3, 3), w(14, 54))
                .initializer("g", s(3), positive(15, 3)).initializer("b", s(3), w(16, 3)).initializer("mu", s(3), w(17, 3))
                .initializer("var", s(3), positive(18, 3))
                .node("Conv", l("x", "W"), l("c"))
                .node("BatchNormalization", l("c", "g", "b", "mu", "var"), l("y"), "epsilon", 1e-3f)));
        cs.add(c("BatchNormalization alone", () -> m(13, -1, 3, 4, 4).initializer("g", s(3), positive(15, 3))
                .initializer("b", s(3), w(16, 3)).initializer("mu", s(3), w(17, 3)).initializer("var", s(3), positive(18, 3))
                .node("BatchNormalization", l("x", "g", "b", "mu", "var"), l("y"))));
        cs.add(c("BatchNormalization 2-D", () -> m(9, -1, 3).initializer("g", s(3), positive(15, 3))
                .initializer("b", s(3), w(16, 3)).initializer("mu", s(3), w(17, 3)).initializer("var", s(3), positive(18, 3))
                .node("BatchNormalization", l("x", "g", "b", "mu", "var"), l("y"))));
        // Arithmetic
        cs.add(c("Add constant broadcast", () -> m(13, -1, 3, 4).initializer("c", s(4), w(19, 4)).node("Add", l("x", "c"), l("y"))));
        cs.add(c("Add constant enlarging", () -> m(13, 1, 4).initializer("c", s(3, 1), w(19, 3)).node("Add", l("c", "x"), l("y"))));
        cs.add(c("Sub constant", () -> m(13, -1, 4).initializer("c", s(4), w(20, 4)).node("Sub", l("x", "c"), l("y"))));
        cs.add(c("Sub from constant", () -> m(13, -1, 4).initializer("c", s(1), 1.5f).node("Sub", l("c", "x"), l("y"))));
        cs.add(c("Mul constant", () -> m(13, -1, 2, 3).initializer("c", s(2, 1), w(21, 2)).node("Mul", l("x", "c"), l("y"))));
        cs.add(c("Div constant", () -> m(13, -1, 4).initializer("c", s(1), 3.0f).node("Div", l("x", "c"), l("y"))));
        cs.add(c("Neg", () -> m(13, -1, 4).node("Neg", l("x"), l("y"))));
        cs.add(c("Add two activations", () -> m(13, -1, 2, 3).node("Relu", l("x"), l("r")).node("Add", l("x", "r"), l("y"))));
        cs.add(c("Sub broadcast activations", () -> m(13, -1, 2, 3).node("ReduceMean", l("x"), l("m"), "axes", ls(2))
                .node("Sub", l("x", "m"), l("y"))));
        cs.add(c("Mul two activations", () -> m(13, -1, 6).node("Sigmoid", l("x"), l("sg")).node("Mul", l("x", "sg"), l("y"))));
        cs.add(c("Div by positive activation", () -> m(13, -1, 6).node("Sigmoid", l("x"), l("sg"))
                .node("Div", l("x", "sg"), l("y"))));
        cs.add(c("Pow 2", () -> m(13, -1, 5).initializer("p", s(), 2.0f).node("Pow", l("x", "p"), l("y"))));
        cs.add(c("Pow 3", () -> m(13, -1, 5).initializer("p", s(), 3.0f).node("Pow", l("x", "p"), l("y"))));
        cs.add(c("Pow 0.5", 0.1, 4, () -> m(13, -1, 5).initializer("p", s(), 0.5f).node("Pow", l("x", "p"), l("y"))));
        cs.add(c("Pow constant base", () -> m(13, -1, 5).initializer("b", s(), 2.0f).node("Pow", l("b", "x"), l("y"))));
        // Activations
        cs.add(c("Relu", () -> m(13, -1, 8).node("Relu", l("x"), l("y"))));
        cs.add(c("LeakyRelu", () -> m(13, -1, 8).node("LeakyRelu", l("x"), l("y"), "alpha", 0.1f)));
        cs.add(c("PRelu scalar", () -> m(13, -1, 8).initializer("s", s(1), 0.2f).node("PRelu", l("x", "s"), l("y"))));
        cs.add(c("PRelu per channel", () -> m(13, -1, 3, 2, 2).initializer("s", s(3, 1, 1), 0.1f, 0.2f, 0.3f)
                .node("PRelu", l("x", "s"), l("y"))));
        cs.add(c("Sigmoid", () -> m(13, -1, 8).node("Sigmoid", l("x"), l("y"))));
        cs.add(c("Tanh", () -> m(13, -1, 8).node("Tanh", l("x"), l("y"))));
        cs.add(c("Erf", () -> m(13, -1, 8).node("Erf", l("x"), l("y"))));
        cs.add(c("Gelu", () -> m(20, -1, 8).node("Gelu", l("x"), l("y"))));
        cs.add(c("Gelu tanh", () -> m(20, -1, 8).node("Gelu", l("x"), l("y"), "approximate", "tanh")));
        cs.add(c("Elu", () -> m(13, -1, 8).node("Elu", l("x"), l("y"), "alpha", 0.7f)));
        cs.add(c("HardSigmoid", () -> m(13, -1, 8).node("HardSigmoid", l("x"), l("y"), "alpha", 0.3f, "beta", 0.4f)));
        cs.add(c("Clip opset 11", () -> m(11, -1, 8).initializer("lo", s(), -0.5f).initializer("hi", s(), 1.0f)
                .node("Clip", l("x", "lo", "hi"), l("y"))));
        cs.add(c("Clip opset 9", () -> m(9, -1, 8).node("Clip", l("x"), l("y"), "min", -1.0f, "max", 0.5f)));
        cs.add(c("Clip min only", () -> m(13, -1, 8).initializer("lo", s(), 0.25f).node("Clip", l("x", "lo"), l("y"))));
        cs.add(c("Abs", () -> m(13, -1, 8).node("Abs", l("x"), l("y"))));
        cs.add(c("Exp", () -> m(13, -1, 8).node("Exp", l("x"), l("y"))));
        cs.add(c("Log", 0.2, 5, () -> m(13, -1, 8).node("Log", l("x"), l("y"))));
        cs.add(c("Sqrt", 0.1, 5, () -> m(13, -1, 8).node("Sqrt", l("x"), l("y"))));
        cs.add(c("Softplus", () -> m(13, -1, 8).node("Softplus", l("x"), l("y"))));
        cs.add(c("Softmax opset 13", () -> m(13, -1, 3, 5).node("Softmax", l("x"), l("y"))));
        cs.add(c("Softmax axis 1", () -> m(13, -1, 3, 5).node("Softmax", l("x"), l("y"), "axis", 1L)));
        cs.add(c("Softmax opset 11 coerced", () -> m(11, -1, 3, 5).node("Softmax", l("x"), l("y"))));
        cs.add(c("LogSoftmax", () -> m(13, -1, 6).node("LogSoftmax", l("x"), l("y"))));
        // Pooling and reductions
        cs.add(c("MaxPool", () -> m(13, -1, 2, 6, 6).node("MaxPool", l("x"), l("y"), "kernel_shape", ls(2, 2), "strides", ls(2, 2))));
        cs.add(c("MaxPool pads dilations", () -> m(13, -1, 1, 7, 7).node("MaxPool", l("x"), l("y"), "kernel_shape", ls(3, 3),
                "pads", ls(1, 1, 1, 1), "dilations", ls(2, 2))));
        cs.add(c("MaxPool ceil_mode", () -> m(13, -1, 1, 7, 7).node("MaxPool", l("x"), l("y"), "kernel_shape", ls(2, 2),
                "strides", ls(2, 2), "ceil_mode", 1L)));
        cs.add(c("MaxPool 1-D", () -> m(13, -1, 2, 9).node("MaxPool", l("x"), l("y"), "kernel_shape", ls(3), "strides", ls(2))));
        cs.add(c("AveragePool", () -> m(13, -1, 2, 6, 6).node("AveragePool", l("x"), l("y"), "kernel_shape", ls(2, 2),
                "strides", ls(2, 2))));
        cs.add(c("AveragePool pads exclude", () -> m(13, -1, 1, 5, 5).node("AveragePool", l("x"), l("y"), "kernel_shape", ls(3, 3),
                "pads", ls(1, 1, 1, 1))));
        cs.add(c("AveragePool pads include", () -> m(13, -1, 1, 5, 5).node("AveragePool", l("x"), l("y"), "kernel_shape", ls(3, 3),
                "pads", ls(1, 1, 1, 1), "count_include_pad", 1L)));
        cs.add(c("GlobalAveragePool", () -> m(13, -1, 3, 4, 4).node("GlobalAveragePool", l("x"), l("y"))));
        cs.add(c("GlobalMaxPool", () -> m(13, -1, 3, 4, 4).node("GlobalMaxPool", l("x"), l("y"))));
        cs.add(c("ReduceMean keepdims", () -> m(13, -1, 3, 4).node("ReduceMean", l("x"), l("y"), "axes", ls(1))));
        cs.add(c("ReduceSum opset 13", () -> m(13, -1, 3, 4).initializerLongs("a", s(1), 2).node("ReduceSum", l("x", "a"), l("y"),
                "keepdims", 0L)));
        cs.add(c("ReduceMax all", () -> m(13, -1, 3, 4).node("ReduceMax", l("x"), l("y"), "keepdims", 0L)));
        cs.add(c("ReduceMin", () -> m(13, -1, 3, 4).node("ReduceMin", l("x"), l("y"), "axes", ls(-1))));
        cs.add(c("ReduceL1", () -> m(18, -1, 3, 4).initializerLongs("a", s(1), 2).node("ReduceL1", l("x", "a"), l("y"))));
        cs.add(c("ReduceL2", () -> m(13, -1, 3, 4).node("ReduceL2", l("x"), l("y"), "axes", ls(1), "keepdims", 0L)));
        cs.add(c("ReduceSumSquare", () -> m(13, -1, 3, 4).node("ReduceSumSquare", l("x"), l("y"), "axes", ls(2))));
        cs.add(c("ReduceLogSumExp", () -> m(13, -1, 3, 4).node("ReduceLogSumExp", l("x"), l("y"), "axes", ls(2), "keepdims", 0L)));
        cs.add(c("LayerNormalization", () -> m(17, -1, 3, 6).initializer("g", s(6), positive(22, 6)).initializer("b", s(6), w(23, 6))
                .node("LayerNormalization", l("x", "g", "b"), l("y"))));
        cs.add(c("InstanceNormalization", () -> m(13, -1, 2, 3, 3).initializer("g", s(2), positive(24, 2))
                .initializer("b", s(2), w(25, 2)).node("InstanceNormalization", l("x", "g", "b"), l("y"))));
        // Recurrent layers, unrolled
        cs.add(c("LSTM bidirectional with initial states and peepholes", () -> m(13, 3, 2, 4)
                .initializer("W", s(2, 12, 4), w(40, 96)).initializer("R", s(2, 12, 3), w(41, 72)).initializer("B", s(2, 24), w(42, 48))
                .initializer("h0", s(2, 2, 3), w(43, 12)).initializer("c0", s(2, 2, 3), w(44, 12)).initializer("P", s(2, 9), w(45, 18))
                .node("LSTM", l("x", "W", "R", "B", "", "h0", "c0", "P"), l("y"), "hidden_size", 3L, "direction", "bidirectional")));
        cs.add(c("LSTM last state outputs", () -> new OnnxBuilder("case", 13).input("x", 2, 1, 3).output("yh").output("yc")
                .initializer("W", s(1, 16, 3), w(46, 48)).initializer("R", s(1, 16, 4), w(47, 64))
                .node("LSTM", l("x", "W", "R"), l("", "yh", "yc"), "hidden_size", 4L)));
        cs.add(c("GRU linear_before_reset", () -> m(13, 3, 1, 2).initializer("W", s(1, 9, 2), w(48, 18)).initializer("R", s(1, 9, 3), w(49, 27))
                .initializer("B", s(1, 18), w(50, 18)).initializer("h0", s(1, 1, 3), w(51, 3))
                .node("GRU", l("x", "W", "R", "B", "", "h0"), l("y"), "hidden_size", 3L, "linear_before_reset", 1L)));
        cs.add(c("GRU reset before linear, reverse", () -> m(13, 3, 2, 2).initializer("W", s(1, 9, 2), w(52, 18))
                .initializer("R", s(1, 9, 3), w(53, 27)).initializer("B", s(1, 18), w(54, 18)).initializer("h0", s(1, 2, 3), w(55, 6))
                .node("GRU", l("x", "W", "R", "B", "", "h0"), l("y"), "hidden_size", 3L, "direction", "reverse")));
        cs.add(c("RNN", () -> m(13, 4, 1, 3).initializer("W", s(1, 2, 3), w(56, 6)).initializer("R", s(1, 2, 2), w(57, 4))
                .initializer("B", s(1, 4), w(58, 4)).node("RNN", l("x", "W", "R", "B"), l("y"), "hidden_size", 2L)));
        // Data movement
        cs.add(c("Flatten axis 2", () -> m(13, -1, 2, 3, 2).node("Flatten", l("x"), l("y"), "axis", 2L)));
        cs.add(c("Reshape with 0 and -1", () -> m(13, -1, 2, 6).initializerLongs("s", s(3), 0, 3, -1).node("Reshape", l("x", "s"), l("y"))));
        cs.add(c("Transpose", () -> m(13, -1, 2, 3, 4).node("Transpose", l("x"), l("y"), "perm", ls(0, 2, 3, 1))
                .node("Identity", l("y"), l("unused"))));
        cs.add(c("Transpose default", () -> m(13, 2, 3).node("Transpose", l("x"), l("y"))));
        cs.add(c("Squeeze Unsqueeze opset 11", () -> m(11, -1, 1, 4).node("Squeeze", l("x"), l("q"), "axes", ls(1))
                .node("Unsqueeze", l("q"), l("y"), "axes", ls(0, 3))));
        cs.add(c("Squeeze Unsqueeze opset 13", () -> m(13, -1, 1, 4).initializerLongs("a", s(1), 1).initializerLongs("b", s(2), 0, -1)
                .node("Squeeze", l("x", "a"), l("q")).node("Unsqueeze", l("q", "b"), l("y"))));
        cs.add(c("Concat", () -> m(13, -1, 2, 3).node("Relu", l("x"), l("r")).node("Concat", l("x", "r"), l("y"), "axis", 1L)));
        cs.add(c("Slice opset 9", () -> m(9, -1, 6, 4).node("Slice", l("x"), l("y"), "starts", ls(1, 0), "ends", ls(5, 3),
                "axes", ls(1, 2))));
        cs.add(c("Slice steps", () -> m(13, -1, 8).initializerLongs("st", s(1), -1).initializerLongs("en", s(1), -100)
                .initializerLongs("ax", s(1), 1).initializerLongs("sp", s(1), -2).node("Slice", l("x", "st", "en", "ax", "sp"), l("y"))));
        cs.add(c("Pad constant opset 11", () -> m(11, -1, 2, 3).initializerLongs("p", s(6), 0, 1, 2, 0, 0, 1)
                .node("Pad", l("x", "p"), l("y"))));
        cs.add(c("Pad reflect", () -> m(13, -1, 1, 4, 4).initializerLongs("p", s(8), 0, 0, 1, 2, 0, 0, 2, 1)
                .node("Pad", l("x", "p"), l("y"), "mode", "reflect")));
        cs.add(c("Pad edge opset 9", () -> m(9, -1, 1, 3, 3).node("Pad", l("x"), l("y"), "mode", "edge", "pads", ls(0, 0, 1, 1, 0, 0, 1, 1))));
        cs.add(c("Identity Dropout", () -> m(13, -1, 4).node("Dropout", l("x"), l("d")).node("Identity", l("d"), l("y"))));
        cs.add(c("Gather constant indices", () -> m(13, -1, 5, 2).initializerLongs("i", s(3), 4, -1, 0)
                .node("Gather", l("x", "i"), l("y"), "axis", 1L)));
        cs.add(c("Expand", () -> m(13, 1, 3, 1).initializerLongs("s", s(3), 2, 1, 4).node("Expand", l("x", "s"), l("y"))));
        cs.add(c("Tile", () -> m(13, 1, 2, 3).initializerLongs("r", s(3), 1, 2, 2).node("Tile", l("x", "r"), l("y"))));
        cs.add(c("Trilu lower", () -> m(14, -1, 4, 4).initializerLongs("k", s(), 1).node("Trilu", l("x", "k"), l("y"), "upper", 0L)));
        cs.add(c("Trilu upper", () -> m(14, -1, 3, 5).node("Trilu", l("x"), l("y"))));
        cs.add(c("Resize nearest asymmetric floor", () -> m(13, -1, 2, 3, 3).initializer("roi", s(0)).initializer("sc", s(4), 1, 1, 2, 1.5f)
                .node("Resize", l("x", "roi", "sc"), l("y"), "mode", "nearest", "coordinate_transformation_mode", "asymmetric",
                        "nearest_mode", "floor")));
        cs.add(c("Resize nearest half_pixel sizes", () -> m(13, 1, 1, 4, 5).initializer("roi", s(0))
                .initializerLongs("sz", s(4), 1, 1, 7, 3).node("Resize", l("x", "roi", "", "sz"), l("y"), "mode", "nearest")));
        cs.add(c("Resize opset 10", () -> m(10, -1, 1, 2, 3).initializer("sc", s(4), 1, 1, 3, 2)
                .node("Resize", l("x", "sc"), l("y"), "mode", "nearest")));
        cs.add(c("Upsample opset 9", () -> m(9, -1, 1, 2, 2).initializer("sc", s(4), 1, 1, 2, 2)
                .node("Upsample", l("x", "sc"), l("y"), "mode", "nearest")));
        cs.add(c("Where two computed tensors", () -> m(13, -1, 2, 3).initializerLongs("c", s(2, 1), 1, 0)
                .node("Cast", l("c"), l("cb"), "to", 9L).node("Relu", l("x"), l("r")).node("Where", l("cb", "x", "r"), l("y"))));
        cs.add(c("Where masked by a constant", () -> m(13, -1, 3, 3).initializerLongs("c", s(3, 3), 1, 0, 0, 1, 1, 0, 1, 1, 1)
                .initializer("neg", s(), -10f).node("Cast", l("c"), l("cb"), "to", 9L).node("Where", l("cb", "x", "neg"), l("w"))
                .node("Softmax", l("w"), l("y"))));
        cs.add(c("Split", () -> m(13, -1, 6).initializerLongs("sp", s(2), 2, 4)
                .node("Split", l("x", "sp"), l("a", "b"), "axis", 1L).node("Mul", l("a", "a"), l("aa"))
                .node("ReduceSum", l("b"), l("bs"), "keepdims", 1L).node("Add", l("aa", "bs"), l("y"))));
        // Constant folding of the chains exporters emit
        cs.add(c("Shape Gather Unsqueeze Concat Reshape", () -> m(13, -1, 3, 4)
                .node("Shape", l("x"), l("sh")).initializerLongs("zero", s(), 0).node("Gather", l("sh", "zero"), l("n"))
                .initializerLongs("ax", s(1), 0).node("Unsqueeze", l("n", "ax"), l("nu"))
                .initializerLongs("rest", s(1), -1).node("Concat", l("nu", "rest"), l("target"), "axis", 0L)
                .node("Cast", l("target"), l("t64"), "to", 7L)
                .node("Reshape", l("x", "t64"), l("y"))));
        cs.add(c("ConstantOfShape Constant Sqrt folded", () -> m(13, -1, 4)
                .node("Constant", l(), l("shape"), "value", OnnxBuilder.longTensor("v", s(1), 4))
                .node("ConstantOfShape", l("shape"), l("fours"), "value", OnnxBuilder.floatTensor("v", s(1), 4f))
                .node("Sqrt", l("fours"), l("twos")).node("Mul", l("x", "twos"), l("y"))));
        cs.add(c("Cast float to float", () -> m(13, -1, 4).node("Cast", l("x"), l("c"), "to", 1L).node("Relu", l("c"), l("y"))));
        return cs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loweredAndQuantizedMatchOnnxRuntime(Case c) throws Exception {
        byte[] onnx = c.model().get();
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        InputFile in = ModelChecks.randomInputs(g, c.name().hashCode(), c.lo(), c.hi());
        ModelChecks.assertLoweredMatches(onnx, g, in);
        AccuracyReport r = ModelChecks.quantizedReport(onnx, in, QuantizationOptions.DEFAULT);
        assertThat(r.worstRelativeError()).as("%s%n%s", c.name(), r).isLessThanOrEqualTo(0.02);
        assertThat(r.argmaxAgrees()).as("%s%n%s", c.name(), r).isTrue();
    }
}
