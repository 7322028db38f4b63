package io.zkml4j.model.graph;

import java.util.Arrays;

/** A named non-constant value of the graph with its element type and fixed shape. */
public record ValueInfo(String name, DataType type, int[] shape) {
    @Override
    public boolean equals(Object o) {
        return o instanceof ValueInfo v && v.name.equals(name) && v.type == type && Arrays.equals(v.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + ":" + type + Arrays.toString(shape);
    }
}
