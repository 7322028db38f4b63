package io.zkml4j.prover.engine;

import io.zkml4j.prover.channel.VerifierChannel;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.plan.WitnessPlan;

/** The verifier's state while it walks the circuit: no values, only the channel and the claims. */
public record VerifierContext(Circuit circuit, WitnessPlan plan, VerifierChannel channel, ClaimBook claims) {}
