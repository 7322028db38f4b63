package io.zkml4j.prover;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.model.quant.ModelFormatException;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.TensorInfo;
import io.zkml4j.prover.compile.CircuitCompiler;
import io.zkml4j.prover.compile.NotProvableException;
import io.zkml4j.prover.engine.InferenceKeys;
import io.zkml4j.prover.engine.InferenceProver;
import io.zkml4j.prover.engine.LigeroTableCommitment;
import io.zkml4j.prover.format.Container;
import io.zkml4j.prover.format.FileFormatException;
import io.zkml4j.prover.plan.WitnessPlan;

import java.util.Arrays;
import java.util.List;

/**
 * What the prover needs: the quantized model (its weights included) and the commitment to its weights,
 * rebuilt from the model when the key is loaded (a proving key file is the quantized model plus the
 * verifying key, nothing more). Loading recommits the weights and refuses a file whose commitment does
 * not match its verifying key.
 */
public final class ProvingKey {
    static final int FORMAT_VERSION = Zkml.FORMAT_VERSION;
    private static final int SECTION_MODEL = 1, SECTION_VK = 2;

    private final QuantizedModel model;
    private final VerifyingKey vk;
    private final InferenceKeys keys;
    private final LigeroTableCommitment scheme;

    private ProvingKey(QuantizedModel model, VerifyingKey vk, InferenceKeys keys, LigeroTableCommitment scheme) {
        this.model = model;
        this.vk = vk;
        this.keys = keys;
        this.scheme = scheme;
    }

    /** Setup: compile, commit to the weights, derive both keys. */
    static ProvingKey create(QuantizedModel model, String modelName, SecurityLevel security) throws NotProvableException {
        CircuitCompiler.Compiled compiled = CircuitCompiler.compile(model, false);
        java.util.List<VerifyingKey.Port> ins = new java.util.ArrayList<>();
        for (int i = 0; i < model.inputs().length; i++) {
            ins.add(new VerifyingKey.Port(model.inputNames().get(i), model.inputSpec(i).shape(), model.inputSpec(i).scale()));
        }
        java.util.List<VerifyingKey.Port> outs = new java.util.ArrayList<>();
        for (int i = 0; i < model.outputs().length; i++) {
            outs.add(new VerifyingKey.Port(model.outputNames().get(i), model.outputSpec(i).shape(), model.outputSpec(i).scale()));
        }
        VerifyingKey.Metadata meta = new VerifyingKey.Metadata(modelName, ins, outs);
        LigeroTableCommitment scheme = new LigeroTableCommitment(security.ligero());
        InferenceKeys keys = InferenceKeys.create(compiled.circuit(), compiled.weights(), scheme,
                VerifyingKey.metadataBytes(meta, security));
        VerifyingKey vk = new VerifyingKey(meta, compiled.circuit(), keys.verifier().weightRoot(), security);
        if (!Arrays.equals(vk.digest(), keys.prover().vkDigest())) {
            throw new IllegalStateException("verifying-key digest mismatch after setup");
        }
        return new ProvingKey(model, vk, keys, scheme);
    }

    public QuantizedModel model() {
        return model;
    }

    public VerifyingKey verifyingKey() {
        return vk;
    }

    LigeroTableCommitment scheme() {
        return scheme;
    }

    /** The prover's key for one input visibility. */
    InferenceProver.Key engineKey(Visibility visibility) {
        InferenceProver.Key k = keys.prover();
        if (visibility == Visibility.PRIVATE) {
            return k;
        }
        Circuit c = k.circuit().withInputKind(TensorInfo.Kind.PUBLIC_INPUT);
        return new InferenceProver.Key(c, WitnessPlan.of(c), k.weights(), k.weightLayout(), k.packedWeights(),
                k.weightCommitment(), k.vkDigest());
    }

    public byte[] toBytes() {
        ProofWriter m = new ProofWriter();
        m.writeBytes(model.toBytes());
        VerifyingKey.writeString(m, vk.metadata().modelName());
        VerifyingKey.writeString(m, vk.security().id());
        return Container.write(Container.Kind.PROVING_KEY, FORMAT_VERSION, List.of(
                new Container.Section(SECTION_MODEL, m.toByteArray()),
                new Container.Section(SECTION_VK, vk.toBytes())));
    }

    public static ProvingKey fromBytes(byte[] bytes) throws FileFormatException {
        Container.Read read = Container.read(bytes, Container.Kind.PROVING_KEY, FORMAT_VERSION, FORMAT_VERSION);
        VerifyingKey stored = VerifyingKey.fromBytes(read.section(SECTION_VK));
        QuantizedModel model;
        String name;
        SecurityLevel security;
        try {
            ProofReader r = new ProofReader(read.section(SECTION_MODEL));
            model = QuantizedModel.fromBytes(r.readBytes("model", Integer.MAX_VALUE - 8));
            name = VerifyingKey.readString(r);
            security = SecurityLevel.byId(VerifyingKey.readString(r));
            r.finish();
        } catch (ProofRejectedException | ModelFormatException | IllegalArgumentException e) {
            throw new FileFormatException("corrupted proving key: " + e.getMessage());
        }
        ProvingKey pk;
        try {
            pk = create(model, name, security);
        } catch (NotProvableException e) {
            throw new FileFormatException("corrupted proving key: its model cannot be proved (" + e.getMessage() + ")");
        }
        if (!Arrays.equals(pk.vk.digest(), stored.digest())) {
            throw new FileFormatException("corrupted proving key: its weights do not match its verifying key's model commitment");
        }
        return pk;
    }
}
