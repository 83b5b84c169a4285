package io.github.freeprob.network;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.ConvergenceException;
import io.github.freeprob.numerics.GaussianIntegrals;

/**
 * The mean-field theory of signal propagation at initialisation (Poole et al., "Exponential expressivity in deep
 * neural networks through transient chaos", 2016; Schoenholz et al., "Deep information propagation", 2017), in the
 * conventions of {@code docs/conventions.md}: q^ℓ is the variance of the pre-activations of layer ℓ,
 * q^{ℓ+1} = σ_w² E[φ(h)²] + σ_b² for h ~ N(0, q^ℓ), with fixed point q*, and χ = σ_w² E[φ'(h)²] at q*.
 */
public final class MeanField {

    /** Iteration budget for the fixed point. */
    static final int BUDGET = 100_000;
    /** Iterates below this multiple of (1 + σ_w²) count as converging to the fixed point 0 (when σ_b² = 0). */
    static final double VANISHING = 1e-200;
    /** Iterates beyond this multiple of (1 + σ_w² + σ_b²) count as growing without bound. */
    static final double GROWTH_LIMIT = 1e20;
    /**
     * χ within this of 1 counts as critical: c* = 1 (the map's fixed point at 1 is marginal there, and χ itself
     * carries quadrature rounding of ~1e-15).
     */
    public static final double CRITICAL_BAND = 1e-12;
    /** Iteration budget of the correlation fixed point (each step is a two-dimensional quadrature). */
    static final int CORRELATION_BUDGET = 2_000;
    /** Relative tolerance of the fixed point. */
    static final double TOLERANCE = 1e-14;

    private final Activation activation;
    private final double weightVariance;
    private final double biasVariance;
    /** q*, computed on first use (idempotent, so a race only repeats the work). */
    private volatile double fixedPoint = Double.NaN;

    /**
     * @param activation     φ
     * @param weightVariance σ_w² &gt; 0
     * @param biasVariance   σ_b² ≥ 0
     */
    public MeanField(Activation activation, double weightVariance, double biasVariance) {
        this.activation = activation;
        this.weightVariance = Checks.positive("sigma_w^2", weightVariance);
        this.biasVariance = Checks.nonNegative("sigma_b^2", biasVariance);
    }

    /** @return σ_w² */
    public double weightVariance() {
        return weightVariance;
    }

    /** @return σ_b² */
    public double biasVariance() {
        return biasVariance;
    }

    /** @return φ */
    public Activation activation() {
        return activation;
    }

    /** @return the variance map q ↦ σ_w² E[φ(h)²] + σ_b², h ~ N(0, q) */
    public double map(double q) {
        Checks.nonNegative("q", q);
        return weightVariance * GaussianIntegrals.expectation(h -> {
            double v = activation.value(h);
            return v * v;
        }, q, activation.kinks()) + biasVariance;
    }

    /**
     * The slope of the variance map, dq^{ℓ+1}/dq^ℓ = σ_w² E[φ(h)φ'(h)h]/q (Gaussian integration by parts); at q = 0
     * its limit σ_w² (φ'(0)² + φ(0)φ''(0)) is taken as σ_w² φ'(0)² + the one-sided difference.
     */
    public double mapSlope(double q) {
        Checks.nonNegative("q", q);
        if (q == 0) {
            double step = 1e-8;
            return (map(step) - map(0)) / step;
        }
        return weightVariance * GaussianIntegrals.expectation(h -> activation.value(h) * activation.derivative(h) * h,
                q, activation.kinks()) / q;
    }

    /**
     * The fixed point q* of the variance map, by iteration from q = 1 with Aitken's extrapolation: the map is
     * increasing, so the iterates move monotonically towards the stable fixed point when there is one. An
     * extrapolation is taken only forward, along the iterates' direction of travel (iterates that move away from the
     * point Aitken's formula sees are diverging). On a line of fixed points (relu at σ_w² = 2, σ_b² = 0, where every
     * q is fixed) this returns 1.
     *
     * @throws ConvergenceException if the iterates grow without bound (as for relu with σ_w² &gt; 2), or do not
     *                              settle within the budget
     */
    public double fixedPoint() {
        double known = fixedPoint;
        if (Double.isNaN(known)) {
            known = solveFixedPoint();
            fixedPoint = known;
        }
        return known;
    }

    private double solveFixedPoint() {
        if (biasVariance == 0 && activation.isHomogeneous()) {
            // map(q) = c q exactly: q* = 0 for c < 1, every q is fixed for c = 1 (by convention 1 is returned), and
            // the iterates grow without bound for c > 1.
            double c = map(1);
            if (c < 1 - 1e-14) {
                return 0;
            }
            if (c <= 1 + 1e-14) {
                return 1;
            }
            throw new ConvergenceException("mean-field fixed point of " + activation + " with sigma_w^2 = "
                    + weightVariance + ", sigma_b^2 = 0 (q grows without bound: q^{l+1} = " + Checks.format(c)
                    + " q^l)", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, TOLERANCE, 0);
        }
        double limit = GROWTH_LIMIT * (1 + weightVariance + biasVariance);
        double q = 1;
        for (int i = 0; i < BUDGET; i++) {
            double next = map(q);
            if (!(next <= limit)) {
                throw new ConvergenceException("mean-field fixed point of " + activation + " with sigma_w^2 = "
                        + weightVariance + ", sigma_b^2 = " + biasVariance + " (q grows without bound)", next,
                        Double.POSITIVE_INFINITY, TOLERANCE, i);
            }
            if (settled(q, next)) {
                return next;
            }
            if (biasVariance == 0 && next < VANISHING * (1 + weightVariance)) {
                // Without bias, q = 0 is a fixed point; iterates this small are converging to it (a linear rate that
                // Aitken's extrapolation cannot finish in floating point, the map being linear only to rounding).
                return 0;
            }
            double after = map(next);
            if (settled(next, after)) {
                return after;
            }
            double denominator = after - 2 * next + q;
            double accelerated = denominator != 0 ? q - (next - q) * (next - q) / denominator : after;
            boolean forward = (accelerated - after) * (after - next) >= 0;
            q = forward && accelerated >= 0 && Double.isFinite(accelerated) ? accelerated : after;
        }
        throw new ConvergenceException("mean-field fixed point of " + activation, q, Double.NaN, TOLERANCE, BUDGET);
    }

