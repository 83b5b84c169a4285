package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.GaussLegendre;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.Precision;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.complex.Complex;

/**
 * A power-law density next to the edge 0: ρ(x) = m β x^{β−1}/x₀^β on (0, x₀], mass m, exponent β &gt; 0. It closes a
 * chain of {@link LogPanel}s where the density has reached its power-law regime (the density in s = log x is
 * u(s) = m β e^{β(s − s₀)}), as the lower tail of a product of many free laws with a density at 0 does: the free power
 * mp(1)^{⊠L}, a Fuss–Catalan law, has β = 1/(L + 1), so half of its mass at L = 64 lies below 10⁻²⁰.
 *
 * <p>Cauchy transform: for |z| ≥ 2x₀, G(z) = (m/z) Σ_{n≥0} β/(n + β) (x₀/z)^n, a geometric-rate series; closer to 0 a
 * Gauss–Legendre rule in s over the window where u exceeds 10⁻¹⁷ of its top. Moments m β x₀^k/(k + β); CDF
 * m (x/x₀)^β.
 */
public final class PowerTail implements DensityPiece {

    private final double top;
    private final double mass;
    private final double exponent;
    private final Interval interval;

    /**
     * @param top      x₀ &gt; 0, where the tail joins the rest of the density
     * @param mass     m &gt; 0, the mass below x₀
     * @param exponent β &gt; 0
     */
    public PowerTail(double top, double mass, double exponent) {
        this.top = Checks.positive("tail top x0", top);
        this.mass = Checks.positive("tail mass", mass);
        this.exponent = Checks.positive("tail exponent beta", exponent);
        this.interval = Interval.of(0, top);
    }

    /** @return β */
    public double exponent() {
        return exponent;
    }

    @Override
    public Interval interval() {
        return interval;
    }

    @Override
    public double mass() {
        return mass;
    }

    @Override
    public double density(double x) {
        if (!(x > 0) || x > top) {
            return 0;
        }
        return mass * exponent * Math.pow(x / top, exponent) / x;
    }

    @Override
    public double cumulative(double x) {
        if (!(x > 0)) {
            return 0;
        }
        return x >= top ? mass : mass * Math.pow(x / top, exponent);
    }

    @Override
    public Complex cauchy(Complex z) {
        return transform(z)[0];
    }

    @Override
    public Complex cauchyDerivative(Complex z) {
        return transform(z)[1];
    }

    @Override
    public Complex cauchyReduced(Complex z) {
        if (z.norm() >= 2 * top) {
            // H = Σ_{n≥1} m β/(n + β) (x₀/z)^n: the series above without its first term.
            Complex ratio = Complex.valueOf(top).divide(z);
            Complex power = ratio;
            Complex sum = Complex.ZERO;
            for (int n = 1; n < 2000; n++) {
                Complex term = power.multiply(exponent / (n + exponent));
                sum = sum.add(term);
                if (term.norm() <= 1e-17 * sum.norm()) {
                    break;
                }
                power = power.multiply(ratio);
            }
            return sum.multiply(mass);
        }
        return z.multiply(cauchy(z)).subtract(mass);
    }

    /** {G, G'}. */
    private Complex[] transform(Complex z) {
        if (z.norm() >= 2 * top) {
            Complex ratio = Complex.valueOf(top).divide(z);
            Complex power = Complex.ONE;
            Complex sum = Complex.ZERO;
            Complex slope = Complex.ZERO;
            for (int n = 0; n < 2000; n++) {
                double c = exponent / (n + exponent);
                sum = sum.add(power.multiply(c));
                slope = slope.add(power.multiply(c * (n + 1)));
                if (power.norm() * c * (n + 1) <= 1e-17 * slope.norm() && n > 0) {
                    break;
                }
                power = power.multiply(ratio);
            }
            Complex inverse = z.reciprocal();
            return new Complex[] {sum.multiply(inverse).multiply(mass),
                sum.isNaN() ? Complex.NaN : slope.multiply(inverse).multiply(inverse).multiply(-mass)};
        }
        // Near 0: ∫ u(s)/(z − e^s) ds with u = m β e^{β(s − s₀)}, over s ∈ [s₀ − 40/β, s₀] in panels of width 1.
        double s0 = Math.log(top);
        double width = Math.min(40 / exponent, 1400);
        int panels = (int) Math.ceil(width);
        GaussLegendre rule = GaussLegendre.of(24);
        Complex sum = Complex.ZERO;
        Complex slope = Complex.ZERO;
        for (int k = 0; k < panels; k++) {
            double hi = s0 - k * width / panels;
            double lo = hi - width / panels;
            double half = 0.5 * (hi - lo);
            double mid = 0.5 * (hi + lo);
            for (int j = 0; j < rule.nodes().length; j++) {
                double s = mid + half * rule.nodes()[j];
                double weight = rule.weights()[j] * half * mass * exponent * Math.exp(exponent * (s - s0));
                Complex inverse = z.subtract(Math.exp(s)).reciprocal();
                sum = sum.add(inverse.multiply(weight));
                slope = slope.subtract(inverse.multiply(inverse).multiply(weight));
            }
        }
        // The mass below s₀ − width, e^{−β·width} of the whole: e^{−40} where width = 40/β, and 87 % at β = 10⁻⁴,
        // where it lies below e^{s₀ − 1400}, which is 0 in double precision. A pole at 0 carries it.
        double below = mass * Math.exp(-exponent * width);
        Complex inverse = z.reciprocal();
        return new Complex[] {sum.add(inverse.multiply(below)), slope.subtract(inverse.multiply(inverse).multiply(below))};
    }

    @Override
    public double[] moments(int n) {
        double[] m = new double[n + 1];
        double power = 1;
        for (int k = 0; k <= n; k++) {
            m[k] = mass * exponent / (k + exponent) * power;
            power *= top;
        }
        return m;
    }

    @Override
    public BigFloat[] exactMoments(int n, Precision precision) {
        BigFloat[] m = new BigFloat[n + 1];
        BigFloat beta = precision.of(exponent);
        BigFloat scale = precision.of(mass).multiply(beta);
        BigFloat x0 = precision.of(top);
        BigFloat power = precision.one();
        for (int k = 0; k <= n; k++) {
            m[k] = scale.multiply(power).divide(beta.add(precision.of(k)));
            power = power.multiply(x0);
        }
        return m;
    }

    @Override
    public double integrate(DoubleUnaryOperator f) {
        double s0 = Math.log(top);
        double width = Math.min(40 / exponent, 1400);
        int panels = (int) Math.ceil(width);
        GaussLegendre rule = GaussLegendre.of(24);
        double sum = 0;
        for (int k = 0; k < panels; k++) {
            double hi = s0 - k * width / panels;
            double lo = hi - width / panels;
            double half = 0.5 * (hi - lo);
            double mid = 0.5 * (hi + lo);
            for (int j = 0; j < rule.nodes().length; j++) {
                double s = mid + half * rule.nodes()[j];
                sum += rule.weights()[j] * half * mass * exponent * Math.exp(exponent * (s - s0))
                        * f.applyAsDouble(Math.exp(s));
            }
        }
        return sum;
    }

    @Override
    public int length() {
        return 2;
    }

    @Override
    public String toString() {
        return "PowerTail(x0 " + top + ", mass " + mass + ", beta " + exponent + ")";
    }
}
