package io.zkml4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.ModelSignature;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both JSON layouts (and named inputs), and a clear error for every way a file can be wrong. */
class InputFileTest {
    static Graph one;
    static Graph two;

    @BeforeAll
    static void graphs() throws Exception {
        one = OnnxImporter.importModel(new OnnxBuilder("t", 13).input("x", -1, 2, 2).output("y")
                .node("Relu", List.of("x"), List.of("y")).toBytes(), ImportOptions.DEFAULT);
        two = OnnxImporter.importModel(new OnnxBuilder("t", 13).input("a", -1, 3).input("b", -1, 3).output("y")
                .node("Add", List.of("a", "b"), List.of("y")).toBytes(), ImportOptions.DEFAULT);
    }

    @Test
    void zkmlLayoutWithShapesAndIgnoredOutputData() throws Exception {
        InputFile f = InputFile.parse("{\"input_data\": [[1, 2.5, -3, 4]], \"input_shapes\": [[1, 2, 2]], \"output_data\": [[0]]}", one);
        assertThat(f.names()).containsExactly("x");
        assertThat(f.values().get(0)).containsExactly(1f, 2.5f, -3f, 4f);
        assertThat(f.shapes().get(0)).containsExactly(1, 2, 2);
    }

    @Test
    void nestedListsAndShapesWithoutTheBatchAxis() throws Exception {
        InputFile f = InputFile.parse("{\"input_data\": [[[1, 2], [3, 4]]], \"input_shapes\": [[2, 2], [9, 9]]}", one);
        assertThat(f.values().get(0)).containsExactly(1f, 2f, 3f, 4f);
    }

    @Test
    void plainAndNamedLayouts() throws Exception {
        assertThat(InputFile.parse("{\"input\": [0, 0, 0, 1]}", one).values().get(0)).containsExactly(0f, 0f, 0f, 1f);
        InputFile f = InputFile.parse("{\"b\": [4, 5, 6], \"a\": [1, 2, 3]}", two);
        assertThat(f.names()).containsExactly("a", "b");
        assertThat(f.byName().get("b")).containsExactly(4f, 5f, 6f);
        assertThat(f.arrays()[0]).containsExactly(1f, 2f, 3f);
    }

    @Test
    void pyTorchPositionalNamesPickTheirListsWhenTheExporterDroppedUnusedInputs() throws Exception {
        // the corpus's bitwise_ops: a module of four inputs whose ONNX export kept 'input2' and 'input3'
        Graph kept = OnnxImporter.importModel(new OnnxBuilder("t", 13).input("input2", -1, 2).input("input3", -1, 2).output("y")
                .node("Add", List.of("input2", "input3"), List.of("y")).toBytes(), ImportOptions.DEFAULT);
        InputFile f = InputFile.parse("{\"input_data\": [[1, 1], [2, 2], [3, 3], [4, 4]]}", kept);
        assertThat(f.byName().get("input2")).containsExactly(3f, 3f);
        assertThat(f.byName().get("input3")).containsExactly(4f, 4f);
        // other names: the counts must match
        assertThatThrownBy(() -> InputFile.parse("{\"input_data\": [[1, 2, 3], [4, 5, 6], [7, 8, 9]]}", two))
                .hasMessage("the model has 2 input(s) [a, b], 'input_data' gives 3");
    }

