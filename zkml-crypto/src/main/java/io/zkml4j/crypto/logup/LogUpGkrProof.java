package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.sumcheck.SumcheckProof;

import java.util.ArrayList;
import java.util.List;

/**
 * A LogUp-GKR proof for one or more tables: per table the roots of its trees (its witness groups' and its
 * own), then one descent for all trees together (see {@link LogUpGkr}), then per table its groups' column
 * values at their leaf points.
 *
 * <p>Trees are numbered across tables: table 0's groups then table 0's own tree, then table 1's, and so on.
 * Encoding: every part's roots ({@code (P, Q)} per tree, in tree order); per step k = 1..K (K the deepest
 * tree) the sumcheck over k−1 variables and, count-prefixed, the child values of every tree at least k deep,
 * in tree order (2 at a unit-leaf layer, else 4); then every part's groups' column values (count-prefixed).
 * Every count follows from the tables and the group sizes, which the verifier knows.
 *
 * @param parts one per table
 * @param steps the descent, step k at index k−1
 */
public record LogUpGkrProof(List<Part> parts, List<Step> steps) {

    /**
     * One table's part.
     *
     * @param groupRoots per witness group its root {@code (P, Q)}
     * @param tableRoot the table tree's root {@code (P, Q)}
     * @param groupColumnValues per witness group its {@code arity} column values at its leaf point
     */
    public record Part(List<Ext[]> groupRoots, Ext[] tableRoot, List<Ext[]> groupColumnValues) {
        public Part {
            if (groupRoots == null || tableRoot == null || groupColumnValues == null) {
                throw new IllegalArgumentException("null proof part");
            }
            groupRoots = copies(groupRoots);
            tableRoot = tableRoot.clone();
            groupColumnValues = copies(groupColumnValues);
        }

        @Override
        public Ext[] tableRoot() {
            return tableRoot.clone();
        }
    }

    /** Descent step k: the sumcheck over k−1 variables and the child values of each tree at least k deep. */
    public record Step(SumcheckProof sumcheck, List<Ext[]> childValues) {
        public Step {
            if (sumcheck == null || childValues == null) {
                throw new IllegalArgumentException("null step part");
            }
            childValues = copies(childValues);
        }
    }

    /**
     * The shape of one table's lookups, as the verifier knows it: the table, its groups' sizes, which groups
     * have selectors, and the name rejections use for it (null: "LogUp-GKR", or "LogUp-GKR lookup i" among several).
     */
    public record Shape(LookupTable table, int[] groupLogSizes, boolean[] selected, String name) {
        public Shape {
            if (selected.length != groupLogSizes.length) {
                throw new IllegalArgumentException(selected.length + " selector flags for " + groupLogSizes.length + " groups");
            }
            groupLogSizes = groupLogSizes.clone();
            selected = selected.clone();
        }

        public Shape(LookupTable table, int[] groupLogSizes, boolean[] selected) {
            this(table, groupLogSizes, selected, null);
        }

        /** Trees of this table: its groups' and its own. */
        int trees() {
            return groupLogSizes.length + 1;
        }

        /** Depth of tree j of this table (its groups first, then the table's). */
        int depth(int j) {
            return j < groupLogSizes.length ? groupLogSizes[j] : table.logSize();
        }

        /** Whether tree j's leaf numerators are all 1 (a group without a selector). */
        boolean unitLeaves(int j) {
            return j < groupLogSizes.length && !selected[j];
        }
    }

    public LogUpGkrProof {
        if (parts == null || steps == null) {
            throw new IllegalArgumentException("null proof part");
        }
        parts = List.copyOf(parts);
        steps = List.copyOf(steps);
    }

    /** A proof for one table: its only part. */
    public Part part() {
        if (parts.size() != 1) {
            throw new IllegalStateException("a proof for " + parts.size() + " tables");
        }
        return parts.get(0);
    }

