package io.zkml4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkml4j.prover.Proof;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Crash safety (accepted jobs survive a halt and a restart) and key rotation when the opening budget is spent. */
class RestartAndRotationTest {
    @Test
    void spentKeysAreRotatedLoggedAndVerifiableAgainstTheOriginalKey(@TempDir Path dir) throws Exception {
        try (TestServer s = TestServer.start(dir, c -> c.withKeys(c.security(), 2))) {
            JsonNode model = s.registerCredit();
            String id = model.get("id").asText();
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                jobs.add(s.requestProof(id, "private"));
            }
            List<byte[]> proofs = new ArrayList<>();
            for (String j : jobs) {
                JsonNode done = s.awaitJob(j, Duration.ofSeconds(60));
                assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
                proofs.add(s.get("/proofs/" + done.get("proofId").asText()).body());
            }
            JsonNode info = TestServer.json(s.get("/models/" + id));
            // budget 2: the first key makes 3 proofs (its rotation is the 4th opening), each rotated one 2
            assertThat(info.get("rotations").asInt()).isEqualTo(2);
            assertThat(TestServer.json(s.get("/audit?kind=KEY_ROTATED&model=" + id)).get("rows").size()).isEqualTo(2);

            byte[] vk = s.get("/models/" + id + "/vk").body();
            byte[] rot1 = s.get("/models/" + id + "/rotations/1").body();
            byte[] rot2 = s.get("/models/" + id + "/rotations/2").body();
            byte[] last = proofs.get(5);
            assertThat(Proof.fromBytes(last).vkDigestHex()).isNotEqualTo(model.get("vkDigest").asText());
            JsonNode withoutChain = TestServer.json(s.post("/verify", new Multipart().file("proof", "p.zkml", last).file("vk", "m.vk", vk), null));
            assertThat(withoutChain.get("verdict").asText()).isEqualTo("REJECT");
            assertThat(withoutChain.get("reason").asText()).contains("another model or key");
            JsonNode withChain = TestServer.json(s.post("/verify", new Multipart().file("proof", "p.zkml", last).file("vk", "m.vk", vk)
                    .file("rotation", "1.zkrot", rot1).file("rotation", "2.zkrot", rot2), null));
            assertThat(withChain.get("verdict").asText()).as(withChain.toString()).isEqualTo("ACCEPT");
            assertThat(withChain.get("rotationsChecked").asInt()).isEqualTo(2);
            for (byte[] p : proofs) {
                JsonNode v = TestServer.json(s.post("/verify", new Multipart().file("proof", "p.zkml", p).field("model", id), null));
                assertThat(v.get("verdict").asText()).isEqualTo("ACCEPT");
            }
        }
        // After a restart the model proves on with its latest key.
        try (TestServer again = TestServer.start(dir, c -> c.withKeys(c.security(), 2))) {
            String id = TestServer.json(again.get("/models")).get("models").get(0).get("id").asText();
            JsonNode done = again.awaitJob(again.requestProof(id, "public"), Duration.ofSeconds(60));
            assertThat(done.get("state").asText()).isEqualTo("done");
            assertThat(done.get("result").get("keyGeneration").asInt()).isEqualTo(2);
            assertThat(again.server.auditLog().verifyChain().intact()).isTrue();
        }
    }

    @Test
    void acceptedJobsSurviveAHaltAndAreProvedAfterTheRestart(@TempDir Path dir) throws Exception {
        List<String> jobs = new ArrayList<>();
        String id;
        TestServer s = TestServer.start(dir, c -> c.withWorkers(1, 64));
        try {
            id = s.registerCredit().get("id").asText();
            for (int i = 0; i < 8; i++) {
                jobs.add(s.requestProof(id, "private"));
            }
        } finally {
            s.server.halt(); // as a kill would: nothing finished, nothing flushed beyond what was committed
        }
        try (TestServer again = TestServer.start(dir)) {
            assertThat(again.server.resumedJobs()).isPositive();
            for (String j : jobs) {
                JsonNode done = again.awaitJob(j, Duration.ofSeconds(120));
                assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
                HttpResponse<byte[]> p = again.get("/proofs/" + done.get("proofId").asText());
                JsonNode v = TestServer.json(again.post("/verify", new Multipart().file("proof", "p.zkml", p.body()).field("model", id), null));
                assertThat(v.get("verdict").asText()).isEqualTo("ACCEPT");
            }
            assertThat(again.server.auditLog().verifyChain().intact()).isTrue();
        }
    }

    @Test
    void aCleanStopLeavesQueuedJobsForTheNextStart(@TempDir Path dir) throws Exception {
        List<String> jobs = new ArrayList<>();
        try (TestServer s = TestServer.start(dir, c -> c.withWorkers(1, 64))) {
            String id = s.registerCredit().get("id").asText();
            for (int i = 0; i < 6; i++) {
                jobs.add(s.requestProof(id, "private"));
            }
        }
        try (TestServer again = TestServer.start(dir)) {
            for (String j : jobs) {
                assertThat(again.awaitJob(j, Duration.ofSeconds(120)).get("state").asText()).isEqualTo("done");
            }
        }
    }

    @Test
    void aModelWhoseKeyIsGoneVerifiesButRefusesToProveWith409(@TempDir Path dir) throws Exception {
        String id;
        byte[] proof;
        try (TestServer s = TestServer.start(dir)) {
            id = s.registerCredit().get("id").asText();
            JsonNode done = s.awaitJob(s.requestProof(id, "public"), Duration.ofSeconds(60));
            proof = s.get("/proofs/" + done.get("proofId").asText()).body();
        }
        try (var files = java.nio.file.Files.walk(dir.resolve("keys"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        try (TestServer s = TestServer.start(dir)) {
            assertThat(s.server.notes()).anySatisfy(n -> assertThat(n).contains(id).contains("verifies only"));
            assertThat(TestServer.json(s.get("/models/" + id)).get("canProve").asBoolean()).isFalse();
            HttpResponse<byte[]> r = s.postJson("/models/" + id + "/proofs", TestServer.CREDIT_INPUT, TestServer.TOKEN);
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(TestServer.json(r).get("error").asText()).contains("proving key").contains("register the model again");
            JsonNode v = TestServer.json(s.post("/verify", new Multipart().file("proof", "p.zkml", proof).field("model", id), null));
            assertThat(v.get("verdict").asText()).isEqualTo("ACCEPT");
        }
    }
}
