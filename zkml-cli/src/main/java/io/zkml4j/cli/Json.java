package io.zkml4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON the command prints ({@code inspect}, {@code verify --json}, {@code bench --json}): pretty, key order kept. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static void putInts(ObjectNode n, String field, int[] values) {
        ArrayNode a = n.putArray(field);
        for (int v : values) {
            a.add(v);
        }
    }

    static void putLongs(ObjectNode n, String field, long[] values) {
        ArrayNode a = n.putArray(field);
        for (long v : values) {
            a.add(v);
        }
    }

    static void putDoubles(ObjectNode n, String field, double[] values) {
        ArrayNode a = n.putArray(field);
        for (double v : values) {
            a.add(v);
        }
    }
}
