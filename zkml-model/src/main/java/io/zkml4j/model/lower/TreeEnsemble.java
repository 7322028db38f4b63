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
 * TreeEnsemble), parsed into its trees and lowered so that the circuit reveals only its public shape:
 * the number of trees T, the padded depth D, the number of features and of targets (classes), the
 * aggregation and post transform. Features, thresholds, comparison modes, topology and leaf values are
 * committed like weights.
 *
 * <p><b>Normal form.</b> Every split becomes {@code x_f ≤ t} or {@code x_f < t} (GT and GTE swap the node's
 * children; EQ {@code x = t ? A : B} becomes {@code x ≤ t ? (x < t ? B : A) : B}, NEQ the same with A and B
 * swapped), and every tree is padded to the complete binary tree of depth D (a leaf above depth D becomes
 * a dummy split on feature 0 whose two subtrees carry that same leaf). Node h of a tree (heap order: children
 * 2h + 1 when the split holds, 2h + 2 when not) is split {@code t·(2^D − 1) + h}; leaf l of tree t (its
 * path the bits of l, most significant first, 0 = the split held) is leaf {@code t·2^D + l}. Per row:
 * <pre>
 *   b_s    = Split_s(x)               per level s < D, [x_{f_k} ≤ t_k] (or <) for its T·2^s splits: one committed
 *                                     MatMul (a 0/1 feature selection, the thresholds as its bias) and one step
 *   r_1    = [b_0, 1 − b_0]           the ways of the roots (a public gather)
 *   r_{s+1}= r_s[parent] · [b_s, 1 − b_s][way]   a position is reached when its parent is and the parent's split
 *                                     goes its way (public gathers, one Mul of 0/1 values); leaf = r_D
 *   score  = Σ_l leaf_l·weight_l      (a MatMul of L = T·2^D committed weights; the base values are added to
 *                                     tree 0's leaves; its interval is the public ±L·2^(weightBits−1))
 * </pre>
 * Aggregation SUM or AVERAGE; post transforms NONE, LOGISTIC, SOFTMAX. At most {@link #MAX_LEAVES} padded
 * leaves: a deeper ensemble is refused with a one-line message naming max_depth.
 */
record TreeEnsemble(boolean classifier, List<Tree> roots, int targets, double[] base, String aggregate, String transform,
                    long[] labels, int nLabels) {

    /** The most padded leaves (T·2^D) an ensemble may have: K = T·(2^D − 1) steps, about 2L products. */
    static final int MAX_LEAVES = 1 << 18;

    /** A node: a split {@code x_feature ≤ threshold} ({@code <} when strict) or, with {@code yes == null}, a leaf. */
    record Tree(int feature, double threshold, boolean strict, Tree yes, Tree no, double[] leaf) {
        static Tree leaf(double[] w) {
            return new Tree(0, 0, false, null, null, w);
        }

        static Tree split(int feature, double threshold, boolean strict, Tree yes, Tree no) {
            return new Tree(feature, threshold, strict, yes, no, null);
        }

        boolean isLeaf() {
            return yes == null;
        }

        int depth() {
            return isLeaf() ? 0 : 1 + Math.max(yes.depth(), no.depth());
        }

        /** The split of ONNX mode {@code mode} in normal form ({@code ≤} or {@code <} only). */
        static Tree of(String mode, int feature, double t, Tree yes, Tree no) {
            return switch (mode) {
                case "BRANCH_LEQ" -> split(feature, t, false, yes, no);
                case "BRANCH_LT" -> split(feature, t, true, yes, no);
                case "BRANCH_GT" -> split(feature, t, false, no, yes);   // x > t ⇔ ¬(x ≤ t)
                case "BRANCH_GTE" -> split(feature, t, true, no, yes);   // x ≥ t ⇔ ¬(x < t)
                case "BRANCH_EQ" -> split(feature, t, false, split(feature, t, true, no, yes), no);
                case "BRANCH_NEQ" -> split(feature, t, false, split(feature, t, true, yes, no), yes);
                default -> null;
            };
        }
    }

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
        // Roots are the nodes no split names as a child; each tree is built from its root.
        boolean[] child = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!modes[i].equals("LEAF")) {
                if (Tree.of(modes[i], 0, 0, null, null) == null) {
                    throw ctx.unsupported("node mode " + modes[i] + " is not supported (BRANCH_LEQ, _LT, _GTE, _GT, _EQ, _NEQ are)");
                }
                Integer t = at.get(tree[i] << 32 | yes[i]);
                Integer f = at.get(tree[i] << 32 | no[i]);
                if (t == null || f == null) {
                    throw ctx.unsupported("node " + id[i] + " of tree " + tree[i] + " has a child that does not exist");
                }
                child[t] = true;
                child[f] = true;
            }
        }
        List<Tree> roots = new ArrayList<>();
        for (int root = 0; root < n; root++) {
            if (!child[root]) {
                roots.add(build(ctx, root, tree, at, yes, no, modes, feat, values, weightOf, columns, 0));
            }
        }
        double[] base = Arrays.copyOf(node.attrTensor("base_values_as_tensor") != null
                ? node.attrTensor("base_values_as_tensor").data() : MlOps.floats(node, "base_values"), columns);
        return new TreeEnsemble(classifier, roots, columns, base, node.attrString("aggregate_function", "SUM"),
                node.attrString("post_transform", "NONE"), labels, nLabels);
    }

    private static Tree build(Lowering ctx, int i, long[] tree, Map<Long, Integer> at, long[] yes, long[] no, String[] modes,
                              long[] feat, double[] values, Map<Integer, double[]> weightOf, int columns, int depth)
            throws ModelImportException {
        if (depth > 64) {
            throw ctx.unsupported("a tree deeper than 64 (or a cycle) in tree " + tree[i]);
        }
        if (modes[i].equals("LEAF")) {
            double[] w = weightOf.get(i);
            return Tree.leaf(w == null ? new double[columns] : w);
        }
        Tree t = build(ctx, at.get(tree[i] << 32 | yes[i]), tree, at, yes, no, modes, feat, values, weightOf, columns, depth + 1);
        Tree f = build(ctx, at.get(tree[i] << 32 | no[i]), tree, at, yes, no, modes, feat, values, weightOf, columns, depth + 1);
        return Tree.of(modes[i], (int) feat[i], (float) values[i], t, f);
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
        String[] modeNames = {"BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE", "BRANCH_GT", "BRANCH_EQ", "BRANCH_NEQ"};
        for (double m : modes) {
            if (m < 0 || m > 5 || m != Math.rint(m)) {
                throw ctx.unsupported("node mode " + (int) m + " is not supported (LEQ, LT, GTE, GT, EQ, NEQ are)");
            }
        }
        List<Tree> trees = new ArrayList<>();
        for (long r : roots) {
            trees.add(buildV5(ctx, (int) r, 0, feat, splits, modes, modeNames, yes, yesLeaf, no, noLeaf, target, weight, targets));
        }
        int agg = (int) node.attrInt("aggregate_function", 1);
        int post = (int) node.attrInt("post_transform", 0);
        String[] aggNames = {"AVERAGE", "SUM", "MIN", "MAX"};
        String[] postNames = {"NONE", "SOFTMAX", "LOGISTIC", "SOFTMAX_ZERO", "PROBIT"};
        if (agg < 0 || agg > 3 || post < 0 || post > 4) {
            throw ctx.unsupported("aggregate_function " + agg + " or post_transform " + post + " is out of range");
        }
        return new TreeEnsemble(false, trees, targets, new double[targets], aggNames[agg], postNames[post], new long[0], 0);
    }

    private static Tree buildV5(Lowering ctx, int i, int depth, long[] feat, double[] splits, double[] modes, String[] modeNames,
                                long[] yes, long[] yesLeaf, long[] no, long[] noLeaf, long[] target, double[] weight, int targets)
            throws ModelImportException {
        if (depth > 64 || i < 0 || i >= yes.length) {
            throw ctx.unsupported("a tree deeper than 64, a cycle, or a node index out of range (" + i + ")");
        }
        Tree[] ways = new Tree[2];
        for (int w = 0; w < 2; w++) {
            long next = w == 0 ? yes[i] : no[i];
            if ((w == 0 ? yesLeaf[i] : noLeaf[i]) != 0) {
                if (next < 0 || next >= target.length) {
                    throw ctx.unsupported("leaf " + next + " does not exist");
                }
                if (target[(int) next] < 0 || target[(int) next] >= targets) {
                    throw ctx.unsupported("leaf " + next + " names target " + target[(int) next] + " of " + targets);
                }
                double[] lw = new double[targets];
                lw[(int) target[(int) next]] = weight[(int) next];
                ways[w] = Tree.leaf(lw);
            } else {
                ways[w] = buildV5(ctx, (int) next, depth + 1, feat, splits, modes, modeNames, yes, yesLeaf, no, noLeaf, target, weight,
                        targets);
            }
        }
        return Tree.of(modeNames[(int) modes[i]], (int) feat[i], (float) splits[i], ways[0], ways[1]);
    }

    /** Writes {@code t} padded to depth {@code depth - level} at heap position {@code h} of a complete tree. */
    private static void pad(Tree t, int h, int level, int depth, int[] feature, boolean[] strict, double[] threshold,
                            double[][] leaves, int nodeBase, int leafBase) {
        if (level == depth) {
            leaves[leafBase + h - ((1 << depth) - 1)] = t.leaf();
            return;
        }
        boolean dummy = t.isLeaf(); // a leaf above the bottom: a split on feature 0 with that leaf on both sides
        feature[nodeBase + h] = dummy ? 0 : t.feature();
        strict[nodeBase + h] = !dummy && t.strict();
        threshold[nodeBase + h] = dummy ? 0 : t.threshold();
        pad(dummy ? t : t.yes(), 2 * h + 1, level + 1, depth, feature, strict, threshold, leaves, nodeBase, leafBase);
        pad(dummy ? t : t.no(), 2 * h + 2, level + 1, depth, feature, strict, threshold, leaves, nodeBase, leafBase);
    }

    void lower(Node node, Lowering ctx) throws ModelImportException {
        int x = MlOps.rows(ctx, node.input(0));
        int rows = ctx.shapeOf(x)[0];
        int f = ctx.shapeOf(x)[1];
        if (!aggregate.equals("SUM") && !aggregate.equals("AVERAGE")) {
            throw ctx.unsupported("aggregate_function " + aggregate + " is not supported (SUM and AVERAGE are)");
        }
        int trees = roots.size();
        int depth = 0;
        for (Tree t : roots) {
            depth = Math.max(depth, t.depth());
        }
        if (depth == 0) {
            throw ctx.unsupported("every tree is a single leaf: the ensemble is a constant, with nothing to prove about the input");
        }
        if (depth > 30 || (long) trees << depth > MAX_LEAVES) {
            int fits = 63 - Long.numberOfLeadingZeros(Math.max(1, MAX_LEAVES / trees));
            throw ctx.unsupported(trees + (trees == 1 ? " tree" : " trees") + " of depth " + depth + " pad to "
                    + (depth > 30 ? "more than 2^30" : trees + "·2^" + depth + " = " + ((long) trees << depth)) + " leaves (complete "
                    + "trees keep the topology private), more than " + MAX_LEAVES + "; retrain with max_depth " + fits
                    + " or less, or fewer trees");
        }
        int perTree = (1 << depth) - 1;
        int k = trees * perTree;
        int leaves = trees << depth;
        int[] feature = new int[k];
        boolean[] strict = new boolean[k];
        double[] threshold = new double[k];
        double[][] leafWeights = new double[leaves][];
        for (int t = 0; t < trees; t++) {
            pad(roots.get(t), 0, 0, depth, feature, strict, threshold, leafWeights, t * perTree, t << depth);
        }
        for (int j = 0; j < k; j++) {
            if (feature[j] < 0 || feature[j] >= f) {
                throw ctx.unsupported("a branch on feature " + feature[j] + " of " + f);
            }
        }
        // Level by level (s = 0 … D−1): the splits of level s of every tree (position p of tree t is heap node
        // 2^s − 1 + p), their bits b_s and ways [b_s, 1 − b_s], and the indicator of each position of level s + 1 being
        // reached: position 2p + dir is reached when its parent p is and the parent's split goes its way (dir 0: the
        // split held). Each level reads only its own tensors, so every map and claim is the size of its level.
        int ind = -1;
        for (int s = 0; s < depth; s++) {
            int width = trees << s; // splits at level s
            int[] f_s = new int[width];
            boolean[] strict_s = new boolean[width];
            double[] t_s = new double[width];
            for (int t = 0; t < trees; t++) {
                for (int p = 0; p < 1 << s; p++) {
                    int j = t * perTree + (1 << s) - 1 + p;
                    f_s[(t << s) + p] = feature[j];
                    strict_s[(t << s) + p] = strict[j];
                    t_s[(t << s) + p] = threshold[j];
                }
            }
            int[] bShape = {rows, width};
            int bits = ctx.step(new LoweredOp.Split(x, f_s, strict_s, t_s), bShape, "splits-" + s);
            int not = ctx.step(new LoweredOp.Logic(LoweredOp.LogicKind.NOT, bits, -1), bShape, "not-taken-" + s);
            int n = 2 * width;
            int[] shape = {rows, n};
            int[] way = new int[rows * n];
            int[] parent = new int[rows * n];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < n; c++) {
                    int dir = c & 1;
                    int pos = c >> 1; // (t, p) of the parent split at level s
                    way[r * n + c] = dir * rows * width + r * width + pos; // [bits | not] concatenated whole
                    parent[r * n + c] = r * width + pos;
                }
            }
            int ways = ctx.step(new LoweredOp.Move(new int[] {bits, not}, new Movement(Movement.Kind.GENERAL, new long[0], shape, way)),
                    shape, depth == 1 ? "leaf" : "ways-" + s);
            if (ind < 0) {
                ind = ways;
                continue;
            }
            int up = ctx.step(new LoweredOp.Move(new int[] {ind}, new Movement(Movement.Kind.GENERAL, new long[0], shape, parent)),
                    shape, "parent-" + s);
            ind = ctx.step(new LoweredOp.Logic(LoweredOp.LogicKind.AND, up, ways), shape, s == depth - 1 ? "leaf" : "reached-" + (s + 1));
        }
        int leaf = ind;
        double scale = aggregate.equals("AVERAGE") ? 1.0 / trees : 1.0;
        double[] w = new double[leaves * targets];
        for (int l = 0; l < leaves; l++) {
            for (int t = 0; t < targets; t++) {
                // one leaf of tree 0 is taken on every row: it carries the base values
                w[l * targets + t] = leafWeights[l][t] * scale + (l < 1 << depth ? base[t] : 0);
            }
        }
        int scores = ctx.step(new LoweredOp.MatMul(leaf, w, null, leaves, targets, true), new int[] {rows, targets}, "scores");
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
