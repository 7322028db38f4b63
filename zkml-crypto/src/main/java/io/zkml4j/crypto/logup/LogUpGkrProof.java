package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.sumcheck.SumcheckProof;

import java.util.ArrayList;
import java.util.List;

/**
 * A LogUp-GKR proof: one fraction tree per witness group (with the group's column values at the end
 * point), then the table's tree. Encoding, in that order: for each group its {@link Tree}, then its
 * {@code arity} column values (count-prefixed); then the table's tree. Every count follows from the
 * table and the group sizes, which the verifier knows.
 */
public record LogUpGkrProof(List<Tree> groupTrees, List<Ext[]> groupColumnValues, Tree tableTree) {

    /** One descent step from layer k-1 to layer k: the sumcheck and the child values at its point. */
    public record Layer(SumcheckProof sumcheck, Ext[] childValues) {
        public Layer {
            if (sumcheck == null || childValues == null) {
                throw new IllegalArgumentException("null layer part");
            }
            childValues = childValues.clone();
        }

        @Override
        public Ext[] childValues() {
            return childValues.clone();
        }
    }

    /** A fraction tree: its root {@code P/Q} and the layers from the root down to the leaves. */
    public record Tree(Ext rootNumerator, Ext rootDenominator, List<Layer> layers) {
        public Tree {
            if (rootNumerator == null || rootDenominator == null || layers == null) {
                throw new IllegalArgumentException("null tree part");
            }
            layers = List.copyOf(layers);
        }

        void writeTo(ProofWriter w) {
            w.writeExt(rootNumerator).writeExt(rootDenominator);
            for (Layer l : layers) {
                l.sumcheck().writeTo(w);
                w.writeExtArray(l.childValues);
            }
        }

        static Tree readFrom(ProofReader r, int numVars, boolean unitLeaves, String name) throws ProofRejectedException {
            Ext p = r.readExt(name + " root numerator");
            Ext q = r.readExt(name + " root denominator");
            List<Layer> layers = new ArrayList<>(numVars);
            for (int k = 1; k <= numVars; k++) {
                SumcheckProof s = SumcheckProof.readFrom(r, k - 1, LogUpGkr.LAYER_DEGREE);
                int children = unitLeaves && k == numVars ? 2 : 4;
                layers.add(new Layer(s, r.readExtArray(name + " layer " + k + " child values", children)));
            }
            return new Tree(p, q, layers);
        }
    }

    public LogUpGkrProof {
        if (groupTrees == null || groupColumnValues == null || tableTree == null) {
            throw new IllegalArgumentException("null proof part");
        }
        groupTrees = List.copyOf(groupTrees);
        List<Ext[]> copies = new ArrayList<>();
        for (Ext[] v : groupColumnValues) {
            copies.add(v.clone());
        }
        groupColumnValues = List.copyOf(copies);
    }

    public void writeTo(ProofWriter w) {
        for (int g = 0; g < groupTrees.size(); g++) {
            groupTrees.get(g).writeTo(w);
            w.writeExtArray(groupColumnValues.get(g));
        }
        tableTree.writeTo(w);
    }

    /** Reads a proof for {@code table} and witness groups of {@code 2^groupLogSizes[g]} rows, none selected. */
    public static LogUpGkrProof readFrom(ProofReader r, LookupTable table, int[] groupLogSizes)
            throws ProofRejectedException {
        return readFrom(r, table, groupLogSizes, new boolean[groupLogSizes.length]);
    }

    /** As above, where {@code selected[g]} says group g has a selector (its leaves carry numerators). */
    public static LogUpGkrProof readFrom(ProofReader r, LookupTable table, int[] groupLogSizes, boolean[] selected)
            throws ProofRejectedException {
        if (selected.length != groupLogSizes.length) {
            throw new IllegalArgumentException(selected.length + " selector flags for " + groupLogSizes.length + " groups");
        }
        LogUpGkr.checkTable(table);
        LogUpGkr.checkGroupLogSizes(groupLogSizes);
        List<Tree> trees = new ArrayList<>();
        List<Ext[]> values = new ArrayList<>();
        for (int g = 0; g < groupLogSizes.length; g++) {
            trees.add(Tree.readFrom(r, groupLogSizes[g], !selected[g], "LogUp-GKR group " + g));
            values.add(r.readExtArray("LogUp-GKR group " + g + " column values", table.arity()));
        }
        Tree tableTree = Tree.readFrom(r, table.logSize(), false, "LogUp-GKR table");
        return new LogUpGkrProof(trees, values, tableTree);
    }
}
