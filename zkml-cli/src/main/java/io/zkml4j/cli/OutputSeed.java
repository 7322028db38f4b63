package io.zkml4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml4j.prover.engine.HashedTensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A hashed output's opening ({@code OUT.output.seed} beside the proof unless named): the output's integers
 * and the 32 secret bytes that made its commitment. Whoever is given this file can check, with
 * {@code zkml open-output}, what the proof's output was; no one else learns it from the proof.
 */
record OutputSeed(Path file, byte[] seed, long[] output) {
    static Path defaultFor(Path proof, Path given) {
        return given != null ? given : proof.resolveSibling(Artifacts.stem(proof) + ".output.seed");
    }

    void write() throws UserError {
        ObjectNode n = Json.object();
        n.put("seed", HexFormat.of().formatHex(seed));
        Json.putLongs(n, "output", output);
        n.put("note", "secret: with the proof and its verifying key, 'zkml open-output' shows this output; give it only to who may see it");
        Artifacts.write(file, (Json.write(n) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static OutputSeed read(Path file) throws UserError {
        try {
            JsonNode n = new ObjectMapper().readTree(Files.readString(file));
            byte[] seed = HexFormat.of().parseHex(n.get("seed").asText());
            JsonNode values = n.get("output");
            if (seed.length != HashedTensor.SEED_BYTES || values == null || !values.isArray()) {
                throw new IllegalArgumentException("bad seed or output");
            }
            long[] output = new long[values.size()];
            for (int i = 0; i < output.length; i++) {
                if (!values.get(i).canConvertToLong()) {
                    throw new IllegalArgumentException("not an integer");
                }
                output[i] = values.get(i).asLong();
            }
            return new OutputSeed(file, seed, output);
        } catch (IOException | RuntimeException e) {
            throw new UserError("'" + file + "' is not an output seed file (expected {\"seed\": 64 hex digits, \"output\": [integers]}), "
                    + "as 'zkml prove --output-visibility hashed' writes it");
        }
    }
}
