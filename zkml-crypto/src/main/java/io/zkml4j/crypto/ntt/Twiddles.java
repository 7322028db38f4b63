package io.zkml4j.crypto.ntt;

import io.zkml4j.crypto.field.Goldilocks;

/**
 * Twiddle factors shared by every transform size. Entry {@code h + j} (for a power of two {@code h} and
 * {@code 0 <= j < h}) holds {@code ω_{2h}^j}, the twiddle of butterfly {@code j} in a stage whose blocks
 * have half-size {@code h}. The entries do not depend on the transform size, so one table of {@code 2^k}
 * entries serves every size up to {@code 2^k}, and each stage reads its twiddles sequentially. The table
 * grows on demand and is published through a volatile field; readers never see a partial table.
 */
final class Twiddles {
    private static volatile long[] forward = {0, 1};
    private static volatile long[] inverse = {0, 1};

    private Twiddles() {}

    /** A table of {@code ω_{2h}^j} covering transforms of size up to {@code 2^logN}. */
    static long[] forward(int logN) {
        ensure(logN);
        return forward;
    }

    /** A table of {@code ω_{2h}^{-j}} covering transforms of size up to {@code 2^logN}. */
    static long[] inverse(int logN) {
        ensure(logN); // grow() publishes inverse before forward, so a large enough forward implies inverse
        return inverse;
    }

    private static void ensure(int logN) {
        if (forward.length < (1 << logN)) {
            grow(logN);
        }
    }

    private static synchronized void grow(int logN) {
        int n = 1 << logN;
        if (forward.length >= n) {
            return;
        }
        long[] fw = new long[n];
        long[] iw = new long[n];
        for (int logH = 0; (1 << logH) < n; logH++) {
            int h = 1 << logH;
            long w = Goldilocks.rootOfUnity(logH + 1);
            long wInv = Goldilocks.inv(w);
            fw[h] = 1;
            iw[h] = 1;
            for (int j = 1; j < h; j++) {
                fw[h + j] = Goldilocks.mul(fw[h + j - 1], w);
                iw[h + j] = Goldilocks.mul(iw[h + j - 1], wInv);
            }
        }
        inverse = iw;
        forward = fw;
    }
}
