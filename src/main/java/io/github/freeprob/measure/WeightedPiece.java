package io.github.freeprob.measure;

import io.github.freeprob.numerics.Chebyshev;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.Precision;
import java.math.BigInteger;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.complex.Complex;

/**
 * A density with square-root or inverse-square-root behaviour at both ends of [c − r, c + r]:
 * ρ(x) = g(t) / (π r √(1 − t²)), x = c + r t, g = Σ c_k T_k.
 *
 * <p>Cauchy transform: (1/π)∫ T_k(t)/(√(1 − t²)(ζ − t)) dt = J(ζ)^k / s(ζ), s = √(ζ − 1)√(ζ + 1), J = ζ − s
 * (Olver and Nadakuditi, "Numerical computation of convolutions in free probability theory", 2012), so
 * G(z) = (1/(r s)) Σ c_k J^k with ζ = (z − c)/r, one Horner pass. Mass c_0; CDF
 * (1/π)(c_0(π − θ) − Σ_{k≥1} c_k sin(kθ)/k) with t = cos θ; moments from
 * (1/π)∫ t^j T_k/√(1 − t²) dt = 2^{−j} C(j, (j − k)/2).
 */
public final class WeightedPiece implements DensityPiece {

    private final Interval interval;
    private final double[] coefficients;

