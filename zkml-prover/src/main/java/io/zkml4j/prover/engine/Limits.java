package io.zkml4j.prover.engine;

/**
 * What a proof also establishes: how many input values sit at the limits of the input's range (inputs
 * outside the calibrated range are clamped there) and how many output values at the limits of the
 * output's range (saturated).
 */
public record Limits(int inputAtLimits, int outputAtLimits) {}
