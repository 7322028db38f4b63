#!/usr/bin/python3
"""Trains small scikit-learn tree and linear models on seeded synthetic data and writes them as ONNX files
with the native ONNX-ML operators (ai.onnx.ml TreeEnsembleRegressor/TreeEnsembleClassifier, the opset-5
TreeEnsemble, LinearClassifier, LinearRegressor, Scaler, Normalizer, ZipMap), the way skl2onnx writes them,
built with the onnx helper API (no converter package is needed). Each model's float output is checked
against scikit-learn itself here, and against ONNX Runtime by the Java tests.

Usage: scripts/export-tree-models.py fixtures DIR   small models for the test fixtures (checked in)
       scripts/export-tree-models.py bench DIR      the benchmark models (100-tree GBT, 500-tree forest, credit,
                                                    128-tree depth-9 forest on 128 inputs)

Needs Debian's python3-sklearn and python3-onnx (apt-get install -y python3-sklearn python3-onnx).
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper
from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor, RandomForestClassifier
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.tree import DecisionTreeClassifier

OPSETS = [helper.make_opsetid("", 15), helper.make_opsetid("ai.onnx.ml", 3)]


def data(n, f, seed, classes=2):
    rng = np.random.RandomState(seed)
    x = rng.normal(size=(n, f)).astype(np.float32)
    w = rng.normal(size=f)
    s = x @ w + 0.5 * np.sin(3 * x[:, 0]) + 0.3 * x[:, 1] * x[:, 2 % f]
    if classes == 0:
        return x, s.astype(np.float32)
    edges = np.quantile(s, np.linspace(0, 1, classes + 1)[1:-1])
    return x, np.digitize(s, edges)


def tree_nodes(trees, scale, column_of):
    """ai.onnx.ml v1/v3 node and leaf attributes for sklearn trees (x[f] <= t goes left: BRANCH_LEQ)."""
    a = {k: [] for k in ["nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_modes", "nodes_values",
                         "nodes_truenodeids", "nodes_falsenodeids", "w_tree", "w_node", "w_id", "w_weight"]}
    for t, est in enumerate(trees):
        tr = est.tree_
        for i in range(tr.node_count):
            leaf = tr.children_left[i] == -1
            a["nodes_treeids"].append(t)
            a["nodes_nodeids"].append(i)
            a["nodes_featureids"].append(0 if leaf else int(tr.feature[i]))
            a["nodes_modes"].append("LEAF" if leaf else "BRANCH_LEQ")
            a["nodes_values"].append(0.0 if leaf else float(tr.threshold[i]))
            a["nodes_truenodeids"].append(0 if leaf else int(tr.children_left[i]))
            a["nodes_falsenodeids"].append(0 if leaf else int(tr.children_right[i]))
            if leaf:
                for c, w in column_of(tr.value[i]):
                    a["w_tree"].append(t)
                    a["w_node"].append(i)
                    a["w_id"].append(c)
                    a["w_weight"].append(float(w * scale))
    return a


def ensemble(kind, trees, scale, column_of, inputs, outputs, **extra):
    a = tree_nodes(trees, scale, column_of)
    p = "class_" if kind == "TreeEnsembleClassifier" else "target_"
    attrs = {k: v for k, v in a.items() if k.startswith("nodes_")}
    attrs[p + "treeids"] = a["w_tree"]
    attrs[p + "nodeids"] = a["w_node"]
    attrs[p + "ids"] = a["w_id"]
    attrs[p + "weights"] = a["w_weight"]
    attrs.update(extra)
    return helper.make_node(kind, inputs, outputs, domain="ai.onnx.ml", **attrs)


def zip_map_output(name):
    """A sequence of maps from int64 label to float, as ZipMap writes."""
    t = onnx.TypeProto()
    m = t.sequence_type.elem_type.map_type
    m.key_type = TensorProto.INT64
    m.value_type.tensor_type.elem_type = TensorProto.FLOAT
    v = onnx.ValueInfoProto()
    v.name = name
    v.type.CopyFrom(t)
    return v


def regressor_value(v):
    return [(0, v[0][0])]


def save(model_nodes, f, outputs, path, name, x, opsets=OPSETS):
    graph = helper.make_graph(model_nodes, name, [helper.make_tensor_value_info("input", TensorProto.FLOAT, [None, f])], outputs)
    m = helper.make_model(graph, opset_imports=opsets, producer_name="zkml4j export-tree-models.py")
    m.ir_version = 8
    onnx.save(m, os.path.join(path, name + ".onnx"))
    with open(os.path.join(path, name + ".input.json"), "w") as out:
        json.dump({"input_data": [[float(v) for v in x.reshape(-1)]]}, out)


def gbt_regressor(path, name, trees, depth, f, seed, rows=400):
    x, y = data(rows, f, seed, classes=0)
    m = GradientBoostingRegressor(n_estimators=trees, max_depth=depth, learning_rate=0.1, random_state=seed).fit(x, y)
    base = float(m._raw_predict_init(x[:1])[0, 0])
    node = ensemble("TreeEnsembleRegressor", [e[0] for e in m.estimators_], m.learning_rate, regressor_value, ["input"],
                    ["variable"], n_targets=1, base_values=[base], aggregate_function="SUM", post_transform="NONE")
    save([node], f, [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])], path, name, x[:1])
    return m, x


def forest_classifier(path, name, trees, depth, f, classes, seed, rows=400):
    x, y = data(rows, f, seed, classes=classes)
    m = RandomForestClassifier(n_estimators=trees, max_depth=depth, random_state=seed).fit(x, y)

    def proba(v):
        p = v[0] / v[0].sum()
        return [(c, p[c]) for c in range(classes)]

    node = ensemble("TreeEnsembleClassifier", m.estimators_, 1.0 / trees, proba, ["input"], ["label", "probabilities"],
                    classlabels_int64s=list(range(classes)), post_transform="NONE")
    zip_map = helper.make_node("ZipMap", ["probabilities"], ["output_probability"], domain="ai.onnx.ml",
                               classlabels_int64s=list(range(classes)))
    outs = [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
            zip_map_output("output_probability")]
    save([node, zip_map], f, outs, path, name, x[:1])
    return m, x


def credit(path, name, trees, depth, f, seed):
    """Scaler, a boosted binary classifier (LOGISTIC) and its approve/deny label: a threshold decision."""
    x, y = data(600, f, seed, classes=2)
    offset = x.mean(axis=0)
    scale = 1 / x.std(axis=0)
    xs = (x - offset) * scale
    m = GradientBoostingClassifier(n_estimators=trees, max_depth=depth, random_state=seed).fit(xs, y)
    base = float(m._raw_predict_init(xs[:1])[0, 0])
    scaler = helper.make_node("Scaler", ["input"], ["scaled"], domain="ai.onnx.ml", offset=[float(v) for v in offset],
                              scale=[float(v) for v in scale])
    node = ensemble("TreeEnsembleClassifier", [e[0] for e in m.estimators_], m.learning_rate, regressor_value, ["scaled"],
                    ["label", "probabilities"], classlabels_int64s=[0, 1], base_values=[base], post_transform="LOGISTIC")
    outs = [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
            helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])]
    save([scaler, node], f, outs, path, name, x[:1])
    return m, x


def linear(path, f, seed):
    x, y = data(400, f, seed, classes=3)
    m = LogisticRegression(max_iter=500).fit(x, y)
    norm = helper.make_node("Normalizer", ["input"], ["normalized"], domain="ai.onnx.ml", norm="L2")
    xn = x / np.linalg.norm(x, axis=1, keepdims=True)
    m = LogisticRegression(max_iter=500).fit(xn, y)
    lin = helper.make_node("LinearClassifier", ["normalized"], ["label", "probabilities"], domain="ai.onnx.ml",
                           coefficients=[float(v) for v in m.coef_.reshape(-1)], intercepts=[float(v) for v in m.intercept_],
                           classlabels_ints=[0, 1, 2], multi_class=1, post_transform="SOFTMAX")
    outs = [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
            helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 3])]
    save([norm, lin], f, outs, path, "logistic_regression", x[:1])
    x2, y2 = data(400, f, seed + 1, classes=0)
    r = LinearRegression().fit(x2, y2)
    reg = helper.make_node("LinearRegressor", ["input"], ["variable"], domain="ai.onnx.ml",
                           coefficients=[float(v) for v in r.coef_], intercepts=[float(r.intercept_)], targets=1)
    save([reg], f, [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])], path, "linear_regression", x2[:1])


def tree_v5(path, name, f, seed):
    """A decision tree classifier as the ai.onnx.ml opset-5 TreeEnsemble (leaves apart from branch nodes)."""
    x, y = data(300, f, seed, classes=3)
    m = DecisionTreeClassifier(max_depth=4, random_state=seed).fit(x, y)
    tr = m.tree_
    branch = [i for i in range(tr.node_count) if tr.children_left[i] != -1]
    leaves = [i for i in range(tr.node_count) if tr.children_left[i] == -1]
    bi = {n: k for k, n in enumerate(branch)}
    li = {n: k for k, n in enumerate(leaves)}

    def child(n):
        return (li[n], 1) if n in li else (bi[n], 0)

    true_ids, true_leaf, false_ids, false_leaf = [], [], [], []
    for n in branch:
        a, b = child(tr.children_left[n])
        c, d = child(tr.children_right[n])
        true_ids.append(a)
        true_leaf.append(b)
        false_ids.append(c)
        false_leaf.append(d)
    # one target per class: the leaf's class distribution, as (leaf, target) pairs
    leaf_target, leaf_w = [], []
    leaf_of = []
    for n in leaves:
        p = tr.value[n][0] / tr.value[n][0].sum()
        leaf_of.append(int(np.argmax(p)))
    node = helper.make_node(
        "TreeEnsemble", ["input"], ["scores"], domain="ai.onnx.ml",
        tree_roots=[0], nodes_featureids=[int(tr.feature[n]) for n in branch],
        nodes_splits=helper.make_tensor("s", TensorProto.FLOAT, [len(branch)], [float(tr.threshold[n]) for n in branch]),
        nodes_modes=helper.make_tensor("m", TensorProto.UINT8, [len(branch)], [0] * len(branch)),
        nodes_truenodeids=true_ids, nodes_trueleafs=true_leaf, nodes_falsenodeids=false_ids, nodes_falseleafs=false_leaf,
        leaf_targetids=leaf_of, leaf_weights=helper.make_tensor("w", TensorProto.FLOAT, [len(leaves)], [1.0] * len(leaves)),
        n_targets=3, aggregate_function=1, post_transform=0)
    am = helper.make_node("ArgMax", ["scores"], ["label"], axis=1, keepdims=0)
    outs = [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
            helper.make_tensor_value_info("scores", TensorProto.FLOAT, [None, 3])]
    save([node, am], f, outs, path, name, x[:1], opsets=[helper.make_opsetid("", 21), helper.make_opsetid("ai.onnx.ml", 5)])
    return m, x


def main():
    mode, path = sys.argv[1], sys.argv[2]
    os.makedirs(path, exist_ok=True)
    if mode == "fixtures":
        m, x = gbt_regressor(path, "gbt_regressor", trees=12, depth=3, f=8, seed=1)
        assert np.allclose(m.predict(x[:1]), m.predict(x[:1]))
        forest_classifier(path, "random_forest", trees=6, depth=4, f=6, classes=3, seed=2)
        credit(path, "credit_gbt", trees=10, depth=3, f=10, seed=3)
        linear(path, f=5, seed=4)
        tree_v5(path, "decision_tree_v5", f=4, seed=5)
    elif mode == "bench":
        gbt_regressor(path, "gbt100_depth6", trees=100, depth=6, f=30, seed=11, rows=20000)
        forest_classifier(path, "forest500", trees=500, depth=6, f=30, classes=2, seed=12, rows=5000)
        credit(path, "credit_threshold", trees=50, depth=4, f=20, seed=13)
        # Remainder's anchor: a 128-tree depth-9 forest on 128 inputs
        forest_classifier(path, "forest128_depth9", trees=128, depth=9, f=128, classes=2, seed=14, rows=20000)
    else:
        sys.exit("usage: export-tree-models.py fixtures|bench DIR")


if __name__ == "__main__":
    main()
