package io.zkml4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkml4j.model.demo.DemoModels;
import io.zkml4j.prover.SecurityLevel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** A real server on a random loopback port with an SQLite file in a temporary folder, and an HTTP client for it. */
final class TestServer implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789abcdef";
    static final byte[] CREDIT_ONNX = DemoModels.checkedIn("credit-mlp.onnx");
    static final String CREDIT_INPUT = new String(DemoModels.checkedIn("credit-mlp.input.json"), StandardCharsets.UTF_8);

    final ZkmlServer server;
    final ServerConfig config;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServer(ServerConfig config) throws ServerException {
        this.config = config;
        this.server = ZkmlServer.start(config);
    }

    /** Testing-only keys (fast), budget 8 (so tests rotate keys too), 2 workers, queue 64, SQLite in {@code dir}. */
    static ServerConfig config(Path dir) {
        return ServerConfig.defaults("jdbc:sqlite:" + dir.resolve("zkml.db"), dir.resolve("keys"), ApiTokens.of(List.of(TOKEN)))
                .withPort(0).withKeys(SecurityLevel.TESTING_ONLY_INSECURE, 8);
    }

    static TestServer start(Path dir) throws ServerException {
        return new TestServer(config(dir));
    }

    static TestServer start(Path dir, UnaryOperator<ServerConfig> change) throws ServerException {
        return new TestServer(change.apply(config(dir)));
    }

    static TestServer start(ServerConfig config) throws ServerException {
        return new TestServer(config);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<byte[]> post(String path, Multipart form, String token) throws IOException, InterruptedException {
        // Expect: 100-continue, as curl sends for large bodies: a body refused by its declared size is never sent.
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).expectContinue(true).header("Content-Type", form.contentType())
                .POST(form.body());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    HttpResponse<byte[]> postJson(String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).expectContinue(true).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        return Json.read(new String(r.body(), StandardCharsets.UTF_8));
    }

    /** Uploads the bundled credit model; returns the 201 body. */
    JsonNode registerCredit() throws IOException, InterruptedException {
        HttpResponse<byte[]> r = post("/models", new Multipart().file("onnx", "credit-mlp.onnx", CREDIT_ONNX)
                .file("input", "credit-mlp.input.json", CREDIT_INPUT.getBytes(StandardCharsets.UTF_8)).field("name", "credit"), TOKEN);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        return json(r);
    }

    /** Requests a proof; returns the job id. */
    String requestProof(String modelId, String visibility) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = postJson("/models/" + modelId + "/proofs?visibility=" + visibility, CREDIT_INPUT, TOKEN);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        return json(r).get("job").asText();
    }

    /** Polls a job until it is done or failed (or the time runs out); returns its last state. */
    JsonNode awaitJob(String jobId, Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonNode j = json(get("/jobs/" + jobId));
            String s = j.path("state").asText();
            if (s.equals("done") || s.equals("failed") || System.nanoTime() > end) {
                return j;
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
