package io.zkml4j.prover.plan;

import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.DivLayer;
import io.zkml4j.prover.circuit.Layer;
import io.zkml4j.prover.circuit.MaxLayer;
import io.zkml4j.prover.circuit.RequantLayer;
import io.zkml4j.prover.circuit.TableLayer;
import io.zkml4j.prover.circuit.TensorInfo;
import io.zkml4j.prover.layout.PaddedShape;
import io.zkml4j.prover.layout.WitnessLayout;
import io.zkml4j.prover.relation.requant.RequantWitness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the per-proof witness commitment holds and every lookup the proof makes, derived from the
 * circuit alone, so that prover and verifier agree on it without the proof saying so. Slots are declared
 * in a fixed order: per layer in topological order, then one multiplicity vector per table.
 */
public final class WitnessPlan {
    /** One committed vector. */
    public record SlotSpec(String name, int numVars) {}

    /**
     * A value split into chunks of {@code width} bits (8, looked up in the 8-bit range table, or 16, in the
     * 16-bit one), the last one narrower: {@code v = Σ_k 2^{width·k}·chunk_k}. Each chunk is a committed vector.
     */
    public record Chunks(int[] slots, int[] bits, int width) {
        public int count() {
            return slots.length;
        }

        /** {@code 2^{width·k}}, the weight of chunk k. */
        public long weight(int k) {
            return 1L << (width * k);
        }
    }

    /**
     * Values of more than 8 bits are cut into 16-bit chunks when the circuit range-checks at least this many
     * such entries (padded): a 2^16-row table (its multiplicities and its side of the LogUp tree) then costs
     * less than the second 8-bit chunk (a committed vector and a lookup column) of every value it saves.
     */
    public static final long WIDE_CHUNK_THRESHOLD = 1L << 17;

    /**
     * The committed vectors of one Requant layer. The high part h' is not committed for comparison tables up to
     * 16 bits ({@code high} is empty: h' is a linear lookup column, see {@code highColumn}) and is two vectors
     * for 24 and 32 bits, {@code h' = hLo + 2^L·hHi} ({@code L = hBits − 16}), with the comparison
     * {@code cHi} of {@code hHi} and the zero test {@code zero} of {@code hLo} committed too ({@code −1} when
     * narrow).
     */
    public record RequantSlots(Chunks remainder, Chunks u, int[] high, int c, int cHi, int zero) {
        public boolean wide() {
            return high.length == 2;
        }
    }

    /** The committed vectors of a max layer: its output and, per tap, the chunks of {@code y − x_tap}. */
    public record MaxSlots(int y, Chunks[] differences) {}

    /** The committed chunks of a Div layer: {@code y − lo_y}, the remainder r and {@code b − 1 − r}. */
    public record DivSlots(Chunks quotient, Chunks remainder, Chunks slack) {}

    /** The committed chunks of a range-checked private input ({@code x − lo}). */
    public record InputSlots(int value, Chunks chunks) {}

    /**
     * The inverses that prove how many values of the input and of the output sit at their range's limits
     * ({@code LimitsProver}): {@code 1/(x − lo)} and {@code 1/(hi − x)}, 0 where the difference is 0.
     */
    public record LimitsSlots(int inputLo, int inputHi, int outputLo, int outputHi) {}

    private final List<SlotSpec> slots = new ArrayList<>();
    private final int[] tensorSlot;
    private final Map<TableId, List<LookupGroup>> lookups = new LinkedHashMap<>();
    private final Map<TableId, Integer> multiplicitySlot = new LinkedHashMap<>();
    private final Map<Integer, RequantSlots> requantSlots = new LinkedHashMap<>();
    private final Map<Integer, MaxSlots> maxSlots = new LinkedHashMap<>();
    private final Map<Integer, DivSlots> divSlots = new LinkedHashMap<>();
    private InputSlots inputSlots;
    private final LimitsSlots limitsSlots;
    private final WitnessLayout layout;

    /** Whether values of more than 8 bits get 16-bit chunks (see {@link #WIDE_CHUNK_THRESHOLD}). */
    private final boolean wideChunks;

    private WitnessPlan(Circuit circuit) {
        wideChunks = wideEntries(circuit) >= WIDE_CHUNK_THRESHOLD;
        tensorSlot = new int[circuit.tensors().size()];
        Arrays.fill(tensorSlot, -1);
        TensorInfo in = circuit.tensor(circuit.input());
        if (in.kind() == TensorInfo.Kind.PRIVATE_INPUT) {
            int v = addSlot("input " + in.name(), in.shape().numVars());
            tensorSlot[in.id()] = v;
            inputSlots = new InputSlots(v, rangeChunks("input " + in.name(), in.shape(), bitsOf(in.hi() - in.lo() + 1), 8));
        }
        TensorInfo out = circuit.tensor(circuit.output());
        limitsSlots = new LimitsSlots(addSlot("input limit inverses (low)", in.shape().numVars()),
                addSlot("input limit inverses (high)", in.shape().numVars()),
                addSlot("output limit inverses (low)", out.shape().numVars()),
                addSlot("output limit inverses (high)", out.shape().numVars()));
        for (int i = 0; i < circuit.layers().size(); i++) {
            declare(circuit, i, circuit.layers().get(i));
        }
        for (TableId t : lookups.keySet()) {
            multiplicitySlot.put(t, addSlot("multiplicities of " + t, tableLogSize(circuit, t)));
        }
        int[] vars = new int[slots.size()];
        for (int i = 0; i < vars.length; i++) {
            vars[i] = slots.get(i).numVars();
        }
        layout = WitnessLayout.of(vars);
    }

