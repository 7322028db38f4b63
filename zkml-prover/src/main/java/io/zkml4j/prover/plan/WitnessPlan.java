package io.zkml4j.prover.plan;

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

    /** A value split into chunks of at most 8 bits, each a committed vector. */
    public record Chunks(int[] slots, int[] bits) {
        public int count() {
            return slots.length;
        }
    }

    /** The committed vectors of one Requant layer. */
    /**
     * The committed vectors of one Requant layer. The high part h' is one vector (comparison tables up to
     * 16 bits) or two, {@code h' = hLo + 2^L·hHi} (24 and 32 bits: {@code L = hBits − 16}), with the comparison
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

    private WitnessPlan(Circuit circuit) {
        tensorSlot = new int[circuit.tensors().size()];
        Arrays.fill(tensorSlot, -1);
        TensorInfo in = circuit.tensor(circuit.input());
        if (in.kind() == TensorInfo.Kind.PRIVATE_INPUT) {
            int v = addSlot("input " + in.name(), in.shape().numVars());
            tensorSlot[in.id()] = v;
            inputSlots = new InputSlots(v, rangeChunks("input " + in.name(), in.shape(), bitsOf(in.hi() - in.lo() + 1)));
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
            Chunks rem = rangeChunks(name + " remainder", shape, r.shift());
            Chunks u = rangeChunks(name + " in-range part", shape, r.outBits());
            if (r.hBits() <= 16) {
                int h = addSlot(name + " high part", shape.numVars());
                int c = addSlot(name + " comparison", shape.numVars());
                addLookup(TableId.comparison(r.hBits()), shape, ColumnRef.slot(h), ColumnRef.slot(c));
                requantSlots.put(index, new RequantSlots(rem, u, new int[] {h}, c, -1, -1));
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
                diffs[k] = rangeChunks(name + " tap " + k + " difference", y.shape(), bitsOf(x.hi() - x.lo() + 1));
            }
            maxSlots.put(index, new MaxSlots(tensorSlot[mx.y()], diffs));
        } else if (layer instanceof DivLayer d) {
            TensorInfo y = circuit.tensor(d.y());
            TensorInfo b = circuit.tensor(d.b());
            String name = "layer " + index + " div";
            int rBits = bitsOf(b.hi());
            divSlots.put(index, new DivSlots(rangeChunks(name + " quotient", y.shape(), bitsOf(y.hi() - y.lo() + 1)),
                    rangeChunks(name + " remainder", y.shape(), rBits), rangeChunks(name + " slack", y.shape(), rBits)));
        }
        // MatMul commits nothing: its output is fixed by its relation.
    }

    /** Declares chunks of {@code bits} bits (8-bit chunks, the last one narrower) and their range lookups. */
    private Chunks rangeChunks(String name, PaddedShape shape, int bits) {
        int n = (bits + 7) / 8;
        int[] s = new int[n];
        int[] b = new int[n];
        for (int k = 0; k < n; k++) {
            b[k] = Math.min(8, bits - 8 * k);
            s[k] = addSlot(name + " chunk " + k, shape.numVars());
            addLookup(TableId.RANGE8, shape, ColumnRef.slot(s[k]));
            if (b[k] < 8) {
                addLookup(TableId.RANGE8, shape, ColumnRef.slot(s[k], 1L << (8 - b[k])));
            }
        }
        return new Chunks(s, b);
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
            case COMPARISON, ZERO_TEST -> t.layer();
            case FUNCTION -> Integer.numberOfTrailingZeros(((TableLayer) circuit.layers().get(t.layer())).entries().length);
        };
    }

    public List<SlotSpec> slots() {
        return List.copyOf(slots);
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
