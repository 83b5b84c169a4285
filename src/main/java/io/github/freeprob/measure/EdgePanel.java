package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.ChebyshevSeries;
import io.github.freeprob.numerics.GaussLegendre;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.Precision;
import org.hipparchus.complex.Complex;

/**
 * A density next to an edge e of the support, in the variable s = √|x − e|: x = e + s² (left edge) or x = e − s²
 * (right edge), s ∈ [s₀, s₁] with s = m + h τ, and the density in s, u(s) = 2s ρ(x), is a Chebyshev series p(τ).
 * A density behaving like (x − e)^α at the edge gives u ~ s^{2α+1}: polynomial for α = 1/2 (square-root edge), 0 (a
 * jump) and −1/2 (inverse square root), so all three are resolved spectrally.
 *
 * <p>Cauchy transform (left edge; the right edge is its mirror): with w = √(z − e),
 * 1/(z − e − s²) = (1/(2w))(1/(w − s) + 1/(w + s)), so G(z) = (1/(2w))(C[p](ω₊) − C[p](ω₋)), ω± = (±w − m)/h,
 * C[p](ω) = ∫ p(τ)/(ω − τ) dτ. For real x inside the panel, w is real and is the limit from above (from below at a
 * right edge, where the root √(e − z) of z − e + s² approaches the axis from below).
 */
public final class EdgePanel implements DensityPiece {

    private final double edge;
    private final boolean left;
    private final double s0;
    private final double s1;
    private final ChebyshevSeries series;
    private final ChebyshevSeries derivative;
    private final Interval interval;

    /**
     * @param edge         e
     * @param left         true for a left edge (x = e + s²), false for a right edge (x = e − s²)
     * @param s0           inner end of the s-range, ≥ 0
     * @param s1           outer end, &gt; s0
     * @param coefficients c_0..c_K of p(τ) = u(m + h τ) (copied)
     */
    public EdgePanel(double edge, boolean left, double s0, double s1, double[] coefficients) {
        Checks.finite("edge", edge);
        Checks.nonNegative("s0", s0);
        if (!(s1 > s0)) {
            throw new IllegalArgumentException("an edge panel needs s1 > s0, but was s0 = " + Checks.format(s0)
                    + ", s1 = " + Checks.format(s1));
        }
        this.edge = edge;
        this.left = left;
        this.s0 = s0;
        this.s1 = s1;
        this.series = ChebyshevSeries.of(coefficients);
        this.derivative = series.derivative();
        double near = left ? edge + s0 * s0 : edge - s0 * s0;
        double far = left ? edge + s1 * s1 : edge - s1 * s1;
        this.interval = Interval.of(Math.min(near, far), Math.max(near, far));
    }

    /** @return the edge e */
    public double edge() {
        return edge;
    }

    /** @return whether e is the left edge */
    public boolean isLeft() {
        return left;
    }

    /** @return [s0, s1] */
    public double[] sRange() {
        return new double[] {s0, s1};
    }

    /** @return a copy of the coefficients of p */
    public double[] coefficients() {
        return series.coefficients();
    }

    @Override
    public int length() {
        return series.coefficients().length;
    }

    @Override
    public Interval interval() {
        return interval;
    }

    private double m() {
        return 0.5 * (s0 + s1);
    }

    private double h() {
        return 0.5 * (s1 - s0);
    }

    private double sOf(double x) {
        return Math.sqrt(Math.max(0, left ? x - edge : edge - x));
    }

    @Override
    public double mass() {
        return h() * series.integral();
    }

