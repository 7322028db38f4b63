package io.zkml4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of the API against a real server: each status with a one-line JSON error, the auth
 * refusals, the size limits, and hostile proof and key bytes (seeded fuzzing) that are never a 500.
 */
class ApiRefusalsTest {
    @TempDir
    static Path dir;
    static TestServer s;
    static String modelId;
    static byte[] vk;
    static byte[] proof;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir, c -> c.withLimits(1 << 20, 4 << 10));
        modelId = s.registerCredit().get("id").asText();
        vk = s.get("/models/" + modelId + "/vk").body();
        JsonNode done = s.awaitJob(s.requestProof(modelId, "public"), Duration.ofSeconds(60));
        proof = s.get("/proofs/" + done.get("proofId").asText()).body();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** The status, and a body that is exactly {"error": "<one line>"}. */
    private static String refused(HttpResponse<byte[]> r, int status) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(body).isEqualTo(status);
        JsonNode n = TestServer.json(r);
        assertThat(n.size()).as(body).isEqualTo(1);
        String message = n.get("error").asText();
        assertThat(message).isNotBlank().doesNotContain("\n").doesNotContain("\tat ");
        return message;
    }

    @Test
    void notFound() throws Exception {
        assertThat(refused(s.get("/models/m-nope"), 404)).contains("GET /models");
        assertThat(refused(s.get("/models/m-nope/vk"), 404)).contains("m-nope");
        assertThat(refused(s.get("/models/" + modelId + "/rotations/1"), 404)).contains("0 rotation");
        assertThat(refused(s.get("/jobs/j-nope"), 404)).contains("j-nope");
        assertThat(refused(s.get("/proofs/" + "ab".repeat(32)), 404)).contains("no stored proof");
        assertThat(refused(s.get("/no/such/route"), 404)).contains("openapi");
        assertThat(refused(s.postJson("/models/m-nope/proofs", TestServer.CREDIT_INPUT, TestServer.TOKEN), 404)).contains("m-nope");
        assertThat(refused(s.post("/verify", new Multipart().file("proof", "p.zkml", proof).field("model", "m-nope"), null), 404))
                .contains("m-nope");
    }

    @Test
    void badRequests() throws Exception {
        String proofs = "/models/" + modelId + "/proofs";
        assertThat(refused(s.postJson(proofs, "{not json", TestServer.TOKEN), 400)).contains("not valid JSON");
        assertThat(refused(s.postJson(proofs, "{\"input_data\": [[1, 2, 3]]}", TestServer.TOKEN), 400)).contains("16");
        assertThat(refused(s.postJson(proofs, "", TestServer.TOKEN), 400)).contains("input JSON");
        assertThat(refused(s.postJson(proofs + "?visibility=secret", TestServer.CREDIT_INPUT, TestServer.TOKEN), 400)).contains("public");
        assertThat(refused(s.postJson(proofs + "?visibility=hashed", TestServer.CREDIT_INPUT, TestServer.TOKEN), 400))
                .contains("owner's seed");
        assertThat(refused(s.postJson(proofs + "?strict=maybe", TestServer.CREDIT_INPUT, TestServer.TOKEN), 400)).contains("strict");
        // a value far outside the calibrated range: refused by default, accepted (and clamped) with ?strict=false
        String outside = "{\"input_data\": [[1000000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]}";
        assertThat(refused(s.postJson(proofs, outside, TestServer.TOKEN), 422)).contains("outside the range").contains("strict=false");
        assertThat(s.postJson(proofs + "?strict=false", outside, TestServer.TOKEN).statusCode()).isEqualTo(202);
        assertThat(refused(s.get("/proofs/xyz"), 400)).contains("SHA-256");
        assertThat(refused(s.get("/models/" + modelId + "/rotations/first"), 400)).contains("not a number");
        assertThat(refused(s.get("/audit?kind=NOPE"), 400)).contains("MODEL_REGISTERED");
        assertThat(refused(s.get("/audit?verdict=maybe"), 400)).contains("ACCEPT");
        assertThat(refused(s.get("/audit?size=100000"), 400)).contains("size");
        assertThat(refused(s.get("/audit?page=x"), 400)).contains("whole number");
        assertThat(refused(s.get("/audit?from=yesterday"), 400)).contains("ISO-8601");
        assertThat(refused(s.postJson("/verify", "{}", null), 400)).contains("multipart");
        assertThat(refused(s.post("/verify", new Multipart().file("vk", "m.vk", vk), null), 400)).contains("'proof'");
        assertThat(refused(s.post("/verify", new Multipart().file("proof", "p.zkml", proof), null), 400)).contains("'vk'");
        assertThat(refused(s.post("/verify", new Multipart().file("proof", "p.zkml", proof).file("vk", "m.vk", proof), null), 400))
                .contains("verifying key");
        assertThat(refused(s.post("/verify", new Multipart().file("proof", "p.zkml", proof).file("vk", "m.vk", vk)
                .file("rotation", "r.zkrot", new byte[] {1, 2, 3}), null), 400)).contains("rotation");
        assertThat(refused(s.post("/models", new Multipart().field("name", "x"), TestServer.TOKEN), 400)).contains("'onnx'");
        assertThat(refused(s.post("/models", new Multipart().file("onnx", "m.onnx", TestServer.CREDIT_ONNX), TestServer.TOKEN), 400))
                .contains("calibration");
        assertThat(refused(s.post("/models", new Multipart().file("zkm", "m.zkm", new byte[] {9, 9, 9}), TestServer.TOKEN), 400))
                .contains("compiled model");
        assertThat(refused(s.postJson("/models", "{}", TestServer.TOKEN), 400)).contains("multipart");
    }

    @Test
    void unprocessableModels() throws Exception {
        byte[] garbage = "this is not an onnx model".getBytes(StandardCharsets.UTF_8);
        assertThat(refused(s.post("/models", new Multipart().file("onnx", "m.onnx", garbage)
                .field("input", TestServer.CREDIT_INPUT), TestServer.TOKEN), 422)).contains("ONNX");
    }

    @Test
    void provingAndUploadNeedAToken() throws Exception {
        Multipart upload = new Multipart().file("onnx", "m.onnx", TestServer.CREDIT_ONNX).field("input", TestServer.CREDIT_INPUT);
        HttpResponse<byte[]> none = s.post("/models", upload, null);
        assertThat(refused(none, 401)).contains("Authorization: Bearer");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(refused(s.post("/models", upload, "wrong-token-0123456789"), 401)).contains("not one of");
        String proofs = "/models/" + modelId + "/proofs";
        assertThat(refused(s.postJson(proofs, TestServer.CREDIT_INPUT, null), 401)).contains("token");
        assertThat(refused(s.postJson(proofs, TestServer.CREDIT_INPUT, TestServer.TOKEN + "x"), 401)).contains("token");
        HttpResponse<byte[]> basic = s.send(HttpRequest.newBuilder(s.uri(proofs)).header("Authorization", "Basic " + TestServer.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(TestServer.CREDIT_INPUT)));
        refused(basic, 401);
        // public: verification, the audit log, the page, keys and proofs
        assertThat(s.post("/verify", new Multipart().file("proof", "p.zkml", proof).file("vk", "m.vk", vk), null).statusCode()).isEqualTo(200);
        assertThat(s.get("/audit").statusCode()).isEqualTo(200);
        assertThat(s.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void sizeLimits() throws Exception {
        String big = "{\"input_data\": [[" + "0.5, ".repeat(2000) + "0.5]]}";
        assertThat(refused(s.postJson("/models/" + modelId + "/proofs", big, TestServer.TOKEN), 413)).contains("--max-input");
        byte[] huge = new byte[(1 << 20) + 1];
        assertThat(refused(s.post("/verify", new Multipart().file("proof", "p.zkml", huge).file("vk", "m.vk", vk), null), 413))
                .contains("--max-body");
        assertThat(refused(s.post("/models", new Multipart().file("zkm", "m.zkm", huge), TestServer.TOKEN), 413)).contains("--max-body");
    }

    @Test
    void aFullQueueRefusesWith429AndKeepsWhatItAccepted(@TempDir Path own) throws Exception {
        try (TestServer small = TestServer.start(own, c -> c.withWorkers(1, 1))) {
            String id = small.registerCredit().get("id").asText();
            int accepted = 0;
            int refusedCount = 0;
            java.util.List<String> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                HttpResponse<byte[]> r = small.postJson("/models/" + id + "/proofs", TestServer.CREDIT_INPUT, TestServer.TOKEN);
                if (r.statusCode() == 202) {
                    accepted++;
                    jobs.add(TestServer.json(r).get("job").asText());
                } else {
                    assertThat(refused(r, 429)).contains("--queue");
                    refusedCount++;
                }
            }
            assertThat(refusedCount).isPositive();
            assertThat(accepted).isGreaterThanOrEqualTo(2);
            for (String j : jobs) {
                assertThat(small.awaitJob(j, Duration.ofSeconds(60)).get("state").asText()).isEqualTo("done");
            }
        }
    }

    /**
     * Seeded hostile proofs: byte flips, truncations, extensions and random bytes (stopped by the file's
     * checksum or its structure), and structurally valid proofs with mutated contents (reaching the
     * verifier). Each is answered 200 REJECT or 400, never 500 and never ACCEPT.
     */
    @Test
    void hostileProofBytesAreRejectedNeverA500() throws Exception {
        SplittableRandom rnd = new SplittableRandom(20261205);
        Proof good = Proof.fromBytes(proof);
        int rejects = 0;
        for (int i = 0; i < 120; i++) {
            byte[] bad = mutate(rnd, i, good);
            if (Arrays.equals(bad, proof)) {
                continue;
            }
            HttpResponse<byte[]> r = s.post("/verify", new Multipart().file("proof", "fuzz.zkml", bad).file("vk", "m.vk", vk), null);
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(r.statusCode()).as("case %d: %s", i, body).isIn(200, 400);
            if (r.statusCode() == 200) {
                assertThat(TestServer.json(r).get("verdict").asText()).as("case %d", i).isEqualTo("REJECT");
                rejects++;
            }
        }
        assertThat(rejects).isGreaterThan(100);
    }

    private static byte[] mutate(SplittableRandom rnd, int i, Proof good) {
        byte[] b = proof.clone();
        switch (i % 6) {
            case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
            case 2 -> {
                b = Arrays.copyOf(b, b.length + 1 + rnd.nextInt(64));
                b[b.length - 1] = (byte) rnd.nextInt(256);
            }
            case 3 -> {
                b = new byte[rnd.nextInt(4096)];
                for (int k = 0; k < b.length; k++) {
                    b[k] = (byte) rnd.nextInt(256);
                }
            }
            case 4 -> {
                byte[] body = good.proof().clone();
                body[rnd.nextInt(body.length)] ^= (byte) (1 << rnd.nextInt(8));
                b = new Proof(good.vkDigest(), good.inputVisibility(), good.publicInput(), good.output(), body).toBytes();
            }
            default -> {
                long[] out = good.output().clone();
                out[rnd.nextInt(out.length)] += 1 + rnd.nextInt(1000);
                long[] in = good.publicInput().clone();
                in[rnd.nextInt(in.length)] ^= 1;
                b = rnd.nextBoolean()
                        ? new Proof(good.vkDigest(), Visibility.PUBLIC, good.publicInput(), out, good.proof()).toBytes()
                        : new Proof(good.vkDigest(), Visibility.PUBLIC, in, good.output(), good.proof()).toBytes();
            }
        }
        return b;
    }

    @Test
    void hostileKeyBytesAreA400NeverA500() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 40; i++) {
            byte[] bad = vk.clone();
            if (i % 2 == 0) {
                bad[rnd.nextInt(bad.length)] ^= (byte) (1 << rnd.nextInt(8));
            } else {
                bad = Arrays.copyOf(bad, rnd.nextInt(bad.length));
            }
            HttpResponse<byte[]> r = s.post("/verify", new Multipart().file("proof", "p.zkml", proof).file("vk", "fuzz.vk", bad), null);
            assertThat(r.statusCode()).as("case %d: %s", i, new String(r.body(), StandardCharsets.UTF_8)).isIn(200, 400);
            if (r.statusCode() == 200) {
                assertThat(TestServer.json(r).get("verdict").asText()).isEqualTo("REJECT");
            }
        }
    }

    @Test
    void malformedMultipartBodiesAreA400NeverA500() throws Exception {
        SplittableRandom rnd = new SplittableRandom(99);
        String[] bodies = {"", "--x\r\n", "--x\r\nContent-Disposition: form-data; name=\"proof\"; filename=\"p\"\r\n\r\nabc",
                "--x--\r\n", "garbage without any boundary", "--x\r\nno headers at all\r\n--x--"};
        java.util.List<byte[]> cases = new java.util.ArrayList<>();
        for (String b : bodies) {
            cases.add(b.getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 10; i++) {
            byte[] b = new byte[1 + rnd.nextInt(2000)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) rnd.nextInt(256);
            }
            cases.add(b);
        }
        for (String path : new String[] {"/verify", "/models"}) {
            for (byte[] body : cases) {
                // a new connection each time: the server may close one after a malformed body
                HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(s.uri(path))
                        .header("Authorization", "Bearer " + TestServer.TOKEN).header("Content-Type", "multipart/form-data; boundary=x")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).as("%s: %s", path, new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(400);
            }
        }
    }
}
