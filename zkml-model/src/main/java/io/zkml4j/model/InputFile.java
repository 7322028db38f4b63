package io.zkml4j.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.zkml4j.model.onnx.ModelSignature;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.graph.ValueInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Example inputs for a model, read from JSON in one of three layouts:
 * <ul>
 *   <li>the common zkML layout {@code {"input_data": [[...], ...], "input_shapes": [[...], ...]}}: one flat
 *       (or nested) list per model input, in model-input order; {@code input_shapes} optional: where given,
 *       each must be the input's shape, or that shape without its leading batch axis of 1 (exporters often
 *       drop it; {@link ModelSignature#resolve}); shapes beyond the inputs are ignored; other fields (such
 *       as {@code output_data}) are ignored;</li>
 *   <li>{@code {"input": [...]}} for a model with one input;</li>
 *   <li>named inputs {@code {"<input name>": [...], ...}}.</li>
 * </ul>
 * Every input's value count must equal its shape's size; every value must be a finite number ({@code NaN}
 * and {@code Infinity} are refused with their position); integer inputs need integers, boolean inputs 0/1
 * (or {@code true}/{@code false}).
 */
public record InputFile(List<String> names, List<float[]> values, List<int[]> shapes) {
    /** Reads NaN and Infinity tokens too, so that they are refused with their position rather than as bad JSON. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    public InputFile {
        names = List.copyOf(names);
        values = List.copyOf(values);
        shapes = List.copyOf(shapes);
    }

    public static InputFile read(Path path, Graph graph) throws InputFileException {
        return read(path, graph.inputs());
    }

    /** The {@code input_shapes} of a zkML-layout file, or an empty list (used to fix dynamic dimensions). */
    public static List<int[]> declaredShapes(Path path) throws InputFileException {
        return declaredShapes(tree(path));
    }

    /** The {@code input_shapes} of a zkML-layout file's text, or an empty list. */
    public static List<int[]> declaredShapes(String json) throws InputFileException {
        return declaredShapes(parseTree(json));
    }

    private static List<int[]> declaredShapes(JsonNode root) throws InputFileException {
        List<int[]> shapes = new ArrayList<>();
        JsonNode s = root.get("input_shapes");
        if (s != null && s.isArray()) {
            for (JsonNode shape : s) {
                shapes.add(shape(shape, "input_shapes"));
            }
        }
        return shapes;
    }

    private static JsonNode tree(Path path) throws InputFileException {
        try {
            return parseTree(Files.readString(path));
        } catch (IOException e) {
            throw new InputFileException("cannot read input file '" + path + "': " + e);
        }
    }

