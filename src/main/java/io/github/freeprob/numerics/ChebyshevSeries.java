package io.github.freeprob.numerics;

import org.hipparchus.complex.Complex;

/**
 * A polynomial p(t) = Σ_k c_k T_k(t) on [−1, 1] with its integral and its Cauchy transform
 * C[p](ζ) = ∫_{−1}^{1} p(t)/(ζ − t) dt.
 *
 * <p>Near the interval (Bernstein ellipse parameter ρ(ζ) &lt; ρ*), the Cauchy transform is computed with an n-point
 * Gauss–Legendre rule, n = deg p/2 + 2, corrected for the pole: C[p](ζ) = Σ_j w_j p(t_j)/(ζ − t_j)
 * + p(ζ)(L(ζ) − Σ_j w_j/(ζ − t_j)), with L(ζ) = log(ζ + 1) − log(ζ − 1) the transform of 1. This is exact for
 * polynomials (the difference quotient (p(ζ) − p(t))/(ζ − t) is a polynomial of degree deg p − 1 in t). Its rounding
 * error grows like |p(ζ)| ≤ ρ^{deg p} max|p|, so ρ* = min(1.25, 10^{3/deg p}) keeps it below 10^3 ε. Farther away the
 * plain Gauss sum Σ w_j p(t_j)/(ζ − t_j) is used, whose error is |p(ζ)| ρ^{−2n} ≤ ρ^{deg p − 2n}: a larger rule with
 * ρ*^{2n − deg p} ≥ 10^17 between ρ* and 5, and n = deg p/2 + 12 beyond (5^{−24} &lt; 10^{−16}).
 *
 * <p>On the interval itself (Im ζ = 0, |ζ| &lt; 1) the caller says from which side the limit is taken; from above,
 * L(x + i0) = ln((1 + x)/(1 − x)) − iπ.
 */
public final class ChebyshevSeries {

    private final double[] coefficients;
    private final GaussLegendre rule;
    private final double[] nodeValues;
    private final GaussLegendre farRule;
    private final double[] farValues;
    private final GaussLegendre middleRule;
    private final double[] middleValues;
    private final double nearLimit;
    private final int degree;

    private ChebyshevSeries(double[] coefficients) {
        this.coefficients = coefficients;
        this.degree = coefficients.length - 1;
        this.rule = GaussLegendre.of(degree / 2 + 2);
        this.nodeValues = values(rule);
        this.farRule = GaussLegendre.of(degree / 2 + 12);
        this.farValues = values(farRule);
        this.nearLimit = Math.min(1.25, Math.pow(10, 3.0 / Math.max(1, degree)));
        int middle = (int) Math.ceil((degree + 17 * Math.log(10) / Math.log(nearLimit)) / 2) + 1;
        this.middleRule = GaussLegendre.of(middle);
        this.middleValues = values(middleRule);
    }

    private double[] values(GaussLegendre r) {
        double[] v = new double[r.size()];
        for (int j = 0; j < r.size(); j++) {
            v[j] = Chebyshev.evaluate(coefficients, r.node(j));
        }
        return v;
    }

