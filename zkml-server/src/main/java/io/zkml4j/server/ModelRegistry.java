package io.zkml4j.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.Rotation;
import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Zkml;
import io.zkml4j.prover.compile.NotProvableException;
import io.zkml4j.prover.format.FileFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models this server knows: rebuilt at start from the audit log (each {@code MODEL_REGISTERED} row's
 * verifying key and its {@code KEY_ROTATED} rows) and the key folder (one folder per model with its
 * proving keys {@code key-gN.pk} and rotations {@code rotation-gN.zkrot}). Proving keys hold the weights,
 * so they stay on this server's disk; the database holds only what auditors may see.
 */
public final class ModelRegistry {
    private final AuditLog log;
    private final Path keyFolder;
    private final SecurityLevel security;
    private final int budget;
    private final Map<String, ServedModel> models = new ConcurrentHashMap<>();

    private ModelRegistry(AuditLog log, Path keyFolder, SecurityLevel security, int budget) {
        this.log = log;
        this.keyFolder = keyFolder;
        this.security = security;
        this.budget = budget;
    }

    /** Loads every registered model; reports models whose proving key is not here (they verify only). */
    static ModelRegistry load(AuditLog log, Path keyFolder, SecurityLevel security, int budget, List<String> notes)
            throws SQLException, ServerException {
        ModelRegistry r = new ModelRegistry(log, keyFolder, security, budget);
        for (AuditRow row : log.ofKind(EventKind.MODEL_REGISTERED)) {
            r.models.put(row.modelId(), r.restore(row, notes));
        }
        return r;
    }

    private ServedModel restore(AuditRow row, List<String> notes) throws SQLException, ServerException {
        String id = row.modelId();
        VerifyingKey vk = decodeKey(id, log.blob(row.blobDigest()).orElseThrow(() -> new ServerException(
                "the audit log names model " + id + "'s verifying key but its bytes are missing: run 'zkml audit verify'")));
        List<Rotation> rotations = new ArrayList<>();
        for (AuditRow rot : log.ofModel(id, EventKind.KEY_ROTATED)) {
            byte[] b = log.blob(rot.blobDigest()).orElseThrow(() -> new ServerException("model " + id + ": a rotation's bytes are missing"));
            rotations.add(decodeRotation(id, b));
        }
        Path folder = keyFolder.resolve(id);
        ServedModel m = new ServedModel(id, vk, rotations, null, folder, log);
        // A rotation written to disk but not logged (a crash in between) is logged now.
        int gen = rotations.size() + 1;
        Path extra = folder.resolve(ServedModel.rotationFile(gen));
        while (Files.isRegularFile(extra)) {
            byte[] b = readFile(extra);
            Rotation rot = decodeRotation(id, b);
            ObjectNode d = Json.object();
            d.put("generation", gen);
            d.put("newVerifyingKeyDigest", rot.newKey().digestHex());
            d.put("reason", "found in the key folder at start: written before a crash, logged now");
            log.append(AuditEntry.of(EventKind.KEY_ROTATED, id, rot.newKey().digestHex(), Json.write(d)).withBlob(b));
            m.adoptRotation(rot);
            extra = folder.resolve(ServedModel.rotationFile(++gen));
        }
        int current = m.rotations().size();
        Path keyPath = folder.resolve(ServedModel.keyFile(current));
        if (Files.isRegularFile(keyPath)) {
            try {
                ProvingKey pk = ProvingKey.read(keyPath);
                if (!pk.verifyingKey().digestHex().equals(m.currentKey().digestHex())) {
                    throw new ServerException("'" + keyPath + "' is not model " + id + "'s current key (its verifying key differs)");
                }
                m.replaceKey(pk);
            } catch (IOException | FileFormatException e) {
                throw new ServerException("cannot read '" + keyPath + "': " + e.getMessage());
            }
        } else {
            notes.add("model " + id + ": no proving key at '" + keyPath + "'; it verifies only");
        }
        return m;
    }

    private static VerifyingKey decodeKey(String id, byte[] b) throws ServerException {
        try {
            return VerifyingKey.fromBytes(b);
        } catch (FileFormatException e) {
            throw new ServerException("model " + id + "'s verifying key in the audit log is unreadable: " + e.getMessage());
        }
    }

    private static Rotation decodeRotation(String id, byte[] b) throws ServerException {
        try {
            return Rotation.fromBytes(b);
        } catch (FileFormatException e) {
            throw new ServerException("model " + id + ": a rotation is unreadable: " + e.getMessage());
        }
    }

    private static byte[] readFile(Path p) throws ServerException {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new ServerException("cannot read '" + p + "': " + e.getMessage());
        }
    }

    /** Sets the model up (commits to its weights), writes its key and logs it; returns it. */
    ServedModel register(QuantizedModel model, String name, String source) throws IOException, SQLException {
        ProvingKey pk;
        try {
            pk = Zkml.setup(model, name, security, budget);
        } catch (NotProvableException e) {
            throw new ApiError(422, "the model cannot be proved: " + e.getMessage());
        }
        VerifyingKey vk = pk.verifyingKey();
        String id = "m-" + vk.digestHex().substring(0, 16);
        Path folder = keyFolder.resolve(id);
        Files.createDirectories(folder);
        pk.write(folder.resolve(ServedModel.keyFile(0)));
        ObjectNode d = Json.object();
        d.put("name", name);
        d.put("source", source);
        d.put("modelCommitment", vk.modelCommitmentHex());
        d.put("vkDigest", vk.digestHex());
        d.put("securityLevel", vk.security().id());
        d.put("openingBudget", vk.openingBudget());
        d.put("parameters", model.parameterCount());
        log.append(AuditEntry.of(EventKind.MODEL_REGISTERED, id, vk.digestHex(), Json.write(d)).withBlob(vk.toBytes()));
        ServedModel m = new ServedModel(id, vk, List.of(), pk, folder, log);
        models.put(id, m);
        return m;
    }

    Optional<ServedModel> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    ServedModel require(String id) {
        return find(id).orElseThrow(() -> ApiError.notFound("no model '" + id + "': GET /models lists the registered ones"));
    }

    Collection<ServedModel> all() {
        return models.values();
    }
}
