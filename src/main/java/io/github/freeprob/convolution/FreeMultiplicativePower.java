package io.github.freeprob.convolution;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.complex.Complex;

/**
 * The free multiplicative power μ^{⊠t}, t ≥ 1, of a law on [0, ∞) with positive mean. From S_{μ^{⊠t}} = S_μ^t:
 * η_{μ^{⊠t}}(z) = η_μ(ω(z)) with z = ω (ω/η_μ(ω))^{t−1} (Belinschi and Bercovici 2005); in the spectral variable
 * λ = 1/z, Ω = 1/ω this is Ω = λ K_μ(Ω)^{1−t}, K(Ω) = Ω − F(Ω), and G(λ) = Ω G_μ(Ω)/λ, solved for u = Ω/λ. The power
 * uses the principal logarithm of K, which stays in the closed lower half-plane. Atoms: at 0 the mass μ({0}); at a^t,
 * a ≠ 0, the mass t μ({a}) − (t − 1) when positive.
 *
 * <p>The support's hull comes from the real branch of the equation: on the real axis outside supp μ,
 * λ(Ω) = Ω K(Ω)^{t−1} is real, and the branch that reaches λ = +∞ (Ω → ∞) ends, going down, at the first critical point
 * of λ(Ω) or at the top of supp μ; that end is the right edge. Likewise the branch through λ = 0 (Ω → 0, when supp μ
 * stays away from 0) ends at the left edge. The critical points are found in log λ = log Ω + (t − 1) log K(Ω), so that
 * depths of 10⁴ do not overflow: the right edge grows like (t − 1)·Var μ/m₁ (times m₁^{t−1}), not like (sup μ)^t.
 */
final class FreeMultiplicativePower extends SubordinatedMeasure {

    private final Measure mu;
    private final double t;
    private final Interval bounds;

    FreeMultiplicativePower(Measure mu, double t) {
        this(mu, t, powerBounds(mu, Checks.atLeast("free multiplicative power t", t, 1)));
    }

    private FreeMultiplicativePower(Measure mu, double t, Interval bounds) {
        super(new Equation(mu, t, bounds.width() + 1e-300));
        this.mu = mu;
        this.t = t;
        this.bounds = bounds;
    }

    /**
     * In u = Ω/λ the fixed point is u = K(λu)^{1−t}; it is solved as the fixed point of the self-map
     * u ↦ (u/K(λu))^{1−1/t} (principal powers), the spectral form of Belinschi and Bercovici's
     * w ↦ z^{1/t} η_μ(w)^{1−1/t}, which maps the half-plane into itself for every t ≥ 1 (arg η_μ(w) ∈ [arg w, π) for
     * a law on [0, ∞)), so that its solution is the attracting Denjoy–Wolff point. G = u G_μ(λu); u stays bounded as
     * λ → 0 and as λ → ∞ (u → m₁^{1−t}).
     */
    private record Equation(Measure mu, double t, double scale) implements FixedPointEquation {

        /** Newton steps of {@link #start} before it gives up (it moves by at most {@value #LOG_NEWTON_STEP} in log u). */
        private static final int LOG_NEWTON_BUDGET = 100;
        /** Largest step of {@link #start} in log u (a factor e¹⁰). */
        private static final double LOG_NEWTON_STEP = 10;

        @Override
        public Complex[] map(Complex lambda, Complex u) {
            Complex[] k = ConvolutionTerms.k(mu, lambda.multiply(u));
            double alpha = 1 - 1 / t;
            Complex value = u.divide(k[0]).log().multiply(alpha).exp();
            Complex logDerivativeK = k[1].divide(k[0]);
            Complex dU = value.multiply(alpha).multiply(u.reciprocal().subtract(lambda.multiply(logDerivativeK)));
            Complex dLambda = value.multiply(alpha).multiply(u.multiply(logDerivativeK)).negate();
            return new Complex[] {value, dU, dLambda};
        }

