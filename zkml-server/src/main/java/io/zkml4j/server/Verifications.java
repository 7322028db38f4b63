package io.zkml4j.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.Rotation;
import io.zkml4j.prover.VerifiedOutput;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * POST /verify: a {@code .zkml} checked against a verifying key (uploaded, or a registered model's original
 * key with its rotations). A proof that does not verify — unreadable, corrupted, made for another key,
 * or failing a check — is a REJECT with the reason (HTTP 200); only a request without a usable key or
 * proof is a 400. Every verdict is logged.
 */
final class Verifications {
    private static final SecureRandom IDS = new SecureRandom();
    private final AuditLog log;
    private final ModelRegistry models;

    Verifications(AuditLog log, ModelRegistry models) {
        this.log = log;
        this.models = models;
    }

    /** The key (and chain) a proof is checked against, and the registered model it belongs to (or null). */
    record Key(VerifyingKey original, List<Rotation> rotations, String modelId) {}

    Key registered(String modelId) {
        ServedModel m = models.require(modelId);
        return new Key(m.originalKey(), m.rotations(), m.id());
    }

    /** An uploaded key: tied to a registered model if its digest is one's original key. */
    Key uploaded(VerifyingKey vk, List<Rotation> rotations) {
        String id = null;
        for (ServedModel m : models.all()) {
            if (m.originalKey().digestHex().equals(vk.digestHex())) {
                id = m.id();
            }
        }
        return new Key(vk, rotations, id);
    }

    ObjectNode verify(Key key, byte[] proofBytes) throws SQLException {
        ObjectNode n = Json.object();
        VerifyingKey vk = key.original();
        String proofDigest = AuditLog.sha256Hex(proofBytes);
        n.put("proofDigest", proofDigest);
        n.put("model", vk.metadata().modelName());
        if (key.modelId() != null) {
            n.put("modelId", key.modelId());
        }
        n.put("modelCommitment", vk.modelCommitmentHex());
        n.put("vkDigest", vk.digestHex());
        n.put("securityLevel", vk.security().id());
        n.put("securityBits", vk.security().ligero().securityBits());
        n.put("rotationsChecked", key.rotations().size());
        String reason = null;
        try {
            Proof p = Proof.fromBytes(proofBytes);
            n.put("visibility", p.inputVisibility().name().toLowerCase(Locale.ROOT));
            VerifiedOutput out = Zkml.verify(vk, key.rotations(), p);
            n.put("verdict", "ACCEPT");
            var outputs = n.putArray("outputs");
            for (VerifiedOutput.Part part : out.outputs()) {
                ObjectNode o = outputs.addObject();
                o.put("name", part.name());
                o.set("shape", Json.ints(part.shape()));
                o.set("values", Json.doubles(part.values()));
                o.set("integers", Json.longs(part.integers()));
                o.put("argmax", part.argmax());
            }
            if (p.inputVisibility() == Visibility.PUBLIC) {
                n.set("publicInput", Json.longs(p.publicInput()));
            }
            if (p.inputCommitment() != null) {
                n.put("inputCommitment", p.inputCommitmentHex());
            }
            if (out.isHashed()) {
                n.put("outputCommitment", p.outputCommitmentHex());
            }
            ObjectNode limits = n.putObject("rangeLimits");
            limits.put("inputValuesAtLimits", out.inputAtLimits());
            limits.put("outputValuesAtLimits", out.outputAtLimits());
            n.put("zeroKnowledge", vk.zeroKnowledge());
        } catch (ProofRejectedException e) {
            reason = e.getMessage();
        } catch (io.zkml4j.prover.format.FileFormatException e) {
            reason = "the proof file is unreadable: " + e.getMessage();
        } catch (RuntimeException e) {
            reason = "the proof is malformed (" + e.getClass().getSimpleName() + ")";
        }
        if (reason != null) {
            n.put("verdict", "REJECT");
            n.put("reason", reason);
        }
        String id = "v-" + HexFormat.of().formatHex(random());
        n.put("verificationId", id);
        ObjectNode d = Json.object();
        d.put("proofDigest", proofDigest);
        d.put("vkDigest", vk.digestHex());
        d.put("rotationsChecked", key.rotations().size());
        if (reason != null) {
            d.put("reason", reason);
        } else {
            d.set("outputs", n.get("outputs"));
        }
        AuditRow row = log.append(new AuditEntry(EventKind.VERIFIED, key.modelId(), id, n.get("verdict").asText(), Json.write(d), null));
        n.put("auditSeq", row.seq());
        return n;
    }

    private static byte[] random() {
        byte[] b = new byte[12];
        IDS.nextBytes(b);
        return b;
    }
}
