package io.zkml4j.model.quant;

import io.zkml4j.model.ModelCompileException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A declared interval replaces the one an op's constants give, and must contain it. */
class DeclaredIntervalTest {
    private static final List<TensorSpec> X = List.of(new TensorSpec("x", new int[] {1, 2}, 0, -10, 10));

    @Test
    void aDeclaredIntervalIsUsedWhenItContainsTheConstantsInterval() throws Exception {
        Primitive.Affine plain = new Primitive.Affine(0, new LongTensor(new int[] {2}, new long[] {1, -1}),
                new LongTensor(new int[] {2}, new long[] {3, 0}));
        assertThat(BoundAnalysis.interval(plain, X, "d")).containsExactly(-10, 13);
        Primitive.Affine declared = new Primitive.Affine(0, plain.mul(), plain.add(), new Primitive.Bound(-20, 20));
        assertThat(BoundAnalysis.interval(declared, X, "d")).containsExactly(-20, 20);
        Primitive.MatMul mm = new Primitive.MatMul(0, new LongTensor(new int[] {2, 1}, new long[] {-1, 0}),
                new LongTensor(new int[] {1}, new long[] {5}), new Primitive.Bound(-100, 100));
        assertThat(BoundAnalysis.interval(mm, X, "m")).containsExactly(-100, 100);
    }

    @Test
    void aDeclaredIntervalNarrowerThanTheConstantsIsRefused() {
        Primitive.Affine narrow = new Primitive.Affine(0, new LongTensor(new int[] {2}, new long[] {1, -1}),
                new LongTensor(new int[] {2}, new long[] {3, 0}), new Primitive.Bound(-10, 12));
        assertThatThrownBy(() -> BoundAnalysis.interval(narrow, X, "d")).isInstanceOf(ModelCompileException.class)
                .hasMessage("layer 'd' (Affine): its constants give values in [-10, 13], outside its declared interval [-10, 12]");
    }
}
