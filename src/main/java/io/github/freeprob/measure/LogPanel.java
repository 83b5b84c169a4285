package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.ChebyshevSeries;
import io.github.freeprob.numerics.GaussLegendre;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.Elementary;
import io.github.freeprob.precision.Precision;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.complex.Complex;

/**
 * A density next to an edge e of the support in the logarithmic variable s = log|x − e|: x = e + e^s (left edge) or
 * x = e − e^s (right edge), s ∈ [s₀, s₁] with s = m + h τ, and the density in s, u(s) = |x − e| ρ(x), is a Chebyshev
 * series p(τ). This resolves densities that are spread over many decades next to the edge, such as the log-normal-like
 * lower tail of a product of many free positive laws (the spectrum of JJᵀ of a deep network), where no power
 * |x − e|^{1/k} makes the density smooth. Panels are at most {@value #MAX_HALF_WIDTH} wide in s on either side of their
 * midpoint, which keeps the periodic copies s* ± 2πi of the pole of the kernel away from the panel.
 *
 * <p>Cauchy transform (left edge), with w = z − e and s* = Log w: 1/(w − e^s) = −(1/w)/expm1(s − s*), whose only pole
 * near the panel is s*. Far from it (τ* = (s* − m)/h outside the Bernstein ellipse of parameter
 * {@value #FAR_BERNSTEIN}) a Gauss–Legendre sum in s is exact to rounding; near it the pole is subtracted:
 * G = −(1/w)∫u(s)Φ(s − s*) ds + (1/w) C[p](τ*), with Φ(d) = 1/expm1(d) − 1/d analytic for |Im d| &lt; 2π (summed by its
 * Bernoulli series for |d| &lt; ½) and C[p](ζ) = ∫ p(τ)/(ζ − τ) dτ in closed form ({@link ChebyshevSeries#cauchy}). On
 * the axis inside the panel, C[p] is taken from above, which gives −Im G/π = u(s*)/w = ρ(x). A right edge is the
 * mirror image, with w = e − z seen from below and the opposite sign.
 */
public final class LogPanel implements DensityPiece {

    /** Largest half-width h of a panel in s. */
    public static final double MAX_HALF_WIDTH = 2;
    /** A pole whose Bernstein parameter is at least this is far: plain quadrature. */
    static final double FAR_BERNSTEIN = 4;
    /** Below this |d| the Bernoulli series gives Φ(d) and Φ'(d). */
    static final double SERIES_RADIUS = 0.5;
    /** B_{2k}/(2k)! for k = 1..8: Φ(d) = −1/2 + Σ_k B_{2k} d^{2k−1}/(2k)!. */
    private static final double[] BERNOULLI = {1.0 / 12, -1.0 / 720, 1.0 / 30240, -1.0 / 1209600, 1.0 / 47900160,
        -691.0 / 1307674368000.0, 1.0 / 74724249600.0, -3617.0 / 10670622842880000.0};

    private final double edge;
    private final boolean left;
    private final double s0;
    private final double s1;
    private final ChebyshevSeries series;
    private final ChebyshevSeries derivative;
    private final Interval interval;
    private final double[] nodes;
    private final double[] weights;
    private final double[] offsets;

