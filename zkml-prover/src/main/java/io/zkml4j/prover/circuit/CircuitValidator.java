package io.zkml4j.prover.circuit;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.prover.layout.PaddedShape;
import io.zkml4j.prover.relation.requant.RequantWitness;

/**
 * Structural checks of a circuit, so that a hostile or corrupted verifying key is refused with a reason
 * instead of making the verifier fail with a runtime exception: ids in range, every tensor produced once
 * and before it is read, tensor kinds matching their producers, shapes matching each relation, index
 * lists in range, tables covering their input intervals, Requant parameters within the field bound.
 */
public final class CircuitValidator {
    /** Largest padded tensor (2^26 entries, the model format's own cap), so a hostile key cannot exhaust memory. */
    static final int MAX_TENSOR_VARS = 26;

    private CircuitValidator() {}

    public static void validate(Circuit c) throws ProofRejectedException {
        int nt = c.tensors().size();
        check(c.input() >= 0 && c.input() < nt && c.output() >= 0 && c.output() < nt, "input/output id out of range");
        TensorInfo.Kind inKind = c.tensor(c.input()).kind();
        check(inKind == TensorInfo.Kind.PUBLIC_INPUT || inKind == TensorInfo.Kind.PRIVATE_INPUT, "the input tensor is not an input");
        for (TensorInfo t : c.tensors()) {
            check(t.shape().numVars() <= MAX_TENSOR_VARS, "tensor " + t.name() + " pads to 2^" + t.shape().numVars()
                    + " entries; at most 2^" + MAX_TENSOR_VARS + " are supported");
        }
        for (WeightInfo w : c.weights()) {
            check(w.shape().numVars() <= MAX_TENSOR_VARS, "weight " + w.name() + " pads to 2^" + w.shape().numVars()
                    + " entries; at most 2^" + MAX_TENSOR_VARS + " are supported");
        }
        boolean[] produced = new boolean[nt];
        produced[c.input()] = true;
        for (TensorInfo t : c.tensors()) {
            check(t.id() == c.input() || (t.kind() != TensorInfo.Kind.PUBLIC_INPUT && t.kind() != TensorInfo.Kind.PRIVATE_INPUT),
                    "tensor " + t.name() + " is marked as an input");
        }
        for (int i = 0; i < c.layers().size(); i++) {
            Layer l = c.layers().get(i);
            String where = "layer " + i + " (" + l.describe() + " -> " + (l.output() >= 0 && l.output() < nt ? c.tensor(l.output()).name() : "?") + ")";
            for (int in : l.inputs()) {
                check(in >= 0 && in < nt && produced[in], where + " reads a tensor that is not produced before it");
            }
            int y = l.output();
            check(y >= 0 && y < nt && !produced[y], where + " writes a tensor out of range or produced twice");
            produced[y] = true;
            boolean committed = l instanceof TableLayer || l instanceof MaxLayer;
            check(c.tensor(y).kind() == (committed ? TensorInfo.Kind.COMMITTED : TensorInfo.Kind.VIRTUAL),
                    where + " output has the wrong kind");
            try {
                validateLayer(c, l);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new ProofRejectedException("malformed key: " + where + ": " + e.getMessage());
            } catch (ProofRejectedException e) {
                throw new ProofRejectedException("malformed key: " + where + ": " + e.getMessage().replace("malformed key: ", ""));
            }
        }
        check(produced[c.output()], "the output tensor is never produced");
    }

