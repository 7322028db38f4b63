package io.zkml4j.prover.api;

import io.zkml4j.prover.format.Container;
import io.zkml4j.prover.format.FileFormatException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Re-seals a verifying key with one section's bytes replaced (a valid checksum, a tampered content). */
final class ContainerEdits {
    private ContainerEdits() {}

    static byte[] replaceSection(byte[] file, byte[] oldSection, byte[] newSection) throws FileFormatException {
        Container.Read read = Container.read(file, Container.Kind.VERIFYING_KEY, 1, Integer.MAX_VALUE);
        List<Container.Section> sections = new ArrayList<>();
        boolean replaced = false;
        for (Container.Section s : read.sections()) {
            if (Arrays.equals(s.bytes(), oldSection)) {
                sections.add(new Container.Section(s.tag(), newSection));
                replaced = true;
            } else {
                sections.add(s);
            }
        }
        if (!replaced) {
            throw new IllegalStateException("section not found");
        }
        return Container.write(Container.Kind.VERIFYING_KEY, read.version(), sections);
    }
}
