package io.zkml4j.prover;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.CircuitCodec;
import io.zkml4j.prover.circuit.TensorInfo;
import io.zkml4j.prover.engine.Hiding;
import io.zkml4j.prover.engine.InferenceKeys;
import io.zkml4j.prover.engine.InferenceVerifier;
import io.zkml4j.prover.engine.LigeroTableCommitment;
import io.zkml4j.prover.format.Container;
import io.zkml4j.prover.format.Deflate;
import io.zkml4j.prover.format.FileFormatException;
import io.zkml4j.prover.plan.WitnessPlan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * What a verifier needs, and all it needs: the circuit (architecture: shapes, scales, multipliers, shifts,
 * tables, index maps — no weights), the model commitment (root of the committed weights), the security
 * parameters, and the names and scales that turn integers back into numbers. Small and publishable; its
 * digest opens every proof's statement.
 */
public final class VerifyingKey {
    static final int FORMAT_VERSION = Zkml.FORMAT_VERSION;
    private static final int SECTION_META = 1, SECTION_CIRCUIT = 2, SECTION_ROOT = 3, SECTION_PUBLIC_WEIGHTS = 4;
    /** Largest decompressed public weights accepted. */
    private static final int MAX_WEIGHT_BYTES = 1 << 30;
    /** Largest decompressed circuit description accepted (tables and index maps of big models fit). */
    private static final int MAX_CIRCUIT_BYTES = 1 << 28;

    private final Metadata meta;
    private final Circuit circuit;
    private final byte[] weightRoot;
    private final SecurityLevel security;
    private final Hiding hiding;
    /** The weights (padded, field elements) of a public-weights key; null otherwise. */
    private final long[][] publicWeights;
    private final byte[] digest;

    /** A model input or output: its name, shape and scale exponent (value = integer · 2^-scale). */
    public record Port(String name, int[] shape, int scale) {
        public int size() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /**
     * The model's name and its inputs and outputs in model order. With several, the proof's input (output)
     * is their concatenation in this order.
     */
    public record Metadata(String modelName, List<Port> inputs, List<Port> outputs) {
        public Metadata {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        /** The first input's name (most models have one). */
        public String inputName() {
            return inputs.get(0).name();
        }

        public int inputScale() {
            return inputs.get(0).scale();
        }

        /** The first output's name (most models have one). */
        public String outputName() {
            return outputs.get(0).name();
        }

        public int outputScale() {
            return outputs.get(0).scale();
        }

        /** The canonical encoding, as the key's digest binds it. */
        public byte[] canonicalBytes() {
            return encode();
        }

        byte[] encode() {
            ProofWriter w = new ProofWriter();
            writeString(w, modelName);
            writePorts(w, inputs);
            writePorts(w, outputs);
            return w.toByteArray();
        }

        static Metadata decode(byte[] b) throws ProofRejectedException {
            ProofReader r = new ProofReader(b);
            Metadata m = new Metadata(readString(r), readPorts(r), readPorts(r));
            r.finish();
            return m;
        }

        private static void writePorts(ProofWriter w, List<Port> ports) {
            w.writeInt(ports.size());
            for (Port p : ports) {
                writeString(w, p.name());
                w.writeInt(p.shape().length);
                for (int d : p.shape()) {
                    w.writeInt(d);
                }
                w.writeInt(p.scale());
            }
        }

        private static List<Port> readPorts(ProofReader r) throws ProofRejectedException {
            int n = r.readCount("port count", 1 << 10);
            List<Port> ports = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = readString(r);
                int rank = r.readCount("rank", 8);
                int[] shape = new int[rank];
                for (int j = 0; j < rank; j++) {
                    shape[j] = r.readInt("dimension");
                    if (shape[j] < 1) {
                        throw new ProofRejectedException("malformed key: dimension " + shape[j]);
                    }
                }
                ports.add(new Port(name, shape, r.readInt("scale")));
            }
            if (ports.isEmpty()) {
                throw new ProofRejectedException("malformed key: no inputs or outputs");
            }
            return ports;
        }
    }

    VerifyingKey(Metadata meta, Circuit circuit, byte[] weightRoot, SecurityLevel security, Hiding hiding, long[][] publicWeights) {
        if (hiding.publicWeights() != (publicWeights != null)) {
            throw new IllegalArgumentException("public weights exactly for a public-weights key");
        }
        this.meta = meta;
        this.circuit = circuit.withInputKind(TensorInfo.Kind.PRIVATE_INPUT);
        this.weightRoot = weightRoot.clone();
        this.security = security;
        this.hiding = hiding;
        this.publicWeights = publicWeights;
        this.digest = InferenceKeys.vkDigest(this.circuit, metadataBytes(meta, security), weightRoot, scheme(), hiding);
    }

