package io.zkml4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml4j.model.quant.Primitive;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.TensorSpec;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.Layer;
import io.zkml4j.prover.circuit.TensorInfo;
import io.zkml4j.prover.circuit.WeightInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code zkml inspect}: any artifact as JSON. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print any zkml4j file as JSON.",
                "Reads a compiled model (.zkm), proving key (.pk), verifying key (.vk) or proof (.zkml), checking it "
                        + "fully (checksum, version, structure), and prints its kind, format version, model commitment, "
                        + "shapes, scales, visibility, security level and sizes."})
final class InspectCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The file to inspect.")
    Path file;

    @Option(names = "--vk", paramLabel = "FILE",
            description = "For a proof: its verifying key, to add the model, commitment, shapes and security (nothing is verified).")
    Path vk;

    @Override
    int execute() throws Exception {
        byte[] bytes = Artifacts.read(file);
        Artifacts.Kind kind = Artifacts.kindOf(bytes);
        ObjectNode n = switch (kind) {
            case COMPILED_MODEL -> model(Artifacts.readModel(file));
            case PROVING_KEY -> provingKey(Artifacts.readProvingKey(file));
            case VERIFYING_KEY -> verifyingKey(Artifacts.readVerifyingKey(file));
            case PROOF -> proof(Artifacts.readProof(file), vk == null ? null : Artifacts.readVerifyingKey(vk));
            case ROTATION -> rotation(Artifacts.readRotation(file));
            case ONNX -> throw new UserError("'" + file + "' is an ONNX model, not a zkml4j file; 'zkml compile' turns it into a .zkm");
            case UNKNOWN -> throw new UserError("'" + file + "' is not a zkml4j file (.zkm, .pk, .vk or .zkml): unknown magic bytes");
        };
        ObjectNode out = Json.object();
        out.put("file", file.toString());
        out.put("kind", kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        header(out, bytes, kind);
        out.put("sizeBytes", bytes.length);
        out.setAll(n);
        term.println(Json.write(out));
        return ExitCode.OK;
    }

    /**
     * The format name and version from the file's header, which the reader has already checked: a .zkm
     * header is big-endian ({@code u16} name length), a container's little-endian ({@code u32}).
     */
    private static void header(ObjectNode out, byte[] b, Artifacts.Kind kind) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(kind == Artifacts.Kind.COMPILED_MODEL ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        buf.position(8);
        int len = kind == Artifacts.Kind.COMPILED_MODEL ? buf.getShort() & 0xFFFF : buf.getInt();
        byte[] name = new byte[len];
        buf.get(name);
        out.put("format", new String(name, StandardCharsets.UTF_8));
        out.put("formatVersion", buf.getInt());
    }

    static ObjectNode model(QuantizedModel q) {
        ObjectNode n = Json.object();
        ArrayNode in = n.putArray("inputs");
        for (int i = 0; i < q.inputNames().size(); i++) {
            in.add(tensor(q.inputSpec(i)));
        }
        ArrayNode out = n.putArray("outputs");
        for (int i = 0; i < q.outputNames().size(); i++) {
            out.add(tensor(q.outputSpec(i)));
        }
        ObjectNode quant = n.putObject("quantization");
        quant.put("activationBits", q.options().activationBits());
        quant.put("weightBits", q.options().weightBits());
        n.put("parameters", q.parameterCount());
        n.put("constants", q.constantCount());
        n.put("provable", CompileCommand.provability(q));
        ArrayNode ops = n.putArray("ops");
        for (int i = 0; i < q.ops().size(); i++) {
            Primitive p = q.ops().get(i);
            ObjectNode o = tensor(q.tensor(i));
            o.put("index", i);
            o.put("primitive", p.kind());
            Json.putInts(o, "reads", p.inputs());
            if (p instanceof Primitive.Requant r) {
                o.put("multiplier", r.m());
                o.put("shift", r.s());
            } else if (p instanceof Primitive.Table t) {
                o.put("function", t.function());
                o.put("tableEntries", t.table().length);
            }
            ops.add(o);
        }
        return n;
    }

    private static ObjectNode tensor(TensorSpec t) {
        ObjectNode o = Json.object();
        o.put("name", t.name());
        Json.putInts(o, "shape", t.shape());
        o.put("scale", t.scale());
        Json.putLongs(o, "range", new long[] {t.lo(), t.hi()});
        return o;
    }

    static ObjectNode verifyingKey(VerifyingKey vk) {
        ObjectNode n = Json.object();
        n.put("model", vk.metadata().modelName());
        n.put("modelCommitment", vk.modelCommitmentHex());
        n.put("verifyingKeyDigest", vk.digestHex());
        n.set("security", security(vk.security()));
        n.put("zeroKnowledge", vk.isZeroKnowledge());
        n.put("zeroKnowledgeNote", vk.zeroKnowledge());
        n.set("hiding", hiding(vk));
        Circuit c = vk.circuit();
        ObjectNode in = n.putObject("input");
        in.put("name", vk.metadata().inputName());
        Json.putInts(in, "shape", c.tensor(c.input()).shape().dims());
        in.put("scale", vk.metadata().inputScale());
        in.put("visibility", "chosen per proof: public, private or hashed");
        ObjectNode out = n.putObject("output");
        out.put("name", vk.metadata().outputName());
        Json.putInts(out, "shape", c.tensor(c.output()).shape().dims());
        out.put("scale", vk.metadata().outputScale());
        out.put("visibility", "public");
        ObjectNode circuit = n.putObject("circuit");
        Map<String, Integer> kinds = new TreeMap<>();
        for (Layer l : c.layers()) {
            kinds.merge(l.getClass().getSimpleName().replace("Layer", ""), 1, Integer::sum);
        }
        circuit.put("relations", c.layers().size());
        kinds.forEach(circuit.putObject("relationKinds")::put);
        long weightEntries = 0;
        for (WeightInfo w : c.weights()) {
            weightEntries += w.shape().size();
        }
        circuit.put("committedWeightTensors", c.weights().size());
        circuit.put("committedWeightEntries", weightEntries);
        int committed = 0;
        for (TensorInfo t : c.tensors()) {
            committed += t.kind() == TensorInfo.Kind.COMMITTED ? 1 : 0;
        }
        circuit.put("tensors", c.tensors().size());
        circuit.put("committedPerProofTensors", committed);
        n.set("reveals", reveals(c));
        return n;
    }

    /**
     * What the key says about the model beyond its input and output (README, "What the verifying key reveals"):
     * the circuit's structure and, per tree ensemble found in it, its public shape.
     */
    static ObjectNode reveals(Circuit c) {
        ObjectNode o = Json.object();
        o.put("always", "every relation's kind and shape, every tensor's static interval, the power-of-two scales, Requant "
                + "multipliers and shifts, lookup tables and public index maps; never a committed value (weights, biases, "
                + "Affine constants, tree features, thresholds and leaves, decision thresholds)");
        o.put("mlpAndCnn", "layer shapes and scales, and per MatMul/Conv/Affine layer (a Scaler's, a BatchNormalization's) the "
                + "interval its constants give (for a MatMul the largest column sums of positive and of negative weight·input "
                + "bounds), which depends on them");
        o.put("decisions", "a comparison with constant thresholds: the threshold tensor's shape and whether it is = (two steps) "
                + "or an order comparison (one step); not the thresholds, their direction, or whether one is constant");
        ArrayNode trees = o.putArray("treeEnsembles");
        Map<String, Integer> byName = new TreeMap<>();
        for (TensorInfo t : c.tensors()) {
            byName.put(t.name(), t.id());
        }
        for (TensorInfo t : c.tensors()) {
            // a tree ensemble: its leaf indicators 'NAME/leaf' and one split tensor 'NAME/splits-s' per level s
            if (!t.name().endsWith("/leaf") || byName.get(t.name().substring(0, t.name().length() - 5) + "/splits-0") == null) {
                continue;
            }
            String base = t.name().substring(0, t.name().length() - "/leaf".length());
            int depth = 0;
            int k = 0;
            while (byName.containsKey(base + "/splits-" + depth)) {
                int[] d = c.tensor(byName.get(base + "/splits-" + depth)).shape().dims();
                k += d[d.length - 1];
                depth++;
            }
            int[] ld = t.shape().dims();
            int leaves = ld[ld.length - 1];
            ObjectNode e = trees.addObject();
            e.put("name", base);
            e.put("trees", leaves - k);
            e.put("paddedDepth", depth);
            e.put("splits", k);
            e.put("leaves", leaves);
            Integer diff = byName.get(base + "/splits-0/difference");
            for (Layer l : c.layers()) {
                if (diff != null && l instanceof io.zkml4j.prover.circuit.MatMulLayer m && m.y() == diff) {
                    e.put("features", c.weights().get(m.weight()).shape().dims()[0]);
                }
            }
            Integer scores = byName.get(base + "/scores");
            if (scores != null) {
                int[] sd = c.tensor(scores).shape().dims();
                e.put("targets", sd[sd.length - 1]);
            }
            e.put("reveals", "these counts, the aggregation and post transform (the layers after the scores), and the power-of-two "
                    + "scales of the leaf values and of the scores; not the features, thresholds, comparison modes, topology or leaf values");
        }
        return o;
    }

    /** What the commitments hide, and for how many openings. */
    static ObjectNode hiding(VerifyingKey vk) {
        ObjectNode o = Json.object();
        o.put("commitments", vk.isZeroKnowledge() ? "hiding (Ligero with random padding, mask rows and salted leaves)" : "not hiding (--no-zk)");
        o.put("weights", vk.hasPublicWeights() ? "public (in the verifying key)" : "private (committed)");
        o.put("modelCommitmentOpenings", vk.openingBudget());
        o.put("witnessCommitmentOpenings", vk.hiding().witnessOpenings());
        o.put("meaning", vk.hasPublicWeights() ? "the weights are public; proofs need no model commitment and have no budget"
                : vk.hiding().enabled()
                ? "the model commitment can be opened by " + vk.openingBudget() + " proofs before its openings reveal anything about the weights; "
                + "the proving key then refuses to prove until 'zkml setup --rotate'"
                : "every opening reveals linear combinations of the committed values");
        return o;
    }

    static ObjectNode security(SecurityLevel s) {
        ObjectNode o = Json.object();
        var l = s.ligero();
        o.put("level", s.id());
        o.put("bits", l.securityBits());
        o.put("testingOnly", l.isTestingOnly());
        o.put("commitment", "Ligero (Reed-Solomon, SHA-256 Merkle tree)");
        o.put("inverseRate", l.inverseRate());
        o.put("queries", l.queries());
        o.put("grindingBits", l.grindingBits());
        o.put("assumptions", "SHA-256 modelled as a random oracle (Fiat-Shamir); challenges from GF(p^2), p = 2^64 - 2^32 + 1");
        return o;
    }

    static ObjectNode rotation(io.zkml4j.prover.Rotation r) {
        ObjectNode n = Json.object();
        n.put("continuesVerifyingKeyDigest", r.oldKeyDigestHex());
        n.set("newVerifyingKey", verifyingKey(r.newKey()));
        n.put("proofSizeBytes", r.proof().length);
        n.put("note", "unverified: 'zkml verify --vk ORIGINAL.vk --rotation THIS.zkrot PROOF.zkml' checks it");
        return n;
    }

    static ObjectNode provingKey(ProvingKey pk) {
        ObjectNode n = Json.object();
        n.setAll(verifyingKey(pk.verifyingKey()));
        n.set("compiledModel", model(pk.model()));
        ObjectNode budget = n.putObject("budget");
        budget.put("proofs", pk.openingBudget());
        budget.put("openingsUsed", pk.openingsUsed());
        budget.put("openingsHidden", pk.verifyingKey().hiding().weightCommitmentOpenings());
        budget.put("proofsLeft", pk.verifyingKey().hiding().enabled() ? pk.proofsLeft() : -1);
        budget.put("generation", pk.generation());
        n.put("verifyingKeySizeBytes", pk.verifyingKey().toBytes().length);
        return n;
    }

    ObjectNode proof(Proof p, VerifyingKey key) throws UserError {
        ObjectNode n = Json.object();
        n.put("verifyingKeyDigest", p.vkDigestHex());
        if (key != null) {
            if (!key.digestHex().equals(p.vkDigestHex())) {
                throw new UserError("'" + file + "' was made for another key than '" + vk + "' (digest " + Text.shortHex(p.vkDigestHex())
                        + ", the key's is " + Text.shortHex(key.digestHex()) + ")");
            }
            n.put("model", key.metadata().modelName());
            n.put("modelCommitment", key.modelCommitmentHex());
            n.set("security", security(key.security()));
            n.put("zeroKnowledge", key.isZeroKnowledge());
            n.put("zeroKnowledgeNote", key.zeroKnowledge());
        } else {
            n.putNull("zeroKnowledge");
            n.put("zeroKnowledgeNote", "the verifying key says (its digest binds it): give --vk");
        }
        ObjectNode in = n.putObject("input");
        in.put("visibility", p.inputVisibility().name().toLowerCase(Locale.ROOT));
        if (p.inputCommitment() != null) {
            in.put("commitment", p.inputCommitmentHex());
        }
        if (p.publicInput() != null) {
            in.put("values", p.publicInput().length);
            Json.putLongs(in, "integers", p.publicInput());
        }
        ObjectNode out = n.putObject("output");
        if (key != null) {
            Circuit c = key.circuit();
            out.put("name", key.metadata().outputName());
            Json.putInts(out, "shape", c.tensor(c.output()).shape().dims());
            out.put("scale", key.metadata().outputScale());
        }
        if (p.output() != null) {
            out.put("values", p.output().length);
            Json.putLongs(out, "integers", p.output());
        } else {
            out.put("visibility", "hashed");
            out.put("commitment", p.outputCommitmentHex());
        }
        in.put("valuesAtRangeLimits", p.claimedInputAtLimits());
        out.put("valuesAtRangeLimits", p.claimedOutputAtLimits());
        n.put("proofSizeBytes", p.proof().length);
        n.put("note", "unverified: a proof file names its verifying key by digest; 'zkml verify --vk' checks it and scales the output");
        return n;
    }
}
