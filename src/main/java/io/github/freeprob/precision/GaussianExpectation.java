package io.github.freeprob.precision;

/**
 * E[f(h)^k], k = 0..n, for h ~ N(0, q), in arbitrary precision, by tanh–sinh (double-exponential) quadrature on
 * each smooth piece of f (Takahasi and Mori 1974; Bailey, Jeyabalan and Li, "A comparison of three high-precision
 * quadrature schemes", 2005).
 *
 * <p>On a piece covering the whole line, f is analytic in a strip around ℝ and φ_q decays like a Gaussian, so the
 * plain trapezoidal rule converges geometrically in the step (error ~ e^{−2πd/τ} for a strip of half-width d;
 * Trefethen and Weideman, "The exponentially convergent trapezoidal rule", 2014); the step is halved from σ until two
 * levels agree. On a piece with a finite end, the substitution x = (a+b)/2 + (b−a)/2 · tanh(π/2 sinh t) makes the integrand decay
 * double-exponentially, so the trapezoidal rule in t converges exponentially in the number of points even with
 * endpoint singularities (kinks of f at the ends of its pieces). The step is halved until two successive levels
 * agree to the working precision. Infinite pieces are cut where the Gaussian tail is below 10^-(digits+10).
 */
public final class GaussianExpectation {

    /** Largest number of step halvings tried before the rule is declared not converged. */
    static final int MAX_LEVELS = 12;

    private GaussianExpectation() {
    }

    /**
     * @param lo        left end of the piece (may be −∞)
     * @param hi        right end (may be +∞)
     * @param f         f on the piece
     * @param variance  q &gt; 0
     * @param n         highest power
     * @param precision working precision
     * @return ∫_lo^hi φ_q(h) f(h)^k dh for k = 0..n
     * @throws io.github.freeprob.numerics.ConvergenceException if the levels do not agree within the budget
     */
    public static BigFloat[] powerIntegrals(double lo, double hi, HighPrecisionFunction f, double variance, int n,
                                            Precision precision) {
        double cut = Math.sqrt(2 * variance * Math.log(10) * (precision.digits() + 10));
        double a = Math.max(lo, -cut);
        double b = Math.min(hi, cut);
        BigFloat[] zero = new BigFloat[n + 1];
        java.util.Arrays.fill(zero, precision.zero());
        if (!(a < b)) {
            return zero;
        }
        Precision working = Precision.ofDigits(precision.digits() + 10);
        if (lo == Double.NEGATIVE_INFINITY && hi == Double.POSITIVE_INFINITY) {
            return trapezoid(cut, f, variance, n, precision, working);
        }
        BigFloat center = working.of(a).add(working.of(b)).scaleByPowerOfTwo(-1);
        BigFloat halfWidth = working.of(b).subtract(working.of(a)).scaleByPowerOfTwo(-1);
        BigFloat inverseTwoQ = working.of(2 * variance).reciprocal().negate();
        BigFloat normalisation = working.of(2).multiply(Elementary.pi(working)).multiply(working.of(variance)).sqrt()
                .reciprocal();
        BigFloat halfPi = Elementary.pi(working).scaleByPowerOfTwo(-1);
        double tMax = Math.log(4.0 / Math.PI * Math.log(10) * (precision.digits() + 15)) + 0.5;
        BigFloat[] previous = null;
        BigFloat[] sums = zero.clone();
        double step = 0.5;
        // Level 0 sums all nodes at spacing `step`; each later level adds the odd multiples of the halved step.
        addNodes(sums, step, tMax, true, center, halfWidth, inverseTwoQ, halfPi, f, n, working);
        for (int level = 1; level <= MAX_LEVELS; level++) {
            step /= 2;
            addNodes(sums, step, tMax, false, center, halfWidth, inverseTwoQ, halfPi, f, n, working);
            BigFloat[] estimate = new BigFloat[n + 1];
            for (int k = 0; k <= n; k++) {
                estimate[k] = sums[k].multiply(working.of(step)).multiply(halfWidth).multiply(normalisation);
            }
            if (previous != null && agree(previous, estimate, precision)) {
                BigFloat[] out = new BigFloat[n + 1];
                for (int k = 0; k <= n; k++) {
                    out[k] = estimate[k].withBits(precision.bits());
                }
                return out;
            }
            previous = estimate;
        }
        throw new io.github.freeprob.numerics.ConvergenceException(
                "tanh-sinh quadrature of E[f(h)^k] on [" + lo + ", " + hi + "]", previous[0].doubleValue(),
                Double.NaN, precision.epsilon(), MAX_LEVELS);
    }

