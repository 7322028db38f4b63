package io.zkml4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.prover.engine.HashedTensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A hashed input's seed file ({@code input.seed} beside {@code input.json} unless named): the 32 secret bytes
 * that make the input's commitment, and how many proofs have opened it. Whoever holds the input and this file
 * can recompute the commitment ({@code zkml commit-input}); keep it as secret as the input. Proofs count
 * against the commitment's budget ({@link HashedTensor#INPUT_BUDGET}); the count is written before each proof.
 */
record InputSeed(Path file, byte[] seed, int proofs) {
    /** The seed file given, or {@code input.seed} beside the input file. */
    static Path defaultFor(Path input, Path given) {
        return given != null ? given : input.resolveSibling(Artifacts.stem(input) + ".seed");
    }

    /** Reads the file, or makes a new seed (not yet written) if it does not exist. */
    static InputSeed readOrCreate(Path file) throws UserError {
        return Files.exists(file) ? read(file) : new InputSeed(file, ZkRandom.newSeed(), 0);
    }

    static InputSeed read(Path file) throws UserError {
        try {
            JsonNode n = new ObjectMapper().readTree(Files.readString(file));
            byte[] seed = HexFormat.of().parseHex(n.get("seed").asText());
            int proofs = n.get("proofs").asInt(-1);
            if (seed.length != HashedTensor.SEED_BYTES || proofs < 0 || proofs > HashedTensor.INPUT_BUDGET) {
                throw new IllegalArgumentException("bad seed or count");
            }
            return new InputSeed(file, seed, proofs);
        } catch (IOException | RuntimeException e) {
            throw new UserError("'" + file + "' is not an input seed file (expected {\"seed\": 64 hex digits, \"proofs\": N}); "
                    + "a hashed input's commitment needs the seed it was made with");
        }
    }

    /** Counts one more proof (refusing past the budget) and writes the file before the proof is made. */
    InputSeed spend() throws UserError {
        if (proofs >= HashedTensor.INPUT_BUDGET) {
            throw new UserError("'" + file + "': this input commitment has been opened by " + proofs + " proofs, all it hides; "
                    + "another would start to reveal the input: use a new seed file (a new commitment, not linked to the old one)");
        }
        InputSeed next = new InputSeed(file, seed, proofs + 1);
        ObjectNode n = Json.object();
        n.put("seed", HexFormat.of().formatHex(seed));
        n.put("proofs", next.proofs);
        n.put("note", "secret: with the input, it recomputes the input's commitment (zkml commit-input); "
                + HashedTensor.INPUT_BUDGET + " proofs per seed");
        Artifacts.write(file, (Json.write(n) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return next;
    }
}
