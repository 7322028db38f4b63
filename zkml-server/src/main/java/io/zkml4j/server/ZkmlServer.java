package io.zkml4j.server;

import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The proving and verification service: opens the database (migrating it), rebuilds the models from the
 * audit log and the key folder, resumes unfinished jobs, and serves the HTTP API and the auditor page.
 * {@link #close()} stops cleanly (new requests refused, proofs in progress finished, queued jobs left
 * accepted for the next start); {@link #halt()} drops everything, as a crash would (for tests).
 */
public final class ZkmlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZkmlServer.class);

    private final ServerConfig config;
    private final Database db;
    private final AuditLog log;
    private final ModelRegistry models;
    private final ProofJobs jobs;
    private final Javalin app;
    private final List<String> notes;
    private final int resumed;
    private boolean closed;

    private ZkmlServer(ServerConfig config, Database db, AuditLog log, ModelRegistry models, ProofJobs jobs, Javalin app,
                       List<String> notes, int resumed) {
        this.config = config;
        this.db = db;
        this.log = log;
        this.models = models;
        this.jobs = jobs;
        this.app = app;
        this.notes = notes;
        this.resumed = resumed;
    }

    public static ZkmlServer start(ServerConfig config) throws ServerException {
        try {
            Files.createDirectories(config.keyFolder());
        } catch (IOException e) {
            throw new ServerException("cannot create the key folder '" + config.keyFolder() + "': " + e.getMessage());
        }
        Database db = Database.open(config.dbUrl());
        try {
            AuditLog log = new AuditLog(db, Clock.systemUTC());
            List<String> notes = new ArrayList<>();
            ModelRegistry models = ModelRegistry.load(log, config.keyFolder(), config.security(), config.budget(), notes);
            ProofJobs jobs = new ProofJobs(log, models, config.workers(), config.queueLength());
            HttpApi api = new HttpApi(config, log, models, jobs);
            Javalin app = Javalin.create(api::install);
            try {
                app.start(config.host(), config.port());
            } catch (RuntimeException e) {
                jobs.halt();
                throw new ServerException("cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e)
                        + " (is another server using the port? choose one with --port)");
            }
            int resumed = jobs.resumeUnfinished();
            if (resumed > 0) {
                notes.add("resumed " + resumed + " accepted job(s) left unfinished by the last run");
            }
            return new ZkmlServer(config, db, log, models, jobs, app, notes, resumed);
        } catch (SQLException e) {
            db.close();
            throw new ServerException("the database '" + db.describe() + "' failed: " + e.getMessage(), e);
        } catch (ServerException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    public int port() {
        return app.port();
    }

    public ServerConfig config() {
        return config;
    }

    public AuditLog auditLog() {
        return log;
    }

    /** Things worth telling the operator at start (models that only verify, resumed jobs). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public int resumedJobs() {
        return resumed;
    }

    /**
     * Stops: refuses new requests, lets proofs in progress finish (up to a minute), leaves queued jobs
     * accepted in the log for the next start, closes the database.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        app.stop();
        try {
            if (!jobs.stop(60)) {
                LOG.warn("proofs still running after 60 s; their jobs stay accepted and resume at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }

    /** Stops at once without finishing anything, as a killed process would (crash tests). */
    public synchronized void halt() {
        if (closed) {
            return;
        }
        closed = true;
        jobs.halt();
        app.stop();
        db.close();
    }
}
