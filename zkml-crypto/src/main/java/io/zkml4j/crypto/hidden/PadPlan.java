package io.zkml4j.crypto.hidden;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;

import java.util.Arrays;

/**
 * The entries of a pad commitment, in the order the verifier names them ({@link HiddenChecks}): entry
 * {@code i} is a pad when {@code left[i] = right[i] = -1}, else the product {@code P[left[i]]·P[right[i]]}
 * of two earlier entries. It depends only on the circuit, so the prover learns it once (by running the
 * verifier on a proof made without pads) and commits to entries in this order in every proof.
 */
public record PadPlan(int[] left, int[] right) {
    /** Entries of the largest plan a file may hold. */
    public static final int MAX_ENTRIES = 1 << 26;

    public PadPlan {
        if (left.length != right.length) {
            throw new IllegalArgumentException("a pad plan needs as many left as right indices");
        }
        for (int i = 0; i < left.length; i++) {
            boolean pad = left[i] == -1 && right[i] == -1;
            boolean product = left[i] >= 0 && left[i] <= right[i] && right[i] < i;
            if (!pad && !product) {
                throw new IllegalArgumentException("pad plan entry " + i + " is neither a pad nor a product of earlier entries");
            }
        }
        left = left.clone();
        right = right.clone();
    }

    public int size() {
        return left.length;
    }

    public boolean isPad(int i) {
        return left[i] < 0;
    }

    public int padCount() {
        int n = 0;
        for (int l : left) {
            n += l < 0 ? 1 : 0;
        }
        return n;
    }

    public int productCount() {
        return size() - padCount();
    }

    public int left(int i) {
        return left[i];
    }

    public int right(int i) {
        return right[i];
    }

    @Override
    public int[] left() {
        return left.clone();
    }

    @Override
    public int[] right() {
        return right.clone();
    }

    public void writeTo(ProofWriter w) {
        w.writeInt(left.length);
        for (int i = 0; i < left.length; i++) {
            w.writeInt(left[i]).writeInt(right[i]);
        }
    }

    public static PadPlan readFrom(ProofReader r) throws ProofRejectedException {
        int n = r.readCount("pad plan entries", MAX_ENTRIES);
        int[] left = new int[n];
        int[] right = new int[n];
        for (int i = 0; i < n; i++) {
            left[i] = r.readInt("pad plan entry");
            right[i] = r.readInt("pad plan entry");
        }
        try {
            return new PadPlan(left, right);
        } catch (IllegalArgumentException e) {
            throw new ProofRejectedException("malformed pad plan: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PadPlan p && Arrays.equals(left, p.left) && Arrays.equals(right, p.right);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(left) + Arrays.hashCode(right);
    }

    @Override
    public String toString() {
        return "PadPlan[" + padCount() + " pads, " + productCount() + " products]";
    }
}
