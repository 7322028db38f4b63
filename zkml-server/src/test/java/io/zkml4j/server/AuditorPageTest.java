package io.zkml4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkml4j.prover.Proof;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor page in real headless Chromium: choose a proof and its verifying key, press Verify, see
 * ACCEPT with the output, commitment, visibility and security level; a tampered proof shows REJECT; the
 * audit log table lists both verdicts. Screenshots go to {@code target/auditor-*.png}. Skipped, with the
 * reason printed, when Chromium is not installed.
 */
class AuditorPageTest {
    @TempDir
    static Path dir;
    static TestServer s;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start().orElse(null);
        if (browser == null) {
            System.out.println("SKIPPED AuditorPageTest: " + HeadlessChromium.unavailable);
            return;
        }
        s = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (s != null) {
            s.close();
        }
    }

    /** Chooses a proof file, presses Verify and returns the verdict the page then shows. */
    private static String verdictFor(Path proof) throws Exception {
        browser.eval("document.getElementById('verdict').textContent = ''");
        browser.chooseFiles("#proof-file", proof);
        browser.eval("document.getElementById('verify-btn').click()");
        browser.waitFor("document.getElementById('verdict').textContent !== ''", Duration.ofSeconds(30));
        return browser.eval("document.getElementById('verdict').textContent").asText();
    }

    @Test
    void anHonestProofShowsAcceptAndATamperedOneReject() throws Exception {
        Assumptions.assumeTrue(browser != null, () -> "Chromium unavailable: " + HeadlessChromium.unavailable);
        JsonNode model = s.registerCredit();
        String id = model.get("id").asText();
        JsonNode done = s.awaitJob(s.requestProof(id, "public"), Duration.ofSeconds(60));
        byte[] proofBytes = s.get("/proofs/" + done.get("proofId").asText()).body();
        Path proof = Files.write(dir.resolve("decision.zkml"), proofBytes);
        Path vk = Files.write(dir.resolve("credit.vk"), s.get("/models/" + id + "/vk").body());
        Proof p = Proof.fromBytes(proofBytes);
        long[] forged = p.output().clone();
        forged[1] += 100;
        Path tampered = Files.write(dir.resolve("tampered.zkml"),
                new Proof(p.vkDigest(), p.inputVisibility(), p.publicInput(), forged, p.proof()).toBytes());

        browser.navigate(s.uri("/").toString());
        browser.waitFor("document.readyState === 'complete' && document.querySelectorAll('#model-select option').length > 1",
                Duration.ofSeconds(20));

        browser.chooseFiles("#vk-file", vk);
        assertThat(verdictFor(proof)).isEqualTo("ACCEPT");
        String facts = browser.eval("document.getElementById('facts').textContent").asText();
        assertThat(facts).contains(model.get("modelCommitment").asText()).contains("public").contains("testing-only-insecure");
        assertThat(browser.eval("document.querySelectorAll('#outputs tbody tr').length").asInt()).isEqualTo(1);
        assertThat(browser.eval("document.querySelector('#outputs tbody td').textContent").asText()).isEqualTo("probabilities");
        browser.screenshot(Path.of("target", "auditor-accept.png"));

        assertThat(verdictFor(tampered)).isEqualTo("REJECT");
        assertThat(browser.eval("document.getElementById('reason').textContent").asText()).isNotBlank();

        browser.waitFor("Array.from(document.querySelectorAll('#audit-table td')).some(td => td.textContent === 'REJECT')",
                Duration.ofSeconds(20));
        String log = browser.eval("document.getElementById('audit-table').textContent").asText();
        assertThat(log).contains("VERIFIED").contains("ACCEPT").contains("PROOF_STORED").contains("MODEL_REGISTERED");
        browser.screenshot(Path.of("target", "auditor-reject.png"));
    }

    @Test
    void aRegisteredModelCanBePickedInsteadOfAKeyFile() throws Exception {
        Assumptions.assumeTrue(browser != null, () -> "Chromium unavailable: " + HeadlessChromium.unavailable);
        JsonNode model = s.registerCredit();
        String id = model.get("id").asText();
        JsonNode done = s.awaitJob(s.requestProof(id, "private"), Duration.ofSeconds(60));
        Path proof = Files.write(dir.resolve("private.zkml"), s.get("/proofs/" + done.get("proofId").asText()).body());

        browser.navigate(s.uri("/").toString());
        browser.waitFor("Array.from(document.querySelectorAll('#model-select option')).some(o => o.value === '" + id + "')",
                Duration.ofSeconds(20));
        browser.eval("document.getElementById('model-select').value = '" + id + "'");
        assertThat(verdictFor(proof)).isEqualTo("ACCEPT");
        assertThat(browser.eval("document.getElementById('facts').textContent").asText()).contains("private");
    }

    @Test
    void droppingTheFilesOnThePageWorksToo() throws Exception {
        Assumptions.assumeTrue(browser != null, () -> "Chromium unavailable: " + HeadlessChromium.unavailable);
        String id = s.registerCredit().get("id").asText();
        JsonNode done = s.awaitJob(s.requestProof(id, "public"), Duration.ofSeconds(60));
        Path proof = Files.write(dir.resolve("dropped.zkml"), s.get("/proofs/" + done.get("proofId").asText()).body());
        Path vk = Files.write(dir.resolve("dropped.vk"), s.get("/models/" + id + "/vk").body());

        browser.navigate(s.uri("/").toString());
        browser.waitFor("document.readyState === 'complete' && document.getElementById('drop-zone') !== null", Duration.ofSeconds(20));
        browser.dropFiles("#drop-zone", proof, vk);
        browser.waitFor("document.getElementById('drop-zone').textContent.includes('dropped.zkml')", Duration.ofSeconds(10));
        assertThat(browser.eval("document.getElementById('drop-zone').textContent").asText()).contains("dropped.vk");
        browser.eval("document.getElementById('verify-btn').click()");
        browser.waitFor("document.getElementById('verdict').textContent !== ''", Duration.ofSeconds(30));
        assertThat(browser.eval("document.getElementById('verdict').textContent").asText()).isEqualTo("ACCEPT");
    }
}
