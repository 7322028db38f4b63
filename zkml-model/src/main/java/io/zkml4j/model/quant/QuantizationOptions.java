package io.zkml4j.model.quant;

/**
 * Quantization settings.
 *
 * @param activationBits   width of the activation range {@code [−2^(b−1), 2^(b−1) − 1]} (8 to 16; 16 by default)
 * @param weightBits       signed width of quantized weights and per-element multipliers (2 to 24)
 * @param headroom         calibration headroom: a tensor's scale leaves room for {@code headroom·max|x|}
 *                         seen on the calibration inputs (≥ 1)
 * @param multiplierBits   precision of general multipliers {@code M·2^−s} ({@code M < 2^multiplierBits})
 * @param maxTableLength   largest lookup table (at most 2^16)
 */
public record QuantizationOptions(int activationBits, int weightBits, double headroom, int multiplierBits,
                                  int maxTableLength) {

    public static final QuantizationOptions DEFAULT = new QuantizationOptions(16, 12, 2.0, 16, 1 << 16);

    public QuantizationOptions {
        if (activationBits < 8 || activationBits > 16) {
            throw new IllegalArgumentException("activationBits must be in [8, 16], got " + activationBits);
        }
        if (weightBits < 2 || weightBits > 24) {
            throw new IllegalArgumentException("weightBits must be in [2, 24], got " + weightBits);
        }
        if (!(headroom >= 1) || headroom > 1 << 20) {
            throw new IllegalArgumentException("headroom must be at least 1, got " + headroom);
        }
        if (multiplierBits < 2 || multiplierBits > 30) {
            throw new IllegalArgumentException("multiplierBits must be in [2, 30], got " + multiplierBits);
        }
        if (maxTableLength < 2 || maxTableLength > 1 << 16) {
            throw new IllegalArgumentException("maxTableLength must be in [2, 2^16], got " + maxTableLength);
        }
    }

    public QuantizationOptions withActivationBits(int bits) {
        return new QuantizationOptions(bits, weightBits, headroom, multiplierBits, maxTableLength);
    }

    public QuantizationOptions withWeightBits(int bits) {
        return new QuantizationOptions(activationBits, bits, headroom, multiplierBits, maxTableLength);
    }

    public QuantizationOptions withHeadroom(double h) {
        return new QuantizationOptions(activationBits, weightBits, h, multiplierBits, maxTableLength);
    }

    /** Smallest activation value. */
    public long activationMin() {
        return -(1L << (activationBits - 1));
    }

    /** Largest activation value. */
    public long activationMax() {
        return (1L << (activationBits - 1)) - 1;
    }
}
