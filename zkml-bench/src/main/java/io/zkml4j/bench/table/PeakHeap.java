package io.zkml4j.bench.table;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The heap's peak while some work runs, from the JVM's own per-pool peak counters: a full GC first (so the
 * figure starts from live data only), then every heap pool's peak is reset, the work runs, and the figure
 * is the sum over heap pools of their peak usage. Pools peak at different moments, so the sum is an upper
 * bound on the true peak; it includes whatever was live before (the proving key, the model).
 */
final class PeakHeap {
    private PeakHeap() {
    }

    /** Runs {@code work} and returns the peak heap in bytes. */
    static <E extends Exception> long during(ThrowingRunnable<E> work) throws E {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        System.gc();
        for (MemoryPoolMXBean p : pools) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                p.resetPeakUsage();
            }
        }
        work.run();
        long sum = 0;
        for (MemoryPoolMXBean p : pools) {
            if (p.getType() == MemoryType.HEAP && p.isValid() && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Work that may throw a checked exception. */
    @FunctionalInterface
    interface ThrowingRunnable<E extends Exception> {
        void run() throws E;
    }
}
