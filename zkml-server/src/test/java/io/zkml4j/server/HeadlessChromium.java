package io.zkml4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code chromium}, headless, driven over the Chrome DevTools Protocol (a WebSocket from the
 * JDK's HTTP client): navigate, choose files for file inputs, run JavaScript, take screenshots. Only
 * loopback addresses are involved. {@link #start} is empty, with the reason in {@link #unavailable}, when
 * no browser is installed or it does not start.
 */
final class HeadlessChromium implements AutoCloseable {
    static String unavailable = "";
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    static Optional<HeadlessChromium> start() {
        String binary = find();
        if (binary == null) {
            unavailable = "no chromium on PATH (apt-get install chromium)";
            return Optional.empty();
        }
        Process p = null;
        try {
            Path profile = Files.createTempDirectory("zkml-chromium-");
            p = new ProcessBuilder(binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                    "--window-size=1200,1400", "about:blank").redirectErrorStream(true).start();
            String browserWs = awaitListening(p);
            URI browser = URI.create(browserWs);
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + browser.getPort() + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String pageWs = null;
            for (JsonNode t : Json.read(list)) {
                if (t.path("type").asText().equals("page")) {
                    pageWs = t.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (pageWs == null) {
                throw new IOException("chromium shows no page target");
            }
            HeadlessChromium[] self = new HeadlessChromium[1];
            Listener listener = new Listener(self);
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), listener).get(20, TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(p, profile, ws);
            return Optional.of(self[0]);
        } catch (Exception e) {
            if (p != null) {
                p.destroyForcibly();
            }
            unavailable = "chromium did not start: " + e;
            return Optional.empty();
        }
    }

    private static String find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }

    private static String awaitListening(Process p) throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = r.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    } else if (!url.isDone() && seen.length() < 4000) {
                        seen.append(line).append('\n');
                    }
                }
                url.completeExceptionally(new IOException("chromium exited: " + seen.toString().strip()));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        return url.get(60, TimeUnit.SECONDS);
    }

    private static final class Listener implements WebSocket.Listener {
        private final HeadlessChromium[] self;
        private final StringBuilder buffer = new StringBuilder();

        Listener(HeadlessChromium[] self) {
            this.self = self;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                JsonNode msg = Json.read(buffer.toString());
                buffer.setLength(0);
                if (msg.has("id") && self[0] != null) {
                    CompletableFuture<JsonNode> f = self[0].waiting.remove(msg.get("id").asInt());
                    if (f != null) {
                        f.complete(msg);
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }

    /** Sends a DevTools command and returns its result (or fails with its error). */
    JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        waiting.put(id, f);
        ObjectNode msg = Json.object();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", params == null ? Json.object() : params);
        socket.sendText(Json.write(msg), true).get(20, TimeUnit.SECONDS);
        JsonNode reply = f.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + ": " + reply.get("error"));
        }
        return reply.get("result");
    }

    void navigate(String url) throws Exception {
        ObjectNode p = Json.object();
        p.put("url", url);
        send("Page.navigate", p);
    }

    /** Evaluates a JavaScript expression in the page; its value as JSON (promises awaited). */
    JsonNode eval(String expression) throws Exception {
        ObjectNode p = Json.object();
        p.put("expression", expression);
        p.put("returnByValue", true);
        p.put("awaitPromise", true);
        JsonNode r = send("Runtime.evaluate", p);
        if (r.has("exceptionDetails")) {
            throw new IOException("page script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits until a JavaScript expression is truthy. */
    void waitFor(String expression, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonNode v = eval("!!(" + expression + ")");
            if (v.asBoolean()) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the page never satisfied: " + expression);
            }
            Thread.sleep(50);
        }
    }

    /** Chooses files for a file input, as a person picking them in the dialog would. */
    void chooseFiles(String selector, Path... files) throws Exception {
        JsonNode doc = send("DOM.getDocument", null);
        ObjectNode q = Json.object();
        q.put("nodeId", doc.get("root").get("nodeId").asInt());
        q.put("selector", selector);
        int node = send("DOM.querySelector", q).get("nodeId").asInt();
        if (node == 0) {
            throw new AssertionError("no element " + selector + " on the page");
        }
        ObjectNode set = Json.object();
        set.put("nodeId", node);
        var list = set.putArray("files");
        for (Path f : files) {
            list.add(f.toAbsolutePath().toString());
        }
        send("DOM.setFileInputFiles", set);
    }

    /** Drags files from outside the browser and drops them on an element, as a person would from a file manager. */
    void dropFiles(String selector, Path... files) throws Exception {
        JsonNode center = eval("(r => [r.x + r.width / 2, r.y + r.height / 2])(document.querySelector('" + selector
                + "').getBoundingClientRect())");
        for (String type : new String[] {"dragEnter", "dragOver", "drop"}) {
            ObjectNode p = Json.object();
            p.put("type", type);
            p.put("x", center.get(0).asDouble());
            p.put("y", center.get(1).asDouble());
            ObjectNode data = p.putObject("data");
            data.putArray("items");
            var list = data.putArray("files");
            for (Path f : files) {
                list.add(f.toAbsolutePath().toString());
            }
            data.put("dragOperationsMask", 1);
            send("Input.dispatchDragEvent", p);
        }
    }

    void screenshot(Path png) throws Exception {
        ObjectNode p = Json.object();
        p.put("format", "png");
        p.put("captureBeyondViewport", true);
        byte[] image = Base64.getDecoder().decode(send("Page.captureScreenshot", p).get("data").asText());
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, image);
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
