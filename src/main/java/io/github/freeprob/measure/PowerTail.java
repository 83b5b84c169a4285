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
 * <p>Cauchy transform: for |z| ≥ 2x₀, G(z) = (m/z) Σ_{n≥0} β/(n + β) (x₀/z)^n, a geometric-rate series; for
 * 0.9x₀ &lt; |z| &lt; 2x₀ the integral split at x₀/2 with its pole subtracted ({@link #aroundTheTop}); for |z| ≤ 0.9x₀
 * and β &lt; 0.99 its closed form ({@link #inside}); all three exact on the axis too. Otherwise (β ≥ 0.99 near 0) a
 * Gauss–Legendre rule in s over the window where u exceeds e^{−40} of its top, the rest of the mass as a pole at 0. Moments m β x₀^k/(k + β); CDF
 * m (x/x₀)^β.
 */
public final class PowerTail implements DensityPiece {

    private final double top;
    private final double mass;
    private final double exponent;
    private final Interval interval;

    /** Below this exponent, and within this fraction of x₀, G comes from its closed form ({@link #inside}). */
    static final double NEAR_ONE = 0.99;
    static final double INSIDE = 0.9;
    private static final GaussLegendre TOP_RULE = GaussLegendre.of(24);

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
        if (exponent < NEAR_ONE && z.norm() <= INSIDE * top) {
            return inside(z);
        }
        if (z.norm() > INSIDE * top && z.norm() < 2 * top) {
            return aroundTheTop(z);
        }
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

    /**
     * {G, G'} for |z| ≤ 0.9 x₀ and 0 &lt; β &lt; 0.99, exact up to the axis (where the quadrature in s has its pole on
     * the path, and gave Im G ≈ 0 instead of −πρ): with y = z/x₀, ∫₀¹ t^{β−1}/(y − t) dt is ∫₀^∞ minus ∫₁^∞, the first
     * −π(−y)^{β−1}/sin(πβ) (the Mellin integral ∫₀^∞ t^{β−1}/(t + a) dt = π a^{β−1}/sin(πβ)), the second
     * −Σ_{n≥0} yⁿ/(n + 1 − β) (expanding 1/(y − t) in y/t), so that G = (mβ/x₀)(−π(−y)^{β−1}/sin(πβ) +
     * Σ yⁿ/(n + 1 − β)); arg(−y) = arg y − π ∈ [−π, 0] on the closed upper half-plane.
     */
    private Complex[] inside(Complex z) {
        double beta = exponent;
        double yr = z.getReal() / top;
        double yi = z.getImaginary() / top;
        double logModulus = Math.log(Math.hypot(yr, yi));
        double angle = Math.atan2(Math.max(yi, 0), yr) - Math.PI;
        // (−y)^{β−1}
        double size = Math.exp((beta - 1) * logModulus);
        Complex power = new Complex(size * Math.cos((beta - 1) * angle), size * Math.sin((beta - 1) * angle));
        double factor = Math.PI / Math.sin(Math.PI * beta);
        Complex y = new Complex(yr, yi);
        Complex g = power.multiply(-factor);
        // d/dy of −π(−y)^{β−1}/sin(πβ) is π(β − 1)(−y)^{β−2}/sin(πβ) = −π(β − 1)(−y)^{β−1}/(y sin(πβ)).
        Complex slope = power.divide(y).multiply(-factor * (beta - 1));
        Complex yn = Complex.ONE;
        for (int n = 0; n < 2000; n++) {
            Complex term = yn.divide(n + 1 - beta);
            g = g.add(term);
            if (n > 0) {
                slope = slope.add(yn.divide(y).multiply(n / (n + 1 - beta)));
            }
            if (yn.norm() <= 1e-17 * g.norm()) {
                break;
            }
            yn = yn.multiply(y);
        }
        double scale = mass * beta / top;
        return new Complex[] {g.multiply(scale), slope.multiply(scale / top)};
    }

    /**
     * {G, G'} for 0.9 x₀ &lt; |z| &lt; 2x₀, exact up to the axis, any β: with y = z/x₀, ∫₀¹ t^{β−1}/(y − t) dt splits at
     * ½. Below, (½)^β/y Σ_{n≥0} (1/(2y))ⁿ/(n + β) (geometric, ratio ≤ 0.56). Above, the pole is subtracted:
     * ∫_{½}^1 (t^{β−1} − y^{β−1})/(y − t) dt, whose integrand is analytic on [½, 1] (a 24-point Gauss–Legendre rule,
     * exact to rounding since its nearest singularity, t = 0, lies at 5.8 in the interval's Bernstein scale), plus
     * y^{β−1} log((y − ½)/(y − 1)), each logarithm on its principal branch (arguments in [0, π] from above). Where t is
     * within 10⁻³|y| of y the integrand is its Taylor series, free of cancellation.
     */
    private Complex[] aroundTheTop(Complex z) {
        double beta = exponent;
        Complex y = z.divide(top);
        Complex inverse = y.reciprocal();
        Complex ratio = inverse.multiply(0.5);
        Complex g = Complex.ZERO;
        Complex slope = Complex.ZERO;
        Complex power = Complex.ONE;
        for (int n = 0; n < 2000; n++) {
            Complex term = power.divide(n + beta);
            g = g.add(term);
            // d/dy of (½)^β y^{−1} (1/(2y))ⁿ is −(n + 1)(½)^β y^{−2} (1/(2y))ⁿ.
            slope = slope.subtract(term.multiply(n + 1));
            if (power.norm() * (n + 1) <= 1e-17 * Math.max(g.norm(), 1e-300)) {
                break;
            }
            power = power.multiply(ratio);
        }
        double half = Math.pow(0.5, beta);
        g = g.multiply(inverse).multiply(half);
        slope = slope.multiply(inverse).multiply(inverse).multiply(half);
        Complex yPower = y.pow(beta - 1);
        Complex yPowerSlope = yPower.multiply(inverse).multiply(beta - 1);
        double[] nodes = TOP_RULE.nodes();
        double[] weights = TOP_RULE.weights();
        for (int j = 0; j < nodes.length; j++) {
            double t = 0.75 + 0.25 * nodes[j];
            double w = 0.25 * weights[j];
            Complex[] f = subtracted(t, y, yPower, beta);
            g = g.add(f[0].multiply(w));
            slope = slope.add(f[1].multiply(w));
        }
        Complex upper = logFromAbove(y.subtract(0.5));
        Complex lower = logFromAbove(y.subtract(1));
        Complex log = upper.subtract(lower);
        g = g.add(yPower.multiply(log));
        // d/dy log((y − ½)/(y − 1)) = 1/(y − ½) − 1/(y − 1)
        Complex logSlope = y.subtract(0.5).reciprocal().subtract(y.subtract(1).reciprocal());
        slope = slope.add(yPowerSlope.multiply(log)).add(yPower.multiply(logSlope));
        double scale = mass * beta / top;
        return new Complex[] {g.multiply(scale), slope.multiply(scale / top)};
    }

    /** {f, ∂f/∂y} for f(t, y) = (t^{β−1} − y^{β−1})/(y − t), by its Taylor series in e = (t − y)/y where |e| &lt; 10⁻³. */
    private static Complex[] subtracted(double t, Complex y, Complex yPower, double beta) {
        Complex e = Complex.valueOf(t).subtract(y).divide(y);
        double a = beta - 1;
        if (e.norm() < 1e-3) {
            // ((1 + e)^a − 1)/e = Σ_{k≥1} C(a, k) e^{k−1}; f = −y^{a−1} times it. ∂f/∂y by the same series one order on.
            // S(e) and S'(e) in one pass: the term C(a, k) e^{k−1} of S, and C(a, k)(k − 1) e^{k−2} of S'.
            Complex series = Complex.ZERO;
            Complex derivativeSeries = Complex.ZERO;
            Complex previousPower = Complex.ZERO;
            Complex power = Complex.ONE;
            double binomial = 1;
            for (int k = 1; k <= 8; k++) {
                binomial *= (a - k + 1) / k;
                series = series.add(power.multiply(binomial));
                derivativeSeries = derivativeSeries.add(previousPower.multiply(binomial * (k - 1)));
                previousPower = power;
                power = power.multiply(e);
            }
            Complex f = yPower.divide(y).multiply(series).negate();
            // ∂f/∂y at t fixed: −(a − 1)y^{a−2}·S − y^{a−1} S'(e)·∂e/∂y with ∂e/∂y = −t/y²
            Complex dfdy = yPower.divide(y).divide(y).multiply(series).multiply(-(a - 1))
                    .add(yPower.divide(y).multiply(derivativeSeries).multiply(t).divide(y.multiply(y)));
            return new Complex[] {f, dfdy};
        }
        Complex difference = y.subtract(t);
        Complex numerator = Complex.valueOf(Math.pow(t, a)).subtract(yPower);
        Complex f = numerator.divide(difference);
        // ∂f/∂y = (−a y^{a−1}(y − t) − (t^a − y^a)) / (y − t)²
        Complex dfdy = yPower.divide(y).multiply(-a).multiply(difference).subtract(numerator)
                .divide(difference.multiply(difference));
        return new Complex[] {f, dfdy};
    }

    /** log w with arg w ∈ [0, π] (w on the closed upper half-plane, the negative axis from above). */
    private static Complex logFromAbove(Complex w) {
        return new Complex(Math.log(w.norm()), Math.atan2(Math.max(w.getImaginary(), 0), w.getReal()));
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
