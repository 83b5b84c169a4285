package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.hipparchus.complex.Complex;

/**
 * The affine push-forward (q + s·)_*μ, the law of q + sX for X ~ μ, s ≠ 0:
 * G(z) = G_μ((z − q)/s)/s. For s &lt; 0 the argument falls in the lower half-plane and the reflection
 * G_μ(w̄) = conj G_μ(w) is applied explicitly, so that boundary values stay limits from above.
 */
final class AffinePushforward implements Measure {

    private final Measure base;
    private final double shift;
    private final double scale;

    AffinePushforward(Measure base, double shift, double scale) {
        this.base = base;
        this.shift = Checks.finite("shift", shift);
        Checks.finite("scale", scale);
        if (scale == 0) {
            throw new IllegalArgumentException("scale must be nonzero, but was 0.0");
        }
        this.scale = scale;
    }

    Measure base() {
        return base;
    }

    double shift() {
        return shift;
    }

    double scale() {
        return scale;
    }

    @Override
    public Complex cauchyUpper(Complex z) {
        Complex w = z.subtract(shift).divide(scale);
        if (scale > 0) {
            return base.cauchyUpper(w).divide(scale);
        }
        return base.cauchyUpper(w.conjugate()).conjugate().divide(scale);
    }

    /** H_Y(z) = H_X(w) + (q/s) G_X(w), w = (z − q)/s. */
    @Override
    public Complex cauchyReducedUpper(Complex z) {
        Complex w = z.subtract(shift).divide(scale);
        if (scale > 0) {
            return base.cauchyReducedUpper(w).add(base.cauchyUpper(w).multiply(shift / scale));
        }
        Complex upper = w.conjugate();
        return base.cauchyReducedUpper(upper).conjugate().add(base.cauchyUpper(upper).conjugate().multiply(shift / scale));
    }

    @Override
    public Complex cauchyDerivativeUpper(Complex z) {
        Complex w = z.subtract(shift).divide(scale);
        double squared = scale * scale;
        if (scale > 0) {
            return base.cauchyDerivativeUpper(w).divide(squared);
        }
        return base.cauchyDerivativeUpper(w.conjugate()).conjugate().divide(squared);
    }

    @Override
    public Complex[] cauchyTermsUpper(Complex z) {
        Complex w = z.subtract(shift).divide(scale);
        Complex[] base = this.base.cauchyTermsUpper(scale > 0 ? w : w.conjugate());
        if (scale < 0) {
            base = new Complex[] {base[0].conjugate(), base[1].conjugate(), base[2].conjugate()};
        }
        return new Complex[] {base[0].divide(scale), base[1].divide(scale * scale),
            base[2].add(base[0].multiply(shift / scale))};
    }

    @Override
    public Complex[] cauchyBoundary(double[] xs) {
        double[] mapped = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            mapped[i] = (xs[i] - shift) / scale;
        }
        if (scale < 0) {
            // The base is visited in reverse order so that its own continuation runs along increasing points.
            double[] reversed = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                reversed[i] = mapped[xs.length - 1 - i];
            }
            Complex[] values = base.cauchyBoundary(reversed);
            Complex[] out = new Complex[xs.length];
            for (int i = 0; i < xs.length; i++) {
                out[i] = values[xs.length - 1 - i].conjugate().divide(scale);
            }
            return out;
        }
        Complex[] values = base.cauchyBoundary(mapped);
        Complex[] out = new Complex[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = values[i].divide(scale);
        }
        return out;
    }

    /** The base's walk at (x − q)/s, conjugated when s &lt; 0 (the boundary from below of the base), over s. */
    @Override
    public DoubleFunction<Complex> boundaryWalk() {
        DoubleFunction<Complex> walk = base.boundaryWalk();
        return x -> {
            Complex value = walk.apply((x - shift) / scale);
            return (scale < 0 ? value.conjugate() : value).divide(scale);
        };
    }

    @Override
    public double[] moments(int n) {
        return affineMoments(base.moments(n), shift, scale);
    }

    /**
     * @param m     m_0 … m_n of X (m_0 = 1)
     * @param shift q
     * @param scale s
     * @return m_0 … m_n of q + sX by the binomial transform
     */
    static double[] affineMoments(double[] m, double shift, double scale) {
        int n = m.length - 1;
        double[] out = new double[n + 1];
        double[] binomial = new double[n + 1];
        binomial[0] = 1;
        for (int k = 0; k <= n; k++) {
            if (k > 0) {
                for (int j = k; j >= 1; j--) {
                    binomial[j] += binomial[j - 1];
                }
            }
            double sum = 0;
            for (int j = 0; j <= k; j++) {
                sum += binomial[j] * Math.pow(shift, k - j) * Math.pow(scale, j) * m[j];
            }
            out[k] = sum;
        }
        out[0] = 1;
        return out;
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        return MomentEngine.affine(base.exactMoments(n, precision), shift, scale);
    }

    @Override
    public List<Atom> atoms() {
        List<Atom> atoms = new ArrayList<>();
        for (Atom atom : base.atoms()) {
            atoms.add(Atom.of(shift + scale * atom.location(), atom.mass()));
        }
        atoms.sort(null);
        return atoms;
    }

    @Override
    public Support support() {
        return base.support().affine(shift, scale);
    }

    @Override
    public List<Double> singularPoints() {
        List<Double> points = new ArrayList<>();
        for (double x : base.singularPoints()) {
            points.add(shift + scale * x);
        }
        return points;
    }

    @Override
    public Interval bounds() {
        return base.bounds().affine(shift, scale);
    }

    @Override
    public double mean() {
        return shift + scale * base.mean();
    }

    @Override
    public double variance() {
        return scale * scale * base.variance();
    }

    @Override
    public String toString() {
        String inner = scale == 1 ? base.toString() : "scale(" + base + ", " + Checks.format(scale) + ")";
        return shift == 0 ? inner : "shift(" + inner + ", " + Checks.format(shift) + ")";
    }
}
