package io.zkml4j.cli;

import io.zkml4j.model.quant.ModelFormatException;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.Rotation;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.format.Container;
import io.zkml4j.prover.format.FileFormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reading and writing the files {@code zkml} deals with, every failure one {@link UserError} line naming
 * the file: missing, unreadable, too large, of another kind than expected (with what it is instead), or
 * corrupted (the format's own message: truncated, checksum, too old or too new a version).
 */
final class Artifacts {
    /** Larger files are refused before reading (a Java array holds at most about 2 GiB). */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

    /** What a file is, from its first bytes. */
    enum Kind {
        ONNX("an ONNX model (.onnx)"),
        COMPILED_MODEL("a compiled model (.zkm)"),
        PROVING_KEY("a proving key (.pk)"),
        VERIFYING_KEY("a verifying key (.vk)"),
        PROOF("a proof (.zkml)"),
        ROTATION("a key rotation (.zkrot)"),
        UNKNOWN("not a zkml4j file");

        final String human;

        Kind(String human) {
            this.human = human;
        }
    }

    private Artifacts() {
    }

    static byte[] read(Path path) throws UserError {
        try {
            if (Files.isDirectory(path)) {
                throw new UserError("'" + path + "' is a directory, not a file");
            }
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new UserError("'" + path + "' is too large (" + size + " bytes)");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: '" + path + "'");
        } catch (AccessDeniedException e) {
            throw new UserError("cannot read '" + path + "': permission denied");
        } catch (IOException e) {
            throw new UserError("cannot read '" + path + "': " + e.getMessage());
        }
    }

    static String readText(Path path) throws UserError {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    /** Writes a file, creating its folder if needed. */
    static void write(Path path, byte[] bytes) throws UserError {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new UserError("cannot write '" + path + "': " + e.getMessage());
        }
    }

    static Kind kindOf(byte[] b) {
        Container.Kind k = Container.sniff(b);
        if (k != null) {
            return switch (k) {
                case PROVING_KEY -> Kind.PROVING_KEY;
                case VERIFYING_KEY -> Kind.VERIFYING_KEY;
                case PROOF -> Kind.PROOF;
                case ROTATION -> Kind.ROTATION;
            };
        }
        if (b.length >= 8 && Arrays.equals(Arrays.copyOf(b, 7), "ZKMODEL".getBytes(StandardCharsets.US_ASCII))) {
            return Kind.COMPILED_MODEL;
        }
        // An ONNX file is a protobuf ModelProto whose first field is ir_version (field 1, varint): 0x08, then a small number.
        if (b.length >= 2 && b[0] == 0x08 && b[1] > 0 && b[1] < 64) {
            return Kind.ONNX;
        }
        return Kind.UNKNOWN;
    }

    static QuantizedModel readModel(Path path) throws UserError {
        return readAs(path, Kind.COMPILED_MODEL, QuantizedModel::fromBytes);
    }

    /** Reads a proving key bound to its file: every proof's count is written back to it before the proof is made. */
    static ProvingKey readProvingKey(Path path) throws UserError {
        ProvingKey pk = readAs(path, Kind.PROVING_KEY, ProvingKey::fromBytes);
        pk.bindTo(path);
        return pk;
    }

    static VerifyingKey readVerifyingKey(Path path) throws UserError {
        return readAs(path, Kind.VERIFYING_KEY, VerifyingKey::fromBytes);
    }

    static Proof readProof(Path path) throws UserError {
        return readAs(path, Kind.PROOF, Proof::fromBytes);
    }

    static Rotation readRotation(Path path) throws UserError {
        return readAs(path, Kind.ROTATION, Rotation::fromBytes);
    }

    /** A format's reader: bytes to a value, or its one-line complaint. */
    @FunctionalInterface
    private interface Decoder<T> {
        T decode(byte[] bytes) throws FileFormatException, ModelFormatException;
    }

    private static <T> T readAs(Path path, Kind kind, Decoder<T> decoder) throws UserError {
        byte[] b = read(path);
        expect(path, b, kind);
        try {
            return decoder.decode(b);
        } catch (FileFormatException | ModelFormatException e) {
            throw new UserError("'" + path + "': " + e.getMessage());
        }
    }

    /** Refuses a file of another known kind with what it is and what to do; unknown bytes go to the format's own check. */
    static void expect(Path path, byte[] bytes, Kind expected) throws UserError {
        Kind actual = kindOf(bytes);
        if (actual == expected || actual == Kind.UNKNOWN) {
            return;
        }
        String hint = switch (actual) {
            case ONNX -> "; run 'zkml compile' on it first";
            case COMPILED_MODEL -> expected == Kind.PROVING_KEY || expected == Kind.VERIFYING_KEY ? "; run 'zkml setup' on it first" : "";
            default -> "";
        };
        throw new UserError("'" + path + "' is " + actual.human + ", not " + expected.human + hint);
    }

    /** A file name with its folder replaced: {@code dir/stem.ext}. */
    static Path sibling(Path dir, Path file, String newExtension) {
        return dir.resolve(stem(file) + newExtension);
    }

    /** The file name without its last extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
