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
import io.zkml4j.prover.engine.Hiding;
import io.zkml4j.prover.engine.InferenceKeys;
import io.zkml4j.prover.engine.InferenceProver;
import io.zkml4j.prover.engine.WeightRotation;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.crypto.hidden.PadPlan;
import io.zkml4j.prover.engine.LigeroTableCommitment;
import io.zkml4j.prover.format.Container;
import io.zkml4j.prover.format.FileFormatException;
import io.zkml4j.prover.plan.WitnessPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/**
 * What the prover needs: the quantized model (its weights included) and the commitment to its weights,
 * rebuilt from the model when the key is loaded (a proving key file is the quantized model, the seeds of
 * the model commitment's randomness, the verifying key and the count of openings made). Loading recommits
 * the weights and refuses a file whose commitment does not match its verifying key.
 *
 * <p><b>Opening budget.</b> A hiding model commitment with budget {@code B} hides {@code B + 2} openings
 * (see {@link Hiding}): one per proof, one kept for the rotation that retires the key (and, for a rotated
 * key, one spent by the rotation that made it). The key counts them and refuses a proof that would take
 * the kept one, with {@link BudgetSpentException}; {@link Zkml#rotate} then makes a new key for the same
 * weights. A key bound to its file ({@link #read(Path)}, {@link #bindTo(Path)}) writes the new count there
 * (atomically, synced) <em>before</em> each proof is made, so a crash never lets an opening be reused.
 */
public final class ProvingKey {
    static final int FORMAT_VERSION = Zkml.FORMAT_VERSION;
    private static final int SECTION_MODEL = 1, SECTION_VK = 2, SECTION_COUNTER = 3, SECTION_PAD_PLANS = 4;
    /** The default opening budget of a model commitment (proofs per key before {@code setup --rotate}). */
    public static final int DEFAULT_BUDGET = 8;
    private static final int SEED_BYTES = 32;

    private final QuantizedModel model;
    private final VerifyingKey vk;
    private final InferenceKeys keys;
    private final LigeroTableCommitment scheme;
    /** The mask slot's seed (shared by a chain of rotations) and the Ligero randomness's (this key's); null when not hiding. */
    private final byte[] maskSeed, commitmentSeed;
    /** This key's place in its chain of rotations: 0 for the key setup made. */
    private final int generation;
    /** Openings of the model commitment made so far. */
    private int used;
    /**
     * The pad plan of each kind of statement proved so far (zero-knowledge keys; see {@link InferenceProver#planPads}),
     * by {@link #statementKind}.
     */
    private final java.util.TreeMap<String, PadPlan> padPlans = new java.util.TreeMap<>();
    private Path file;

    private ProvingKey(QuantizedModel model, VerifyingKey vk, InferenceKeys keys, LigeroTableCommitment scheme,
                       byte[] maskSeed, byte[] commitmentSeed, int generation) {
        this.model = model;
        this.vk = vk;
        this.keys = keys;
        this.scheme = scheme;
        this.maskSeed = maskSeed;
        this.commitmentSeed = commitmentSeed;
        this.generation = generation;
    }

    /** Thrown instead of a proof when the key has spent its opening budget. */
    public static final class BudgetSpentException extends IllegalStateException {
        BudgetSpentException(String message) {
            super(message);
        }
    }

    /** Setup: compile, commit to the weights (hiding, for {@code budget} proofs; 0: not hiding), derive both keys. */
    static ProvingKey create(QuantizedModel model, String modelName, SecurityLevel security, int budget) throws NotProvableException {
        return create(model, modelName, security, budget == 0 ? Hiding.NONE : Hiding.withBudget(budget));
    }

    static ProvingKey create(QuantizedModel model, String modelName, SecurityLevel security, Hiding hiding) throws NotProvableException {
        boolean seeded = hiding.enabled();
        return create(model, modelName, security, hiding, seeded ? ZkRandom.newSeed() : null, seeded ? ZkRandom.newSeed() : null, 0, null);
    }