    @Test
    void readsFromAFile(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("in.json");
        Files.writeString(p, "{\"input_data\": [[1, 2, 3, 4]], \"input_shapes\": [[1, 2, 2]]}");
        assertThat(InputFile.read(p, one).values().get(0)).hasSize(4);
        assertThat(InputFile.declaredShapes(p).get(0)).containsExactly(1, 2, 2);
        assertThatThrownBy(() -> InputFile.read(dir.resolve("none.json"), one)).hasMessageStartingWith("cannot read input file '");
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> InputFile.parse("not json", one)).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("input file is not valid JSON: ");
        assertThatThrownBy(() -> InputFile.parse("[1, 2]", one)).hasMessage("input file is not a JSON object");
        assertThatThrownBy(() -> InputFile.parse("{\"data\": [1, 2, 3, 4]}", one))
                .hasMessage("input file has no 'input_data', no 'input', and no value for input(s) [x] (fields found: [data])");
        assertThatThrownBy(() -> InputFile.parse("{\"input_data\": [[1, 2, 3]]}", one))
                .hasMessage("input 'x' needs 4 values (shape [1, 2, 2]), the file gives 3");
        assertThatThrownBy(() -> InputFile.parse("{\"input_data\": [[1, 2, 3, 4], [5]]}", one))
                .hasMessage("the model has 1 input(s) [x], 'input_data' gives 2");
        assertThatThrownBy(() -> InputFile.parse("{\"input_data\": [[1, 2, 3, 4]], \"input_shapes\": [[1, 4, 1]]}", one))
                .hasMessage("input 'x': input_shapes[0] is [1, 4, 1], which does not fit the model's [1, 2, 2]; give the model's "
                        + "shape, or the shape without its leading batch axis [2, 2]");
        assertThatThrownBy(() -> InputFile.parse("{\"input_data\": [[1, 2, 3, 4]], \"input_shapes\": [[5]]}", one))
                .hasMessageStartingWith("input 'x': input_shapes[0] is [5], which does not fit the model's [1, 2, 2]");
        assertThatThrownBy(() -> InputFile.parse("{\"input_data\": [[1, \"two\", 3, 4]]}", one))
                .hasMessage("'input_data[0]' must hold numbers, found string \"two\"");
        assertThatThrownBy(() -> InputFile.parse("{\"input\": [1, 2, 3]}", two))
                .hasMessage("'input' is for one-input models; this model has 2 inputs [a, b]: give them by name or as 'input_data'");
        assertThatThrownBy(() -> InputFile.parse("{\"input_data\": 5}", one))
                .hasMessage("'input_data' must be a list with one list of numbers per model input");
        assertThatThrownBy(() -> InputFile.parse("{\"input_data\": [[1, 2, 3, 4]], \"input_shapes\": [[1, -2, 2]]}", one))
                .hasMessage("'input_shapes[0]' has a bad dimension -2");
    }

    @Test
    void oneShapeRuleTheModelsShapeOrItWithoutTheLeadingBatchAxis() throws Exception {
        assertThat(InputFile.parse("{\"input_data\": [[1, 2, 3, 4]], \"input_shapes\": [[2, 2]]}", one).shapes().get(0))
                .containsExactly(1, 2, 2);
        // the same number of values in another arrangement is not the model's shape
        assertThatThrownBy(() -> InputFile.parse("{\"input_data\": [[1, 2, 3, 4]], \"input_shapes\": [[4]]}", one))
                .hasMessageStartingWith("input 'x': input_shapes[0] is [4], which does not fit the model's [1, 2, 2]");
        assertThatThrownBy(() -> InputFile.parse("{\"input_data\": [[1, 2, 3, 4]], \"input_shapes\": [[1, 1, 2, 2]]}", one))
                .hasMessageStartingWith("input 'x': input_shapes[0] is [1, 1, 2, 2], which does not fit");
        // dynamic dimensions (-1): a dynamic batch axis may be omitted (then 1) or given
        int[] dynamicBatch = {-1, 4};
        assertThat(ModelSignature.resolve("x", "input_shapes[0]", new int[] {4}, dynamicBatch)).containsExactly(1, 4);
        assertThat(ModelSignature.resolve("x", "input_shapes[0]", new int[] {3, 4}, dynamicBatch)).containsExactly(3, 4);
        assertThatThrownBy(() -> ModelSignature.resolve("x", "input_shapes[0]", new int[] {2, 2}, dynamicBatch))
                .hasMessage("input 'x': input_shapes[0] is [2, 2], which does not fit the model's [?, 4]; give the model's shape, "
                        + "or the shape without its leading batch axis [4] (with a number for each dynamic dimension)");
        assertThat(ModelSignature.resolve("x", "input_shapes[0]", new int[] {1, 16, 16}, new int[] {1, 1, 16, 16}))
                .containsExactly(1, 1, 16, 16);
        assertThat(ModelSignature.resolve("x", "input_shapes[0]", new int[] {512}, new int[] {-1, -1})).containsExactly(1, 512);
        assertThat(ModelSignature.resolve("sr", "input_shapes[1]", new int[] {}, new int[] {})).isEmpty();
        // a fixed leading axis other than 1 is not a batch axis
        assertThatThrownBy(() -> ModelSignature.resolve("x", "input_shapes[0]", new int[] {4}, new int[] {3, 4}))
                .hasMessage("input 'x': input_shapes[0] is [4], which does not fit the model's [3, 4]; give the model's shape");
        assertThatThrownBy(() -> ModelSignature.resolve("x", "input_shapes[0]", new int[] {0, 4}, dynamicBatch))
                .hasMessageContaining("has a dimension 0; every dimension must be at least 1");
    }

    @Test
    void nonFiniteValuesAreRefusedWithTheirPosition() {
        assertThatThrownBy(() -> InputFile.parse("{\"input_data\": [[1, 2, NaN, 4]]}", one))
                .hasMessage("input 'x' value 2 (input_data[0][2]) is NaN; every input value must be a finite number");
        assertThatThrownBy(() -> InputFile.parse("{\"input_data\": [[[1, 2], [3, -Infinity]]]}", one))
                .hasMessage("input 'x' value 3 (input_data[0][1][1]) is -Infinity; every input value must be a finite number");
        assertThatThrownBy(() -> InputFile.parse("{\"x\": [1, 1e999, 3, 4]}", one))
                .hasMessage("input 'x' value 1 (x[1]) is Infinity; every input value must be a finite number");
        assertThatThrownBy(() -> InputFile.parse("{\"input\": [1, 2, 3, 1e39]}", one))
                .hasMessage("input 'x' value 3 (input[3]) is 1.0E39 (beyond the float range); every input value must be a finite number");
    }

    @Test
    void integerAndBooleanInputsNeedMatchingValues() throws Exception {
        Graph typed = OnnxImporter.importModel(new OnnxBuilder("t", 13).typedInput("n", 7, -1, 2).typedInput("b", 9, -1, 2)
                .output("n2").output("b2").node("Identity", List.of("n"), List.of("n2")).node("Identity", List.of("b"), List.of("b2"))
                .toBytes(), ImportOptions.DEFAULT);
        assertThat(InputFile.parse("{\"n\": [3, -4], \"b\": [true, 0]}", typed).byName().get("b")).containsExactly(1f, 0f);
        assertThatThrownBy(() -> InputFile.parse("{\"n\": [3.5, 1], \"b\": [1, 0]}", typed))
                .hasMessage("input 'n' is INT64: value 3.5 at index 0 is not an integer");
        assertThatThrownBy(() -> InputFile.parse("{\"n\": [3, 1], \"b\": [1, 2]}", typed))
                .hasMessage("input 'b' is BOOL: value 2.0 at index 1 is not 0, 1, true or false");
    }
}