    @Override
    public double density(double x) {
        if (!interval.contains(x)) {
            return 0;
        }
        double s = sOf(x);
        if (s == 0) {
            return series.value(-1) == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return series.value((s - m()) / h()) / (2 * s);
    }

    @Override
    public double cumulative(double x) {
        if (x <= interval.lo()) {
            return 0;
        }
        if (x >= interval.hi()) {
            return mass();
        }
        double tau = (sOf(x) - m()) / h();
        double below = h() * series.integral(tau);
        return left ? below : mass() - below;
    }

    @Override
    public Complex cauchy(Complex z) {
        Complex[] parts = parts(z, false);
        return parts[0];
    }

    @Override
    public Complex cauchyDerivative(Complex z) {
        return parts(z, true)[0];
    }

    /** G (or G') from the partial fractions. */
    private Complex[] parts(Complex z, boolean wantDerivative) {
        double m = m();
        double h = h();
        // w with w² = z − e (left) or w² = e − z (right); its side on the real axis.
        double re = left ? z.getReal() - edge : edge - z.getReal();
        double im = left ? z.getImaginary() : -z.getImaginary();
        if (!left && im == 0) {
            im = -0.0;
        }
        double[] root = RealComplex.sqrt(re, im);
        Complex w = new Complex(root[0], root[1]);
        if (w.isZero()) {
            Complex nudged = new Complex(z.getReal(), z.getImaginary() + 1e-14 * (Math.abs(edge) + s1 * s1));
            return parts(nudged, wantDerivative);
        }
        int side = left ? 1 : -1;
        Complex plus = w.subtract(m).divide(h);
        Complex minus = w.negate().subtract(m).divide(h);
        double[] cPlus = series.cauchy(plus.getReal(), plus.getImaginary(), side);
        double[] cMinus = series.cauchy(minus.getReal(), minus.getImaginary(), -side);
        Complex d = new Complex(cPlus[0] - cMinus[0], cPlus[1] - cMinus[1]);
        Complex value = left ? d.divide(w.multiply(2)) : d.negate().divide(w.multiply(2));
        if (!wantDerivative) {
            return new Complex[] {value};
        }
        // D(w) = C(ω₊) − C(ω₋), D' = (C'(ω₊) + C'(ω₋))/h; G = ±D/(2w); dw/dz = ±1/(2w).
        Complex dPrime = PolynomialPanel.cauchyDerivative(series, derivative, plus, side)
                .add(PolynomialPanel.cauchyDerivative(series, derivative, minus, -side)).divide(h);
        Complex w2 = w.multiply(w);
        Complex g = dPrime.divide(w2.multiply(4)).subtract(d.divide(w2.multiply(w).multiply(4)));
        return new Complex[] {g};
    }

    @Override
    public double[] moments(int n) {
        double[] m = new double[n + 1];
        GaussLegendre rule = GaussLegendre.of((length() + 2 * n) / 2 + 2);
        double[] t = rule.nodes();
        double[] w = rule.weights();
        for (int j = 0; j < t.length; j++) {
            double s = m() + h() * t[j];
            double x = left ? edge + s * s : edge - s * s;
            double power = w[j] * h() * series.value(t[j]);
            for (int k = 0; k <= n; k++) {
                m[k] += power;
                power *= x;
            }
        }
        return m;
    }

    @Override
    public BigFloat[] exactMoments(int n, Precision precision) {
        Precision working = Precision.ofDigits(precision.digits() + (int) (0.31 * length()) + 10);
        BigFloat[] p = PolynomialMoments.monomial(series.coefficients(), working);
        BigFloat mid = working.of(s0).add(working.of(s1)).scaleByPowerOfTwo(-1);
        BigFloat half = working.of(s1).subtract(working.of(s0)).scaleByPowerOfTwo(-1);
        // x(τ) = e ± (mid + half τ)² as a polynomial in τ.
        BigFloat sign = working.of(left ? 1 : -1);
        BigFloat[] x = {
            working.of(edge).add(sign.multiply(mid.multiply(mid))),
            sign.multiply(mid.multiply(half).scaleByPowerOfTwo(1)),
            sign.multiply(half.multiply(half))
        };
        BigFloat[] power = {working.one()};
        BigFloat[] out = new BigFloat[n + 1];
        for (int k = 0; k <= n; k++) {
            BigFloat[] product = PolynomialMoments.multiply(power, p, working);
            BigFloat sum = working.zero();
            for (int i = 0; i < product.length; i++) {
                sum = sum.add(product[i].multiply(PolynomialMoments.powerIntegral(i, working)));
            }
            out[k] = sum.multiply(half).withBits(precision.bits());
            power = PolynomialMoments.multiply(power, x, working);
        }
        return out;
    }
}
