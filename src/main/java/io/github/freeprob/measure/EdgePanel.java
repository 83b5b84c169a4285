package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.ChebyshevSeries;
import io.github.freeprob.numerics.GaussLegendre;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.Precision;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.complex.Complex;

/**
 * A density next to an edge e of the support, in the variable s = |x − e|^{1/k}: x = e + s^k (left edge) or
 * x = e − s^k (right edge), s ∈ [s₀, s₁] with s = m + h τ, and the density in s, u(s) = k s^{k−1} ρ(x), is a
 * Chebyshev series p(τ). A density behaving like (x − e)^α at the edge gives u ~ s^{k(1+α)−1}, a polynomial when
 * k(1 + α) is an integer: k = 2 resolves square-root edges (α = 1/2), jumps (0) and inverse square roots (−1/2)
 * spectrally, k = 3 the x^{−2/3} edge of a Fuss–Catalan law, and so on.
 *
 * <p>Cauchy transform (left edge): with r_j the k roots of s^k = z − e,
 * 1/(z − e − s^k) = Σ_j 1/(k r_j^{k−1} (r_j − s)), so G(z) = Σ_j C[p]((r_j − m)/h)/(k r_j^{k−1}) with
 * C[p](ω) = ∫ p(τ)/(ω − τ) dτ; a right edge is its mirror, with the roots of s^k = e − z and the opposite sign. For
 * real x inside the panel one root is real: the limit from above at a left edge, from below at a right edge (where
 * e − z approaches the axis from below).
 */
public final class EdgePanel implements DensityPiece {

    /** The far-field rule, built on first use (a benign race: any thread builds the same values). */
    private volatile FarField farField;

    private final double edge;
    private final boolean left;
    private final int power;
    private final double s0;
    private final double s1;
    private final ChebyshevSeries series;
    private final ChebyshevSeries derivative;
    private final Interval interval;

    /**
     * @param edge         e
     * @param left         true for a left edge (x = e + s^k), false for a right edge (x = e − s^k)
     * @param power        k ≥ 1
     * @param s0           inner end of the s-range, ≥ 0
     * @param s1           outer end, &gt; s0
     * @param coefficients c_0..c_K of p(τ) = u(m + h τ) (copied)
     */
    public EdgePanel(double edge, boolean left, int power, double s0, double s1, double[] coefficients) {
        Checks.finite("edge", edge);
        Checks.atLeast("edge power k", power, 1);
        this.power = power;
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
        double near = x(s0);
        double far = x(s1);
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

    /** @return the power k of the substitution */
    public int power() {
        return power;
    }

    /** @return x(s) = e ± s^k */
    double x(double s) {
        double offset = Math.pow(s, power);
        return left ? edge + offset : edge - offset;
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
        return Math.pow(Math.max(0, left ? x - edge : edge - x), 1.0 / power);
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
            return series.value(-1) == 0 || power == 1 ? series.value(-1) : Double.POSITIVE_INFINITY;
        }
        return series.value((s - m()) / h()) / (power * Math.pow(s, power - 1));
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
        return transform(z, false);
    }

    /**
     * H over the piece: far from it (more than two widths away) by a Gauss–Legendre sum of x ρ/(z − x) in the piece's
     * variable, free of cancellation; near it as z G − mass, where there is none.
     */
    @Override
    public Complex cauchyReduced(Complex z) {
        if (!FarField.applies(interval(), z)) {
            return z.multiply(cauchy(z)).subtract(mass());
        }
        return farField().reduced(z);
    }

    /** Far from the piece, G, G' and H from one pass of its far-field rule; near it, from the closed forms. */
    @Override
    public Complex[] cauchyTerms(Complex z) {
        if (FarField.applies(interval(), z)) {
            return farField().terms(z);
        }
        Complex g = cauchy(z);
        return new Complex[] {g, cauchyDerivative(z), z.multiply(g).subtract(mass())};
    }

    private FarField farField() {
        FarField far = farField;
        if (far == null) {
            far = new FarField(length() / 2 + 24, t -> pointAndWeight(t)[0], t -> pointAndWeight(t)[1]);
            farField = far;
        }
        return far;
    }

    /** {x(τ), u(s(τ)) ds/dτ}. */
    private double[] pointAndWeight(double tau) {
        return new double[] {x(m() + h() * tau), series.value(tau) * h()};
    }

    @Override
    public Complex cauchyDerivative(Complex z) {
        return transform(z, true);
    }

