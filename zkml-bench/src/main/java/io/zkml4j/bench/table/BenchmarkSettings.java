package io.zkml4j.bench.table;

import io.zkml4j.prover.SecurityLevel;

/**
 * How a model is measured: {@code warmupRuns} unmeasured prove/verify runs (JIT warm-up), then
 * {@code measuredRuns} measured ones whose median is reported; the integer inference is run
 * {@code INFERENCE_RUNS_PER_RUN} times as often, being much faster.
 */
public record BenchmarkSettings(int warmupRuns, int measuredRuns, SecurityLevel security) {
    public static final BenchmarkSettings DEFAULT = new BenchmarkSettings(2, 5, SecurityLevel.STANDARD);
    static final int INFERENCE_RUNS_PER_RUN = 10;

    public BenchmarkSettings {
        if (warmupRuns < 0 || warmupRuns > 100) {
            throw new IllegalArgumentException("warm-up runs must be between 0 and 100, got " + warmupRuns);
        }
        if (measuredRuns < 1 || measuredRuns > 1000) {
            throw new IllegalArgumentException("measured runs must be between 1 and 1000, got " + measuredRuns);
        }
    }
}
