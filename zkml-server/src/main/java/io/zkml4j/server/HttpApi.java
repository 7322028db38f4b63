package io.zkml4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import io.zkml4j.prover.Rotation;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.format.FileFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The routes (see {@code openapi.json}): proving and model upload need a bearer token; verification, the
 * audit log and the auditor page do not. Every refusal is a 4xx with {@code {"error": "..."}} naming the
 * problem and the fix; an unexpected failure is a 500 with a one-line body, its stack trace only in the
 * server's log.
 */
final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String OCTETS = "application/octet-stream";

    private final ServerConfig config;
    private final AuditLog log;
    private final ModelRegistry models;
    private final ProofJobs jobs;
    private final Verifications verifications;

    HttpApi(ServerConfig config, AuditLog log, ModelRegistry models, ProofJobs jobs) {
        this.config = config;
        this.log = log;
        this.models = models;
        this.jobs = jobs;
        this.verifications = new Verifications(log, models);
    }

    void install(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.maxRequestSize = config.maxBodyBytes();
        cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxFileSize(config.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxInMemoryFileSize(16, io.javalin.config.SizeUnit.MB);
        cfg.router.javaLangErrorHandler((res, e) -> {
            LOG.error("request failed", e);
            try {
                res.setStatus(500);
                res.setContentType("application/json");
                ObjectNode n = Json.object();
                n.put("error", "internal error (" + e.getClass().getSimpleName() + "); the server's log has the details");
                res.getOutputStream().write(Json.write(n).getBytes(StandardCharsets.UTF_8));
            } catch (IOException | IllegalStateException ignored) {
                // the response is gone or committed: nothing more to tell the client
            }
        });
        var r = cfg.routes;
        r.before(this::limitBody);
        r.get("/", ctx -> resource(ctx, "/web/index.html", "text/html; charset=utf-8"));
        r.get("/app.js", ctx -> resource(ctx, "/web/app.js", "text/javascript; charset=utf-8"));
        r.get("/style.css", ctx -> resource(ctx, "/web/style.css", "text/css; charset=utf-8"));
        r.get("/openapi.json", ctx -> resource(ctx, "/web/openapi.json", "application/json"));
        r.get("/health", this::health);
        r.get("/models", this::listModels);
        r.post("/models", this::uploadModel);
        r.get("/models/{id}", ctx -> json(ctx, 200, models.require(ctx.pathParam("id")).describe()));
        r.get("/models/{id}/vk", this::verifyingKey);
        r.get("/models/{id}/rotations/{n}", this::rotation);
        r.post("/models/{id}/proofs", this::requestProof);
        r.get("/jobs/{id}", ctx -> json(ctx, 200, jobs.describe(ctx.pathParam("id"))));
        r.get("/proofs/{id}", this::proof);
        r.post("/verify", this::verify);
        r.get("/audit", this::audit);
        r.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        r.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), httpMessage(e)));
        r.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "); the server's log has the details");
        });
        r.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, "no such resource: " + ctx.method() + " " + ctx.path() + " (GET /openapi.json lists the API)");
            }
        });
    }

    private static String httpMessage(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 413 -> "the request body is too large; the server's --max-body sets the limit";
            case 404 -> "no such resource (GET /openapi.json lists the API)";
            default -> String.valueOf(e.getMessage());
        };
    }

    /** Refuses a declared body over the limit before anything reads it. */
    private void limitBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        boolean proofRequest = ctx.method().name().equals("POST") && ctx.path().matches("/models/[^/]+/proofs");
        long limit = proofRequest ? config.maxInputBytes() : config.maxBodyBytes();
        if (declared > limit) {
            throw ApiError.tooLarge("the request body has " + declared + " bytes, more than the " + limit + " allowed"
                    + (proofRequest ? " for a proof input (--max-input)" : " (--max-body)"));
        }
    }

    private void requireToken(Context ctx) {
        String h = ctx.header("Authorization");
        String token = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).strip() : null;
        if (token == null || token.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "this endpoint needs an API token: send 'Authorization: Bearer <token>' with a token from "
                    + "the server's --token-file");
        }
        if (!config.tokens().accepts(token)) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new ApiError(401, "the API token is not one of the server's tokens (--token-file)");
        }
    }

    private void health(Context ctx) {
        ObjectNode n = Json.object();
        n.put("status", "ok");
        n.put("models", models.all().size());
        n.put("pendingJobs", jobs.pending());
        json(ctx, 200, n);
    }

    private void listModels(Context ctx) {
        ObjectNode n = Json.object();
        var a = n.putArray("models");
        models.all().stream().sorted(java.util.Comparator.comparing(ServedModel::id)).forEach(m -> a.add(m.describe()));
        json(ctx, 200, n);
    }

    private void uploadModel(Context ctx) throws Exception {
        requireToken(ctx);
        requireMultipart(ctx, "onnx (with input) or zkm");
        byte[] onnx = fileOrNull(ctx, "onnx");
        byte[] zkm = fileOrNull(ctx, "zkm");
        if ((onnx == null) == (zkm == null)) {
            throw ApiError.badRequest("send either an ONNX model as form file 'onnx' (with calibration inputs as 'input') or a "
                    + "compiled model as 'zkm'");
        }
        List<String> inputs = new ArrayList<>();
        for (byte[] b : files(ctx, "input")) {
            inputs.add(new String(b, StandardCharsets.UTF_8));
        }
        for (String s : ctx.formParams("input")) {
            inputs.add(s);
        }
        String name = ctx.formParam("name");
        if (name == null || name.isBlank()) {
            String file = firstFileName(ctx, onnx != null ? "onnx" : "zkm");
            name = file == null ? "model" : file.replaceAll("\\.[^.]*$", "");
        }
        if (name.length() > 200) {
            throw ApiError.badRequest("'name' is longer than 200 characters");
        }
        var model = onnx != null ? ModelUpload.fromOnnx(onnx, inputs) : ModelUpload.fromZkm(zkm);
        ServedModel m = models.register(model, name, onnx != null ? "onnx" : "zkm");
        ObjectNode n = m.describe();
        n.put("vk", "/models/" + m.id() + "/vk");
        json(ctx, 201, n);
    }

    private void verifyingKey(Context ctx) {
        ServedModel m = models.require(ctx.pathParam("id"));
        bytes(ctx, m.originalKey().toBytes(), m.id() + ".vk");
    }

    private void rotation(Context ctx) {
        ServedModel m = models.require(ctx.pathParam("id"));
        int n;
        try {
            n = Integer.parseInt(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("rotation number '" + ctx.pathParam("n") + "' is not a number (1 is the first)");
        }
        List<Rotation> rots = m.rotations();
        if (n < 1 || n > rots.size()) {
            throw ApiError.notFound("model " + m.id() + " has " + rots.size() + " rotation(s); ask for 1.." + rots.size());
        }
        bytes(ctx, rots.get(n - 1).toBytes(), m.id() + ".g" + n + ".zkrot");
    }

    private void requestProof(Context ctx) throws Exception {
        requireToken(ctx);
        ServedModel m = models.require(ctx.pathParam("id"));
        String vis = ctx.queryParam("visibility");
        Visibility visibility;
        try {
            visibility = vis == null ? Visibility.PRIVATE : Visibility.parse(vis);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("visibility: " + e.getMessage());
        }
        if (visibility == Visibility.HASHED) {
            throw ApiError.badRequest("visibility: the service proves public or private inputs; a hashed input's commitment is "
                    + "made with its owner's seed: use 'zkml prove --input-visibility hashed' where the seed is kept");
        }
        String input = new String(readCapped(ctx.bodyInputStream(), config.maxInputBytes()), StandardCharsets.UTF_8);
        if (input.isBlank()) {
            throw ApiError.badRequest("the body must be the input JSON (the README's 'Input JSON' layouts), e.g. {\"input_data\": [[...]]}");
        }
        String strict = ctx.queryParam("strict");
        if (strict != null && !strict.equals("true") && !strict.equals("false")) {
            throw ApiError.badRequest("strict: 'true' (the default: refuse inputs outside the calibrated range) or 'false' (clamp them)");
        }
        String id = jobs.submit(m, input, visibility, !"false".equals(strict));
        ObjectNode n = Json.object();
        n.put("job", id);
        n.put("status", "/jobs/" + id);
        ctx.header("Location", "/jobs/" + id);
        json(ctx, 202, n);
    }

    private void proof(Context ctx) throws Exception {
        String id = ctx.pathParam("id").toLowerCase(Locale.ROOT);
        if (!id.matches("[0-9a-f]{64}")) {
            throw ApiError.badRequest("a proof id is the 64-hex-digit SHA-256 of the .zkml file (GET /jobs/{id} gives it)");
        }
        if (log.storing(EventKind.PROOF_STORED, id).isEmpty()) {
            throw ApiError.notFound("no stored proof " + id);
        }
        byte[] b = log.blob(id).orElseThrow(() -> ApiError.notFound("the bytes of proof " + id + " are missing from the database"));
        bytes(ctx, b, id.substring(0, 16) + ".zkml");
    }

    private void verify(Context ctx) throws Exception {
        requireMultipart(ctx, "proof and vk (or model)");
        byte[] proof = fileOrNull(ctx, "proof");
        if (proof == null) {
            throw ApiError.badRequest("send the proof as form file 'proof' (a .zkml), with 'vk' (a .vk file) or 'model' (a registered model id)");
        }
        String modelId = ctx.formParam("model");
        byte[] vkBytes = fileOrNull(ctx, "vk");
        Verifications.Key key;
        if (vkBytes != null) {
            VerifyingKey vk;
            try {
                vk = VerifyingKey.fromBytes(vkBytes);
            } catch (FileFormatException | RuntimeException e) {
                throw ApiError.badRequest("'vk' is not a usable verifying key (.vk): " + e.getMessage());
            }
            List<Rotation> rots = new ArrayList<>();
            int i = 0;
            for (byte[] b : files(ctx, "rotation")) {
                i++;
                try {
                    rots.add(Rotation.fromBytes(b));
                } catch (FileFormatException | RuntimeException e) {
                    throw ApiError.badRequest("'rotation' " + i + " is not a usable key rotation (.zkrot): " + e.getMessage());
                }
            }
            key = verifications.uploaded(vk, rots);
        } else if (modelId != null && !modelId.isBlank()) {
            key = verifications.registered(modelId.strip());
        } else {
            throw ApiError.badRequest("send the verifying key as form file 'vk', or a registered model id as form field 'model'");
        }
        json(ctx, 200, verifications.verify(key, proof));
    }

    private void audit(Context ctx) throws Exception {
        String kind = ctx.queryParam("kind");
        EventKind k = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = EventKind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("kind must be one of " + java.util.Arrays.toString(EventKind.values()));
            }
        }
        String verdict = ctx.queryParam("verdict");
        if (verdict != null && !verdict.isBlank()) {
            verdict = verdict.toUpperCase(Locale.ROOT);
            if (!verdict.equals("ACCEPT") && !verdict.equals("REJECT")) {
                throw ApiError.badRequest("verdict must be ACCEPT or REJECT");
            }
        } else {
            verdict = null;
        }
        int page = intParam(ctx, "page", 0);
        int size = intParam(ctx, "size", 50);
        AuditQuery q;
        try {
            q = new AuditQuery(blankToNull(ctx.queryParam("model")), k, verdict, time(ctx, "from"), time(ctx, "to"), page, size);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        List<AuditRow> rows = log.rows(q);
        ObjectNode n = Json.object();
        n.put("page", page);
        n.put("size", size);
        var a = n.putArray("rows");
        for (AuditRow row : rows) {
            ObjectNode o = a.addObject();
            o.put("seq", row.seq());
            o.put("at", Instant.ofEpochMilli(row.atMillis()).toString());
            o.put("kind", row.kind().name());
            o.put("model", row.modelId());
            o.put("subject", row.subjectId());
            o.put("verdict", row.verdict());
            o.set("detail", Json.read(row.detail()));
            o.put("blobDigest", row.blobDigest());
            o.put("rowHash", row.rowHash());
        }
        n.put("hasMore", rows.size() == size);
        AuditLog.Head head = log.head();
        n.put("headSeq", head.rows());
        n.put("headHash", head.hash());
        json(ctx, 200, n);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int intParam(Context ctx, String name, int dflt) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("'" + name + "' must be a whole number, not '" + v + "'");
        }
    }

    /** A time parameter: ISO-8601 instant ({@code 2026-12-05T10:00:00Z}) or epoch milliseconds. */
    private static Long time(Context ctx, String name) {
        String v = blankToNull(ctx.queryParam(name));
        if (v == null) {
            return null;
        }
        try {
            return v.chars().allMatch(Character::isDigit) ? Long.parseLong(v) : Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiError.badRequest("'" + name + "' must be an ISO-8601 instant like 2026-12-05T10:00:00Z, or epoch milliseconds");
        }
    }

    /** Refuses anything but a well-formed multipart body; parses it now (the parts are kept for the handler). */
    private void requireMultipart(Context ctx, String fields) {
        String ct = ctx.contentType();
        if (ct == null || !ct.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiError.badRequest("send multipart/form-data with " + fields + " (curl -F name=@file)");
        }
        try {
            ctx.uploadedFileMap();
        } catch (Exception e) { // ServletException, IOException, IllegalStateException: all the client's body
            throw multipartProblem(e);
        }
    }

    private byte[] fileOrNull(Context ctx, String field) {
        List<byte[]> all = files(ctx, field);
        if (all.size() > 1) {
            throw ApiError.badRequest("send one '" + field + "', not " + all.size());
        }
        return all.isEmpty() ? null : all.get(0);
    }

    private List<byte[]> files(Context ctx, String field) {
        List<UploadedFile> files;
        try {
            files = ctx.uploadedFiles(field);
        } catch (Exception e) {
            throw multipartProblem(e);
        }
        List<byte[]> out = new ArrayList<>();
        for (UploadedFile f : files) {
            try (InputStream in = f.content()) {
                out.add(readCapped(in, config.maxBodyBytes()));
            } catch (IOException e) {
                throw ApiError.badRequest("cannot read form file '" + field + "': " + e.getMessage());
            }
        }
        return out;
    }

    private static String firstFileName(Context ctx, String field) {
        List<UploadedFile> f = ctx.uploadedFiles(field);
        return f.isEmpty() ? null : f.get(0).filename();
    }

    private ApiError multipartProblem(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("exceed") || m.contains("too large") || m.contains("max")) {
                return ApiError.tooLarge("the upload is larger than the " + config.maxBodyBytes() + " bytes allowed (--max-body)");
            }
        }
        return ApiError.badRequest("the multipart/form-data body is malformed: " + e.getClass().getSimpleName());
    }

    /** Reads a stream, refusing more than {@code limit} bytes with 413. */
    private static byte[] readCapped(InputStream in, long limit) {
        try {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
            if (b.length > limit) {
                throw ApiError.tooLarge("the request body is larger than the " + limit + " bytes allowed");
            }
            return b;
        } catch (IOException e) {
            throw ApiError.badRequest("cannot read the request body: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw ApiError.badRequest("cannot read the request body: " + e.getMessage());
        }
    }

    private static void resource(Context ctx, String path, String type) throws IOException {
        try (InputStream in = HttpApi.class.getResourceAsStream(path)) {
            if (in == null) {
                throw ApiError.notFound("no " + path + " in this build");
            }
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    private static void bytes(Context ctx, byte[] b, String filename) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        ctx.contentType(OCTETS).result(b);
    }

    static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    static void error(Context ctx, int status, String message) {
        ObjectNode n = Json.object();
        n.put("error", message);
        json(ctx, status, n);
    }
}