    /**
     * @param edge         e
     * @param left         true for a left edge (x = e + e^s), false for a right edge (x = e − e^s)
     * @param s0           lower end of the s-range
     * @param s1           upper end, with 0 &lt; s1 − s0 ≤ 2·{@value #MAX_HALF_WIDTH}
     * @param coefficients c_0..c_K of p(τ) = u(m + h τ) (copied)
     */
    public LogPanel(double edge, boolean left, double s0, double s1, double[] coefficients) {
        Checks.finite("edge", edge);
        Checks.finite("s0", s0);
        Checks.finite("s1", s1);
        if (!(s1 > s0) || s1 - s0 > 2 * MAX_HALF_WIDTH * (1 + 1e-12)) {
            throw new IllegalArgumentException("a logarithmic panel needs 0 < s1 - s0 <= " + 2 * MAX_HALF_WIDTH
                    + ", but was s0 = " + Checks.format(s0) + ", s1 = " + Checks.format(s1));
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
        GaussLegendre rule = GaussLegendre.of(coefficients.length / 2 + 32);
        this.nodes = rule.nodes();
        this.weights = new double[nodes.length];
        this.offsets = new double[nodes.length];
        for (int j = 0; j < nodes.length; j++) {
            weights[j] = rule.weights()[j] * h() * series.value(nodes[j]);
            offsets[j] = Math.exp(m() + h() * nodes[j]);
        }
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

    /** @return x(s) = e ± e^s */
    double x(double s) {
        double offset = Math.exp(s);
        return left ? edge + offset : edge - offset;
    }

    private double m() {
        return 0.5 * (s0 + s1);
    }

    private double h() {
        return 0.5 * (s1 - s0);
    }

    @Override
    public int length() {
        return series.coefficients().length;
    }

    @Override
    public Interval interval() {
        return interval;
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
        double offset = left ? x - edge : edge - x;
        if (!(offset > 0)) {
            return 0;
        }
        double tau = Math.max(-1, Math.min(1, (Math.log(offset) - m()) / h()));
        return series.value(tau) / offset;
    }

    @Override
    public double cumulative(double x) {
        if (x <= interval.lo()) {
            return 0;
        }
        if (x >= interval.hi()) {
            return mass();
        }
        double offset = left ? x - edge : edge - x;
        double tau = Math.max(-1, Math.min(1, (Math.log(offset) - m()) / h()));
        double below = h() * series.integral(tau);
        return left ? below : mass() - below;
    }

    @Override
    public Complex cauchy(Complex z) {
        Complex[] f = transform(z, false);
        return left ? f[0] : f[0].negate();
    }

    @Override
    public Complex cauchyDerivative(Complex z) {
        return transform(z, true)[1];
    }

    /**
     * H over the piece: far from it (more than two widths away) by a Gauss–Legendre sum of x ρ/(z − x), free of
     * cancellation; near it as z G − mass, where there is none.
     */
    @Override
    public Complex cauchyReduced(Complex z) {
        double distance = Math.hypot(Math.max(0, Math.max(interval.lo() - z.getReal(), z.getReal() - interval.hi())),
                z.getImaginary());
        if (distance <= 2 * interval.width()) {
            return z.multiply(cauchy(z)).subtract(mass());
        }
        double re = 0;
        double im = 0;
        for (int j = 0; j < nodes.length; j++) {
            double x = left ? edge + offsets[j] : edge - offsets[j];
            double dr = z.getReal() - x;
            double di = z.getImaginary();
            double norm = dr * dr + di * di;
            re += weights[j] * x * dr / norm;
            im -= weights[j] * x * di / norm;
        }
        return new Complex(re, im);
    }

    /**
     * F(w) = ∫ u(s) ds/(w − e^s) and F'(w), with w = z − e (left edge) or e − z (right edge, seen from below on the
     * axis). G = F(w) on a left edge and −F(w) on a right one; G' = F'(w) on both.
     */
    private Complex[] transform(Complex z, boolean wantDerivative) {
        double re = left ? z.getReal() - edge : edge - z.getReal();
        double im = left ? z.getImaginary() : -z.getImaginary();
        if (re == 0 && im == 0) {
            double nudge = 1e-14 * (interval.width() + Math.abs(edge));
            return transform(new Complex(z.getReal(), z.getImaginary() + nudge), wantDerivative);
        }
        Complex w = new Complex(re, im);
        // s* = Log w; on the axis a left edge sees w from above (+0), a right edge from below (−0).
        double theta = Math.atan2(im, re);
        if (im == 0) {
            theta = re > 0 ? 0 : (left ? Math.PI : -Math.PI);
        }
        double starRe = 0.5 * Math.log(re * re + im * im);
        if (!Double.isFinite(starRe)) {
            starRe = Math.log(Math.hypot(re, im));
        }
        double tauRe = (starRe - m()) / h();
        double tauIm = theta / h();
        boolean onAxis = im == 0 && re > 0;
        double bernstein = bernstein(tauRe, tauIm);
        if (bernstein >= FAR_BERNSTEIN) {
            return far(w, wantDerivative);
        }
        int side = left ? 1 : -1;
        // τ* ∓ 1 = (Re s* − s₁,₀)/h = log|w/(x₁,₀ − e)|/h from z − x₁,₀, accurate next to the panel's ends.
        double minusOne = endOffset(z, w, s1) / h();
        double plusOne = endOffset(z, w, s0) / h();
        double[] c = series.cauchy(tauRe, onAxis ? 0.0 : tauIm, onAxis ? side : 1, minusOne, plusOne);
        Complex cValue = new Complex(c[0], c[1]);
        double sumRe = 0;
        double sumIm = 0;
        double dRe = 0;
        double dIm = 0;
        for (int j = 0; j < nodes.length; j++) {
            double sRe = m() + h() * nodes[j] - starRe;
            double sIm = -theta;
            double[] phi = phi(sRe, sIm, wantDerivative);
            sumRe += weights[j] * phi[0];
            sumIm += weights[j] * phi[1];
            if (wantDerivative) {
                dRe += weights[j] * (phi[0] + phi[2]);
                dIm += weights[j] * (phi[1] + phi[3]);
            }
        }
        Complex inverse = w.reciprocal();
        Complex value = inverse.multiply(cValue.subtract(new Complex(sumRe, sumIm)));
        if (!wantDerivative) {
            return new Complex[] {value, null};
        }
        Complex zeta = new Complex(tauRe, onAxis ? 0.0 : tauIm);
        Complex cPrime = PolynomialPanel.cauchyDerivative(series, derivative, zeta, onAxis ? side : 1, minusOne,
                plusOne);
        Complex slope = inverse.multiply(inverse).multiply(new Complex(dRe, dIm).subtract(cValue)
                .add(cPrime.divide(h())));
        return new Complex[] {value, slope};
    }

    /**
     * Re log(w/|x_end − e|) for the end s_end of the panel, as ½ log1p(2 Re δ + |δ|²) with δ = (w − d)/d and
     * d = |x_end − e| = e^{s_end} (w − d is formed from z − x_end, exact next to that end).
     */
    private double endOffset(Complex z, Complex w, double sEnd) {
        double end = x(sEnd);
        double d = Math.abs(end - edge);
        double deltaRe = (left ? z.getReal() - end : end - z.getReal()) / d;
        double deltaIm = w.getImaginary() / d;
        return 0.5 * Math.log1p(2 * deltaRe + deltaRe * deltaRe + deltaIm * deltaIm);
    }

    /** Plain Gauss–Legendre sums of u/(w − e^s) and −u/(w − e^s)². */
    private Complex[] far(Complex w, boolean wantDerivative) {
        double re = 0;
        double im = 0;
        double dRe = 0;
        double dIm = 0;
        for (int j = 0; j < nodes.length; j++) {
            double ar = w.getReal() - offsets[j];
            double ai = w.getImaginary();
            double norm = ar * ar + ai * ai;
            double ir = ar / norm;
            double ii = -ai / norm;
            re += weights[j] * ir;
            im += weights[j] * ii;
            if (wantDerivative) {
                dRe -= weights[j] * (ir * ir - ii * ii);
                dIm -= weights[j] * 2 * ir * ii;
            }
        }
        return new Complex[] {new Complex(re, im), new Complex(dRe, dIm)};
    }

    /**
     * Φ(d) = 1/expm1(d) − 1/d and, when asked, Φ'(d) = 1/d² − e^d/expm1(d)², for complex d = a + ib.
     *
     * @return {Re Φ, Im Φ, Re Φ', Im Φ'}
     */
    static double[] phi(double a, double b, boolean wantDerivative) {
        if (a * a + b * b < SERIES_RADIUS * SERIES_RADIUS) {
            // Φ = −1/2 + Σ β_k d^{2k−1}, Φ' = Σ (2k−1) β_k d^{2k−2}, by Horner in d².
            double d2Re = a * a - b * b;
            double d2Im = 2 * a * b;
            double pRe = 0;
            double pIm = 0;
            double qRe = 0;
            double qIm = 0;
            for (int k = BERNOULLI.length; k >= 1; k--) {
                double nRe = pRe * d2Re - pIm * d2Im + BERNOULLI[k - 1];
                double nIm = pRe * d2Im + pIm * d2Re;
                pRe = nRe;
                pIm = nIm;
                double mRe = qRe * d2Re - qIm * d2Im + (2 * k - 1) * BERNOULLI[k - 1];
                double mIm = qRe * d2Im + qIm * d2Re;
                qRe = mRe;
                qIm = mIm;
            }
            // Φ = −1/2 + d·P(d²), Φ' = Q(d²).
            return new double[] {-0.5 + a * pRe - b * pIm, a * pIm + b * pRe, qRe, qIm};
        }
        // expm1(a + ib) = expm1(a) cos b − 2 sin²(b/2) + i e^a sin b, without cancellation.
        double sinHalf = Math.sin(0.5 * b);
        double eRe = Math.expm1(a) * Math.cos(b) - 2 * sinHalf * sinHalf;
        double eIm = Math.exp(a) * Math.sin(b);
        double eNorm = eRe * eRe + eIm * eIm;
        double invERe = eRe / eNorm;
        double invEIm = -eIm / eNorm;
        double dNorm = a * a + b * b;
        double invDRe = a / dNorm;
        double invDIm = -b / dNorm;
        double[] out = {invERe - invDRe, invEIm - invDIm, 0, 0};
        if (wantDerivative) {
            // Φ' = 1/d² − e^d/expm1(d)² = 1/d² − (1/expm1(d))² − 1/expm1(d).
            double d2Re = invDRe * invDRe - invDIm * invDIm;
            double d2Im = 2 * invDRe * invDIm;
            double e2Re = invERe * invERe - invEIm * invEIm;
            double e2Im = 2 * invERe * invEIm;
            out[2] = d2Re - e2Re - invERe;
            out[3] = d2Im - e2Im - invEIm;
        }
        return out;
    }

    /** The Bernstein ellipse parameter through ζ = a + ib. */
    private static double bernstein(double a, double b) {
        double p = Math.hypot(a - 1, b);
        double q = Math.hypot(a + 1, b);
        double s = 0.5 * (p + q);
        return s + Math.sqrt(Math.max(0, s * s - 1));
    }

    @Override
    public double[] moments(int n) {
        double[] m = new double[n + 1];
        int points = length() / 2 + 16 + (int) Math.ceil(1.5 * n * h());
        GaussLegendre rule = GaussLegendre.of(points);
        double[] t = rule.nodes();
        double[] w = rule.weights();
        for (int j = 0; j < t.length; j++) {
            double x = x(m() + h() * t[j]);
            double term = w[j] * h() * series.value(t[j]);
            for (int k = 0; k <= n; k++) {
                m[k] += term;
                term *= x;
            }
        }
        return m;
    }

    /**
     * Moments of the approximant in arbitrary precision: (e ± e^s)^k expanded by the binomial theorem, and each
     * ∫ p(τ) e^{aτ} dτ (a = jh) summed as Σ_i a^i/i! ∫ p(τ) τ^i dτ, with guard digits for the growth of the terms.
     */
    @Override
    public BigFloat[] exactMoments(int n, Precision precision) {
        double largest = n * h();
        Precision working = Precision.ofDigits(precision.digits() + (int) (0.31 * length())
                + (int) Math.ceil(largest / Math.log(10)) + 10);
        BigFloat[] p = PolynomialMoments.monomial(series.coefficients(), working);
        BigFloat mid = working.of(s0).add(working.of(s1)).scaleByPowerOfTwo(-1);
        BigFloat half = working.of(s1).subtract(working.of(s0)).scaleByPowerOfTwo(-1);
        // E_j = e^{j m} ∫ p(τ) e^{j h τ} dτ, the integral of e^{js} u(s) ds over the panel divided by h.
        BigFloat[] e = new BigFloat[n + 1];
        java.util.List<BigFloat> powerMoments = new java.util.ArrayList<>();
        for (int j = 0; j <= n; j++) {
            BigFloat a = half.multiply(j);
            BigFloat sum = working.zero();
            BigFloat factor = working.one();
            for (int i = 0; i < 100_000; i++) {
                if (powerMoments.size() == i) {
                    BigFloat moment = working.zero();
                    for (int l = 0; l < p.length; l++) {
                        moment = moment.add(p[l].multiply(PolynomialMoments.powerIntegral(l + i, working)));
                    }
                    powerMoments.add(moment);
                }
                BigFloat term = factor.multiply(powerMoments.get(i));
                sum = sum.add(term);
                boolean negligible = term.isZero() || (!sum.isZero()
                        && term.magnitudeExponent() < sum.magnitudeExponent() - working.bits() - 8);
                if (j == 0 || (i > 2 * j * h() + 2 && negligible)) {
                    break;
                }
                factor = factor.multiply(a).divide(i + 1);
            }
            e[j] = Elementary.exp(mid.multiply(j), working).multiply(sum);
        }
        BigFloat edgeValue = working.of(edge);
        BigFloat sign = working.of(left ? 1 : -1);
        BigFloat[] out = new BigFloat[n + 1];
        for (int k = 0; k <= n; k++) {
            // (e ± e^s)^k = Σ_j C(k, j) e^{k−j} (±1)^j e^{js}.
            BigFloat sum = working.zero();
            BigFloat binomial = working.one();
            for (int j = 0; j <= k; j++) {
                BigFloat term = binomial.multiply(edgeValue.pow(k - j)).multiply(sign.pow(j)).multiply(e[j]);
                sum = sum.add(term);
                binomial = binomial.multiply(k - j).divide(j + 1);
            }
            out[k] = sum.multiply(half).withBits(precision.bits());
        }
        return out;
    }

    @Override
    public String toString() {
        return "LogPanel(edge " + edge + (left ? ", left" : ", right") + ", s in [" + s0 + ", " + s1 + "], "
                + length() + " coefficients)";
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
