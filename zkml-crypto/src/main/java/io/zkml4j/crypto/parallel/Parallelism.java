package io.zkml4j.crypto.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * How many threads a prover loop may use. A loop over {@code n} items is cut into contiguous chunks;
 * with one thread, or when the work is too small to split, the body runs once on the calling thread
 * over the whole range (the single-thread path has no task overhead). Otherwise the chunks run on the
 * common {@link ForkJoinPool}. Chunk boundaries depend only on {@code n}, the grain and the thread
 * count, so a reduction that combines per-chunk partial results in chunk order is deterministic.
 */
public record Parallelism(int threads) {
    /** Everything on the calling thread. */
    public static final Parallelism SEQUENTIAL = new Parallelism(1);

    public Parallelism {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /**
     * The common fork-join pool's workers plus the calling thread, which runs chunks too while it waits
     * (the pool has one worker fewer than there are processors, so this is every processor).
     */
    public static Parallelism available() {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism() + 1);
        return new Parallelism(Math.max(1, threads));
    }

    /** The body of a chunked loop: handles items {@code [from, to)} as chunk number {@code chunk}. */
    @FunctionalInterface
    public interface ChunkBody {
        void run(int chunk, int from, int to);
    }

    /**
     * How many chunks a loop over {@code n} items uses when no chunk should be smaller than
     * {@code grain}: 1 when single-threaded or small, else up to four per thread (for load balance on a
     * shared machine).
     */
    public int chunkCount(int n, int grain) {
        if (threads == 1 || n < 2 * grain) {
            return 1;
        }
        return (int) Math.min(4L * threads, n / grain);
    }

    /** Runs {@code body} over {@code [0, n)} cut into {@code chunks} near-equal contiguous chunks. */
    public void run(int n, int chunks, ChunkBody body) {
        if (chunks <= 1) {
            body.run(0, 0, n);
            return;
        }
        List<ForkJoinTask<?>> tasks = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            int chunk = c;
            tasks.add(ForkJoinTask.adapt(() -> body.run(chunk, from, to)));
        }
        ForkJoinTask.invokeAll(tasks);
    }
}
