package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX-ML tree ensemble (TreeEnsembleRegressor/Classifier with the v1/v3 attributes, or the opset-5
 * TreeEnsemble), parsed into its K branch nodes and L leaves (each leaf with its path), and lowered.
 *
 * <p>A tree ensemble of K branch nodes and L leaves (over all trees) on features {@code x} is, per row:
 * <pre>
 *   v_k    = x[feature_k]                          (a gather)
 *   b_k    = [v_k ⋈_k threshold_k]                  (a comparison: one Requant step each, exact on the quantized x)
 *   c_l    = Σ_{(k, dir) on the path to l} (dir ? b_k : 1 − b_k)   (a gather of [b, 1 − b] and a sum)
 *   leaf_l = [c_l ≥ depth_l]                        (a comparison: every branch on the path went the leaf's way)
 *   score  = Σ_l leaf_l·weight_l + base             (a MatMul)
 * </pre>
 * so a tree costs one comparison per branch node and one per leaf, and sparse moves; the leaf weights are
 * quantized like any weight. Aggregation SUM or AVERAGE; post transforms NONE, LOGISTIC, SOFTMAX.
 */
record TreeEnsemble(boolean classifier, int[] feature, LoweredOp.CompareKind[] mode, double[] threshold,
                    List<int[]> pathNodes, List<boolean[]> pathDirs, double[][] leafWeights, int targets,
                    double[] base, String aggregate, String transform, long[] labels, int nLabels, int trees) {

    static TreeEnsemble of(Node node, Lowering ctx, boolean classifier) throws ModelImportException {
        String p = classifier ? "class_" : "target_";
        ctx.allowAttributes("nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_modes", "nodes_values",
                "nodes_values_as_tensor", "nodes_truenodeids", "nodes_falsenodeids", "nodes_missing_value_tracks_true",
                "nodes_hitrates", "nodes_hitrates_as_tensor", p + "treeids", p + "nodeids", p + "ids", p + "weights",
                p + "weights_as_tensor", "n_targets", "aggregate_function", "base_values", "base_values_as_tensor",
                "post_transform", "classlabels_int64s", "classlabels_strings");
        long[] tree = MlOps.ints(node, "nodes_treeids");
        long[] id = MlOps.ints(node, "nodes_nodeids");
        long[] feat = MlOps.ints(node, "nodes_featureids");
        String[] modes = MlOps.strings(node, "nodes_modes");
        double[] values = node.attrTensor("nodes_values_as_tensor") != null ? node.attrTensor("nodes_values_as_tensor").data()
                : MlOps.floats(node, "nodes_values");
        long[] yes = MlOps.ints(node, "nodes_truenodeids");
        long[] no = MlOps.ints(node, "nodes_falsenodeids");
        int n = tree.length;
        if (id.length != n || feat.length != n || modes.length != n || values.length != n || yes.length != n || no.length != n) {
            throw ctx.unsupported("the nodes_* attributes have different lengths");
        }
        Map<Long, Integer> at = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (at.put(tree[i] << 32 | id[i], i) != null) {
                throw ctx.unsupported("node " + id[i] + " of tree " + tree[i] + " appears twice");
            }
        }
        // Leaf weights: per (tree, node) a vector over targets or classes.
        long[] wt = MlOps.ints(node, p + "treeids");
        long[] wn = MlOps.ints(node, p + "nodeids");
        long[] wi = MlOps.ints(node, p + "ids");
        double[] ww = node.attrTensor(p + "weights_as_tensor") != null ? node.attrTensor(p + "weights_as_tensor").data()
                : MlOps.floats(node, p + "weights");
        long[] labels = MlOps.ints(node, "classlabels_int64s");
        int nLabels = labels.length > 0 ? labels.length : MlOps.strings(node, "classlabels_strings").length;
        int targets = classifier ? nLabels : (int) node.attrInt("n_targets", 1);
        int maxId = -1;
        for (long v : wi) {
            maxId = (int) Math.max(maxId, v);
        }
        boolean binary = classifier && nLabels == 2 && maxId <= 0 ? true : false;
        if (classifier && nLabels == 2) {
            boolean single = true;
            for (long v : wi) {
                single &= v == wi[0];
            }
            binary = single;
        }
        int columns = binary ? 1 : targets;
        if (maxId >= Math.max(columns, binary ? 2 : columns)) {
            throw ctx.unsupported("a leaf weight for target " + maxId + " of " + targets);
        }
        Map<Integer, double[]> weightOf = new HashMap<>();
        for (int i = 0; i < wt.length; i++) {
            Integer k = at.get(wt[i] << 32 | wn[i]);
            if (k == null) {
                throw ctx.unsupported("a leaf weight names node " + wn[i] + " of tree " + wt[i] + ", which does not exist");
            }
            weightOf.computeIfAbsent(k, z -> new double[columns])[binary ? 0 : (int) wi[i]] += ww[i];
        }
        // Branch nodes get consecutive indices; leaves collect their paths by walking each tree from its root.
        int[] branchIndex = new int[n];
        Arrays.fill(branchIndex, -1);
        List<Integer> branches = new ArrayList<>();
        boolean[] child = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!modes[i].equals("LEAF")) {
                branchIndex[i] = branches.size();
                branches.add(i);
                Integer t = at.get(tree[i] << 32 | yes[i]);
                Integer f = at.get(tree[i] << 32 | no[i]);
                if (t == null || f == null) {
                    throw ctx.unsupported("node " + id[i] + " of tree " + tree[i] + " has a child that does not exist");
                }
                child[t] = true;
                child[f] = true;
            }
        }
        int k = branches.size();
        int[] feature = new int[k];
        LoweredOp.CompareKind[] mode = new LoweredOp.CompareKind[k];
        double[] threshold = new double[k];
        for (int j = 0; j < k; j++) {
            int i = branches.get(j);
            feature[j] = (int) feat[i];
            threshold[j] = (float) values[i];
            mode[j] = switch (modes[i]) {
                case "BRANCH_LEQ" -> LoweredOp.CompareKind.LE;
                case "BRANCH_LT" -> LoweredOp.CompareKind.LT;
                case "BRANCH_GTE" -> LoweredOp.CompareKind.GE;
                case "BRANCH_GT" -> LoweredOp.CompareKind.GT;
                case "BRANCH_EQ" -> LoweredOp.CompareKind.EQ;
                default -> throw ctx.unsupported("node mode " + modes[i] + " is not supported (BRANCH_LEQ, _LT, _GTE, _GT, _EQ are)");
            };
        }
        List<int[]> pathNodes = new ArrayList<>();
        List<boolean[]> pathDirs = new ArrayList<>();
        List<double[]> leafWeights = new ArrayList<>();
        for (int root = 0; root < n; root++) {
            if (child[root]) {
                continue;
            }
            walk(ctx, root, new int[0], new boolean[0], tree, at, yes, no, modes, branchIndex, weightOf, columns, pathNodes,
                    pathDirs, leafWeights, 0);
        }
        double[] base = Arrays.copyOf(node.attrTensor("base_values_as_tensor") != null
                ? node.attrTensor("base_values_as_tensor").data() : MlOps.floats(node, "base_values"), columns);
        return new TreeEnsemble(classifier, feature, mode, threshold, pathNodes, pathDirs, leafWeights.toArray(new double[0][]),
                columns, base, node.attrString("aggregate_function", "SUM"), node.attrString("post_transform", "NONE"), labels,
                nLabels, (int) Arrays.stream(tree).distinct().count());
    }

    /** The ai.onnx.ml opset-5 TreeEnsemble: branch nodes and leaves in separate arrays, roots listed. */
    static TreeEnsemble ofV5(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("tree_roots", "nodes_featureids", "nodes_splits", "nodes_modes", "nodes_truenodeids",
                "nodes_trueleafs", "nodes_falsenodeids", "nodes_falseleafs", "nodes_missing_value_tracks_true", "leaf_targetids",
                "leaf_weights", "n_targets", "aggregate_function", "post_transform");
        long[] roots = MlOps.ints(node, "tree_roots");
        long[] feat = MlOps.ints(node, "nodes_featureids");
        double[] splits = node.attrTensor("nodes_splits") == null ? new double[0] : node.attrTensor("nodes_splits").data();
        double[] modes = node.attrTensor("nodes_modes") == null ? new double[feat.length] : node.attrTensor("nodes_modes").data();
        long[] yes = MlOps.ints(node, "nodes_truenodeids");
        long[] yesLeaf = MlOps.ints(node, "nodes_trueleafs");
        long[] no = MlOps.ints(node, "nodes_falsenodeids");
        long[] noLeaf = MlOps.ints(node, "nodes_falseleafs");
        long[] target = MlOps.ints(node, "leaf_targetids");
        double[] weight = node.attrTensor("leaf_weights") == null ? new double[0] : node.attrTensor("leaf_weights").data();
        int k = feat.length;
        if (splits.length != k || modes.length != k || yes.length != k || no.length != k || yesLeaf.length != k
                || noLeaf.length != k || target.length != weight.length) {
            throw ctx.unsupported("the nodes_* or leaf_* attributes have different lengths");
        }
        int targets = (int) node.attrInt("n_targets", 1);
        LoweredOp.CompareKind[] mode = new LoweredOp.CompareKind[k];
        double[] threshold = new double[k];
        int[] feature = new int[k];
        for (int j = 0; j < k; j++) {
            feature[j] = (int) feat[j];
            threshold[j] = (float) splits[j];
            mode[j] = switch ((int) modes[j]) {
                case 0 -> LoweredOp.CompareKind.LE;
                case 1 -> LoweredOp.CompareKind.LT;
                case 2 -> LoweredOp.CompareKind.GE;
                case 3 -> LoweredOp.CompareKind.GT;
                case 4 -> LoweredOp.CompareKind.EQ;
                default -> throw ctx.unsupported("node mode " + (int) modes[j] + " is not supported (LEQ, LT, GTE, GT, EQ are)");
            };
        }
        List<int[]> pathNodes = new ArrayList<>();
        List<boolean[]> pathDirs = new ArrayList<>();
        List<double[]> leafWeights = new ArrayList<>();
        for (long r : roots) {
            walkV5(ctx, (int) r, new int[0], new boolean[0], yes, yesLeaf, no, noLeaf, target, weight, targets, pathNodes, pathDirs,
                    leafWeights);
        }
        int agg = (int) node.attrInt("aggregate_function", 1);
        int post = (int) node.attrInt("post_transform", 0);
        String[] aggNames = {"AVERAGE", "SUM", "MIN", "MAX"};
        String[] postNames = {"NONE", "SOFTMAX", "LOGISTIC", "SOFTMAX_ZERO", "PROBIT"};
        if (agg < 0 || agg > 3 || post < 0 || post > 4) {
            throw ctx.unsupported("aggregate_function " + agg + " or post_transform " + post + " is out of range");
        }
        return new TreeEnsemble(false, feature, mode, threshold, pathNodes, pathDirs, leafWeights.toArray(new double[0][]), targets,
                new double[targets], aggNames[agg], postNames[post], new long[0], 0, roots.length);
    }

    private static void walkV5(Lowering ctx, int i, int[] nodes, boolean[] dirs, long[] yes, long[] yesLeaf, long[] no,
                               long[] noLeaf, long[] target, double[] weight, int targets, List<int[]> pathNodes,
                               List<boolean[]> pathDirs, List<double[]> leafWeights) throws ModelImportException {
        if (nodes.length > 64 || i < 0 || i >= yes.length) {
            throw ctx.unsupported("a tree deeper than 64, a cycle, or a node index out of range (" + i + ")");
        }
        int[] n2 = Arrays.copyOf(nodes, nodes.length + 1);
        n2[nodes.length] = i;
        for (boolean way : new boolean[] {true, false}) {
            boolean[] d2 = Arrays.copyOf(dirs, dirs.length + 1);
            d2[dirs.length] = way;
            long next = way ? yes[i] : no[i];
            if ((way ? yesLeaf[i] : noLeaf[i]) != 0) {
                if (next < 0 || next >= target.length) {
                    throw ctx.unsupported("leaf " + next + " does not exist");
                }
                double[] w = new double[targets];
                if (target[(int) next] < 0 || target[(int) next] >= targets) {
                    throw ctx.unsupported("leaf " + next + " names target " + target[(int) next] + " of " + targets);
                }
                w[(int) target[(int) next]] = weight[(int) next];
                pathNodes.add(n2);
                pathDirs.add(d2);
                leafWeights.add(w);
            } else {
                walkV5(ctx, (int) next, n2, d2, yes, yesLeaf, no, noLeaf, target, weight, targets, pathNodes, pathDirs, leafWeights);
            }
        }
    }

    private static void walk(Lowering ctx, int i, int[] nodes, boolean[] dirs, long[] tree, Map<Long, Integer> at, long[] yes,
                             long[] no, String[] modes, int[] branchIndex, Map<Integer, double[]> weightOf, int columns,
                             List<int[]> pathNodes, List<boolean[]> pathDirs, List<double[]> leafWeights, int depth)
            throws ModelImportException {
        if (depth > 64) {
            throw ctx.unsupported("a tree deeper than 64 (or a cycle) in tree " + tree[i]);
        }
        if (modes[i].equals("LEAF")) {
            pathNodes.add(nodes);
            pathDirs.add(dirs);
            double[] w = weightOf.get(i);
            leafWeights.add(w == null ? new double[columns] : w);
            return;
        }
        int[] n2 = Arrays.copyOf(nodes, nodes.length + 1);
        n2[nodes.length] = branchIndex[i];
        boolean[] d2 = Arrays.copyOf(dirs, dirs.length + 1);
        d2[dirs.length] = true;
        walk(ctx, at.get(tree[i] << 32 | yes[i]), n2, d2, tree, at, yes, no, modes, branchIndex, weightOf, columns, pathNodes, pathDirs,
                leafWeights, depth + 1);
        boolean[] d3 = d2.clone();
        d3[dirs.length] = false;
        walk(ctx, at.get(tree[i] << 32 | no[i]), n2, d3, tree, at, yes, no, modes, branchIndex, weightOf, columns, pathNodes, pathDirs,
                leafWeights, depth + 1);
    }

    void lower(Node node, Lowering ctx) throws ModelImportException {
        int x = MlOps.rows(ctx, node.input(0));
        int rows = ctx.shapeOf(x)[0];
        int f = ctx.shapeOf(x)[1];
        int k = feature.length;
        int leaves = leafWeights.length;
        for (int j = 0; j < k; j++) {
            if (feature[j] < 0 || feature[j] >= f) {
                throw ctx.unsupported("a branch on feature " + feature[j] + " of " + f);
            }
        }
        int[] bShape = {rows, k};
        int[] counts;
        int[] cShape = {rows, leaves};
        int maxDepth = 0;
        for (int[] pn : pathNodes) {
            maxDepth = Math.max(maxDepth, pn.length);
        }
        double[] depth = new double[leaves];
        int leaf;
        if (k == 0) {
            throw ctx.unsupported("every tree is a single leaf: the ensemble is a constant, with nothing to prove about the input");
        }
        {
            int[] src = new int[rows * k];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < k; j++) {
                    src[r * k + j] = r * f + feature[j];
                }
            }
            int v = ctx.step(new LoweredOp.Move(new int[] {x}, new Movement(Movement.Kind.GENERAL, new long[0], bShape, src)), bShape,
                    "features");
            // Branch bits, one comparison per mode present (usually one).
            int bits = -1;
            for (LoweredOp.CompareKind m : LoweredOp.CompareKind.values()) {
                double[] t = new double[k];
                boolean any = false;
                for (int j = 0; j < k; j++) {
                    any |= mode[j] == m;
                    // A node of another mode gets a threshold that never holds here; the bits of the modes add up.
                    t[j] = mode[j] == m ? threshold[j] : (m == LoweredOp.CompareKind.GT || m == LoweredOp.CompareKind.GE
                            ? Double.POSITIVE_INFINITY : m == LoweredOp.CompareKind.EQ ? Double.NaN : Double.NEGATIVE_INFINITY);
                }
                if (!any) {
                    continue;
                }
                for (int j = 0; j < k; j++) {
                    if (Double.isNaN(t[j])) {
                        t[j] = Double.POSITIVE_INFINITY;
                    }
                }
                int b = ctx.step(new LoweredOp.Compare(m, v, new int[] {1, k}, t), bShape, "branch-" + m.name().toLowerCase());
                bits = bits < 0 ? b : ctx.step(new LoweredOp.Logic(LoweredOp.LogicKind.OR, bits, b), bShape, "branches");
            }
            int not = ctx.step(new LoweredOp.Logic(LoweredOp.LogicKind.NOT, bits, -1), bShape, "not-taken");
            int[] both = {rows, 2 * k};
            int cat = ctx.step(new LoweredOp.Move(new int[] {bits, not}, Movement.concat(new int[][] {bShape, bShape}, 1)), both,
                    "ways");
            int d = Math.max(1, maxDepth);
            int[] pShape = {rows, leaves, d};
            int[] psrc = new int[rows * leaves * d];
            for (int r = 0; r < rows; r++) {
                for (int l = 0; l < leaves; l++) {
                    int[] pn = pathNodes.get(l);
                    boolean[] pd = pathDirs.get(l);
                    depth[l] = pn.length;
                    for (int s = 0; s < d; s++) {
                        // [bits | not] is [rows, 2k] concatenated along axis 1: row r's bit j is r·2k + j
                        psrc[(r * leaves + l) * d + s] = s < pn.length ? r * 2 * k + (pd[s] ? 0 : k) + pn[s] : -1;
                    }
                }
            }
            int path = ctx.step(new LoweredOp.Move(new int[] {cat}, new Movement(Movement.Kind.GENERAL, new long[0], pShape, psrc)),
                    pShape, "paths");
            int count = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, path, ReduceGeometry.of(pShape, new int[] {2}, false)),
                    cShape, "path-count");
            leaf = ctx.step(new LoweredOp.Compare(LoweredOp.CompareKind.GE, count, new int[] {leaves}, depth), cShape, "leaf");
        }
        double scale = aggregate.equals("AVERAGE") ? 1.0 / Math.max(1, trees) : 1.0;
        if (!aggregate.equals("SUM") && !aggregate.equals("AVERAGE")) {
            throw ctx.unsupported("aggregate_function " + aggregate + " is not supported (SUM and AVERAGE are)");
        }
        double[] w = new double[leaves * targets];
        for (int l = 0; l < leaves; l++) {
            for (int t = 0; t < targets; t++) {
                w[l * targets + t] = leafWeights[l][t] * scale;
            }
        }
        int scores = ctx.step(new LoweredOp.MatMul(leaf, w, base, leaves, targets), new int[] {rows, targets}, "scores");
        if (classifier && targets == 1 && nLabels == 2) {
            // binary: scores [−s, s] (ONNX Runtime's two-class convention for a single weight column)
            int pair = ctx.step(new LoweredOp.Move(new int[] {scores}, DecisionOps.spread(new int[] {rows, 1}, new int[] {rows, 2})),
                    new int[] {rows, 2}, "pair");
            scores = ctx.step(new LoweredOp.Affine(pair, new int[] {1, 2}, new double[] {-1, 1}, new double[2]), new int[] {rows, 2},
                    "binary");
        }
        scores = MlOps.postTransform(ctx, scores, transform);
        if (classifier) {
            MlOps.label(node, ctx, scores, labels, nLabels);
            if (node.outputs().size() > 1) {
                ctx.bind(node.outputs().get(1), scores);
            }
        } else {
            ctx.bind(node.outputs().get(0), scores);
        }
    }
}