    public static WitnessPlan of(Circuit circuit) {
        return new WitnessPlan(circuit);
    }

    /** Bits needed for values in {@code [0, width)}. */
    static int bitsOf(long width) {
        return 64 - Long.numberOfLeadingZeros(Math.max(width - 1, 1));
    }

    private void declare(Circuit circuit, int index, Layer layer) {
        if (layer instanceof RequantLayer r) {
            PaddedShape shape = circuit.tensor(r.x()).shape();
            String name = "layer " + index + " requant";
            Chunks rem = rangeChunks(name + " remainder", shape, r.shift(), chunkWidth(r.shift()));
            Chunks u = rangeChunks(name + " in-range part", shape, r.outBits(), chunkWidth(r.outBits()));
            if (r.hBits() <= 16) {
                // h' is not committed: x and the committed chunks fix it, and its lookup column is that combination
                int c = addSlot(name + " comparison", shape.numVars());
                addLookup(TableId.comparison(r.hBits()), shape, highColumn(r, rem, u), ColumnRef.slot(c));
                requantSlots.put(index, new RequantSlots(rem, u, new int[0], c, -1, -1));
            } else {
                int hLo = addSlot(name + " high part, low bits", shape.numVars());
                int hHi = addSlot(name + " high part, high bits", shape.numVars());
                int cHi = addSlot(name + " comparison of the high bits", shape.numVars());
                int zero = addSlot(name + " low bits are zero", shape.numVars());
                int c = addSlot(name + " comparison", shape.numVars());
                addLookup(TableId.comparison(16), shape, ColumnRef.slot(hHi), ColumnRef.slot(cHi));
                addLookup(TableId.zeroTest(r.hBits() - 16), shape, ColumnRef.slot(hLo), ColumnRef.slot(zero));
                requantSlots.put(index, new RequantSlots(rem, u, new int[] {hLo, hHi}, c, cHi, zero));
            }
        } else if (layer instanceof TableLayer t) {
            TensorInfo y = circuit.tensor(t.y());
            tensorSlot[t.y()] = addSlot("layer " + index + " " + t.function() + " output", y.shape().numVars());
            addLookup(TableId.function(sameTable(circuit, index)), y.shape(), ColumnRef.tensor(t.x()), ColumnRef.slot(tensorSlot[t.y()]));
        } else if (layer instanceof MaxLayer mx) {
            TensorInfo x = circuit.tensor(mx.x());
            TensorInfo y = circuit.tensor(mx.y());
            String name = "layer " + index + " " + mx.kind();
            tensorSlot[mx.y()] = addSlot(name + " output", y.shape().numVars());
            Chunks[] diffs = new Chunks[mx.tapCount()];
            for (int k = 0; k < diffs.length; k++) {
                int bits = bitsOf(x.hi() - x.lo() + 1);
                diffs[k] = rangeChunks(name + " tap " + k + " difference", y.shape(), bits, chunkWidth(bits));
            }
            maxSlots.put(index, new MaxSlots(tensorSlot[mx.y()], diffs));
        } else if (layer instanceof DivLayer d) {
            TensorInfo y = circuit.tensor(d.y());
            TensorInfo b = circuit.tensor(d.b());
            String name = "layer " + index + " div";
            int rBits = bitsOf(b.hi());
            divSlots.put(index, new DivSlots(rangeChunks(name + " quotient", y.shape(), bitsOf(y.hi() - y.lo() + 1), 8),
                    rangeChunks(name + " remainder", y.shape(), rBits, 8), rangeChunks(name + " slack", y.shape(), rBits, 8)));
        }
        // MatMul commits nothing: its output is fixed by its relation.
    }

    /**
     * {@code h' = (x·M + C − Σ_i 2^{wi}·r_i − 2^s·Σ_k 2^{wk}·u_k) / 2^{s+B}} as a linear lookup column: the
     * Requant identity solved for the high part, so that looking it up in the comparison table both checks
     * its range and enforces the identity (no committed h', no identity check at a random point).
     */
    private static ColumnRef highColumn(RequantLayer r, Chunks rem, Chunks u) {
        long inv = Goldilocks.inv(Goldilocks.pow(2, r.shift() + r.outBits()));
        int n = rem.count() + u.count();
        int[] slots = new int[n];
        long[] coefs = new long[n];
        for (int i = 0; i < rem.count(); i++) {
            slots[i] = rem.slots()[i];
            coefs[i] = Goldilocks.neg(Goldilocks.mul(Goldilocks.pow(2, rem.width() * i), inv));
        }
        for (int k = 0; k < u.count(); k++) {
            slots[rem.count() + k] = u.slots()[k];
            coefs[rem.count() + k] = Goldilocks.neg(Goldilocks.mul(Goldilocks.pow(2, r.shift() + u.width() * k), inv));
        }
        long constant = RequantWitness.identityConstant(r.shift(), r.outBits(), r.lo(), r.hBits());
        return ColumnRef.linear(r.x(), Goldilocks.mul(Goldilocks.fromSigned(r.multiplier()), inv), slots, coefs,
                Goldilocks.mul(constant, inv));
    }

