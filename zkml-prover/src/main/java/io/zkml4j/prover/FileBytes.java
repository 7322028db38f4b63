package io.zkml4j.prover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the API's {@code write(Path)} methods write a file: its folder created if needed, then the bytes. */
final class FileBytes {
    private FileBytes() {
    }

    static void write(Path path, byte[] bytes) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.write(path, bytes);
    }
}
