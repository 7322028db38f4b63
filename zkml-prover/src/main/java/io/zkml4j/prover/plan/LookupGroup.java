package io.zkml4j.prover.plan;

import io.zkml4j.prover.layout.PaddedShape;

/**
 * Columns that are looked up together, row by row, into one table. Only the real (non-padding) rows of
 * {@code shape} are looked up: the padding rows of gadget vectors hold whatever their identities force
 * there, which need not be table rows (see docs/ARCHITECTURE.md, padding rule).
 */
public record LookupGroup(PaddedShape shape, ColumnRef[] columns) {}
