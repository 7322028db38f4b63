package io.zkml4j.model;

import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Tensor;
import io.zkml4j.model.graph.ValueInfo;
import io.zkml4j.model.lower.LoweredGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The float graph IR, independent of protobuf: the model inputs with fixed shapes, the operator nodes in
 * topological order (constant sub-graphs already folded away), the constants (initializers and folded
 * values), and the inferred type and shape of every non-constant value.
 *
 * @param name     graph name from the file (may be empty)
 * @param opset    the default-domain opset the model was exported with
 * @param producer producer name and version from the file
 * @param inputs   the model inputs (initializers excluded), shapes fixed for the chosen batch size
 * @param outputs  the model outputs
 * @param nodes    non-constant nodes, topologically ordered
 * @param constants constant values by name
 * @param values   type and shape of every non-constant value by name (inputs, node outputs)
 * @param lowered  the same computation as a DAG of real-valued primitives (what the quantizer reads)
 */
public record Graph(String name, int opset, String producer, List<ValueInfo> inputs, List<ValueInfo> outputs,
                    List<Node> nodes, Map<String, Tensor> constants, Map<String, ValueInfo> values,
                    LoweredGraph lowered) {

    public Graph {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        nodes = List.copyOf(nodes);
        constants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public ValueInfo input(String inputName) {
        for (ValueInfo v : inputs) {
            if (v.name().equals(inputName)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no input named '" + inputName + "'");
    }

    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (ValueInfo v : inputs) {
            names.add(v.name());
        }
        return names;
    }

    /** Number of scalar parameters held in constants. */
    public long parameterCount() {
        long n = 0;
        for (Tensor t : constants.values()) {
            n += t.size();
        }
        return n;
    }

    /** Op types used, with their counts, in node order of first use. */
    public Map<String, Integer> opCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Node n : nodes) {
            counts.merge(n.opType(), 1, Integer::sum);
        }
        return counts;
    }
}
