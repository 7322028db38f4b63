package io.zkml4j.bench;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.parallel.Parallelism;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sumcheck prover over 2^logSize entries: a degree-2 product of two base-field tables (the Gemm shape),
 * and a degree-3 product {@code eq(ρ, x)·a(x)·b(x)} with the eq factor declared (elementwise Mul, GKR).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class SumcheckBench {
    @Param({"20"})
    public int logSize;

    /** 0 = every core the common pool has, 1 = the single-thread path. */
    @Param({"0", "1"})
    public int threads;

    private SumcheckInstance product;
    private SumcheckInstance eqProduct;
    private Parallelism parallelism;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        MultilinearTable a = MultilinearTable.base(randomBase(rnd, 1 << logSize));
        MultilinearTable b = MultilinearTable.base(randomBase(rnd, 1 << logSize));
        Ext[] rho = new Ext[logSize];
        for (int i = 0; i < logSize; i++) {
            rho[i] = Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
        }
        product = SumcheckInstance.of(SumOfProducts.product(2), a, b);
        eqProduct = SumcheckInstance.withEq(rho, SumOfProducts.product(2), a, b);
        parallelism = threads == 0 ? Parallelism.available() : new Parallelism(threads);
    }

    static long[] randomBase(SplittableRandom rnd, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = Goldilocks.reduce(rnd.nextLong());
        }
        return v;
    }

    @Benchmark
    public SumcheckProver.Result productDegree2() {
        return SumcheckProver.prove(product, new Transcript("bench"), parallelism);
    }

    @Benchmark
    public SumcheckProver.Result eqProductDegree3() {
        return SumcheckProver.prove(eqProduct, new Transcript("bench"), parallelism);
    }
}