        /**
         * m₁^{1−t}, the solution's limit as λ → ∞; below the scale, where the solution can be far from it, the
         * solution of Newton's method in v = log u from there. A deep power spread over many decades has u ≈
         * K(λu)^{1−t} with |K| &lt; 1 near λ = 0 (tanh's ν at t = 924: |u| ≈ 10¹³⁸ at λ = 10⁻¹⁴⁰ i), which the
         * iteration reaches by a factor of about 1.5 a step, past its budget, so that every such point was solved by
         * the continuation from the scale down, some 200 steps (2.5 s). Newton in log u moves by decades. Its result
         * is only a start: the iteration and the acceptance of the fixed point follow as before.
         */
        @Override
        public Complex start(Complex lambda) {
            Complex asymptotic = Complex.valueOf(Math.pow(mu.mean(), 1 - t));
            if (!(lambda.norm() < scale)) {
                return asymptotic;
            }
            Complex v = asymptotic.log();
            double alpha = 1 - 1 / t;
            for (int i = 0; i < LOG_NEWTON_BUDGET; i++) {
                Complex u = v.exp();
                Complex omega = lambda.multiply(u);
                Complex[] k = ConvolutionTerms.k(mu, omega);
                // g(v) = v − α Log(e^v/K(Ω)), g'(v) = 1 − α + α Ω K'(Ω)/K(Ω), Ω = λe^v.
                Complex g = v.subtract(u.divide(k[0]).log().multiply(alpha));
                Complex slope = omega.multiply(k[1]).divide(k[0]).multiply(alpha).add(1 - alpha);
                Complex step = g.divide(slope);
                double size = step.norm();
                if (!Double.isFinite(size)) {
                    return asymptotic;
                }
                if (size > LOG_NEWTON_STEP) {
                    step = step.multiply(LOG_NEWTON_STEP / size);
                }
                v = v.subtract(step);
                if (size <= 1e-12 * (1 + v.norm())) {
                    Complex solved = v.exp();
                    return Double.isFinite(solved.norm()) && admissible(lambda, solved) ? solved : asymptotic;
                }
            }
            return asymptotic;
        }

        @Override
        public boolean admissible(Complex lambda, Complex u) {
            return ConvolutionTerms.upper(lambda.multiply(u), scale());
        }

        @Override
        public Complex cauchy(Complex lambda, Complex u) {
            return u.multiply(mu.cauchy(lambda.multiply(u)));
        }

        /** H(λ) = λ G(λ) − 1 = λu G_μ(λu) − 1 = H_μ(λu). */
        @Override
        public Complex cauchyReduced(Complex lambda, Complex u) {
            return mu.cauchyReduced(lambda.multiply(u));
        }

        @Override
        public Complex cauchyDerivative(Complex lambda, Complex u, Complex derivative) {
            Complex omega = lambda.multiply(u);
            return derivative.multiply(mu.cauchy(omega))
                    .add(u.multiply(mu.cauchyDerivative(omega)).multiply(u.add(lambda.multiply(derivative))));
        }

        @Override
        public double scale() {
            return scale;
        }

        /** Near λ = 0 the equation in u = Ω/λ is scale-invariant: the relevant scale is |λ|. */
        @Override
        public double scaleAt(Complex lambda) {
            return Math.min(scale(), Math.max(lambda.norm(), Double.MIN_NORMAL));
        }

        @Override
        public double unknownScale() {
            return Math.pow(mu.mean(), 1 - t);
        }

        @Override
        public String name() {
            return "pow_times(" + mu + ", " + t + ")";
        }

    }

    @Override
    Complex regular(Complex z) {
        if (z.isZero()) {
            return new Complex(0, 1e-15 * bounds().width());
        }
        return z;
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        return MomentEngine.multiplicativePower(mu.exactMoments(n, precision), t);
    }

    @Override
    public List<Atom> atoms() {
        List<Atom> atoms = new ArrayList<>();
        for (Atom a : mu.atoms()) {
            if (a.location() == 0) {
                atoms.add(a);
                continue;
            }
            double mass = t * a.mass() - (t - 1);
            if (mass > 0) {
                atoms.add(Atom.of(Math.pow(a.location(), t), mass));
            }
        }
        atoms.sort(null);
        return atoms;
    }

    @Override
    public Interval bounds() {
        return bounds;
    }

    /** Scans of the real branch go down to this relative distance from the end of supp μ. */
    static final int EDGE_SCAN_STEPS = 64;

