package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.Node;

/** Lowers one ONNX op to real-valued primitives (or folds it, when its inputs are constants). */
@FunctionalInterface
public interface OpLowering {
    void lower(Node node, Lowering ctx) throws ModelImportException;
}