    /**
     * G (or G') from the partial fractions over the k roots r_j of s^k = c, c = z − e (left) or e − z (right):
     * G = ±Σ_j C(ω_j) a_j with a_j = 1/(k r_j^{k−1}), ω_j = (r_j − m)/h, and
     * G' = Σ_j a_j (C'(ω_j) a_j/h + C(ω_j)(1 − k)/k r_j^{−k}) for both edges.
     */
    private Complex transform(Complex z, boolean wantDerivative) {
        double m = m();
        double h = h();
        double re = left ? z.getReal() - edge : edge - z.getReal();
        double im = left ? z.getImaginary() : -z.getImaginary();
        if (re == 0 && im == 0) {
            double width = Math.abs(x(s1) - x(s0));
            return transform(new Complex(z.getReal(), z.getImaginary() + 1e-14 * (width + Math.abs(edge))),
                    wantDerivative);
        }
        // arg c in (−π, π]; on the axis a left edge sees c from above (+0), a right edge from below (−0).
        double theta = Math.atan2(im, re);
        if (im == 0) {
            theta = re > 0 ? 0 : (left ? Math.PI : -Math.PI);
        }
        double modulus = Math.pow(Math.hypot(re, im), 1.0 / power);
        int realSide = left ? 1 : -1;
        Complex sum = Complex.ZERO;
        for (int j = 0; j < power; j++) {
            double angle = (theta + 2 * Math.PI * j) / power;
            boolean real = im == 0 && re > 0 && j == 0;
            Complex r = real ? new Complex(modulus, 0) : new Complex(modulus * Math.cos(angle), modulus * Math.sin(angle));
            Complex a = integerPower(r, power - 1).multiply(power).reciprocal();
            Complex omega = r.subtract(m).divide(h);
            // For the root next to the panel, ω ∓ 1 = (r − s₁,₀)/h from z − x(s₁,₀), accurate at the junctions.
            double minusOne = j == 0 ? rootOffset(z, r, s1) / h : omega.getReal() - 1;
            double plusOne = j == 0 ? rootOffset(z, r, s0) / h : omega.getReal() + 1;
            double[] c = series.cauchy(omega.getReal(), real ? 0.0 : omega.getImaginary(), real ? realSide : 1,
                    minusOne, plusOne);
            Complex cValue = new Complex(c[0], c[1]);
            if (!wantDerivative) {
                sum = sum.add(cValue.multiply(a));
            } else {
                Complex cPrime = PolynomialPanel.cauchyDerivative(series, derivative,
                        new Complex(omega.getReal(), real ? 0.0 : omega.getImaginary()), real ? realSide : 1,
                        minusOne, plusOne);
                Complex term = cPrime.multiply(a).divide(h)
                        .add(cValue.multiply((1.0 - power) / power).multiply(integerPower(r, power).reciprocal()));
                sum = sum.add(a.multiply(term));
            }
        }
        return wantDerivative || left ? sum : sum.negate();
    }

    /** r^n by repeated multiplication (n is the edge's small integer power; Complex.pow would go through log/exp). */
    private static Complex integerPower(Complex r, int n) {
        Complex result = Complex.ONE;
        for (int i = 0; i < n; i++) {
            result = result.multiply(r);
        }
        return result;
    }

    /**
     * Re(r − s_end) for the root r of s^k = c next to the panel, as (c − s_end^k)/Σ_i r^{k−1−i} s_end^i with
     * c − s_end^k = ±(z − x_end) + ((x_end − e)·(±1) − s_end^k): the first term exact next to x_end, the second the
     * rounding residual of x_end itself.
     */
    private double rootOffset(Complex z, Complex r, double sEnd) {
        if (sEnd == 0) {
            return r.getReal();
        }
        double end = x(sEnd);
        double residual = (left ? end - edge : edge - end) - Math.pow(sEnd, power);
        Complex difference = new Complex((left ? z.getReal() - end : end - z.getReal()) + residual,
                left ? z.getImaginary() : -z.getImaginary());
        Complex denominator = Complex.ZERO;
        Complex rPower = Complex.ONE;
        for (int i = 0; i < power; i++) {
            denominator = denominator.add(rPower.multiply(Math.pow(sEnd, power - 1 - i)));
            rPower = rPower.multiply(r);
        }
        return difference.divide(denominator).getReal();
    }

    @Override
    public double[] moments(int n) {
        double[] m = new double[n + 1];
        GaussLegendre rule = GaussLegendre.of((length() + power * n) / 2 + 2);
        double[] t = rule.nodes();
        double[] w = rule.weights();
        for (int j = 0; j < t.length; j++) {
            double x = x(m() + h() * t[j]);
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
        // x(τ) = e ± (mid + half τ)^k as a polynomial in τ.
        BigFloat sign = working.of(left ? 1 : -1);
        BigFloat[] x = {working.one()};
        for (int j = 0; j < power; j++) {
            x = PolynomialMoments.multiply(x, new BigFloat[] {mid, half}, working);
        }
        for (int j = 0; j < x.length; j++) {
            x[j] = x[j].multiply(sign);
        }
        x[0] = x[0].add(working.of(edge));
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

    @Override
    public double integrate(DoubleUnaryOperator f) {
        GaussLegendre rule = GaussLegendre.of(length() / 2 + 32);
        double sum = 0;
        for (int j = 0; j < rule.nodes().length; j++) {
            double t = rule.nodes()[j];
            sum += rule.weights()[j] * h() * series.value(t) * f.applyAsDouble(x(m() + h() * t));
        }
        return sum;
    }
}
