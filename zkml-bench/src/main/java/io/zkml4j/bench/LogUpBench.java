package io.zkml4j.bench;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.logup.LogUpGkrClaims;
import io.zkml4j.crypto.logup.LogUpGkrProof;
import io.zkml4j.crypto.logup.LogUpGkrProver;
import io.zkml4j.crypto.logup.LogUpGkrVerifier;
import io.zkml4j.crypto.logup.LookupTable;
import io.zkml4j.crypto.logup.RangeTable;
import io.zkml4j.crypto.parallel.Parallelism;
import io.zkml4j.crypto.transcript.Transcript;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** LogUp-GKR: 2^logLookups values range-checked against [0, 2^8), prove and verify. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class LogUpBench {
    @Param({"20"})
    public int logLookups;

    /** 0 = every core the common pool has, 1 = the single-thread path. */
    @Param({"0", "1"})
    public int threads;

    private final LookupTable table = new RangeTable(8);
    private List<long[][]> groups;
    private long[] multiplicities;
    private Parallelism parallelism;
    private LogUpGkrProof proof;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] column = new long[1 << logLookups];
        for (int i = 0; i < column.length; i++) {
            column[i] = rnd.nextInt(256);
        }
        groups = List.<long[][]>of(new long[][] {column});
        multiplicities = LookupTable.multiplicities(table, groups);
        parallelism = threads == 0 ? Parallelism.available() : new Parallelism(threads);
        proof = prove().proof();
    }

    @Benchmark
    public LogUpGkrProver.Result prove() {
        return LogUpGkrProver.prove(table, groups, multiplicities, new Transcript("bench"), parallelism);
    }

    @Benchmark
    public LogUpGkrClaims verify() throws ProofRejectedException {
        return LogUpGkrVerifier.verify(table, new int[] {logLookups}, proof, new Transcript("bench"));
    }
}
