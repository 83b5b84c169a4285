package io.github.freeprob.measure;

import io.github.freeprob.numerics.ChebyshevSeries;
import io.github.freeprob.numerics.GaussLegendre;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.Precision;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.complex.Complex;

/**
 * A density ρ(x) = p(t) on [m − h, m + h], x = m + h t, with p = Σ c_k T_k a plain Chebyshev series: the interior
 * panels of a support interval. G(z) = C[p]((z − m)/h) with C[p](ζ) = ∫ p(t)/(ζ − t) dt
 * ({@link ChebyshevSeries#cauchy}); G'(z) = (1/h)(−p(1)/(ζ − 1) + p(−1)/(ζ + 1) + C[p'](ζ)) by parts.
 */
public final class PolynomialPanel implements DensityPiece {

    /** The far-field rule, built on first use (a benign race: any thread builds the same values). */
    private volatile FarField farField;

    private final Interval interval;
    private final ChebyshevSeries series;
    private final ChebyshevSeries derivative;

    /**
     * @param interval     the panel, nondegenerate
     * @param coefficients c_0..c_K of p (copied)
     */
    public PolynomialPanel(Interval interval, double[] coefficients) {
        if (!(interval.width() > 0)) {
            throw new IllegalArgumentException("a density panel needs a nondegenerate interval, but was " + interval);
        }
        this.interval = interval;
        this.series = ChebyshevSeries.of(coefficients);
        this.derivative = series.derivative();
    }

    @Override
    public Interval interval() {
        return interval;
    }

    /** @return a copy of the coefficients of p */
    public double[] coefficients() {
        return series.coefficients();
    }

    @Override
    public int length() {
        return series.coefficients().length;
    }

    private double half() {
        return 0.5 * interval.width();
    }

    @Override
    public double mass() {
        return half() * series.integral();
    }

    @Override
    public double density(double x) {
        if (!interval.contains(x)) {
            return 0;
        }
        return series.value((x - interval.center()) / half());
    }

    @Override
    public double cumulative(double x) {
        if (x <= interval.lo()) {
            return 0;
        }
        if (x >= interval.hi()) {
            return mass();
        }
        return half() * series.integral((x - interval.center()) / half());
    }

    @Override
    public Complex cauchy(Complex z) {
        double h = half();
        // ζ ∓ 1 from x − b and x − a, exact next to the ends (see ChebyshevSeries#cauchy).
        double[] v = series.cauchy((z.getReal() - interval.center()) / h, z.getImaginary() / h, 1,
                (z.getReal() - interval.hi()) / h, (z.getReal() - interval.lo()) / h);
        return new Complex(v[0], v[1]);
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
            far = new FarField(length() / 2 + 12, t -> pointAndWeight(t)[0], t -> pointAndWeight(t)[1]);
            farField = far;
        }
        return far;
    }

    /** {x(t), ρ(x(t)) dx/dt}. */
    private double[] pointAndWeight(double t) {
        double h = half();
        return new double[] {interval.center() + h * t, series.value(t) * h};
    }

    @Override
    public Complex cauchyDerivative(Complex z) {
        double h = half();
        Complex zeta = new Complex((z.getReal() - interval.center()) / h, z.getImaginary() / h);
        return cauchyDerivative(series, derivative, zeta, 1, (z.getReal() - interval.hi()) / h,
                (z.getReal() - interval.lo()) / h).divide(h);
    }

    /** C[p]'(ζ) = −p(1)/(ζ − 1) + p(−1)/(ζ + 1) + C[p'](ζ). */
    static Complex cauchyDerivative(ChebyshevSeries p, ChebyshevSeries pPrime, Complex zeta, int side) {
        return cauchyDerivative(p, pPrime, zeta, side, zeta.getReal() - 1, zeta.getReal() + 1);
    }

    /** The same with Re ζ − 1 and Re ζ + 1 supplied accurately by the caller. */
    static Complex cauchyDerivative(ChebyshevSeries p, ChebyshevSeries pPrime, Complex zeta, int side,
                                    double minusOne, double plusOne) {
        double[] c = pPrime.cauchy(zeta.getReal(), zeta.getImaginary(), side, minusOne, plusOne);
        Complex boundary = new Complex(minusOne, zeta.getImaginary()).reciprocal().multiply(-p.value(1))
                .add(new Complex(plusOne, zeta.getImaginary()).reciprocal().multiply(p.value(-1)));
        return boundary.add(new Complex(c[0], c[1]));
    }

    @Override
    public double[] moments(int n) {
        double[] m = new double[n + 1];
        GaussLegendre rule = GaussLegendre.of((length() + n) / 2 + 2);
        double[] t = rule.nodes();
        double[] w = rule.weights();
        double h = half();
        for (int j = 0; j < t.length; j++) {
            double power = w[j] * h * series.value(t[j]);
            double x = interval.center() + h * t[j];
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
        BigFloat h = working.of(interval.hi()).subtract(working.of(interval.lo())).scaleByPowerOfTwo(-1);
        BigFloat center = working.of(interval.hi()).add(working.of(interval.lo())).scaleByPowerOfTwo(-1);
        BigFloat[] tMoments = new BigFloat[n + 1];
        for (int j = 0; j <= n; j++) {
            BigFloat sum = working.zero();
            for (int i = 0; i < p.length; i++) {
                sum = sum.add(p[i].multiply(PolynomialMoments.powerIntegral(i + j, working)));
            }
            tMoments[j] = sum.multiply(h);
        }
        BigFloat[] m = PolynomialMoments.affine(tMoments, center, h, working);
        for (int k = 0; k <= n; k++) {
            m[k] = m[k].withBits(precision.bits());
        }
        return m;
    }

    @Override
    public double integrate(DoubleUnaryOperator f) {
        GaussLegendre rule = GaussLegendre.of(length() / 2 + 32);
        double h = half();
        double sum = 0;
        for (int j = 0; j < rule.nodes().length; j++) {
            double t = rule.nodes()[j];
            sum += rule.weights()[j] * h * series.value(t) * f.applyAsDouble(interval.center() + h * t);
        }
        return sum;
    }
}
