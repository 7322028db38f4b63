package io.zkml4j.prover.profile;

import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.Layer;
import io.zkml4j.prover.circuit.TensorInfo;
import io.zkml4j.prover.compile.CircuitCompiler;
import io.zkml4j.prover.plan.LookupGroup;
import io.zkml4j.prover.plan.TableId;
import io.zkml4j.prover.plan.WitnessPlan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Not a test: what a compiled model's per-proof witness and lookups consist of (MODEL.zkm [--layers]):
 * committed slots grouped by kind with their padded and logical sizes, and per lookup table the number of
 * groups, rows (padded) and real rows.
 */
public final class PlanReport {
    public static void main(String[] args) throws Exception {
        QuantizedModel model = QuantizedModel.fromBytes(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(args[0])));
        CircuitCompiler.Compiled c = CircuitCompiler.compile(model, false);
        Circuit circuit = c.circuit();
        WitnessPlan plan = WitnessPlan.of(circuit);
        boolean layers = args.length > 1 && args[1].equals("--layers");
        if (layers) {
            for (int i = 0; i < circuit.layers().size(); i++) {
                Layer l = circuit.layers().get(i);
                TensorInfo y = circuit.tensor(l.output());
                System.out.printf("%4d %-40s %-28s 2^%d (real %d) [%d, %d]%n", i, l.describe(), y.shape(), y.shape().numVars(), y.shape().size(), y.lo(), y.hi());
            }
        }
        long weights = 0;
        for (long[] w : c.weights()) {
            weights += w.length;
        }
        long paddedWeights = 0;
        for (var w : circuit.weights()) {
            paddedWeights += w.shape().paddedSize();
        }
        System.out.println("layers " + circuit.layers().size() + ", weights " + weights + " (padded per dimension: " + paddedWeights + ")");
        Map<String, long[]> byKind = new TreeMap<>();
        long total = 0;
        for (WitnessPlan.SlotSpec s : plan.slots()) {
            String kind = s.name().replaceAll("^layer \\d+ ", "").replaceAll("chunk \\d+", "chunk").replaceAll("tap \\d+", "tap")
                    .replaceAll("of function table of layer \\d+", "of function tables").replaceAll("of cmp\\d+", "of cmp");
            long[] a = byKind.computeIfAbsent(kind, k -> new long[2]);
            a[0]++;
            a[1] += 1L << s.numVars();
            total += 1L << s.numVars();
        }
        System.out.printf("witness: %d slots, %d entries (packed length %d, 2^%d)%n", plan.slotCount(), total, plan.layout().length(), plan.layout().numVars());
        byKind.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .forEach(e -> System.out.printf("  %-50s %5d slots %12d entries%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
        for (Map.Entry<TableId, List<LookupGroup>> e : plan.lookups().entrySet()) {
            long rows = 0, real = 0;
            for (LookupGroup g : e.getValue()) {
                rows += g.shape().paddedSize();
                real += g.shape().size();
            }
            System.out.printf("lookup %-28s groups %5d rows %10d real %10d trees 2^%s%n", e.getKey(), e.getValue().size(), rows, real,
                    java.util.Arrays.stream(io.zkml4j.prover.relation.lookup.LookupProver.treeVars(e.getValue()))
                            .mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(" + 2^")));
        }
        // tensors: sum of padded vs logical sizes
        long padded = 0, logical = 0;
        for (TensorInfo t : circuit.tensors()) {
            padded += t.shape().paddedSize();
            logical += t.shape().size();
        }
        System.out.printf("tensors: %d, padded %d, logical %d (%.2fx)%n", circuit.tensors().size(), padded, logical, (double) padded / logical);
    }
}
