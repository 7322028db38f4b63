package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.parallel.Parallelism;
import io.zkml4j.crypto.field.Ext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static io.zkml4j.crypto.sumcheck.SumcheckFixtures.bruteForceSum;
import static io.zkml4j.crypto.sumcheck.SumcheckFixtures.evaluations;
import static org.assertj.core.api.Assertions.assertThat;

/** Completeness over random shapes: the proved sum is the true sum, and an honest proof verifies. */
class SumcheckPropertiesTest {

    @Property(tries = 60)
    void honestProofsOfRandomShapesVerify(@ForAll @IntRange(min = 0, max = 6) int n,
                                          @ForAll @IntRange(min = 1, max = 4) int tables,
                                          @ForAll @IntRange(min = 1, max = 3) int terms,
                                          @ForAll @IntRange(min = 1, max = 4) int degree,
                                          @ForAll @IntRange(min = 0, max = 2) int kinds,
                                          @ForAll boolean eq,
                                          @ForAll long seed) throws Exception {
        SumcheckInstance inst = SumcheckTest.randomInstance(new Random(seed), n, tables, terms, degree, kinds, eq);
        Ext sum = bruteForceSum(inst);
        SumcheckProver.Result res = SumcheckTest.prove(inst, Parallelism.SEQUENTIAL);
        assertThat(res.claimedSum()).isEqualTo(sum);
        assertThat(res.finalEvaluations()).containsExactly(evaluations(inst, res.point()));
        SumcheckTest.verifyFully(inst, sum, res.proof(), SumcheckTest.statementTranscript(sum, n, inst.degree()));
    }
}
