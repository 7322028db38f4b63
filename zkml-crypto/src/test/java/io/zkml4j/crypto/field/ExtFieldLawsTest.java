package io.zkml4j.crypto.field;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** The field laws for the quadratic extension {@link Ext}, on interleaved arrays for batch inversion. */
class ExtFieldLawsTest extends AbstractFieldLawsTest<Ext> {

    @Override
    protected Arbitrary<Ext> arbitraryElement() {
        Arbitrary<Long> c = GoldilocksFieldLawsTest.canonical();
        return Combinators.combine(c, c).as(Ext::of);
    }

    @Override
    protected Ext zero() {
        return Ext.ZERO;
    }

    @Override
    protected Ext one() {
        return Ext.ONE;
    }

    @Override
    protected Ext add(Ext a, Ext b) {
        return a.add(b);
    }

    @Override
    protected Ext sub(Ext a, Ext b) {
        return a.sub(b);
    }

    @Override
    protected Ext mul(Ext a, Ext b) {
        return a.mul(b);
    }

    @Override
    protected Ext neg(Ext a) {
        return a.neg();
    }

    @Override
    protected Ext square(Ext a) {
        return a.square();
    }

    @Override
    protected Ext inv(Ext a) {
        return a.inv();
    }

    @Override
    protected Ext pow(Ext a, long exponent) {
        return a.pow(exponent);
    }

    @Override
    protected List<Ext> batchInverse(List<Ext> values) {
        long[] pairs = ExtArrays.zeros(values.size());
        for (int i = 0; i < values.size(); i++) {
            values.get(i).storeAt(pairs, i);
        }
        ExtArrays.batchInverse(pairs);
        List<Ext> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(Ext.at(pairs, i));
        }
        return out;
    }
}
