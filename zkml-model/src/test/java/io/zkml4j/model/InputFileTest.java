package io.zkml4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.model.onnx.ImportOptions;
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
                .hasMessage("input 'x': the file gives shape [1, 4, 1], the model expects [1, 2, 2]");
        assertThatThrownBy(() -> InputFile.parse("{\"input_data\": [[1, 2, 3, 4]], \"input_shapes\": [[5]]}", one))
                .hasMessage("input 'x': the file gives shape [5], the model expects [1, 2, 2]");
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
