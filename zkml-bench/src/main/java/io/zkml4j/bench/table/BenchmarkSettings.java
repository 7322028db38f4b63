package io.zkml4j.bench.table;

import io.zkml4j.prover.SecurityLevel;

/**
 * How a model is measured: {@code warmupRuns} unmeasured prove/verify runs (JIT warm-up), then
 * {@code measuredRuns} measured ones whose median is reported; the integer inference is run
 * {@code INFERENCE_RUNS_PER_RUN} times as often, being much faster. {@code zeroKnowledge}: hiding keys
 * (the default) or {@code --no-zk} ones.
 */
public record BenchmarkSettings(int warmupRuns, int measuredRuns, SecurityLevel security, boolean zeroKnowledge) {
    public static final BenchmarkSettings DEFAULT = new BenchmarkSettings(2, 5, SecurityLevel.STANDARD, true);
    static final int INFERENCE_RUNS_PER_RUN = 10;

    public BenchmarkSettings(int warmupRuns, int measuredRuns, SecurityLevel security) {
        this(warmupRuns, measuredRuns, security, true);
    }

    /** The opening budget of the keys measured: the default one, or more if the runs need it; 0 without hiding. */
    public int openingBudget() {
        return zeroKnowledge ? Math.max(io.zkml4j.prover.ProvingKey.DEFAULT_BUDGET, warmupRuns + measuredRuns) : 0;
    }

    public BenchmarkSettings {
        if (warmupRuns < 0 || warmupRuns > 100) {
            throw new IllegalArgumentException("warm-up runs must be between 0 and 100, got " + warmupRuns);
        }
        if (measuredRuns < 1 || measuredRuns > 1000) {
            throw new IllegalArgumentException("measured runs must be between 1 and 1000, got " + measuredRuns);
        }
        if (zeroKnowledge && warmupRuns + measuredRuns > io.zkml4j.prover.engine.Hiding.MAX_BUDGET) {
            throw new IllegalArgumentException("with hiding keys at most " + io.zkml4j.prover.engine.Hiding.MAX_BUDGET
                    + " runs fit one key's opening budget, got " + (warmupRuns + measuredRuns));
        }
    }
}