    /** The commitment scheme of this key's security level. */
    LigeroTableCommitment scheme() {
        return new LigeroTableCommitment(security.ligero());
    }

    /** Metadata as the digest binds it (the security level's name included). */
    static byte[] metadataBytes(Metadata meta, SecurityLevel security) {
        byte[] m = meta.encode();
        byte[] s = security.id().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[m.length + s.length];
        System.arraycopy(m, 0, out, 0, m.length);
        System.arraycopy(s, 0, out, m.length, s.length);
        return out;
    }

    public Metadata metadata() {
        return meta;
    }

    public Circuit circuit() {
        return circuit;
    }

    public byte[] weightRoot() {
        return weightRoot.clone();
    }

    public SecurityLevel security() {
        return security;
    }

    /** Whether the key carries the weights (a public model); then {@link #publicWeight} gives them. */
    public boolean hasPublicWeights() {
        return publicWeights != null;
    }

    /** Weight tensor {@code i} of a public-weights key, padded, as field elements. */
    public long[] publicWeight(int i) {
        return publicWeights[i].clone();
    }

    /** How the commitments hide; {@link Hiding#NONE} for a key made with {@code --no-zk}. */
    public Hiding hiding() {
        return hiding;
    }

    /** Whether proofs under this key are zero-knowledge (padded messages, hiding commitments); false for {@code --no-zk} keys. */
    public boolean isZeroKnowledge() {
        return hiding.zeroKnowledge();
    }

    /** Whether proofs under this key are zero-knowledge, in words for {@code inspect}, {@code verify} and {@code prove}. */
    public String zeroKnowledge() {
        if (!hiding.zeroKnowledge()) {
            return "no (a --no-zk key: nothing is hidden; proofs reveal linear combinations of the weights and witness)";
        }
        return "yes (every message is padded and the commitments hide: a proof reveals the output, and the input if public)";
    }

    /** How many proofs the model commitment can give before its openings could leak (0: not hiding). */
    public int openingBudget() {
        return hiding.weightOpenings();
    }

    /** SHA-256 digest of the key; a proof names the key it was made for by this digest. */
    public byte[] digest() {
        return digest.clone();
    }

    public String digestHex() {
        return HexFormat.of().formatHex(digest);
    }

    /** The model commitment as hex (the weight root). */
    public String modelCommitmentHex() {
        return HexFormat.of().formatHex(weightRoot);
    }

    /** Float inputs (model order) quantized with the inputs' scales and the input range, as proving does. */
    long[][] quantizeInputs(float[][] inputs) {
        if (inputs.length != meta.inputs().size()) {
            throw new IllegalArgumentException("the model has " + meta.inputs().size() + " inputs, got " + inputs.length);
        }
        TensorInfo in = circuit.tensor(circuit.input());
        long[][] q = new long[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            Port p = meta.inputs().get(i);
            q[i] = new io.zkml4j.model.quant.TensorSpec(p.name(), p.shape(), p.scale(), in.lo(), in.hi()).quantize(inputs[i]);
        }
        return q;
    }

    /** The commitment of a hashed input or output ({@link Zkml#commitInput}, {@link Zkml#commitOutput}). */
    byte[] commitHashed(io.zkml4j.prover.engine.HashedTensor.Role role, long[] values, byte[] seed) {
        return io.zkml4j.prover.engine.HashedTensor.commit(circuit, role, scheme(), values, seed).root();
    }

    /** The verifier's key for one input visibility. */
    InferenceVerifier.Key engineKey(Visibility visibility) {
        Circuit c = circuit.withInputKind(visibility == Visibility.PUBLIC ? TensorInfo.Kind.PUBLIC_INPUT : TensorInfo.Kind.PRIVATE_INPUT);
        return new InferenceVerifier.Key(c, WitnessPlan.of(c), InferenceKeys.weightLayout(c, hiding), weightRoot, digest, hiding,
                publicWeights);
    }

    /** Everything the key says except its model commitment: equal for a key and its rotations. */
    byte[] sameModelBytes() {
        ProofWriter w = new ProofWriter();
        w.writeBytes(metadataBytes(meta, security));
        w.writeBytes(CircuitCodec.encode(circuit));
        w.writeInt(hiding.witnessOpenings());
        w.writeInt(hiding.weightOpenings());
        w.writeInt(hiding.publicWeights() ? 1 : 0);
        return w.toByteArray();
    }