    /** @param privatePlan the pad plan of private-input proofs, if known (a zero-knowledge key finds it otherwise) */
    private static ProvingKey create(QuantizedModel model, String modelName, SecurityLevel security, Hiding hiding,
                                     byte[] maskSeed, byte[] commitmentSeed, int generation, PadPlan privatePlan) throws NotProvableException {
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
                VerifyingKey.metadataBytes(meta, security), hiding, maskSeed, commitmentSeed, privatePlan);
        VerifyingKey vk = new VerifyingKey(meta, compiled.circuit(), keys.verifier().weightRoot(), security, hiding,
                hiding.publicWeights() ? keys.prover().weights() : null);
        if (!Arrays.equals(vk.digest(), keys.prover().vkDigest())) {
            throw new IllegalStateException("verifying-key digest mismatch after setup");
        }
        ProvingKey pk = new ProvingKey(model, vk, keys, scheme, maskSeed, commitmentSeed, generation);
        if (hiding.zeroKnowledge()) {
            pk.padPlans.put(statementKind(Visibility.PRIVATE, false), keys.prover().padPlan());
        }
        return pk;
    }

    /** Proofs per key that the model commitment's budget promises (0: the key does not hide; it has no budget). */
    public int openingBudget() {
        return vk.openingBudget();
    }

    /** Openings of the model commitment made so far (proofs, and the rotation that made this key). */
    public synchronized int openingsUsed() {
        return used;
    }

    /** Proofs this key can still make before it must be rotated ({@link Integer#MAX_VALUE} if it does not hide). */
    public synchronized int proofsLeft() {
        return vk.hiding().enabled() ? Math.max(0, capacity() - 1 - used) : Integer.MAX_VALUE;
    }

    /** This key's place in its chain of rotations (0: made by setup). */
    public int generation() {
        return generation;
    }

    private int capacity() {
        return vk.hiding().weightCommitmentOpenings();
    }

    /**
     * Takes one opening for a proof: refuses when only the one kept for rotation is left, and writes the
     * new count to the key's file first if the key is bound to one.
     */
    synchronized void spendOpening() {
        if (!vk.hiding().enabled()) {
            return;
        }
        if (proofsLeft() == 0) {
            throw new BudgetSpentException("this proving key has made all the proofs its model commitment hides (" + used
                    + " openings of " + capacity() + "); another would start to reveal the weights: run 'zkml setup --rotate "
                    + (file != null ? file : "KEY.pk") + "' for a new key with the same weights");
        }
        record(used + 1);
    }

    /** Sets the count, writing it to the key's file first if bound; on failure the count stays as it was. */
    private void record(int count) {
        int before = used;
        used = count;
        if (file != null) {
            try {
                writeAtomically(file, toBytes());
            } catch (IOException e) {
                used = before;
                throw new UncheckedIOException("cannot record the proof count in '" + file + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * A rotation: retires this key (its last opening goes to the rotation proof; it proves no more) and
     * returns a new key that commits to the same table (weights and mask slot) with fresh randomness,
     * with the proof that it does.
     */
    synchronized Zkml.Rotated rotate() throws NotProvableException {
        if (!vk.hiding().enabled()) {
            throw new IllegalStateException(vk.hiding().publicWeights()
                    ? "a public-weights key has no budget to rotate; it proves without limit"
                    : "a --no-zk key has no budget to rotate; it proves without limit (and without hiding)");
        }
        if (used >= capacity()) {
            throw new BudgetSpentException("this proving key is retired: it was rotated already, or its count is spent");
        }
        if (generation + 1 >= Hiding.MAX_GENERATIONS) {
            throw new BudgetSpentException("this chain of keys has reached " + Hiding.MAX_GENERATIONS + " generations, all its mask "
                    + "hides: run 'zkml setup' on the model for a new model commitment");
        }
        ProvingKey next = create(model, vk.metadata().modelName(), vk.security(), vk.hiding(), maskSeed, ZkRandom.newSeed(),
                generation + 1, padPlans.get(statementKind(Visibility.PRIVATE, false)));
        next.padPlans.putAll(padPlans);
        byte[] proof = WeightRotation.prove(keys.prover(), next.keys.prover(), scheme);
        record(capacity()); // retired (and written to its file) before the proof leaves this method
        next.used = 1;
        return new Zkml.Rotated(next, new Rotation(vk.digest(), next.vk, proof));
    }

    /** Reads a key and binds it to its file (see {@link #bindTo(Path)}). */
    public static ProvingKey read(Path path) throws IOException, FileFormatException {
        ProvingKey pk = fromBytes(Files.readAllBytes(path));
        pk.bindTo(path);
        return pk;
    }

    /** From now on each proof's count is written to {@code file} (this key's file) before the proof is made. */
    public synchronized void bindTo(Path file) {
        this.file = file;
    }

    /** Writes the key (atomically: a temporary file, synced, then moved into place) and binds it to that file. */
    public synchronized void write(Path path) throws IOException {
        writeAtomically(path, toBytes());
        file = path;
    }

    private static void writeAtomically(Path path, byte[] bytes) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public QuantizedModel model() {
        return model;
    }

    /**
     * {@code ProvingKey[model 'mnist', 1158 parameters, 2 of 8 proofs made, generation 0, file keys/mnist.pk]}:
     * no weights, no seeds.
     */
    @Override
    public synchronized String toString() {
        String budget = !vk.hiding().enabled() ? "no budget (does not hide)"
                : proofsMade() + " of " + openingBudget() + " proofs made";
        return "ProvingKey[model '" + vk.metadata().modelName() + "', " + model.parameterCount() + " parameters, " + budget
                + ", generation " + generation + (file != null ? ", file " + file : "") + "]";
    }

    /** Proofs made with this key (openings used, less the one a rotation into this key spent). */
    private int proofsMade() {
        return Math.max(0, used - (generation > 0 ? 1 : 0));
    }

    public VerifyingKey verifyingKey() {
        return vk;
    }

    LigeroTableCommitment scheme() {
        return scheme;
    }

    /** The name of a kind of statement: the input's visibility, and whether the output is hashed. */
    static String statementKind(Visibility input, boolean hashedOutput) {
        return input.name().toLowerCase(java.util.Locale.ROOT) + (hashedOutput ? "+hashed-output" : "");
    }

    /** The prover's key for one input visibility (with a public output). */
    InferenceProver.Key engineKey(Visibility visibility) {
        return engineKey(visibility, false);
    }

    /**
     * The prover's key for one kind of statement. A zero-knowledge key finds the kind's pad plan the first
     * time (a proof's worth of work) and keeps it, in its file too from the next write.
     */
    synchronized InferenceProver.Key engineKey(Visibility visibility, boolean hashedOutput) {
        InferenceProver.Key k = keys.prover();
        if (visibility == Visibility.PUBLIC) {
            Circuit c = k.circuit().withInputKind(TensorInfo.Kind.PUBLIC_INPUT);
            k = new InferenceProver.Key(c, WitnessPlan.of(c), k.weights(), k.weightLayout(), k.packedWeights(),
                    k.weightCommitment(), k.vkDigest(), k.hiding(), null);
        }
        if (!k.hiding().zeroKnowledge()) {
            return k;
        }
        InferenceProver.Key base = k;
        boolean hashedInput = visibility == Visibility.HASHED;
        return k.withPadPlan(padPlans.computeIfAbsent(statementKind(visibility, hashedOutput),
                v -> InferenceProver.planPads(base, hashedInput, hashedOutput)));
    }

    public synchronized byte[] toBytes() {
        ProofWriter m = new ProofWriter();
        m.writeBytes(model.toBytes());
        VerifyingKey.writeString(m, vk.metadata().modelName());
        VerifyingKey.writeString(m, vk.security().id());
        m.writeBytes(maskSeed == null ? new byte[0] : maskSeed);
        m.writeBytes(commitmentSeed == null ? new byte[0] : commitmentSeed);
        m.writeInt(generation);
        ProofWriter counter = new ProofWriter();
        counter.writeInt(used);
        ProofWriter plans = new ProofWriter();
        plans.writeInt(padPlans.size());
        for (var e : padPlans.entrySet()) {
            VerifyingKey.writeString(plans, e.getKey());
            e.getValue().writeTo(plans);
        }
        return Container.write(Container.Kind.PROVING_KEY, FORMAT_VERSION, List.of(
                new Container.Section(SECTION_MODEL, m.toByteArray()),
                new Container.Section(SECTION_VK, vk.toBytes()),
                new Container.Section(SECTION_COUNTER, counter.toByteArray()),
                new Container.Section(SECTION_PAD_PLANS, plans.toByteArray())));
    }

    public static ProvingKey fromBytes(byte[] bytes) throws FileFormatException {
        Container.Read read = Container.read(bytes, Container.Kind.PROVING_KEY, FORMAT_VERSION, FORMAT_VERSION);
        VerifyingKey stored = VerifyingKey.fromBytes(read.section(SECTION_VK));
        QuantizedModel model;
        String name;
        SecurityLevel security;
        byte[] maskSeed, commitmentSeed;
        int generation, used;
        java.util.TreeMap<String, PadPlan> plans = new java.util.TreeMap<>();
        try {
            ProofReader r = new ProofReader(read.section(SECTION_MODEL));
            model = QuantizedModel.fromBytes(r.readBytes("model", Integer.MAX_VALUE - 8));
            name = VerifyingKey.readString(r);
            security = SecurityLevel.byId(VerifyingKey.readString(r));
            maskSeed = r.readBytes("mask seed", SEED_BYTES);
            commitmentSeed = r.readBytes("commitment seed", SEED_BYTES);
            generation = r.readInt("generation");
            r.finish();
            ProofReader c = new ProofReader(read.section(SECTION_COUNTER));
            used = c.readInt("proof count");
            c.finish();
            ProofReader p = new ProofReader(read.section(SECTION_PAD_PLANS));
            int count = p.readCount("pad plans", 2 * Visibility.values().length);
            for (int i = 0; i < count; i++) {
                plans.put(VerifyingKey.readString(p), PadPlan.readFrom(p));
            }
            p.finish();
        } catch (ProofRejectedException | ModelFormatException | IllegalArgumentException e) {
            throw new FileFormatException("corrupted proving key: " + e.getMessage());
        }
        Hiding hiding = stored.hiding();
        int seedBytes = hiding.enabled() ? SEED_BYTES : 0;
        if (maskSeed.length != seedBytes || commitmentSeed.length != seedBytes) {
            throw new FileFormatException("corrupted proving key: its commitment seeds do not fit its verifying key");
        }
        int capacity = hiding.weightCommitmentOpenings();
        if (used < 0 || used > capacity || generation < 0 || generation >= Hiding.MAX_GENERATIONS || (!hiding.enabled() && (used | generation) != 0)) {
            throw new FileFormatException("corrupted proving key: it records " + used + " openings made of " + capacity
                    + " (generation " + generation + ")");
        }
        ProvingKey pk;
        try {
            pk = create(model, name, security, hiding, hiding.enabled() ? maskSeed : null, hiding.enabled() ? commitmentSeed : null,
                    generation, plans.get(statementKind(Visibility.PRIVATE, false)));
        } catch (NotProvableException e) {
            throw new FileFormatException("corrupted proving key: its model cannot be proved (" + e.getMessage() + ")");
        }
        if (!Arrays.equals(pk.vk.digest(), stored.digest())) {
            throw new FileFormatException("corrupted proving key: its weights do not match its verifying key's model commitment");
        }
        pk.used = used;
        if (hiding.zeroKnowledge()) {
            pk.padPlans.putAll(plans);
        }
        return pk;
    }
}
