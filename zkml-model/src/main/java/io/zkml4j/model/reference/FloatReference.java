package io.zkml4j.model.reference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The float oracle: runs the original ONNX model in ONNX Runtime (CPU) and returns every output as
 * {@code double[]}. Inputs are given as floats and converted to each input's declared element type
 * (float, double, int32, int64, bool).
 */
public final class FloatReference implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final List<String> inputNames;
    private final List<String> outputNames;

    private FloatReference(OrtEnvironment env, OrtSession session) throws OrtException {
        this.env = env;
        this.session = session;
        this.inputNames = new ArrayList<>(session.getInputNames());
        this.outputNames = new ArrayList<>(session.getOutputNames());
    }

    /** Opens a session on the model file; fails with a message when ONNX Runtime cannot load it. */
    public static FloatReference open(Path onnx) throws FloatReferenceException {
        try {
            return open(Files.readAllBytes(onnx));
        } catch (IOException e) {
            throw new FloatReferenceException("cannot read '" + onnx + "': " + e);
        }
    }

    public static FloatReference open(byte[] onnx) throws FloatReferenceException {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            return new FloatReference(env, env.createSession(onnx, options));
        } catch (OrtException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new FloatReferenceException("ONNX Runtime cannot load the model: " + e.getMessage());
        }
    }

    public List<String> inputNames() {
        return inputNames;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    /** Runs the model; {@code inputs} by name, each flattened with its shape. */
    public Map<String, double[]> run(Map<String, float[]> inputs, Map<String, int[]> shapes) throws FloatReferenceException {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            Map<String, NodeInfo> info = session.getInputInfo();
            for (String name : inputNames) {
                float[] x = inputs.get(name);
                int[] shape = shapes.get(name);
                if (x == null || shape == null) {
                    throw new FloatReferenceException("no value for model input '" + name + "'");
                }
                long[] dims = new long[shape.length];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = shape[i];
                }
                feed.put(name, tensor(((TensorInfo) info.get(name).getInfo()).type, x, dims));
            }
            Map<String, double[]> out = new LinkedHashMap<>();
            try (OrtSession.Result result = session.run(feed)) {
                for (int i = 0; i < outputNames.size(); i++) {
                    OnnxValue v = result.get(i);
                    if (v instanceof OnnxTensor t) {
                        out.put(outputNames.get(i), values(t));
                    } else if (v instanceof ai.onnxruntime.OnnxSequence s) {
                        double[] zipped = zipMap(s);
                        if (zipped != null) {
                            out.put(outputNames.get(i), zipped);
                        }
                    }
                }
            }
            return out;
        } catch (OrtException e) {
            throw new FloatReferenceException("ONNX Runtime failed: " + e.getMessage());
        } finally {
            for (OnnxTensor t : feed.values()) {
                t.close();
            }
        }
    }

    private OnnxTensor tensor(OnnxJavaType type, float[] x, long[] dims) throws OrtException, FloatReferenceException {
        switch (type) {
            case FLOAT:
                return OnnxTensor.createTensor(env, FloatBuffer.wrap(x), dims);
            case DOUBLE: {
                double[] d = new double[x.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = x[i];
                }
                return OnnxTensor.createTensor(env, DoubleBuffer.wrap(d), dims);
            }
            case INT64: {
                long[] l = new long[x.length];
                for (int i = 0; i < l.length; i++) {
                    l[i] = Math.round(x[i]);
                }
                return OnnxTensor.createTensor(env, LongBuffer.wrap(l), dims);
            }
            case INT32: {
                int[] l = new int[x.length];
                for (int i = 0; i < l.length; i++) {
                    l[i] = Math.round(x[i]);
                }
                return OnnxTensor.createTensor(env, IntBuffer.wrap(l), dims);
            }
            case BOOL: {
                ByteBuffer b = ByteBuffer.allocateDirect(x.length);
                for (float v : x) {
                    b.put((byte) (v != 0 ? 1 : 0));
                }
                b.rewind();
                return OnnxTensor.createTensor(env, b, dims, OnnxJavaType.BOOL);
            }
            default:
                throw new FloatReferenceException("inputs of type " + type + " are not supported");
        }
    }

    /** A ZipMap output (a sequence of maps from label to probability) as rows of values in key order. */
    private static double[] zipMap(ai.onnxruntime.OnnxSequence s) throws OrtException {
        List<Double> all = new ArrayList<>();
        for (Object row : s.getValue()) {
            if (!(row instanceof ai.onnxruntime.OnnxMap m)) {
                return null;
            }
            Map<?, ?> map = m.getValue();
            List<Object> keys = new ArrayList<>(map.keySet());
            keys.sort((a, b) -> a instanceof Long x && b instanceof Long y ? Long.compare(x, y) : String.valueOf(a).compareTo(String.valueOf(b)));
            for (Object k : keys) {
                all.add(((Number) map.get(k)).doubleValue());
            }
        }
        double[] d = new double[all.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = all.get(i);
        }
        return d;
    }

    private static double[] values(OnnxTensor t) throws FloatReferenceException {
        OnnxJavaType type = t.getInfo().type;
        int n = (int) t.getInfo().getNumElements();
        double[] d = new double[n];
        switch (type) {
            case FLOAT -> {
                FloatBuffer b = t.getFloatBuffer();
                for (int i = 0; i < n; i++) {
                    d[i] = b.get(i);
                }
            }
            case DOUBLE -> {
                DoubleBuffer b = t.getDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    d[i] = b.get(i);
                }
            }
            case INT64 -> {
                LongBuffer b = t.getLongBuffer();
                for (int i = 0; i < n; i++) {
                    d[i] = b.get(i);
                }
            }
            case INT32 -> {
                IntBuffer b = t.getIntBuffer();
                for (int i = 0; i < n; i++) {
                    d[i] = b.get(i);
                }
            }
            case BOOL, INT8, UINT8 -> {
                ByteBuffer b = t.getByteBuffer();
                for (int i = 0; i < n; i++) {
                    d[i] = type == OnnxJavaType.INT8 ? b.get(i) : b.get(i) & 0xFF;
                }
            }
            default -> throw new FloatReferenceException("outputs of type " + type + " are not supported");
        }
        return d;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing a session that ran cannot fail in a way the caller could act on.
        }
    }
}