    /** The chunk width for values of {@code bits} bits: 16 above 8 bits in a circuit with wide chunks, else 8. */
    private int chunkWidth(int bits) {
        return wideChunks && bits > 8 ? 16 : 8;
    }

    /** Padded entries of Requant and max values of more than 8 bits: what 16-bit chunks would save on. */
    private static long wideEntries(Circuit circuit) {
        long n = 0;
        for (Layer layer : circuit.layers()) {
            if (layer instanceof RequantLayer r) {
                long size = circuit.tensor(r.x()).shape().paddedSize();
                n += (r.shift() > 8 ? size : 0) + (r.outBits() > 8 ? size : 0);
            } else if (layer instanceof MaxLayer mx) {
                TensorInfo x = circuit.tensor(mx.x());
                if (bitsOf(x.hi() - x.lo() + 1) > 8) {
                    n += (long) mx.tapCount() * circuit.tensor(mx.y()).shape().paddedSize();
                }
            }
        }
        return n;
    }

    /**
     * Declares chunks of {@code bits} bits ({@code width}-bit chunks, the last one narrower) and their range
     * lookups; a {@code w}-bit top chunk {@code v} is looked up twice, as {@code v} and {@code 2^{width−w}·v}.
     */
    private Chunks rangeChunks(String name, PaddedShape shape, int bits, int width) {
        TableId table = width == 16 ? TableId.RANGE16 : TableId.RANGE8;
        int n = (bits + width - 1) / width;
        int[] s = new int[n];
        int[] b = new int[n];
        for (int k = 0; k < n; k++) {
            b[k] = Math.min(width, bits - width * k);
            s[k] = addSlot(name + " chunk " + k, shape.numVars());
            addLookup(table, shape, ColumnRef.slot(s[k]));
            if (b[k] < width) {
                addLookup(table, shape, ColumnRef.slot(s[k], 1L << (width - b[k])));
            }
        }
        return new Chunks(s, b, width);
    }

    /**
     * The first table layer with the same table as layer {@code index} (domain and entries): layers that
     * apply one function at the same scales share one lookup table, its multiplicities and its LogUp tree.
     */
    private static int sameTable(Circuit circuit, int index) {
        TableLayer t = (TableLayer) circuit.layers().get(index);
        for (int i = 0; i < index; i++) {
            if (circuit.layers().get(i) instanceof TableLayer u && u.inLo() == t.inLo() && Arrays.equals(u.entries(), t.entries())) {
                return i;
            }
        }
        return index;
    }

    private int addSlot(String name, int numVars) {
        slots.add(new SlotSpec(name, numVars));
        return slots.size() - 1;
    }

    private void addLookup(TableId table, PaddedShape shape, ColumnRef... columns) {
        lookups.computeIfAbsent(table, k -> new ArrayList<>()).add(new LookupGroup(shape, columns));
    }

    private static int tableLogSize(Circuit circuit, TableId t) {
        return switch (t.kind()) {
            case RANGE8 -> 8;
            case RANGE16 -> 16;
            case COMPARISON, ZERO_TEST -> t.layer();
            case FUNCTION -> Integer.numberOfTrailingZeros(((TableLayer) circuit.layers().get(t.layer())).entries().length);
        };
    }

    public List<SlotSpec> slots() {
        return List.copyOf(slots);
    }

    /** Slot {@code i} (without copying the list). */
    public SlotSpec slot(int i) {
        return slots.get(i);
    }

    public int slotCount() {
        return slots.size();
    }

    /** The slot holding a committed tensor, or -1. */
    public int tensorSlot(int tensor) {
        return tensorSlot[tensor];
    }

    public Map<TableId, List<LookupGroup>> lookups() {
        return lookups;
    }

    public int multiplicitySlot(TableId table) {
        return multiplicitySlot.get(table);
    }

    public RequantSlots requantSlots(int layer) {
        return requantSlots.get(layer);
    }

    public DivSlots divSlots(int layer) {
        return divSlots.get(layer);
    }

    public MaxSlots maxSlots(int layer) {
        return maxSlots.get(layer);
    }

    /** The private input's slots, or null if the input is public. */
    public LimitsSlots limitsSlots() {
        return limitsSlots;
    }

    public InputSlots inputSlots() {
        return inputSlots;
    }

    public WitnessLayout layout() {
        return layout;
    }
}
