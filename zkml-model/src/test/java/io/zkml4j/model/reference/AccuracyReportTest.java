package io.zkml4j.model.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.model.graph.Shapes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's definitions: absolute and relative error, per-row argmax agreement with ties. */
class AccuracyReportTest {

    @Test
    void errorsFollowTheirDefinitions() {
        AccuracyReport r = AccuracyReport.compare(List.of("y"), new double[][] {{1.0, -4.0, 2.0}},
                new double[][] {{1.1, -3.9, 2.0}}, new int[] {3});
        AccuracyReport.Output o = r.outputs().get(0);
        assertThat(o.maxAbsError()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(o.maxRelativeError()).isCloseTo(0.1 / 4.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.worstRelativeError()).isEqualTo(o.maxRelativeError());
        assertThat(r.worstAbsoluteError()).isEqualTo(o.maxAbsError());
        assertThat(o.argmaxAgrees()).isTrue();
    }

    @Test
    void argmaxIsPerRowAndTiesInTheFloatResultCountAsAgreement() {
        double[][] ref = {{0.1, 0.9, 0.5, 0.5}};
        AccuracyReport perRow = AccuracyReport.compare(List.of("y"), ref, new double[][] {{0.1, 0.8, 0.49, 0.51}}, new int[] {2});
        assertThat(perRow.argmaxAgrees()).as("row 2 ties in float").isTrue();
        AccuracyReport flipped = AccuracyReport.compare(List.of("y"), ref, new double[][] {{0.9, 0.1, 0.5, 0.5}}, new int[] {2});
        assertThat(flipped.argmaxAgrees()).isFalse();
        assertThat(flipped.toString()).contains("DIFFER");
    }

    @Test
    void argmaxOnlyWhereThereIsAClassAxis() {
        assertThat(Shapes.classAxisLength(new int[] {10})).isEqualTo(10);
        assertThat(Shapes.classAxisLength(new int[] {1, 10})).isEqualTo(10);
        assertThat(Shapes.classAxisLength(new int[] {4, 3})).isEqualTo(3);
        assertThat(Shapes.classAxisLength(new int[] {1, 1})).as("a single score").isZero();
        assertThat(Shapes.classAxisLength(new int[] {})).isZero();
        assertThat(Shapes.classAxisLength(new int[] {1, 1, 1, 96})).as("an embedding").isZero();
        assertThat(Shapes.classAxisLength(new int[] {1, 16, 96})).as("a sequence").isZero();
        AccuracyReport score = AccuracyReport.compare(List.of("p"), new double[][] {{0.7}}, new double[][] {{0.69}},
                new int[] {Shapes.classAxisLength(new int[] {1, 1})});
        assertThat(score.hasClassAxis()).isFalse();
        assertThat(score.outputs().get(0).hasClassAxis()).isFalse();
        assertThat(score.toString()).doesNotContain("agree");
        AccuracyReport classes = AccuracyReport.compare(List.of("y"), new double[][] {{0.1, 0.9}}, new double[][] {{0.1, 0.9}},
                new int[] {2});
        assertThat(classes.hasClassAxis()).isTrue();
        assertThat(classes.toString()).contains("agree");
    }

    @Test
    void allZeroReference() {
        AccuracyReport exact = AccuracyReport.compare(List.of("y"), new double[][] {{0, 0}}, new double[][] {{0, 0}}, new int[] {2});
        assertThat(exact.worstRelativeError()).isZero();
        AccuracyReport off = AccuracyReport.compare(List.of("y"), new double[][] {{0, 0}}, new double[][] {{0, 1e-3}}, new int[] {2});
        assertThat(off.worstRelativeError()).isInfinite();
    }

    @Test
    void mismatchedOutputsAreRefused() {
        assertThatThrownBy(() -> AccuracyReport.compare(List.of("y"), new double[][] {{1, 2}}, new double[][] {{1}}, new int[] {2}))
                .hasMessage("output 'y': 2 reference values, 1 quantized");
    }
}
