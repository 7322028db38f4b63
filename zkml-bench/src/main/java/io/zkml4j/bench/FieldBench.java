package io.zkml4j.bench;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.field.Unreduced;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Goldilocks and extension arithmetic, per operation. Each benchmark runs one operation over arrays of
 * {@link #N} independent random inputs, so the figure is throughput per operation (target for base-field
 * multiplication: at most 2 ns/op); {@code mulChain} is the latency of dependent multiplications.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FieldBench {
    static final int N = 1024;

    long[] a;
    long[] b;
    long[] out;
    long[] extA;
    long[] extB;
    long[] extOut;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(1);
        a = new long[N];
        b = new long[N];
        out = new long[N];
        extA = new long[2 * N];
        extB = new long[2 * N];
        extOut = new long[2 * N];
        for (int i = 0; i < N; i++) {
            a[i] = Goldilocks.reduce(rnd.nextLong());
            b[i] = Goldilocks.reduce(rnd.nextLong());
        }
        for (int i = 0; i < 2 * N; i++) {
            extA[i] = Goldilocks.reduce(rnd.nextLong());
            extB[i] = Goldilocks.reduce(rnd.nextLong());
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] mul() {
        long[] x = a, y = b, o = out;
        for (int i = 0; i < N; i++) {
            o[i] = Goldilocks.mul(x[i], y[i]);
        }
        return o;
    }

    /** The NTT's multiplication: unreduced representatives, no final comparison with p. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long[] mulUnreduced() {
        long[] x = a, y = b, o = out;
        for (int i = 0; i < N; i++) {
            o[i] = Unreduced.mul(x[i], y[i]);
        }
        return o;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long mulChain() {
        long acc = 1;
        long[] x = a;
        for (int i = 0; i < N; i++) {
            acc = Goldilocks.mul(acc, x[i]);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] add() {
        long[] x = a, y = b, o = out;
        for (int i = 0; i < N; i++) {
            o[i] = Goldilocks.add(x[i], y[i]);
        }
        return o;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] sub() {
        long[] x = a, y = b, o = out;
        for (int i = 0; i < N; i++) {
            o[i] = Goldilocks.sub(x[i], y[i]);
        }
        return o;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] extMul() {
        long[] x = extA, y = extB, o = extOut;
        for (int i = 0; i < 2 * N; i += 2) {
            long a0 = x[i], a1 = x[i + 1], b0 = y[i], b1 = y[i + 1];
            o[i] = Ext.mulC0(a0, a1, b0, b1);
            o[i + 1] = Ext.mulC1(a0, a1, b0, b1);
        }
        return o;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] extMulBase() {
        long[] x = extA, y = b, o = extOut;
        for (int i = 0; i < N; i++) {
            long s = y[i];
            o[2 * i] = Goldilocks.mul(x[2 * i], s);
            o[2 * i + 1] = Goldilocks.mul(x[2 * i + 1], s);
        }
        return o;
    }

    @Benchmark
    public long inverse() {
        return Goldilocks.inv(a[7]);
    }
}
