package io.zkml4j.bench.table;

/**
 * One model's line of the benchmark table. Times are medians in milliseconds; {@code peakHeapBytes} is
 * the heap's peak during one proof (see {@link PeakHeap}); sizes are file sizes in bytes.
 *
 * @param parameters     weights and biases of the quantized model's linear layers
 * @param layers         relations in the proved circuit
 * @param inferenceMillis the integer interpreter on the quantized input (what is proved), without proof
 * @param setupMillis    one setup (compile to a circuit, commit to the weights); measured once
 */
public record BenchmarkRow(String model, long parameters, int layers, String security, int securityBits,
                           double inferenceMillis, double setupMillis, double proveMillis, double verifyMillis,
                           long proofBytes, long verifyingKeyBytes, long provingKeyBytes, long peakHeapBytes,
                           int measuredRuns) {

    /** How many times slower proving is than plain integer inference. */
    public double proveToInferenceRatio() {
        return proveMillis / Math.max(inferenceMillis, 1e-6);
    }
}
