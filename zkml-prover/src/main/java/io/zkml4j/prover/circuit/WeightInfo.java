package io.zkml4j.prover.circuit;

import io.zkml4j.prover.layout.PaddedShape;

/** A committed constant tensor of the model (a weight matrix, kernel or bias). */
public record WeightInfo(int id, String name, PaddedShape shape) {}