    public byte[] toBytes() {
        ProofWriter meta2 = new ProofWriter();
        meta2.writeBytes(meta.encode());
        writeString(meta2, security.id());
        meta2.writeInt(hiding.witnessOpenings());
        meta2.writeInt(hiding.weightOpenings());
        meta2.writeInt(hiding.publicWeights() ? 1 : 0);
        List<Container.Section> sections = new java.util.ArrayList<>(List.of(
                new Container.Section(SECTION_META, meta2.toByteArray()),
                new Container.Section(SECTION_CIRCUIT, Deflate.compress(CircuitCodec.encode(circuit))),
                new Container.Section(SECTION_ROOT, weightRoot)));
        if (publicWeights != null) {
            ProofWriter w = new ProofWriter();
            w.writeInt(publicWeights.length);
            for (long[] t : publicWeights) {
                w.writeFields(t);
            }
            sections.add(new Container.Section(SECTION_PUBLIC_WEIGHTS, Deflate.compress(w.toByteArray())));
        }
        return Container.write(Container.Kind.VERIFYING_KEY, FORMAT_VERSION, sections);
    }

    public static VerifyingKey fromBytes(byte[] bytes) throws FileFormatException {
        Container.Read read = Container.read(bytes, Container.Kind.VERIFYING_KEY, FORMAT_VERSION, FORMAT_VERSION);
        try {
            ProofReader mr = new ProofReader(read.section(SECTION_META));
            Metadata meta = Metadata.decode(mr.readBytes("metadata", 1 << 16));
            SecurityLevel security = SecurityLevel.byId(readString(mr));
            Hiding hiding = new Hiding(mr.readInt("witness openings"), mr.readInt("opening budget"), mr.readInt("public weights") == 1);
            mr.finish();
            ProofReader cr = new ProofReader(Deflate.decompress(read.section(SECTION_CIRCUIT), MAX_CIRCUIT_BYTES));
            Circuit circuit = CircuitCodec.decode(cr);
            cr.finish();
            byte[] root = read.section(SECTION_ROOT);
            if (root.length != 32) {
                throw new FileFormatException("corrupted verifying key: the model commitment has " + root.length + " bytes, not 32");
            }
            long[][] weights = null;
            if (hiding.publicWeights()) {
                ProofReader wr = new ProofReader(Deflate.decompress(read.section(SECTION_PUBLIC_WEIGHTS), MAX_WEIGHT_BYTES));
                int n = wr.readExactCount("public weight tensors", circuit.weights().size());
                weights = new long[n][];
                for (int i = 0; i < n; i++) {
                    weights[i] = wr.readFields("public weights", circuit.weights().get(i).shape().paddedSize());
                }
                wr.finish();
                if (!java.util.Arrays.equals(InferenceKeys.publicWeightsRoot(weights), root)) {
                    throw new FileFormatException("corrupted verifying key: its public weights do not match its model commitment");
                }
            }
            return new VerifyingKey(meta, circuit, root, security, hiding, weights);
        } catch (ProofRejectedException | IllegalArgumentException e) {
            throw new FileFormatException("corrupted verifying key: " + e.getMessage().replace("malformed proof: ", ""));
        }
    }

    /** Reads a {@code .vk} file (the whole file is checked: magic, version, lengths, checksum). */
    public static VerifyingKey read(Path path) throws IOException, FileFormatException {
        return fromBytes(Files.readAllBytes(path));
    }

    /** Writes this key as a {@code .vk} file (creating its folder if needed): the file to publish. */
    public void write(Path path) throws IOException {
        FileBytes.write(path, toBytes());
    }

    /**
     * {@code VerifyingKey[model 'mnist', input [1, 1, 28, 28] -> output [1, 10], commitment ffdbde1de9873e9d…,
     * standard-100 (100-bit soundness), hides the weights for 8 proofs, digest a21b00c3500bbe95…]}: what a
     * person checks, no circuit.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("VerifyingKey[model '").append(meta.modelName()).append("', ");
        sb.append(ports(meta.inputs())).append(" -> ").append(ports(meta.outputs()));
        sb.append(", commitment ").append(modelCommitmentHex(), 0, 16).append("…, ").append(security.id()).append(" (")
                .append(security.ligero().securityBits()).append("-bit soundness), ");
        sb.append(hiding.enabled() ? "hides the weights for " + openingBudget() + " proofs" : "does not hide (--no-zk)");
        return sb.append(", digest ").append(digestHex(), 0, 16).append("…]").toString();
    }

    private static String ports(List<Port> ports) {
        StringBuilder sb = new StringBuilder();
        for (Port p : ports) {
            sb.append(sb.length() == 0 ? "" : ", ").append(Sizes.port(p.name(), p.shape()));
        }
        return sb.toString();
    }

    static void writeString(ProofWriter w, String s) {
        w.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static String readString(ProofReader r) throws ProofRejectedException {
        return new String(r.readBytes("text", 4096), StandardCharsets.UTF_8);
    }
}
