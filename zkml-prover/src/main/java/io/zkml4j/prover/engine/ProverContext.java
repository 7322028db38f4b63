package io.zkml4j.prover.engine;

import io.zkml4j.prover.channel.ProverChannel;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.plan.WitnessPlan;

/**
 * The prover's state while it walks the circuit: the channel, the claim book, and every value as a
 * padded table of canonical field elements — tensors, weights and committed witness vectors.
 */
public record ProverContext(Circuit circuit, WitnessPlan plan, ProverChannel channel, ClaimBook claims,
                            long[][] tensors, long[][] weights, long[][] slots) {}
