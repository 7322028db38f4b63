package io.zkml4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.VerifiedOutput;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Zkml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole flow against a real server: upload, prove, fetch, verify (by file and by model), audit. */
class ApiFlowTest {
    @TempDir
    static Path dir;
    static TestServer s;
    static JsonNode model;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir);
        model = s.registerCredit();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void uploadReturnsIdCommitmentAndVkDigest() throws Exception {
        assertThat(model.get("id").asText()).startsWith("m-");
        assertThat(model.get("modelCommitment").asText()).hasSize(64);
        HttpResponse<byte[]> vk = s.get("/models/" + model.get("id").asText() + "/vk");
        assertThat(vk.statusCode()).isEqualTo(200);
        assertThat(VerifyingKey.fromBytes(vk.body()).digestHex()).isEqualTo(model.get("vkDigest").asText());
        JsonNode listed = TestServer.json(s.get("/models"));
        assertThat(listed.get("models").findValuesAsText("id")).contains(model.get("id").asText());
    }

    @Test
    void proveFetchVerifyAndAudit() throws Exception {
        String id = model.get("id").asText();
        String job = s.requestProof(id, "public");
        JsonNode done = s.awaitJob(job, Duration.ofSeconds(60));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
        String proofId = done.get("proofId").asText();

        HttpResponse<byte[]> zkml = s.get("/proofs/" + proofId);
        assertThat(zkml.statusCode()).isEqualTo(200);
        assertThat(AuditLog.sha256Hex(zkml.body())).isEqualTo(proofId);
        Proof proof = Proof.fromBytes(zkml.body());
        byte[] vk = s.get("/models/" + id + "/vk").body();

        JsonNode byFile = TestServer.json(s.post("/verify", new Multipart().file("proof", "p.zkml", zkml.body()).file("vk", "m.vk", vk), null));
        assertThat(byFile.get("verdict").asText()).as(byFile.toString()).isEqualTo("ACCEPT");
        assertThat(byFile.get("modelCommitment").asText()).isEqualTo(model.get("modelCommitment").asText());
        assertThat(byFile.get("visibility").asText()).isEqualTo("public");
        assertThat(byFile.get("securityLevel").asText()).isEqualTo("testing-only-insecure");
        assertThat(byFile.get("outputs").get(0).get("integers").size()).isEqualTo(2);
        assertThat(byFile.get("modelId").asText()).isEqualTo(id);
        VerifiedOutput direct = Zkml.verify(VerifyingKey.fromBytes(vk), proof);
        assertThat(byFile.get("rangeLimits").get("inputValuesAtLimits").asInt()).isEqualTo(direct.inputAtLimits());
        assertThat(byFile.get("rangeLimits").get("outputValuesAtLimits").asInt()).isEqualTo(direct.outputAtLimits());

        JsonNode byModel = TestServer.json(s.post("/verify", new Multipart().file("proof", "p.zkml", zkml.body()).field("model", id), null));
        assertThat(byModel.get("verdict").asText()).isEqualTo("ACCEPT");

        long[] forged = proof.output().clone();
        forged[0] += 1;
        byte[] tampered = new Proof(proof.vkDigest(), proof.inputVisibility(), proof.publicInput(), forged, proof.proof()).toBytes();
        HttpResponse<byte[]> rejected = s.post("/verify", new Multipart().file("proof", "t.zkml", tampered).field("model", id), null);
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(rejected).get("verdict").asText()).isEqualTo("REJECT");
        assertThat(TestServer.json(rejected).get("reason").asText()).isNotBlank();

        JsonNode rejects = TestServer.json(s.get("/audit?verdict=REJECT&model=" + id));
        assertThat(rejects.get("rows").size()).isGreaterThanOrEqualTo(1);
        assertThat(rejects.get("rows").findValuesAsText("verdict")).containsOnly("REJECT");
        JsonNode stored = TestServer.json(s.get("/audit?kind=PROOF_STORED&model=" + id));
        assertThat(stored.get("rows").findValuesAsText("subject")).contains(job);
        JsonNode page = TestServer.json(s.get("/audit?size=2&page=0"));
        assertThat(page.get("rows").size()).isEqualTo(2);
        assertThat(page.get("hasMore").asBoolean()).isTrue();
        JsonNode future = TestServer.json(s.get("/audit?from=2999-01-01T00:00:00Z"));
        assertThat(future.get("rows").size()).isZero();
        assertThat(s.server.auditLog().verifyChain().intact()).isTrue();
    }

    @Test
    void clampedInputIsCountedInTheVerdict() throws Exception {
        String id = model.get("id").asText();
        String outside = "{\"input_data\": [[1000000, -1000000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]}";
        HttpResponse<byte[]> r = s.postJson("/models/" + id + "/proofs?strict=false", outside, TestServer.TOKEN);
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode done = s.awaitJob(TestServer.json(r).get("job").asText(), Duration.ofSeconds(60));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
        byte[] zkml = s.get("/proofs/" + done.get("proofId").asText()).body();
        JsonNode v = TestServer.json(s.post("/verify", new Multipart().file("proof", "p.zkml", zkml).field("model", id), null));
        assertThat(v.get("verdict").asText()).isEqualTo("ACCEPT");
        assertThat(v.get("rangeLimits").get("inputValuesAtLimits").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void privateInputStaysOutOfTheProof() throws Exception {
        JsonNode done = s.awaitJob(s.requestProof(model.get("id").asText(), "private"), Duration.ofSeconds(60));
        Proof p = Proof.fromBytes(s.get("/proofs/" + done.get("proofId").asText()).body());
        assertThat(p.publicInput()).isNull();
        JsonNode v = TestServer.json(s.post("/verify", new Multipart().file("proof", "p.zkml", Proof.fromBytes(
                s.get("/proofs/" + done.get("proofId").asText()).body()).toBytes()).field("model", model.get("id").asText()), null));
        assertThat(v.get("verdict").asText()).isEqualTo("ACCEPT");
        assertThat(v.get("visibility").asText()).isEqualTo("private");
    }

    @Test
    void openApiDescribesEveryRoute() throws Exception {
        HttpResponse<byte[]> r = s.get("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode paths = TestServer.json(r).get("paths");
        assertThat(paths.fieldNames()).toIterable().contains("/models", "/models/{id}", "/models/{id}/vk",
                "/models/{id}/rotations/{n}", "/models/{id}/proofs", "/jobs/{id}", "/proofs/{id}", "/verify", "/audit", "/health");
    }

    @Test
    void auditorPageIsServed() throws Exception {
        HttpResponse<byte[]> r = s.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("app.js");
        assertThat(s.get("/app.js").statusCode()).isEqualTo(200);
    }
}
