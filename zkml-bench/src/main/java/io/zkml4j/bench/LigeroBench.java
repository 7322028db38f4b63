package io.zkml4j.bench;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.pcs.PolynomialCommitment.Opening;
import io.zkml4j.crypto.pcs.ligero.Ligero;
import io.zkml4j.crypto.pcs.ligero.LigeroParameters;
import io.zkml4j.crypto.pcs.ligero.LigeroProof;
import io.zkml4j.crypto.pcs.ligero.LigeroProverData;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Ligero commitment ({@link LigeroParameters#SECURE_100}) on one multilinear polynomial of
 * {@code 2^logSize} random field elements: commit on 1 and 2 threads (targets at 2^20: 200 ms and
 * 120 ms), open, and verify. The proof size and security level are printed at setup (target at 2^20:
 * at most 450 KiB at 100 bits or more).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
public class LigeroBench {

    /** A committed polynomial, a point, and an honest opening of it. */
    @State(Scope.Benchmark)
    public static class Input {
        @Param({"20"})
        public int logSize;

        Ligero ligero;
        long[] table;
        Ext[] point;
        LigeroProverData data;
        Opening<LigeroProof> opening;

        @Setup(Level.Trial)
        public void setup() {
            SplittableRandom rnd = new SplittableRandom(logSize);
            table = new long[1 << logSize];
            for (int i = 0; i < table.length; i++) {
                table[i] = Goldilocks.reduce(rnd.nextLong());
            }
            point = new Ext[logSize];
            for (int i = 0; i < logSize; i++) {
                point[i] = Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
            }
            ligero = new Ligero(LigeroParameters.SECURE_100);
            data = ligero.commit(List.of(table));
            opening = ligero.open(data, point, new Transcript("zkml4j/bench"));
            int bytes = opening.proof().sizeBytes();
            System.out.printf("%nLigero 2^%d: %s, matrix %d x %d, proof %d bytes = %.1f KiB%n", logSize,
                    ligero.parameters(), 1 << (logSize - data.commitment().columnsLog()),
                    1 << data.commitment().columnsLog(), bytes, bytes / 1024.0);
        }
    }

    /** The commit's thread count: 1 runs on the calling thread, more on a dedicated pool. */
    @State(Scope.Benchmark)
    public static class Threads {
        @Param({"1", "2"})
        public int threads;

        ForkJoinPool pool;

        @Setup(Level.Trial)
        public void setup() {
            pool = threads > 1 ? new ForkJoinPool(threads) : null;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (pool != null) {
                pool.shutdown();
            }
        }
    }

    @Benchmark
    public LigeroProverData commit(Input in, Threads t) {
        return new Ligero(LigeroParameters.SECURE_100, t.pool).commit(List.of(in.table));
    }

    @Benchmark
    public Opening<LigeroProof> open(Input in) {
        return in.ligero.open(in.data, in.point, new Transcript("zkml4j/bench"));
    }

    @Benchmark
    public Transcript verify(Input in) throws ProofRejectedException {
        Transcript t = new Transcript("zkml4j/bench");
        in.ligero.verify(in.data.commitment(), in.point, in.opening.values(), in.opening.proof(), t);
        return t;
    }
}