    public void writeTo(ProofWriter w) {
        for (Part p : parts) {
            for (Ext[] root : p.groupRoots) {
                w.writeExt(root[0]).writeExt(root[1]);
            }
            w.writeExt(p.tableRoot[0]).writeExt(p.tableRoot[1]);
        }
        for (Step s : steps) {
            s.sumcheck().writeTo(w);
            for (Ext[] children : s.childValues) {
                w.writeExtArray(children);
            }
        }
        for (Part p : parts) {
            for (Ext[] values : p.groupColumnValues) {
                w.writeExtArray(values);
            }
        }
    }

    /** Reads a proof for {@code table} and witness groups of {@code 2^groupLogSizes[g]} rows, none selected. */
    public static LogUpGkrProof readFrom(ProofReader r, LookupTable table, int[] groupLogSizes)
            throws ProofRejectedException {
        return readFrom(r, table, groupLogSizes, new boolean[groupLogSizes.length]);
    }

    /** As above, where {@code selected[g]} says group g has a selector (its leaves carry numerators). */
    public static LogUpGkrProof readFrom(ProofReader r, LookupTable table, int[] groupLogSizes, boolean[] selected)
            throws ProofRejectedException {
        return readFrom(r, List.of(new Shape(table, groupLogSizes, selected)));
    }

    /** Reads a proof for the lookups of these tables. */
    public static LogUpGkrProof readFrom(ProofReader r, List<Shape> shapes) throws ProofRejectedException {
        int deepest = 0;
        List<List<Ext[]>> roots = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            Shape shape = shapes.get(i);
            LogUpGkr.checkTable(shape.table());
            LogUpGkr.checkGroupLogSizes(shape.groupLogSizes());
            List<Ext[]> treeRoots = new ArrayList<>();
            for (int j = 0; j < shape.trees(); j++) {
                String name = name(shapes, i, j);
                treeRoots.add(new Ext[] {r.readExt(name + " root numerator"), r.readExt(name + " root denominator")});
                deepest = Math.max(deepest, shape.depth(j));
            }
            roots.add(treeRoots);
        }
        List<Step> steps = new ArrayList<>(deepest);
        for (int k = 1; k <= deepest; k++) {
            SumcheckProof sumcheck = SumcheckProof.readFrom(r, k - 1, LogUpGkr.LAYER_DEGREE);
            List<Ext[]> children = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                Shape shape = shapes.get(i);
                for (int j = 0; j < shape.trees(); j++) {
                    int depth = shape.depth(j);
                    if (depth >= k) {
                        int count = LogUpGkr.layerTableCount(shape.unitLeaves(j) && k == depth);
                        children.add(r.readExtArray(name(shapes, i, j) + " layer " + k + " child values", count));
                    }
                }
            }
            steps.add(new Step(sumcheck, children));
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            Shape shape = shapes.get(i);
            int groups = shape.groupLogSizes().length;
            List<Ext[]> values = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                values.add(r.readExtArray(name(shapes, i, g) + " column values", shape.table().arity()));
            }
            List<Ext[]> treeRoots = roots.get(i);
            parts.add(new Part(treeRoots.subList(0, groups), treeRoots.get(groups), values));
        }
        return new LogUpGkrProof(parts, steps);
    }

    /** How rejections name tree j of table i: "NAME group g" or "NAME table", NAME its {@link #label} or "LogUp-GKR". */
    static String name(List<Shape> shapes, int i, int j) {
        String label = label(shapes, i);
        return (label != null ? label : "LogUp-GKR") + (j < shapes.get(i).groupLogSizes().length ? " group " + j : " table");
    }

    /** Table i's name in rejections: its {@link Shape#name}, "LogUp-GKR lookup i" among several, or null for a lone unnamed one. */
    static String label(List<Shape> shapes, int i) {
        Shape shape = shapes.get(i);
        return shape.name() != null ? shape.name() : shapes.size() > 1 ? "LogUp-GKR lookup " + i : null;
    }

    private static List<Ext[]> copies(List<Ext[]> xs) {
        List<Ext[]> out = new ArrayList<>(xs.size());
        for (Ext[] x : xs) {
            out.add(x.clone());
        }
        return List.copyOf(out);
    }
}
