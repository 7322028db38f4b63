package io.zkml4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkml4j.prover.SecurityLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded load test on loopback: {@value #N} concurrent proof requests on the bundled credit model at
 * 100-bit security (2 workers), every proof stored and verifiable afterwards; then {@value #N_RESTART}
 * more with a crash and restart of the server in the middle, losing no accepted job. Prints proofs/s and
 * p50/p99 latency (request to proof stored) and writes them to {@code target/load-test.md}; the figures in
 * docs/BENCHMARKS.md come from this test.
 */
class LoadTest {
    static final int N = 24;
    static final int N_RESTART = 16;
    static final int CLIENTS = 8;

    @TempDir
    Path dir;

    private static ServerConfig config(Path dir) {
        return TestServer.config(dir).withKeys(SecurityLevel.STANDARD, ServerConfig.DEFAULT_BUDGET).withWorkers(2, 64);
    }

    /** Submits {@code n} proof requests from {@value #CLIENTS} client threads; returns the job ids with their submit times. */
    private static List<long[]> submitAll(TestServer s, String model, int n, List<String> ids) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<long[]>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                fs.add(clients.submit(() -> {
                    long t0 = System.nanoTime();
                    String id = s.requestProof(model, k % 2 == 0 ? "public" : "private");
                    synchronized (ids) {
                        ids.add(id);
                    }
                    return new long[] {t0, ids.indexOf(id)};
                }));
            }
            List<long[]> out = new ArrayList<>();
            for (Future<long[]> f : fs) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void concurrentProofsAllStoredAndVerifiableAndARestartLosesNothing() throws Exception {
        StringBuilder report = new StringBuilder();
        try (TestServer s = TestServer.start(config(dir))) {
            String model = s.registerCredit().get("id").asText();
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            List<long[]> submitted = submitAll(s, model, N, ids);
            List<Double> latencies = new ArrayList<>();
            List<Double> proving = new ArrayList<>();
            long lastDone = start;
            // every job: wait for its proof, latency = from its request to the first poll that saw it done
            for (long[] sub : submitted) {
                String id = ids.get((int) sub[1]);
                JsonNode done = s.awaitJob(id, Duration.ofSeconds(300));
                long seen = System.nanoTime();
                assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
                latencies.add((seen - sub[0]) / 1e6);
                proving.add(done.get("result").get("proveMillis").asDouble());
                lastDone = Math.max(lastDone, seen);
            }
            double seconds = (lastDone - start) / 1e9;
            verifyAll(s, model, ids);
            Collections.sort(latencies);
            Collections.sort(proving);
            String line = String.format(Locale.ROOT, "| %d | %d | %d | %.2f | %.0f | %.0f | %.0f | %.0f |", N, CLIENTS, 2, N / seconds,
                    percentile(latencies, 50), percentile(latencies, 99), latencies.get(latencies.size() - 1), percentile(proving, 50));
            report.append("| proofs | clients | workers | proofs/s | p50 ms | p99 ms | max ms | one proof (median) ms |\n"
                            + "|---:|---:|---:|---:|---:|---:|---:|---:|\n")
                    .append(line).append('\n');
            System.out.println("LoadTest: " + N + " proofs, credit-mlp, 100-bit, 2 workers: " + line);
        }

        // a crash in the middle: accepted jobs are proved after the restart
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        String model;
        int doneBeforeCrash;
        TestServer s = TestServer.start(config(dir));
        try {
            model = TestServer.json(s.get("/models")).get("models").get(0).get("id").asText();
            submitAll(s, model, N_RESTART, ids);
            s.awaitJob(ids.get(1), Duration.ofSeconds(120));
            doneBeforeCrash = TestServer.json(s.get("/audit?kind=PROOF_STORED&size=500")).get("rows").size() - N;
        } finally {
            s.server.halt();
        }
        long restart = System.nanoTime();
        try (TestServer again = TestServer.start(config(dir))) {
            int resumed = again.server.resumedJobs();
            for (String id : ids) {
                assertThat(again.awaitJob(id, Duration.ofSeconds(300)).get("state").asText()).isEqualTo("done");
            }
            verifyAll(again, model, ids);
            Set<String> stored = Set.copyOf(TestServer.json(again.get("/audit?kind=PROOF_STORED&size=500")).get("rows").findValuesAsText("subject"));
            assertThat(stored).hasSize(N + N_RESTART);
            assertThat(again.server.auditLog().verifyChain().intact()).isTrue();
            String line = String.format(Locale.ROOT, "crash after %d of %d proofs stored; %d accepted jobs resumed and proved in %.1f s "
                    + "after the restart; %d of %d stored and verified", doneBeforeCrash, N_RESTART, resumed,
                    (System.nanoTime() - restart) / 1e9, N_RESTART, N_RESTART);
            report.append('\n').append(line).append('\n');
            System.out.println("LoadTest: " + line);
            assertThat(resumed).isPositive();
        }
        Files.writeString(Path.of("target", "load-test.md"), report.toString(), StandardCharsets.UTF_8);
    }

    private static void verifyAll(TestServer s, String model, List<String> ids) throws Exception {
        for (String id : ids) {
            JsonNode job = s.awaitJob(id, Duration.ofSeconds(10));
            byte[] proof = s.get("/proofs/" + job.get("proofId").asText()).body();
            JsonNode v = TestServer.json(s.post("/verify", new Multipart().file("proof", "p.zkml", proof).field("model", model), null));
            assertThat(v.get("verdict").asText()).as(v.toString()).isEqualTo("ACCEPT");
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
