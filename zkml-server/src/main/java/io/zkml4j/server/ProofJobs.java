package io.zkml4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.VerifiedOutput;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Proof jobs: accepted into the audit log ({@code JOB_ACCEPTED}, with the input) before the request is
 * answered, then proved on a bounded pool of workers. A job's state is its latest row: started, proof
 * stored, or failed with the reason. Jobs with neither a proof nor a failure when the server starts are
 * proved then ({@link #resumeUnfinished}): an accepted job is never lost. New jobs are refused with 429
 * when {@code workers + queueLength} jobs are already waiting or running.
 */
public final class ProofJobs {
    private static final Logger LOG = LoggerFactory.getLogger(ProofJobs.class);
    private static final SecureRandom IDS = new SecureRandom();

    private final AuditLog log;
    private final ModelRegistry models;
    private final int capacity;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger pending = new AtomicInteger();
    /** Jobs of this run not finished yet, with when they were accepted and started (for GET /jobs progress). */
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    /** Set by {@link #halt()}: nothing more is recorded, as after a crash. */
    private volatile boolean halted;

    private static final class Live {
        final long acceptedNanos = System.nanoTime();
        final long order;
        volatile long startedNanos;

        Live(long order) {
            this.order = order;
        }
    }

    private final AtomicInteger accepted = new AtomicInteger();

    ProofJobs(AuditLog log, ModelRegistry models, int workers, int queueLength) {
        this.log = log;
        this.models = models;
        this.capacity = workers + queueLength;
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "zkml-prover-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Accepts a job: checks the input (in range when {@code strict}), logs it, queues it; returns the job id. */
    String submit(ServedModel model, String inputJson, Visibility visibility, boolean strict) throws SQLException {
        float[][] x = model.parseInput(inputJson);
        if (strict) {
            model.requireInRange(x);
        }
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            throw new ApiError(429, "the proving queue is full (" + capacity + " jobs waiting or running); retry later, "
                    + "or start the server with a longer --queue");
        }
        String id = "j-" + HexFormat.of().formatHex(randomBytes());
        try {
            ObjectNode d = Json.object();
            d.put("visibility", visibility.name().toLowerCase(Locale.ROOT));
            log.append(AuditEntry.of(EventKind.JOB_ACCEPTED, model.id(), id, Json.write(d)).withBlob(saltedInput(inputJson)));
        } catch (SQLException | RuntimeException e) {
            pending.decrementAndGet();
            throw e;
        }
        enqueue(id, model.id(), inputJson, visibility, false);
        return id;
    }

    /**
     * The stored input: a random salt line, then the JSON. The public log shows the stored bytes' digest
     * (and hashes over it); without the salt, a guessed private input could be checked against it.
     */
    static byte[] saltedInput(String json) {
        return (HexFormat.of().formatHex(randomBytes()) + "\n" + json).getBytes(StandardCharsets.UTF_8);
    }

    static String unsalted(byte[] stored) {
        String s = new String(stored, StandardCharsets.UTF_8);
        return s.substring(s.indexOf('\n') + 1);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        IDS.nextBytes(b);
        return b;
    }

    /** Queues every accepted job without a proof or a failure (at start). Returns how many. */
    int resumeUnfinished() throws SQLException {
        List<AuditRow> rows = log.unfinishedJobs();
        for (AuditRow row : rows) {
            byte[] input = log.blob(row.blobDigest()).orElse(null);
            Visibility vis = Visibility.parse(Json.read(row.detail()).path("visibility").asText("private"));
            pending.incrementAndGet();
            if (input == null) {
                enqueueFailure(row.subjectId(), row.modelId(), "the job's input is missing from the database");
                continue;
            }
            enqueue(row.subjectId(), row.modelId(), unsalted(input), vis, true);
        }
        return rows.size();
    }

    private void enqueue(String id, String modelId, String inputJson, Visibility vis, boolean resumed) {
        live.put(id, new Live(accepted.incrementAndGet()));
        pool.execute(() -> run(id, modelId, inputJson, vis, resumed));
    }

    private void enqueueFailure(String id, String modelId, String reason) {
        pool.execute(() -> {
            try {
                fail(id, modelId, reason);
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    private void run(String id, String modelId, String inputJson, Visibility vis, boolean resumed) {
        try {
            if (stopping) {
                return; // left accepted in the log: the next start resumes it
            }
            Live l = live.get(id);
            if (l != null) {
                l.startedNanos = System.nanoTime();
            }
            ServedModel model = models.find(modelId).orElse(null);
            if (model == null) {
                fail(id, modelId, "model " + modelId + " is not registered on this server");
                return;
            }
            ObjectNode started = Json.object();
            if (resumed) {
                started.put("resumed", "after a restart");
            }
            log.append(AuditEntry.of(EventKind.JOB_STARTED, modelId, id, Json.write(started)));
            long t0 = System.nanoTime();
            ServedModel.Proved proved;
            try {
                proved = model.prove(model.parseInput(inputJson), vis);
            } catch (ApiError e) {
                fail(id, modelId, e.getMessage());
                return;
            } catch (Exception e) {
                if (halted) {
                    return;
                }
                fail(id, modelId, "proving failed: " + e.getMessage());
                LOG.warn("job {} failed", id, e);
                return;
            }
            double proveMillis = (System.nanoTime() - t0) / 1e6;
            if (halted) {
                return;
            }
            store(id, model, proved, proveMillis, l);
        } catch (SQLException | RuntimeException e) {
            if (halted) {
                return;
            }
            LOG.error("job {}: could not record its outcome; it stays accepted and is resumed at the next start", id, e);
        } finally {
            live.remove(id);
            pending.decrementAndGet();
        }
    }

    private void store(String id, ServedModel model, ServedModel.Proved proved, double proveMillis, Live l) throws SQLException {
        Proof p = proved.proof();
        byte[] bytes = p.toBytes();
        ObjectNode d = Json.object();
        d.put("proofId", AuditLog.sha256Hex(bytes));
        d.put("vkDigest", p.vkDigestHex());
        d.put("keyGeneration", proved.generation());
        d.put("visibility", p.inputVisibility().name().toLowerCase(Locale.ROOT));
        d.put("proofBytes", bytes.length);
        d.put("proveMillis", Math.round(proveMillis * 10) / 10.0);
        if (l != null) {
            d.put("queuedMillis", Math.round((l.startedNanos - l.acceptedNanos) / 1e5) / 10.0);
        }
        d.set("output", Json.longs(p.output()));
        try {
            VerifiedOutput out = Zkml.verify(model.originalKey(), model.rotations(), p);
            d.set("values", Json.doubles(out.values()));
            d.put("argmax", out.argmax());
        } catch (Exception e) {
            fail(id, model.id(), "the proof made does not verify: " + e.getMessage());
            return;
        }
        log.append(AuditEntry.of(EventKind.PROOF_STORED, model.id(), id, Json.write(d)).withBlob(bytes));
    }

    private void fail(String id, String modelId, String reason) {
        ObjectNode d = Json.object();
        d.put("error", reason);
        try {
            log.append(AuditEntry.of(EventKind.JOB_FAILED, modelId, id, Json.write(d)));
        } catch (SQLException e) {
            LOG.error("job {}: could not record its failure ({})", id, reason, e);
        }
    }

    /** GET /jobs/{id}: state from the log, progress from this run. */
    ObjectNode describe(String id) throws SQLException {
        List<AuditRow> rows = log.ofSubject(id);
        if (rows.isEmpty() || rows.get(0).kind() != EventKind.JOB_ACCEPTED) {
            throw ApiError.notFound("no job '" + id + "'");
        }
        AuditRow first = rows.get(0);
        AuditRow last = rows.get(rows.size() - 1);
        for (AuditRow r : rows) {
            if (r.kind() == EventKind.PROOF_STORED || r.kind() == EventKind.JOB_FAILED) {
                last = r; // the first outcome is the job's outcome
                break;
            }
        }
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("model", first.modelId());
        n.put("acceptedAt", java.time.Instant.ofEpochMilli(first.atMillis()).toString());
        n.put("visibility", Json.read(first.detail()).path("visibility").asText());
        Live l = live.get(id);
        switch (last.kind()) {
            case PROOF_STORED -> {
                JsonNode d = Json.read(last.detail());
                n.put("state", "done");
                n.put("proofId", d.path("proofId").asText());
                n.put("proof", "/proofs/" + d.path("proofId").asText());
                n.set("result", d);
            }
            case JOB_FAILED -> {
                n.put("state", "failed");
                n.put("error", Json.read(last.detail()).path("error").asText());
            }
            case JOB_STARTED -> {
                n.put("state", "proving");
                if (l != null && l.startedNanos != 0) {
                    n.put("progress", "proving for " + (System.nanoTime() - l.startedNanos) / 1_000_000 + " ms");
                }
            }
            default -> {
                n.put("state", "queued");
                if (l != null) {
                    long ahead = live.values().stream().filter(o -> o.order < l.order && o.startedNanos == 0).count();
                    n.put("progress", ahead + " job(s) ahead in the queue");
                } else {
                    n.put("progress", "waiting for the server to resume it");
                }
            }
        }
        n.put("finishedAt", last.kind() == EventKind.PROOF_STORED || last.kind() == EventKind.JOB_FAILED
                ? java.time.Instant.ofEpochMilli(last.atMillis()).toString() : null);
        return n;
    }

    int pending() {
        return pending.get();
    }

    /**
     * Stops taking work: jobs still queued stay accepted in the log (the next start resumes them); jobs
     * being proved get up to {@code graceSeconds} to finish.
     */
    boolean stop(long graceSeconds) throws InterruptedException {
        stopping = true;
        pool.shutdown();
        return pool.awaitTermination(graceSeconds, TimeUnit.SECONDS);
    }

    /** For crash tests: drops everything at once, as a killed process would. */
    void halt() {
        halted = true;
        stopping = true;
        pool.shutdownNow();
    }

    ExecutorService pool() {
        return pool;
    }
}