    private static boolean settled(double q, double next) {
        return next == q || Math.abs(next - q) <= TOLERANCE * next;
    }

    /** @return χ = σ_w² E[φ'(h)²] at h ~ N(0, q) */
    public double chi(double q) {
        return weightVariance * GaussianIntegrals.expectation(h -> {
            double d = activation.derivative(h);
            return d * d;
        }, q, activation.kinks());
    }

    /** @return χ at the fixed point */
    public double chi() {
        return chi(fixedPoint());
    }

    /**
     * @param q1    q¹, the variance of the first pre-activations
     * @param depth L ≥ 1
     * @return q¹, …, q^L
     */
    public double[] sequence(double q1, int depth) {
        Checks.nonNegative("q1", q1);
        Checks.atLeast("depth L", depth, 1);
        double[] q = new double[depth];
        q[0] = q1;
        for (int l = 1; l < depth; l++) {
            q[l] = map(q[l - 1]);
        }
        return q;
    }

    /**
     * The depth scale of the variance, ξ_q = −1/log(dq^{ℓ+1}/dq^ℓ at q*): q^ℓ − q* decays like e^{−ℓ/ξ_q}.
     *
     * @return ξ_q (infinite where the slope is 1)
     */
    public double varianceDepthScale() {
        double slope = Math.abs(mapSlope(fixedPoint()));
        return slope >= 1 ? Double.POSITIVE_INFINITY : -1 / Math.log(slope);
    }

    /**
     * The correlation map c ↦ (σ_w² E[φ(u)φ(v)] + σ_b²)/q* for (u, v) with variances q* and correlation c.
     */
    public double correlationMap(double c) {
        Checks.inClosedRange("correlation c", c, -1, 1);
        double q = fixedPoint();
        if (q == 0) {
            return 1;
        }
        return (weightVariance * GaussianIntegrals.expectation((u, v) -> activation.value(u) * activation.value(v),
                q, q, c * q, activation.kinks()) + biasVariance) / q;
    }

    /** @return χ_c = σ_w² E[φ'(u)φ'(v)] at correlation c and variances q* */
    public double correlationSlope(double c) {
        double q = fixedPoint();
        return weightVariance * GaussianIntegrals.expectation((u, v) -> activation.derivative(u)
                * activation.derivative(v), q, q, c * q, activation.kinks());
    }

    /**
     * The stable fixed point c* of the correlation map: 1 in the ordered phase (χ ≤ 1), below 1 in the chaotic phase,
     * by iteration from c = 0 with Aitken's extrapolation.
     *
     * @throws ConvergenceException if the iteration does not settle (just above χ = 1 it slows down algebraically)
     */
    public double correlationFixedPoint() {
        if (chi() <= 1 + CRITICAL_BAND) {
            return 1;
        }
        double c = 0;
        for (int i = 0; i < CORRELATION_BUDGET; i++) {
            double next = correlationMap(c);
            if (Math.abs(next - c) <= 1e-13) {
                return next;
            }
            double after = correlationMap(next);
            if (Math.abs(after - next) <= 1e-13) {
                return after;
            }
            // Aitken's extrapolation, kept only inside [−1, 1) and forward along the iterates' travel.
            double denominator = after - 2 * next + c;
            double accelerated = denominator != 0 ? c - (next - c) * (next - c) / denominator : after;
            boolean forward = (accelerated - after) * (after - next) >= 0;
            c = forward && accelerated >= -1 && accelerated < 1 ? accelerated : after;
        }
        throw new ConvergenceException("correlation fixed point of " + activation, c, Double.NaN, 1e-13,
                CORRELATION_BUDGET);
    }

    /**
     * The depth scale of correlations, ξ_c = −1/log χ_c at c* (Schoenholz et al. 2017, eq. 9): it diverges on the
     * critical line χ = 1.
     */
    public double correlationDepthScale() {
        double chiC = correlationSlope(correlationFixedPoint());
        return chiC >= 1 ? Double.POSITIVE_INFINITY : -1 / Math.log(chiC);
    }

    /**
     * A point of the critical line: for a target fixed point q* &gt; 0, σ_w² = 1/E[φ'(h)²] (χ = 1) and
     * σ_b² = q* − σ_w² E[φ(h)²] (h ~ N(0, q*)).
     *
     * @return {σ_w², σ_b²}
     * @throws IllegalArgumentException if q* is not reachable (σ_b² would be negative)
     */
    public static double[] criticalPoint(Activation activation, double qStar) {
        Checks.positive("target q*", qStar);
        double derivative = GaussianIntegrals.expectation(h -> {
            double d = activation.derivative(h);
            return d * d;
        }, qStar, activation.kinks());
        double weight = 1 / derivative;
        double bias = qStar - weight * GaussianIntegrals.expectation(h -> {
            double v = activation.value(h);
            return v * v;
        }, qStar, activation.kinks());
        if (bias < -1e-12 * qStar) {
            throw new IllegalArgumentException("no critical point of " + activation + " has q* = "
                    + Checks.format(qStar) + ": it would need sigma_b^2 = " + Checks.format(bias) + " < 0");
        }
        return new double[] {weight, Math.max(0, bias)};
    }
}
