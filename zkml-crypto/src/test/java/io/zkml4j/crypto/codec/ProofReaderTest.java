package io.zkml4j.crypto.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Decoding untrusted bytes: truncation, non-canonical elements, trailing bytes, hostile length prefixes. */
class ProofReaderTest {

    private static byte[] sample() {
        return new ProofWriter()
                .writeInt(-7)
                .writeLong(Long.MIN_VALUE)
                .writeField(Goldilocks.P - 1)
                .writeExt(Ext.of(3, Goldilocks.P - 2))
                .writeFields(new long[] {1, 2, 3})
                .writeExts(new long[] {4, 5, 6, 7})
                .writeExtArray(new Ext[] {Ext.of(8, 9)})
                .writeBytes(new byte[] {10, 11})
                .writeFixed(new byte[] {12, 13, 14})
                .toByteArray();
    }

    /** Reads {@link #sample()} back; every call names what it reads. */
    private static void readSample(ProofReader r) throws ProofRejectedException {
        assertThat(r.readInt("int")).isEqualTo(-7);
        assertThat(r.readLong("long")).isEqualTo(Long.MIN_VALUE);
        assertThat(r.readField("field")).isEqualTo(Goldilocks.P - 1);
        assertThat(r.readExt("ext")).isEqualTo(Ext.of(3, Goldilocks.P - 2));
        assertThat(r.readFields("fields", 3)).containsExactly(1, 2, 3);
        assertThat(r.readExts("exts", 2)).containsExactly(4, 5, 6, 7);
        assertThat(r.readExtArray("ext array", 1)).containsExactly(Ext.of(8, 9));
        assertThat(r.readBytes("bytes", 2)).containsExactly(10, 11);
        assertThat(r.readFixed("fixed", 3)).containsExactly(12, 13, 14);
        r.finish();
    }

    @Test
    void roundTripsWhatTheWriterWrote() throws ProofRejectedException {
        byte[] bytes = sample();
        ProofReader r = new ProofReader(bytes);
        readSample(r);
        assertThat(r.remaining()).isZero();
    }

    @Test
    void everyTruncationIsRejectedAsTruncated() {
        byte[] bytes = sample();
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> readSample(new ProofReader(cut)))
                    .as("truncated to %d bytes", len)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] bytes = Arrays.copyOf(sample(), sample().length + 1);
        assertThatThrownBy(() -> readSample(new ProofReader(bytes)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("1 trailing bytes");
    }

    @Test
    void nonCanonicalFieldElementsAreRejected() {
        long[] bad = {Goldilocks.P, Goldilocks.P + 1, Goldilocks.P + 5, -1L};
        for (long x : bad) {
            byte[] one = new ProofWriter().writeLong(x).toByteArray();
            assertThatThrownBy(() -> new ProofReader(one).readField("the element"))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("non-canonical field element in the element");
            byte[] ext = new ProofWriter().writeLong(1).writeLong(x).toByteArray();
            assertThatThrownBy(() -> new ProofReader(ext).readExt("ext"))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("non-canonical");
            byte[] vec = new ProofWriter().writeFields(new long[] {0, x}).toByteArray();
            assertThatThrownBy(() -> new ProofReader(vec).readFields("vec", 2))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("non-canonical");
            byte[] exts = new ProofWriter().writeExts(new long[] {x, 0}).toByteArray();
            assertThatThrownBy(() -> new ProofReader(exts).readExts("exts", 1))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("non-canonical");
        }
    }

    @Test
    void wrongExactCountsAreRejected() {
        byte[] bytes = new ProofWriter().writeFields(new long[] {1, 2}).toByteArray();
        assertThatThrownBy(() -> new ProofReader(bytes).readFields("vec", 3))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("vec length 2, expected 3");
    }

    @Test
    void countsOutsideTheCapAreRejected() {
        byte[] bytes = new ProofWriter().writeInt(11).toByteArray();
        assertThatThrownBy(() -> new ProofReader(bytes).readCount("items", 10))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("items length 11 outside [0, 10]");
        byte[] negative = new ProofWriter().writeInt(-1).toByteArray();
        assertThatThrownBy(() -> new ProofReader(negative).readBytes("blob", Integer.MAX_VALUE))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("outside");
    }

    /**
     * A length prefix whose byte size overflows an int (8·(2^29 + 1) = 2^32 + 8) must be rejected
     * before a 4 GiB array is allocated, even when the caller's cap is generous.
     */
    @Test
    void hugeLengthPrefixesAreRejectedBeforeAllocation() {
        int[] hostile = {(1 << 29) + 1, (1 << 28) + 1, Integer.MAX_VALUE, 1 << 30};
        for (int n : hostile) {
            byte[] bytes = new ProofWriter().writeInt(n).writeLong(1).writeLong(2).toByteArray();
            assertThatThrownBy(() -> new ProofReader(bytes).readFieldsUpTo("vec", Integer.MAX_VALUE))
                    .as("prefix %d", n)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("truncated while reading vec");
            assertThatThrownBy(() -> new ProofReader(bytes).readBytes("blob", Integer.MAX_VALUE))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("truncated while reading blob");
            assertThatThrownBy(() -> new ProofReader(bytes).readExts("exts", n))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("truncated while reading exts");
            assertThatThrownBy(() -> new ProofReader(bytes).readExtArray("ext array", n))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("truncated while reading ext array");
            assertThatThrownBy(() -> new ProofReader(bytes).readFields("fields", n))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("truncated while reading fields");
        }
    }
}