    /**
     * @param interval     [c − r, c + r], nondegenerate
     * @param coefficients c_0..c_K of g (copied)
     */
    public WeightedPiece(Interval interval, double[] coefficients) {
        if (!(interval.width() > 0)) {
            throw new IllegalArgumentException("a density piece needs a nondegenerate interval, but was " + interval);
        }
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("a density piece needs at least one coefficient, but got none");
        }
        for (int k = 0; k < coefficients.length; k++) {
            Checks.finite("Chebyshev coefficient c" + k, coefficients[k]);
        }
        this.interval = interval;
        this.coefficients = coefficients.clone();
    }

    @Override
    public Interval interval() {
        return interval;
    }

    /** @return a copy of the coefficients of g */
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public int length() {
        return coefficients.length;
    }

    @Override
    public double mass() {
        return coefficients[0];
    }

    private double radius() {
        return 0.5 * interval.width();
    }

    @Override
    public double density(double x) {
        double r = radius();
        double t = (x - interval.center()) / r;
        if (!(Math.abs(t) < 1)) {
            return 0;
        }
        return Chebyshev.evaluate(coefficients, t) / (Math.PI * r * Math.sqrt((1 - t) * (1 + t)));
    }

    @Override
    public double cumulative(double x) {
        if (x <= interval.lo()) {
            return 0;
        }
        if (x >= interval.hi()) {
            return coefficients[0];
        }
        double theta = Math.acos(Math.max(-1, Math.min(1, (x - interval.center()) / radius())));
        double sum = coefficients[0] * (Math.PI - theta);
        for (int k = 1; k < coefficients.length; k++) {
            sum -= coefficients[k] * Math.sin(k * theta) / k;
        }
        return sum / Math.PI;
    }

    @Override
    public Complex cauchy(Complex z) {
        double r = radius();
        double[] v = transform(z, false);
        return new Complex(v[0] / r, v[1] / r);
    }

    /**
     * H = c G + (1/s) Σ c_k τ_k with τ_0 = J and τ_k = (J^{k+1} + J^{k−1})/2 (from t T_k = (T_{k+1} + T_{k−1})/2), that
     * is c G + (c_0 J + Q (J² + 1)/2)/s with Q = Σ_{k≥1} c_k J^{k−1}.
     */
    @Override
    public Complex cauchyReduced(Complex z) {
        double r = radius();
        double zetaRe = (z.getReal() - interval.center()) / r;
        double zetaIm = z.getImaginary() / r;
        double im = zetaIm == 0 ? 0.0 : zetaIm;
        double[] a = RealComplex.sqrt((z.getReal() - interval.hi()) / r, im);
        double[] b = RealComplex.sqrt((z.getReal() - interval.lo()) / r, im);
        Complex s = new Complex(a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]);
        Complex g = cauchy(z);
        if (s.isZero()) {
            return z.multiply(g).subtract(mass());
        }
        // J = ζ − s = 1/(ζ + s): s ~ ζ away from the interval, so the difference would cancel.
        Complex j = new Complex(zetaRe, im).add(s).reciprocal();
        Complex q = Complex.ZERO;
        for (int k = coefficients.length - 1; k >= 1; k--) {
            q = q.multiply(j).add(coefficients[k]);
        }
        Complex sum = j.multiply(coefficients[0]).add(q.multiply(j.multiply(j).add(1)).divide(2));
        return g.multiply(interval.center()).add(sum.divide(s));
    }

    @Override
    public Complex cauchyDerivative(Complex z) {
        double r = radius();
        double[] v = transform(z, true);
        return new Complex(v[0] / (r * r), v[1] / (r * r));
    }

    /**
     * Σ c_k J^k / s at ζ, or its ζ-derivative −Σ c_k J^k (k s + ζ)/s³, in primitive complex arithmetic. At ζ = ±1
     * (s = 0) the limit: infinite where g(±1) ≠ 0; −Σ k c_k at +1 and Σ (−1)^k k c_k at −1 where g vanishes.
     * ζ ∓ 1 are formed as (x − b)/r and (x − a)/r, so that s keeps its relative accuracy next to the ends.
     */
    private double[] transform(Complex z, boolean derivative) {
        double r = radius();
        double zetaRe = (z.getReal() - interval.center()) / r;
        double zetaIm = z.getImaginary() / r;
        double im = zetaIm == 0 ? 0.0 : zetaIm;
        double[] a = RealComplex.sqrt((z.getReal() - interval.hi()) / r, im);
        double[] b = RealComplex.sqrt((z.getReal() - interval.lo()) / r, im);
        double sRe = a[0] * b[0] - a[1] * b[1];
        double sIm = a[0] * b[1] + a[1] * b[0];
        if (sRe == 0 && sIm == 0) {
            return edgeLimit(zetaRe > 0, derivative);
        }
        // J = ζ − s = 1/(ζ + s), with |ζ + s| ≥ 1: away from the interval s ~ ζ, and the difference would lose the
        // digits of |ζ|/|J| ~ 2|ζ|² (a narrow piece seen from afar lost ten of them).
        double[] inverse = RealComplex.divide(1, 0, zetaRe + sRe, im + sIm);
        double jRe = inverse[0];
        double jIm = inverse[1];
        double pRe = 0;
        double pIm = 0;
        double qRe = 0;
        double qIm = 0;
        for (int k = coefficients.length - 1; k >= 0; k--) {
            double nr = pRe * jRe - pIm * jIm + coefficients[k];
            double ni = pRe * jIm + pIm * jRe;
            pRe = nr;
            pIm = ni;
            if (derivative) {
                double mr = qRe * jRe - qIm * jIm + k * coefficients[k];
                double mi = qRe * jIm + qIm * jRe;
                qRe = mr;
                qIm = mi;
            }
        }
        if (!derivative) {
            return RealComplex.divide(pRe, pIm, sRe, sIm);
        }
        double numRe = qRe * sRe - qIm * sIm + pRe * zetaRe - pIm * im;
        double numIm = qRe * sIm + qIm * sRe + pRe * im + pIm * zetaRe;
        double s2Re = sRe * sRe - sIm * sIm;
        double s2Im = 2 * sRe * sIm;
        double s3Re = s2Re * sRe - s2Im * sIm;
        double s3Im = s2Re * sIm + s2Im * sRe;
        double[] q = RealComplex.divide(numRe, numIm, s3Re, s3Im);
        return new double[] {-q[0], -q[1]};
    }

    private double[] edgeLimit(boolean right, boolean derivative) {
        double g = 0;
        double weighted = 0;
        double scale = 0;
        for (int k = 0; k < coefficients.length; k++) {
            double sign = right || k % 2 == 0 ? 1 : -1;
            g += sign * coefficients[k];
            weighted += sign * k * coefficients[k];
            scale = Math.max(scale, Math.abs(coefficients[k]));
        }
        if (derivative || Math.abs(g) > 1e-10 * scale) {
            return new double[] {Double.POSITIVE_INFINITY, 0};
        }
        return new double[] {right ? -weighted : weighted, 0};
    }

    @Override
    public double[] moments(int n) {
        double[] m = new double[n + 1];
        // Gauss–Chebyshev: (1/π)∫ p(t)/√(1−t²) dt = (1/M) Σ p(t_j), exact for degree ≤ 2M − 1.
        int points = (n + coefficients.length) / 2 + 2;
        double[] t = Chebyshev.points(points);
        double r = radius();
        for (double tj : t) {
            double power = Chebyshev.evaluate(coefficients, tj) / points;
            double x = interval.center() + r * tj;
            for (int k = 0; k <= n; k++) {
                m[k] += power;
                power *= x;
            }
        }
        return m;
    }

    @Override
    public BigFloat[] exactMoments(int n, Precision precision) {
        BigFloat center = precision.of(interval.lo()).add(precision.of(interval.hi())).scaleByPowerOfTwo(-1);
        BigFloat r = precision.of(interval.hi()).subtract(precision.of(interval.lo())).scaleByPowerOfTwo(-1);
        BigFloat[] tMoments = new BigFloat[n + 1];
        for (int j = 0; j <= n; j++) {
            BigFloat sum = precision.zero();
            for (int k = j % 2; k <= Math.min(j, coefficients.length - 1); k += 2) {
                BigInteger binomial = Combinatorics.binomial(j, (j - k) / 2);
                sum = sum.add(precision.of(coefficients[k]).multiply(BigFloat.of(binomial, precision.bits())));
            }
            tMoments[j] = sum.scaleByPowerOfTwo(-j);
        }
        return PolynomialMoments.affine(tMoments, center, r, precision);
    }

    @Override
    public double integrate(DoubleUnaryOperator f) {
        // Gauss–Chebyshev: ∫ f ρ dx = (1/π)∫ g(t) f(x(t))/√(1−t²) dt = (1/M) Σ g(t_j) f(x(t_j)).
        int points = coefficients.length / 2 + 32;
        double sum = 0;
        for (double t : Chebyshev.points(points)) {
            sum += Chebyshev.evaluate(coefficients, t) * f.applyAsDouble(interval.center() + radius() * t);
        }
        return sum / points;
    }
}
