package io.zkml4j.model.lower;

/**
 * Element-wise real functions that the quantizer turns into lookup tables (and that constant folding
 * evaluates). Everything is computed with {@link StrictMath}, so tables are the same bits on every JVM.
 * {@code a} and {@code b} are the ONNX attributes named in each constant's comment.
 */
public enum UnaryFunction {
    /** 1 / (1 + e^-x). */
    SIGMOID,
    TANH,
    ERF,
    /** x·Φ(x) with the exact normal CDF. */
    GELU,
    /** 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
    GELU_TANH,
    /** x ≥ 0 ? x : a·(e^x − 1). */
    ELU,
    /** x ≥ 0 ? x : a·x (also PRelu with one slope). */
    LEAKY_RELU,
    /** max(0, min(1, a·x + b)). */
    HARD_SIGMOID,
    /** x·max(0, min(1, x/6 + 1/2)). */
    HARD_SWISH,
    ABS,
    SQRT,
    /** 1 / √x. */
    RSQRT,
    EXP,
    LOG,
    /** ln(1 + e^x). */
    SOFTPLUS,
    /** x / (1 + |x|). */
    SOFTSIGN,
    /** max(0, x) + min(0, a·(e^(x/a) − 1)). */
    CELU,
    /** b·(x > 0 ? x : a·(e^x − 1)) with ONNX's defaults a = 1.67326, b = 1.0507. */
    SELU,
    /** x·tanh(softplus(x)). */
    MISH,
    RECIPROCAL,
    /** x^a. */
    POW,
    NEG,
    SIGN,
    FLOOR,
    CEIL,
    /** Round half to even (ONNX Round). */
    ROUND,
    SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH,
    RELU,
    /** Truncation toward zero (ONNX Cast from float to an integer type). */
    TRUNCATE;

    public double apply(double x, double a, double b) {
        return switch (this) {
            case SIGMOID -> x >= 0 ? 1 / (1 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1 + StrictMath.exp(x));
            case TANH -> StrictMath.tanh(x);
            case ERF -> erf(x);
            case GELU -> 0.5 * x * (1 + erf(x / StrictMath.sqrt(2)));
            case GELU_TANH -> 0.5 * x * (1 + StrictMath.tanh(StrictMath.sqrt(2 / StrictMath.PI) * (x + 0.044715 * x * x * x)));
            case ELU -> x >= 0 ? x : a * StrictMath.expm1(x);
            case LEAKY_RELU -> x >= 0 ? x : a * x;
            case HARD_SIGMOID -> Math.max(0, Math.min(1, a * x + b));
            case HARD_SWISH -> x * Math.max(0, Math.min(1, x / 6 + 0.5));
            case ABS -> Math.abs(x);
            case SQRT -> StrictMath.sqrt(x);
            case RSQRT -> 1 / StrictMath.sqrt(x);
            case EXP -> StrictMath.exp(x);
            case LOG -> StrictMath.log(x);
            case SOFTPLUS -> x > 30 ? x : StrictMath.log1p(StrictMath.exp(x));
            case SOFTSIGN -> x / (1 + Math.abs(x));
            case CELU -> Math.max(0, x) + Math.min(0, a * StrictMath.expm1(x / a));
            case SELU -> b * (x > 0 ? x : a * StrictMath.expm1(x));
            case MISH -> x * StrictMath.tanh(x > 30 ? x : StrictMath.log1p(StrictMath.exp(x)));
            case RECIPROCAL -> 1 / x;
            case POW -> StrictMath.pow(x, a);
            case NEG -> -x;
            case SIGN -> Math.signum(x);
            case FLOOR -> StrictMath.floor(x);
            case CEIL -> StrictMath.ceil(x);
            case ROUND -> StrictMath.rint(x);
            case SIN -> StrictMath.sin(x);
            case COS -> StrictMath.cos(x);
            case TAN -> StrictMath.tan(x);
            case ASIN -> StrictMath.asin(x);
            case ACOS -> StrictMath.acos(x);
            case ATAN -> StrictMath.atan(x);
            case SINH -> StrictMath.sinh(x);
            case COSH -> StrictMath.cosh(x);
            case RELU -> Math.max(0, x);
            case TRUNCATE -> x < 0 ? StrictMath.ceil(x) + 0.0 : StrictMath.floor(x); // + 0.0: no −0
        };
    }

    /**
     * The error function: its Maclaurin series below |x| = 3 (cancellation costs at most ~4 of 16 digits
     * there), a continued fraction for erfc above.
     */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (Double.isNaN(x)) {
            return x;
        }
        double r;
        if (ax < 3) {
            double term = ax;
            double sum = ax;
            double x2 = ax * ax;
            for (int n = 1; n < 200; n++) {
                term *= -x2 / n;
                double t = term / (2 * n + 1);
                sum += t;
                if (Math.abs(t) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            r = 2 / StrictMath.sqrt(StrictMath.PI) * sum;
        } else if (ax > 27) {
            r = 1;
        } else {
            // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated bottom-up.
            double f = ax;
            for (int k = 60; k >= 1; k--) {
                f = ax + (k / 2.0) / f;
            }
            r = 1 - StrictMath.exp(-ax * ax) / StrictMath.sqrt(StrictMath.PI) / f;
        }
        return x < 0 ? -r : r;
    }
}
