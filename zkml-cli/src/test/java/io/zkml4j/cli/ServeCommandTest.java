package io.zkml4j.cli;

import io.zkml4j.model.demo.DemoModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.zkml4j.cli.CliRun.zkml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code zkml serve} as a real process (started from this test's class path): it listens, refuses an
 * upload without a token, registers a model with one, and stops cleanly on SIGTERM; then
 * {@code zkml audit verify} finds the log intact, and after a row is changed behind the triggers' back,
 * broken at that row. Option errors are one line.
 */
class ServeCommandTest {
    private static final String TOKEN = "cli-test-token-0123456789";

    @Test
    void servesStopsCleanlyOnSigtermAndTheAuditChainIsChecked(@TempDir Path dir) throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens"), "# test\n" + TOKEN + "\n");
        String db = "jdbc:sqlite:" + dir.resolve("zkml.db");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.zkml4j.cli.Main", "serve", "--port", "0", "--db", db,
                "--keys", dir.resolve("keys").toString(), "--token-file", tokens.toString(), "--insecure-testing-only", "--budget", "4"));
        Path stdout = dir.resolve("serve.out");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.readString(stdout).indexOf('\n') < 0 && p.isAlive() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            String first = Files.readString(stdout).lines().findFirst().orElse(null);
            assertThat(first).as("first line; stderr: %s", Files.readString(dir.resolve("serve.err"))).isNotNull();
            Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(first);
            assertThat(m.find()).as(first).isTrue();
            String base = m.group(1);
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
            String boundary = "b0undary";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            part(body, boundary, "onnx", "credit.onnx", DemoModels.checkedIn("credit-mlp.onnx"));
            part(body, boundary, "input", "credit.json", DemoModels.checkedIn("credit-mlp.input.json"));
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            HttpRequest.Builder upload = HttpRequest.newBuilder(URI.create(base + "/models"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
            assertThat(http.send(upload.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            HttpResponse<String> ok = http.send(upload.header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(stdout)).contains("stopping").contains("stopped cleanly");
        } finally {
            p.destroyForcibly();
        }

        CliRun intact = zkml("audit", "verify", "--db", db);
        assertThat(intact.exit()).as(intact.toString()).isZero();
        assertThat(intact.out()).contains("audit log intact: 1 row(s), head hash ");

        try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_log_no_update");
            s.execute("UPDATE audit_log SET detail = '{\"name\":\"another model\"}' WHERE seq = 1");
        }
        CliRun broken = zkml("audit", "verify", "--db", db);
        assertThat(broken.exit()).as(broken.toString()).isEqualTo(1);
        assertThat(broken.out()).contains("audit log BROKEN at row 1").contains("changed");
    }

    private static void part(ByteArrayOutputStream b, String boundary, String field, String file, byte[] bytes) {
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + file
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(bytes);
        b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void optionAndDatabaseErrorsAreOneLine(@TempDir Path dir) {
        CliRun badSize = zkml("serve", "--max-body", "lots", "--token-file", dir.resolve("none").toString());
        assertThat(badSize.exit()).isEqualTo(2);
        assertThat(badSize.err()).contains("--max-body must be a size like 512k");
        CliRun noTokens = zkml("serve", "--token-file", dir.resolve("none").toString(), "--db", "jdbc:sqlite:" + dir.resolve("x.db"));
        assertThat(noTokens.exit()).isEqualTo(2);
        assertThat(noTokens.err()).contains("no token file").contains("openssl rand");
        CliRun badDb = zkml("serve", "--token-file", dir.resolve("none").toString(), "--db", "jdbc:mysql://x");
        assertThat(badDb.exit()).isEqualTo(2);
        CliRun missing = zkml("audit", "verify", "--db", "jdbc:sqlite:" + dir.resolve("nothing.db"));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no database file").doesNotContain("\tat ");
        assertThat(new File(dir.resolve("nothing.db").toString())).doesNotExist();
        CliRun action = zkml("audit", "check");
        assertThat(action.exit()).isEqualTo(2);
        assertThat(action.err()).contains("zkml audit verify");
    }
}