    private static void validateLayer(Circuit c, Layer l) throws ProofRejectedException {
        if (l instanceof MatMulLayer m) {
            weight(c, m.weight(), false);
            weight(c, m.bias(), true);
            PaddedShape x = c.tensor(m.x()).shape(), y = c.tensor(m.y()).shape(), w = c.weights().get(m.weight()).shape();
            check(x.rank() >= 1 && y.rank() == x.rank() && w.rank() == 2 && w.dim(0) == x.dim(x.rank() - 1)
                    && w.dim(1) == y.dim(y.rank() - 1), "MatMul shapes disagree");
            for (int j = 0; j + 1 < x.rank(); j++) {
                check(x.dim(j) == y.dim(j), "MatMul leading dimensions disagree");
            }
            if (m.bias() >= 0) {
                PaddedShape b = c.weights().get(m.bias()).shape();
                check(b.rank() == 1 && b.dim(0) == w.dim(1), "MatMul bias shape");
            }
        } else if (l instanceof ConvLayer cv) {
            weight(c, cv.weight(), false);
            weight(c, cv.bias(), true);
            check(cv.strides().length == 2 && cv.padsBegin().length == 2 && cv.dilations().length == 2, "Conv parameters");
            PaddedShape x = c.tensor(cv.x()).shape(), y = c.tensor(cv.y()).shape(), w = c.weights().get(cv.weight()).shape();
            check(x.rank() == 4 && y.rank() == 4 && w.rank() == 4 && x.dim(0) == 1 && y.dim(0) == 1
                    && w.dim(0) == y.dim(1) && w.dim(1) == x.dim(1), "Conv shapes disagree");
            for (int d = 0; d < 2; d++) {
                check(cv.strides()[d] >= 1 && cv.dilations()[d] >= 1 && cv.padsBegin()[d] >= 0, "Conv parameters");
            }
            if (cv.bias() >= 0) {
                check(c.weights().get(cv.bias()).shape().rank() == 1 && c.weights().get(cv.bias()).shape().dim(0) == w.dim(0), "Conv bias shape");
            }
        } else if (l instanceof RequantLayer r) {
            check(sameShape(c, r.x(), r.y()), "Requant shapes disagree");
            TensorInfo x = c.tensor(r.x());
            String why = RequantWitness.check(r.multiplier(), r.shift(), r.outBits(), r.lo(), x.lo(), x.hi(), r.hBits());
            check(why == null, "Requant " + why);
        } else if (l instanceof TableLayer t) {
            int n = t.entries().length;
            check(n >= 1 && n <= (1 << 16) && Integer.bitCount(n) == 1, "table length " + n + " is not a power of two up to 2^16");
            check(sameShape(c, t.x(), t.y()), "Table shapes disagree");
            TensorInfo x = c.tensor(t.x());
            check(x.lo() >= t.inLo() && x.hi() < t.inLo() + n, "table domain does not cover the input's interval");
        } else if (l instanceof LinearMapLayer m) {
            int ys = c.tensor(m.y()).shape().size();
            check(m.start().length == ys + 1 && m.start()[0] == 0 && m.input().length == m.index().length
                    && m.start()[ys] == m.input().length, "linear map index lists");
            for (int i = 0; i < ys; i++) {
                check(m.start()[i] <= m.start()[i + 1], "linear map index lists");
            }
            for (int t = 0; t < m.input().length; t++) {
                int k = m.input()[t];
                check(k >= 0 && k < m.xs().length, "linear map input out of range");
                check(m.index()[t] >= 0 && m.index()[t] < c.tensor(m.xs()[k]).shape().size(), "linear map index out of range");
            }
        } else if (l instanceof ElementwiseLayer e) {
            PaddedShape y = c.tensor(e.y()).shape();
            broadcastable(c.tensor(e.a()).shape(), y);
            broadcastable(c.tensor(e.b()).shape(), y);
        } else if (l instanceof ActivationMatMulLayer p) {
            String problem = ActivationMatMulLayer.shapeProblem(c.tensor(p.a()).shape(), c.tensor(p.b()).shape(), c.tensor(p.y()).shape());
            check(problem == null, "MatMul of activations: " + problem);
        } else if (l instanceof AffineLayer a) {
            weight(c, a.mul(), false);
            weight(c, a.add(), true);
            check(sameShape(c, a.x(), a.y()), "Affine shapes disagree");
            PaddedShape y = c.tensor(a.y()).shape();
            broadcastable(c.weights().get(a.mul()).shape(), y);
            if (a.add() >= 0) {
                broadcastable(c.weights().get(a.add()).shape(), y);
            }
        } else if (l instanceof DivLayer d) {
            PaddedShape y = c.tensor(d.y()).shape();
            broadcastable(c.tensor(d.a()).shape(), y);
            broadcastable(c.tensor(d.b()).shape(), y);
            TensorInfo a = c.tensor(d.a()), b = c.tensor(d.b()), q = c.tensor(d.y());
            check(b.lo() >= 1, "Div by a value that can be " + b.lo() + " (must be at least 1)");
            check(d.k() >= 0 && d.k() < 40, "Div shift " + d.k());
            long aMax = Math.max(Math.abs(a.lo()), Math.abs(a.hi()));
            long qMax = Math.max(Math.abs(q.lo()), Math.abs(q.hi())) + (q.hi() - q.lo());
            // a·2^k = y·b + r with every term below 2^61 in magnitude, so the field identity is the integer one
            check(d.k() < 61 && aMax < (1L << (61 - d.k())) && b.hi() < (1L << 40) && qMax < (1L << 48)
                    && Math.multiplyHigh(qMax, b.hi()) == 0 && qMax * b.hi() < (1L << 61),
                    "Div operands too large for the field bound (|a|·2^k, |y|·b must stay below 2^61)");
        } else if (l instanceof MaxLayer m) {
            int ys = c.tensor(m.y()).shape().size();
            int xs = c.tensor(m.x()).shape().size();
            check(m.tapCount() >= 1 && m.tapCount() < SumOfProducts.MAX_DEGREE, "a max over " + m.tapCount() + " taps is not supported");
            check(m.taps().length == (long) m.tapCount() * ys, "max tap list length");
            for (int q : m.taps()) {
                check(q >= -1 && q < xs, "max tap out of range");
            }
        }
    }

    private static boolean sameShape(Circuit c, int a, int b) {
        return c.tensor(a).shape().equals(c.tensor(b).shape());
    }

    private static void broadcastable(PaddedShape in, PaddedShape out) throws ProofRejectedException {
        check(in.rank() <= out.rank(), "operand " + in + " does not broadcast to " + out);
        int shift = out.rank() - in.rank();
        for (int j = 0; j < in.rank(); j++) {
            check(in.dim(j) == 1 || in.dim(j) == out.dim(j + shift), "operand " + in + " does not broadcast to " + out);
        }
    }

    private static void weight(Circuit c, int id, boolean optional) throws ProofRejectedException {
        check((optional && id == -1) || (id >= 0 && id < c.weights().size()), "weight id " + id + " out of range");
    }

    private static void check(boolean ok, String what) throws ProofRejectedException {
        if (!ok) {
            throw new ProofRejectedException("malformed key: " + what);
        }
    }
}