    /** The hull of the support from the critical points of λ(Ω) = Ω K(Ω)^{t−1}; atoms included. */
    private static Interval powerBounds(Measure mu, double t) {
        Interval base = mu.bounds();
        double a = Math.max(0, base.lo());
        double b = base.hi();
        double mean = mu.mean();
        double variance = Math.max(mu.variance(), 0);
        // Right edge: f(Ω) = d log λ/dΩ = 1/Ω + (t − 1) K'/K is positive for large Ω; walk down towards b.
        double reach = 4 * ((t - 1) * variance / mean + b - a + b);
        for (int i = 0; i < 200 && !(logLambdaSlope(mu, t, b + reach) > 0); i++) {
            reach *= 2;
        }
        double above = b + reach;
        double hi = Double.NaN;
        for (int k = 1; k <= EDGE_SCAN_STEPS; k++) {
            double omega = b + reach * Math.pow(2, -k);
            if (!(omega > b)) {
                break;
            }
            if (!(logLambdaSlope(mu, t, omega) > 0)) {
                hi = logLambda(mu, t, criticalPoint(mu, t, omega, above));
                break;
            }
            above = omega;
        }
        if (Double.isNaN(hi)) {
            hi = logLambda(mu, t, Math.nextUp(b));
        }
        double lo = Double.NEGATIVE_INFINITY;
        boolean atomAtZero = FreeMultiplicativeConvolution.massAt(mu, 0) > 0;
        if (a > 0 && !atomAtZero) {
            // Left edge: λ(Ω) grows from 0 as Ω grows from 0; walk up towards a.
            double below = a * Math.pow(2, -EDGE_SCAN_STEPS);
            for (int k = EDGE_SCAN_STEPS; k >= 1 && Double.isInfinite(lo); k--) {
                double omega = a * (1 - Math.pow(2, -k));
                if (!(logLambdaSlope(mu, t, omega) > 0)) {
                    lo = logLambda(mu, t, criticalPoint(mu, t, below, omega));
                }
                below = omega;
            }
            if (Double.isInfinite(lo)) {
                lo = logLambda(mu, t, Math.nextDown(a));
            }
        }
        if (hi > LOG_DOUBLE_RANGE) {
            throw new ArithmeticException("the free power " + mu + "^(x) " + Checks.format(t)
                    + " has its support edge near 10^" + Math.round(hi / Math.log(10))
                    + ", beyond the double range; rescale the law (its mean is " + Checks.format(mean) + ")");
        }
        double right = Math.exp(hi);
        double left = Double.isInfinite(lo) ? 0 : Math.min(Math.exp(lo), right);
        Interval hull = Interval.of(left, right);
        for (Atom atom : mu.atoms()) {
            if (atom.location() == 0 || t * atom.mass() - (t - 1) > 0) {
                hull = hull.span(Math.pow(atom.location(), t));
            }
        }
        return hull;
    }

    /** Natural logarithm of the largest finite double, with a margin for the density's scale. */
    static final double LOG_DOUBLE_RANGE = 690;

    /** log λ(Ω) = log Ω + (t − 1) log K(Ω), Ω real outside supp μ. */
    private static double logLambda(Measure mu, double t, double omega) {
        Complex[] k = ConvolutionTerms.k(mu, new Complex(omega, 0));
        return Math.log(omega) + (t - 1) * Math.log(k[0].getReal());
    }

    /** d log λ/dΩ = 1/Ω + (t − 1) K'(Ω)/K(Ω). */
    private static double logLambdaSlope(Measure mu, double t, double omega) {
        Complex[] k = ConvolutionTerms.k(mu, new Complex(omega, 0));
        return 1 / omega + (t - 1) * k[1].getReal() / k[0].getReal();
    }

    /** The zero of d log λ/dΩ between {@code lo} (slope ≤ 0 or > 0) and {@code hi} (the other sign), by bisection. */
    private static double criticalPoint(Measure mu, double t, double lo, double hi) {
        boolean loPositive = logLambdaSlope(mu, t, lo) > 0;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if ((logLambdaSlope(mu, t, mid) > 0) == loPositive) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    @Override
    public double mean() {
        return Math.pow(mu.mean(), t);
    }

    @Override
    public String toString() {
        return "pow_times(" + mu + ", " + Checks.format(t) + ")";
    }
}