    private static JsonNode parseTree(String text) throws InputFileException {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject()) {
                throw new InputFileException("input file is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InputFileException("input file is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static InputFile parse(String json, Graph graph) throws InputFileException {
        return parse(json, graph.inputs());
    }

    /** Reads an input file for a model known only by its inputs (a compiled model, at proving time). */
    public static InputFile read(Path path, List<ValueInfo> inputs) throws InputFileException {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new InputFileException("cannot read input file '" + path + "': " + e);
        }
        return parse(text, inputs);
    }

    /**
     * When 'input_data' has more lists than the model has inputs, and every input has PyTorch's positional name
     * ({@code input}, {@code input1}, {@code input2}, …, which keep their positions when the exporter drops unused
     * inputs), the list at each input's position; else null.
     */
    private static int[] torchPositions(List<String> names, int lists) {
        int[] at = new int[names.size()];
        for (int i = 0; i < at.length; i++) {
            String n = names.get(i);
            if (n.equals("input")) {
                at[i] = 0;
            } else if (n.matches("input[1-9][0-9]{0,3}")) {
                at[i] = Integer.parseInt(n.substring(5));
            } else {
                return null;
            }
            if (at[i] >= lists || (i > 0 && at[i] <= at[i - 1])) {
                return null;
            }
        }
        return lists > names.size() ? at : null;
    }

    /** Parses an input file for a model with these inputs (name, shape), in model-input order. */
    public static InputFile parse(String json, List<ValueInfo> inputs) throws InputFileException {
        JsonNode root = parseTree(json);
        List<String> inputNames = new ArrayList<>();
        for (ValueInfo v : inputs) {
            inputNames.add(v.name());
        }
        List<float[]> values = new ArrayList<>();
        List<int[]> declared = new ArrayList<>();
        if (root.has("input_data")) {
            JsonNode data = root.get("input_data");
            if (!data.isArray()) {
                throw new InputFileException("'input_data' must be a list with one list of numbers per model input");
            }
            int[] at = new int[inputs.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = i;
            }
            if (data.size() != inputs.size()) {
                at = torchPositions(inputNames, data.size());
                if (at == null) {
                    throw new InputFileException("the model has " + inputs.size() + " input(s) " + inputNames
                            + ", 'input_data' gives " + data.size());
                }
            }
            for (int i = 0; i < at.length; i++) {
                values.add(numbers(data.get(at[i]), "input_data[" + at[i] + "]", inputNames.get(i)));
            }
            JsonNode s = root.get("input_shapes");
            if (s != null) {
                if (!s.isArray()) {
                    throw new InputFileException("'input_shapes' must be a list of shapes, one per model input");
                }
                for (int i = 0; i < at.length && at[i] < s.size(); i++) {
                    declared.add(shape(s.get(at[i]), "input_shapes[" + at[i] + "]"));
                }
            }
        } else if (root.has("input")) {
            if (inputs.size() != 1) {
                throw new InputFileException("'input' is for one-input models; this model has " + inputs.size()
                        + " inputs " + inputNames + ": give them by name or as 'input_data'");
            }
            values.add(numbers(root.get("input"), "input", inputNames.get(0)));
        } else {
            List<String> missing = new ArrayList<>();
            for (ValueInfo v : inputs) {
                if (root.has(v.name())) {
                    values.add(numbers(root.get(v.name()), v.name(), v.name()));
                } else {
                    missing.add(v.name());
                }
            }
            if (!missing.isEmpty()) {
                List<String> fields = new ArrayList<>();
                for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
                    fields.add(it.next());
                }
                throw new InputFileException("input file has no 'input_data', no 'input', and no value for input(s) "
                        + missing + " (fields found: " + fields + ")");
            }
        }
        List<int[]> shapes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            ValueInfo v = inputs.get(i);
            int need = Shapes.size(v.shape());
            if (i < declared.size()) {
                ModelSignature.resolve(v.name(), "input_shapes[" + i + "]", declared.get(i), v.shape());
            }
            if (values.get(i).length != need) {
                throw new InputFileException("input '" + v.name() + "' needs " + need + " values (shape "
                        + Arrays.toString(v.shape()) + "), the file gives " + values.get(i).length);
            }
            checkType(v, values.get(i));
            names.add(v.name());
            shapes.add(v.shape());
        }
        return new InputFile(names, values, shapes);
    }

    /** Values of an integer input must be integers, of a boolean input 0 or 1. */
    private static void checkType(ValueInfo v, float[] x) throws InputFileException {
        if (v.type().isFloating()) {
            return;
        }
        boolean bool = v.type() == io.zkml4j.model.graph.DataType.BOOL;
        for (int j = 0; j < x.length; j++) {
            if (bool ? x[j] != 0 && x[j] != 1 : x[j] != Math.rint(x[j])) {
                throw new InputFileException("input '" + v.name() + "' is " + v.type() + ": value " + x[j] + " at index " + j
                        + " is not " + (bool ? "0, 1, true or false" : "an integer"));
            }
        }
    }

    /** The numbers of one input's list, flattened; {@code input} names the model input (null: none). */
    private static float[] numbers(JsonNode node, String where, String input) throws InputFileException {
        List<Double> out = new ArrayList<>();
        flatten(node, where, where, input, out);
        float[] f = new float[out.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = out.get(i).floatValue();
        }
        return f;
    }

    /** Appends the numbers under {@code node} (at JSON path {@code path}) to {@code out}, refusing non-finite ones. */
    private static void flatten(JsonNode node, String where, String path, String input, List<Double> out) throws InputFileException {
        if (node.isNumber()) {
            double v = node.doubleValue();
            if (!Double.isFinite((float) v)) {
                String what = Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity")
                        : node.asText() + " (beyond the float range)";
                throw new InputFileException((input == null ? "" : "input '" + input + "' ") + "value " + out.size() + " ("
                        + path + ") is " + what + "; every input value must be a finite number");
            }
            out.add(v);
        } else if (node.isBoolean()) {
            out.add(node.booleanValue() ? 1.0 : 0.0);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(node.get(i), where, path + "[" + i + "]", input, out);
            }
        } else {
            throw new InputFileException("'" + where + "' must hold numbers, found " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + " " + abbreviate(node.toString()));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static int[] shape(JsonNode node, String where) throws InputFileException {
        if (!node.isArray()) {
            throw new InputFileException("'" + where + "' must be a list of dimensions");
        }
        int[] s = new int[node.size()];
        for (int i = 0; i < s.length; i++) {
            JsonNode d = node.get(i);
            if (!d.canConvertToInt() || d.intValue() < 0 || !d.isIntegralNumber()) {
                throw new InputFileException("'" + where + "' has a bad dimension " + d);
            }
            s[i] = d.intValue();
        }
        return s;
    }

    /** The values by input name (the calibration and reference form). */
    public Map<String, float[]> byName() {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), values.get(i));
        }
        return m;
    }

    public Map<String, int[]> shapesByName() {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), shapes.get(i));
        }
        return m;
    }

    public float[][] arrays() {
        return values.toArray(new float[0][]);
    }
}