    /**
     * @param coefficients c_0..c_K, finite (copied)
     * @return the series
     */
    public static ChebyshevSeries of(double[] coefficients) {
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("a Chebyshev series needs at least one coefficient, but got none");
        }
        for (int k = 0; k < coefficients.length; k++) {
            Checks.finite("Chebyshev coefficient c" + k, coefficients[k]);
        }
        return new ChebyshevSeries(coefficients.clone());
    }

    /** @return a copy of the coefficients */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** @return p(t) */
    public double value(double t) {
        return Chebyshev.evaluate(coefficients, t);
    }

    /** @return ∫_{−1}^{1} p(t) dt = Σ_k c_k (1 + (−1)^k)/(1 − k²) (k ≠ 1) */
    public double integral() {
        double sum = 0;
        for (int k = 0; k < coefficients.length; k += 2) {
            sum += coefficients[k] * 2.0 / (1.0 - (double) k * k);
        }
        return sum;
    }

    /** @return ∫_{−1}^{t} p(s) ds, t clamped to [−1, 1] */
    public double integral(double t) {
        double x = Math.max(-1, Math.min(1, t));
        double[] b = antiderivative(coefficients);
        return Chebyshev.evaluate(b, x) - Chebyshev.evaluate(b, -1);
    }

    /** Coefficients of an antiderivative: b_k = (c_{k−1} − c_{k+1})/(2k), b_1 = c_0 − c_2/2. */
    private static double[] antiderivative(double[] c) {
        int n = c.length;
        double[] b = new double[n + 1];
        for (int k = 1; k <= n; k++) {
            double previous = c[k - 1] * (k == 1 ? 2 : 1);
            double next = k + 1 < n ? c[k + 1] : 0;
            b[k] = (previous - next) / (2.0 * k);
        }
        return b;
    }

    /** @return the derivative as a series */
    public ChebyshevSeries derivative() {
        return new ChebyshevSeries(Chebyshev.derivative(coefficients));
    }

    /**
     * C[p](ζ) = ∫_{−1}^{1} p(t)/(ζ − t) dt.
     *
     * @param zetaRe Re ζ
     * @param zetaIm Im ζ
     * @param side   for real ζ inside (−1, 1): +1 for the limit from above, −1 from below (ignored otherwise)
     * @return {Re, Im}
     */
    public double[] cauchy(double zetaRe, double zetaIm, int side) {
        return cauchy(zetaRe, zetaIm, side, zetaRe - 1, zetaRe + 1);
    }

    /**
     * C[p](ζ) with Re ζ − 1 and Re ζ + 1 supplied by the caller: next to an end of the interval the caller can often
     * form them without the rounding of ζ itself (as (x − b)/h rather than (x − c)/h − 1), and the logarithm
     * log((ζ + 1)/(ζ − 1)) then keeps its relative accuracy there. This is what makes the logarithmic singularities of
     * two adjoining panels cancel at their junction.
     *
     * @param minusOne Re ζ − 1
     * @param plusOne  Re ζ + 1
     * @return {Re, Im}
     */
    public double[] cauchy(double zetaRe, double zetaIm, int side, double minusOne, double plusOne) {
        double bernstein = bernsteinParameter(zetaRe, zetaIm);
        if (bernstein >= 5) {
            return gaussSum(farRule, farValues, zetaRe, zetaIm);
        }
        if (bernstein >= nearLimit) {
            return gaussSum(middleRule, middleValues, zetaRe, zetaIm);
        }
        double sRe = 0;
        double sIm = 0;
        double s1Re = 0;
        double s1Im = 0;
        for (int j = 0; j < nodeValues.length; j++) {
            double dr = zetaRe - rule.node(j);
            double norm = dr * dr + zetaIm * zetaIm;
            if (norm == 0) {
                // The point sits on a node (measure zero): move it by a rounding error.
                double nudge = 1e-15 * (1 + Math.abs(zetaRe));
                return cauchy(zetaRe + nudge, zetaIm, side, minusOne + nudge, plusOne + nudge);
            }
            double w = rule.weight(j);
            double ir = dr / norm;
            double ii = -zetaIm / norm;
            sRe += w * nodeValues[j] * ir;
            sIm += w * nodeValues[j] * ii;
            s1Re += w * ir;
            s1Im += w * ii;
        }
        double[] l = logRatio(plusOne, minusOne, zetaIm, side);
        double[] p = Chebyshev.evaluate(coefficients, zetaRe, zetaIm);
        double dRe = l[0] - s1Re;
        double dIm = l[1] - s1Im;
        return new double[] {sRe + p[0] * dRe - p[1] * dIm, sIm + p[0] * dIm + p[1] * dRe};
    }

    private static double[] gaussSum(GaussLegendre r, double[] values, double zetaRe, double zetaIm) {
        double re = 0;
        double im = 0;
        for (int j = 0; j < values.length; j++) {
            double dr = zetaRe - r.node(j);
            double norm = dr * dr + zetaIm * zetaIm;
            double wv = r.weight(j) * values[j];
            re += wv * dr / norm;
            im -= wv * zetaIm / norm;
        }
        return new double[] {re, im};
    }

    /** @return C[p](ζ) as a Complex, side +1 */
    public Complex cauchy(Complex zeta) {
        double[] v = cauchy(zeta.getReal(), zeta.getImaginary(), 1);
        return new Complex(v[0], v[1]);
    }

    /** ρ = |ζ + √(ζ−1)√(ζ+1)| ≥ 1, the Bernstein ellipse parameter through ζ. */
    static double bernsteinParameter(double re, double im) {
        double a = Math.hypot(re - 1, im);
        double b = Math.hypot(re + 1, im);
        double s = 0.5 * (a + b);
        return s + Math.sqrt(Math.max(0, s * s - 1));
    }

    /** L(ζ) = ∫_{−1}^{1} dt/(ζ − t) = log(ζ + 1) − log(ζ − 1). */
    static double[] logRatio(double re, double im, int side) {
        return logRatio(re + 1, re - 1, im, side);
    }

    /** The same from Re ζ + 1 and Re ζ − 1. */
    static double[] logRatio(double plusOne, double minusOne, double im, int side) {
        if (im == 0) {
            double real = Math.log(Math.abs(plusOne / minusOne));
            if (plusOne > 0 && minusOne < 0) {
                return new double[] {real, -Math.PI * (side >= 0 ? 1 : -1)};
            }
            return new double[] {real, 0};
        }
        double arg1 = Math.atan2(im, plusOne);
        double arg2 = Math.atan2(im, minusOne);
        double mod = 0.5 * Math.log((plusOne * plusOne + im * im) / (minusOne * minusOne + im * im));
        return new double[] {mod, arg1 - arg2};
    }
}
