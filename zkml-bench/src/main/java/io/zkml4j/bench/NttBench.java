package io.zkml4j.bench;

import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.ntt.Ntt;
import io.zkml4j.crypto.ntt.ReedSolomon;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

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

/**
 * Number-theoretic transforms of {@code 2^logN} elements, in place (the array is transformed again and
 * again; its contents stay uniformly random), and the rate-1/4 Reed–Solomon encoding of a
 * {@code 2^(logN-2)}-element message into {@code 2^logN} positions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NttBench {
    @Param({"14", "16", "18", "20"})
    public int logN;

    long[] data;
    long[] message;
    long[] codeword;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(logN);
        data = new long[1 << logN];
        for (int i = 0; i < data.length; i++) {
            data[i] = Goldilocks.reduce(rnd.nextLong());
        }
        message = new long[1 << (logN - 2)];
        for (int i = 0; i < message.length; i++) {
            message[i] = Goldilocks.reduce(rnd.nextLong());
        }
        codeword = new long[1 << logN];
    }

    /** Natural order in and out (includes the bit-reversal permutation). */
    @Benchmark
    public long[] forward() {
        Ntt.forward(data, 0, logN);
        return data;
    }

    /** The decimation-in-frequency core alone: natural order in, bit-reversed out. */
    @Benchmark
    public long[] forwardToBitReversed() {
        Ntt.forwardToBitReversed(data, 0, logN);
        return data;
    }

    @Benchmark
    public long[] inverse() {
        Ntt.inverse(data, 0, logN);
        return data;
    }

    @Benchmark
    public long[] cosetForward() {
        Ntt.cosetForward(data, 0, logN, Goldilocks.GENERATOR);
        return data;
    }

    /** Rate-1/4 encoding: 4 coset transforms of a quarter of the size. */
    @Benchmark
    public long[] reedSolomonEncode() {
        ReedSolomon.encode(message, 0, logN - 2, 2, codeword, 0);
        return codeword;
    }
}