    /** The trapezoidal rule on [−cut, cut] with steps σ, σ/2, …, until two levels agree. */
    private static BigFloat[] trapezoid(double cut, HighPrecisionFunction f, double variance, int n,
                                        Precision precision, Precision working) {
        BigFloat inverseTwoQ = working.of(2 * variance).reciprocal().negate();
        BigFloat normalisation = working.of(2).multiply(Elementary.pi(working)).multiply(working.of(variance)).sqrt()
                .reciprocal();
        double step = Math.sqrt(variance);
        BigFloat[] sums = new BigFloat[n + 1];
        java.util.Arrays.fill(sums, working.zero());
        addTrapezoidNodes(sums, step, cut, true, inverseTwoQ, f, n, working);
        BigFloat[] previous = null;
        for (int level = 0; level <= MAX_LEVELS; level++) {
            if (level > 0) {
                step /= 2;
                addTrapezoidNodes(sums, step, cut, false, inverseTwoQ, f, n, working);
            }
            BigFloat[] estimate = new BigFloat[n + 1];
            for (int k = 0; k <= n; k++) {
                estimate[k] = sums[k].multiply(working.of(step)).multiply(normalisation);
            }
            if (previous != null && agree(previous, estimate, precision)) {
                BigFloat[] out = new BigFloat[n + 1];
                for (int k = 0; k <= n; k++) {
                    out[k] = estimate[k].withBits(precision.bits());
                }
                return out;
            }
            previous = estimate;
        }
        throw new io.github.freeprob.numerics.ConvergenceException("trapezoidal rule for E[f(h)^k] on the line",
                previous[0].doubleValue(), Double.NaN, precision.epsilon(), MAX_LEVELS);
    }

    private static void addTrapezoidNodes(BigFloat[] sums, double step, double cut, boolean all,
                                          BigFloat inverseTwoQ, HighPrecisionFunction f, int n, Precision working) {
        int count = (int) Math.ceil(cut / step);
        for (int i = -count; i <= count; i++) {
            if (!all && (i & 1) == 0) {
                continue;
            }
            // Nodes exactly equispaced in full precision: i · step with step = √q · 2^{−level} (a rounded i · step in
            // double would perturb the rule at the 1e-16 level).
            BigFloat x = working.of(step).multiply(i);
            BigFloat w = Elementary.exp(x.multiply(x).multiply(inverseTwoQ), working);
            BigFloat value = f.apply(x, working);
            BigFloat power = w;
            for (int k = 0; k <= n; k++) {
                sums[k] = sums[k].add(power);
                power = power.multiply(value);
            }
        }
    }

    private static boolean agree(BigFloat[] a, BigFloat[] b, Precision precision) {
        BigFloat tolerance = precision.of(10).pow(precision.digits() + 2).reciprocal();
        for (int k = 0; k < a.length; k++) {
            BigFloat scale = a[k].abs().add(b[k].abs()).add(tolerance);
            if (a[k].subtract(b[k]).abs().compareTo(scale.multiply(tolerance)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static void addNodes(BigFloat[] sums, double step, double tMax, boolean all,
                                 BigFloat center, BigFloat halfWidth, BigFloat inverseTwoQ, BigFloat halfPi,
                                 HighPrecisionFunction f, int n, Precision working) {
        int count = (int) Math.ceil(tMax / step);
        for (int i = -count; i <= count; i++) {
            if (!all && (i & 1) == 0) {
                continue;
            }
            BigFloat expT = Elementary.exp(working.of(i * step), working);
            BigFloat inverseExpT = expT.reciprocal();
            BigFloat sinh = expT.subtract(inverseExpT).scaleByPowerOfTwo(-1);
            BigFloat cosh = expT.add(inverseExpT).scaleByPowerOfTwo(-1);
            BigFloat u = halfPi.multiply(sinh);
            BigFloat expU = Elementary.exp(u, working);
            BigFloat inverseExpU = expU.reciprocal();
            BigFloat sum = expU.add(inverseExpU);
            BigFloat coshU = sum.scaleByPowerOfTwo(-1);
            BigFloat tanhU = expU.subtract(inverseExpU).divide(sum);
            BigFloat weight = halfPi.multiply(cosh).divide(coshU.multiply(coshU));
            BigFloat x = center.add(halfWidth.multiply(tanhU));
            BigFloat gaussian = Elementary.exp(x.multiply(x).multiply(inverseTwoQ), working);
            BigFloat w = weight.multiply(gaussian);
            if (w.isZero()) {
                continue;
            }
            BigFloat value = f.apply(x, working);
            BigFloat power = w;
            for (int k = 0; k <= n; k++) {
                sums[k] = sums[k].add(power);
                power = power.multiply(value);
            }
        }
    }
}
