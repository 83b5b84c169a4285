package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.Complexes;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;
import org.hipparchus.complex.Complex;

/**
 * The uniform law on [a, b]: G(z) = log((z − a)/(z − b))/(b − a).
 *
 * <p>Near the interval the logarithm is taken as log(z − a) − log(z − b) with principal branches (on the real axis
 * inside (a, b) this gives −iπ, the limit from above); far away, where that difference cancels, as
 * log1p((b − a)/(z − b)).
 */
final class UniformLaw implements Measure {

    private final double a;
    private final double b;

    UniformLaw(double a, double b) {
        Checks.ordered("uniform left end a", a, "uniform right end b", b);
        this.a = a;
        this.b = b;
    }

    @Override
    public Complex cauchyUpper(Complex z) {
        double width = b - a;
        Complex w = Complexes.upper(z);
        double distance = w.subtract(0.5 * (a + b)).norm();
        Complex log;
        if (distance > 2 * width) {
            log = Complexes.log1p(Complex.valueOf(width).divide(w.subtract(b)));
        } else {
            log = Complexes.upper(w.subtract(a)).log().subtract(Complexes.upper(w.subtract(b)).log());
        }
        return log.divide(width);
    }

    /**
     * H = zG − 1 = c G + (ζ log((ζ + r)/(ζ − r))/(2r) − 1) with ζ = z − c; far away the bracket is the series
     * Σ_{k≥1} (r/ζ)^{2k}/(2k + 1), free of cancellation.
     */
    @Override
    public Complex cauchyReducedUpper(Complex z) {
        double c = 0.5 * (a + b);
        double r = 0.5 * (b - a);
        Complex zeta = z.subtract(c);
        Complex g = cauchyUpper(z);
        if (zeta.norm() <= 2 * r) {
            return z.multiply(g).subtract(1);
        }
        Complex ratio = Complex.valueOf(r).divide(zeta);
        Complex square = ratio.multiply(ratio);
        Complex term = square;
        Complex sum = Complex.ZERO;
        for (int k = 1; k < 200; k++) {
            Complex next = term.divide(2 * k + 1);
            sum = sum.add(next);
            if (next.norm() <= 1e-17 * sum.norm()) {
                break;
            }
            term = term.multiply(square);
        }
        return g.multiply(c).add(sum);
    }

    /** G' = −1/((z − a)(z − b)). */
    @Override
    public Complex cauchyDerivativeUpper(Complex z) {
        return z.subtract(a).multiply(z.subtract(b)).reciprocal().negate();
    }

    @Override
    public double[] moments(int n) {
        Checks.atLeast("moment order n", n, 0);
        double[] m = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            // (b^{k+1} − a^{k+1}) / ((k+1)(b − a)) = Σ_j a^j b^{k−j} / (k + 1), without cancellation.
            double sum = 0;
            for (int j = 0; j <= k; j++) {
                sum += Math.pow(a, j) * Math.pow(b, k - j);
            }
            m[k] = sum / (k + 1);
        }
        return m;
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        Checks.atLeast("moment order n", n, 0);
        BigFloat left = precision.of(a);
        BigFloat right = precision.of(b);
        BigFloat[] m = new BigFloat[n + 1];
        for (int k = 0; k <= n; k++) {
            BigFloat sum = precision.zero();
            for (int j = 0; j <= k; j++) {
                sum = sum.add(left.pow(j).multiply(right.pow(k - j)));
            }
            m[k] = sum.divide(k + 1);
        }
        m[0] = precision.one();
        return MomentSequence.of(m, precision);
    }

    @Override
    public List<Atom> atoms() {
        return List.of();
    }

    @Override
    public Support support() {
        return Support.of(Interval.of(a, b));
    }

    @Override
    public Interval bounds() {
        return Interval.of(a, b);
    }

    @Override
    public double mean() {
        return 0.5 * (a + b);
    }

    @Override
    public double variance() {
        return (b - a) * (b - a) / 12;
    }

    @Override
    public String toString() {
        return "uniform(" + Checks.format(a) + ", " + Checks.format(b) + ")";
    }
}
