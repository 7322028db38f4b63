package io.zkml4j.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.InputFileException;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.Rotation;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;
import io.zkml4j.prover.compile.NotProvableException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registered model: its original verifying key (the one the audit log published), the rotations made
 * since, and, when this server holds it, the current proving key, bound to its file in the key folder so
 * that each proof's opening is counted on disk before the proof is made. When the key's opening budget
 * is spent, the next proof rotates it ({@link Zkml#rotate}): the rotation is written beside the key and
 * recorded in the audit log before any proof uses the new key.
 */
public final class ServedModel {
    private final String id;
    private final VerifyingKey original;
    private final List<Rotation> rotations;
    private final Path folder;
    private final AuditLog log;
    private volatile ProvingKey key;

    ServedModel(String id, VerifyingKey original, List<Rotation> rotations, ProvingKey key, Path folder, AuditLog log) {
        this.id = id;
        this.original = original;
        this.rotations = new CopyOnWriteArrayList<>(rotations);
        this.key = key;
        this.folder = folder;
        this.log = log;
    }

    /** A proof and the generation of the key that made it (0: the original key). */
    public record Proved(Proof proof, int generation) {}

    public String id() {
        return id;
    }

    public VerifyingKey originalKey() {
        return original;
    }

    public List<Rotation> rotations() {
        return List.copyOf(rotations);
    }

    /** The key proofs are made under now: the original or the last rotation's. */
    public VerifyingKey currentKey() {
        return rotations.isEmpty() ? original : rotations.get(rotations.size() - 1).newKey();
    }

    public boolean canProve() {
        return key != null;
    }

    /** Parses an input JSON for this model (400 with the reason if it does not fit). */
    public float[][] parseInput(String json) {
        try {
            return InputFile.parse(json, requireKey().model().inputValues()).values().toArray(new float[0][]);
        } catch (InputFileException e) {
            throw ApiError.badRequest("input: " + e.getMessage());
        }
    }

    /**
     * Refuses an input with values outside the range the model was calibrated for (422), unless the request
     * allows clamping them ({@code ?strict=false}); the proof states how many input values sit at the range's
     * limits either way.
     */
    public void requireInRange(float[][] input) {
        int clamped = requireKey().model().clampedCount(input);
        if (clamped > 0) {
            throw new ApiError(422, clamped + " input value(s) lie outside the range the model was calibrated for; the service "
                    + "refuses to clamp them by default: send values in range, recalibrate the model, or ask for ?strict=false");
        }
    }

    /** Proves, rotating the key first if its budget is spent. */
    public Proved prove(float[][] input, Visibility visibility) throws NotProvableException, IOException, SQLException {
        while (true) {
            ProvingKey k = requireKey();
            try {
                Proof p = Zkml.prove(k, input, visibility);
                return new Proved(p, k.generation());
            } catch (ProvingKey.BudgetSpentException spent) {
                rotateFrom(k);
            }
        }
    }

    private ProvingKey requireKey() {
        ProvingKey k = key;
        if (k == null) {
            throw new ApiError(409, "this server does not hold model " + id + "'s proving key (its key folder has no key file); "
                    + "it can verify this model's proofs but not make new ones: register the model again to prove");
        }
        return k;
    }

    /** Rotates {@code spent} unless another thread already did; the chain's end is an error for the job. */
    private synchronized void rotateFrom(ProvingKey spent) throws NotProvableException, IOException, SQLException {
        if (key != spent) {
            return;
        }
        Zkml.Rotated r = Zkml.rotate(spent);
        int gen = r.key().generation();
        byte[] rotation = r.rotation().toBytes();
        Files.write(folder.resolve(rotationFile(gen)), rotation);
        r.key().write(folder.resolve(keyFile(gen)));
        ObjectNode d = Json.object();
        d.put("generation", gen);
        d.put("oldVerifyingKeyDigest", spent.verifyingKey().digestHex());
        d.put("newVerifyingKeyDigest", r.key().verifyingKey().digestHex());
        d.put("modelCommitment", r.key().verifyingKey().modelCommitmentHex());
        d.put("reason", "the key's opening budget (" + spent.openingBudget() + " proofs) was spent");
        log.append(AuditEntry.of(EventKind.KEY_ROTATED, id, r.key().verifyingKey().digestHex(), Json.write(d)).withBlob(rotation));
        rotations.add(r.rotation());
        key = r.key();
    }

    /** Records a rotation found on disk that the log does not have (a crash between writing it and logging it). */
    void adoptRotation(Rotation r) {
        rotations.add(r);
    }

    void replaceKey(ProvingKey k) {
        key = k;
    }

    static String keyFile(int generation) {
        return "key-g" + generation + ".pk";
    }

    static String rotationFile(int generation) {
        return "rotation-g" + generation + ".zkrot";
    }

    /** The summary GET /models/{id} returns. */
    ObjectNode describe() {
        ObjectNode n = Json.object();
        VerifyingKey vk = original;
        n.put("id", id);
        n.put("name", vk.metadata().modelName());
        n.put("modelCommitment", vk.modelCommitmentHex());
        n.put("vkDigest", vk.digestHex());
        n.put("securityLevel", vk.security().id());
        n.put("securityBits", vk.security().ligero().securityBits());
        n.put("openingBudget", vk.openingBudget());
        n.put("rotations", rotations.size());
        n.put("currentVkDigest", currentKey().digestHex());
        n.put("canProve", key != null);
        if (key != null) {
            n.put("proofsLeftOnCurrentKey", key.proofsLeft());
        }
        var ins = n.putArray("inputs");
        for (VerifyingKey.Port p : vk.metadata().inputs()) {
            ins.addObject().put("name", p.name()).set("shape", Json.ints(p.shape()));
        }
        var outs = n.putArray("outputs");
        for (VerifyingKey.Port p : vk.metadata().outputs()) {
            outs.addObject().put("name", p.name()).set("shape", Json.ints(p.shape()));
        }
        return n;
    }
}
