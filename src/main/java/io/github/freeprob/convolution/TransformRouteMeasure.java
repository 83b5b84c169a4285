package io.github.freeprob.convolution;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.measure.Support;
import io.github.freeprob.numerics.ConvergenceException;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;
import org.hipparchus.complex.Complex;

/**
 * Free convolutions by the R- and S-transform route of the literature (Voiculescu; the seed's diagrams
 * μ → G → R, R_a + R_b → G → μ and the same with S).
 *
 * <p>⊞: G_{μ⊞ν}(z) is the w with K_μ(w) + K_ν(w) − 1/w = z, K = G⁻¹ = R + 1/w. ⊠: with χ = ψ⁻¹,
 * ψ_{μ⊠ν}⁻¹(w) = χ_μ(w) χ_ν(w)(1 + w)/w, and G(λ) = (1 + w)/λ for the w with ψ_{μ⊠ν}⁻¹(w) = 1/λ. Each inverse
 * (K_μ(w), χ_μ(w)) is an inner Newton solve, and the outer equation a Newton solve in w; all are continued together
 * from z + iY (Y ten times the scale, where the inverses are near their asymptotics) down the vertical line to z, so
 * that every inverse stays on its branch through 0. Where a branch would have to be left (the route's domain ends),
 * the solve fails with a {@link ConvergenceException}. Atoms, bounds, moments and support are those of the
 * subordination route.
 */
abstract class TransformRouteMeasure implements Measure {

    /** Steps of the continuation along the vertical line. */
    static final int STEPS = 60;
    /** Newton budget of each solve. */
    static final int NEWTON_BUDGET = 50;
    /** Relative tolerance. */
    static final double TOLERANCE = 1e-14;
    /** Below this height (relative to the scale) a stalled continuation returns its limit. */
    static final double EDGE_LIMIT = 1e-10;
    /** Steps that stop shrinking below this relative size are rounding (next to an edge): converged. */
    static final double STAGNATION = 1e-11;

    final Measure mu;
    final Measure nu;
    private final Measure reference;

    TransformRouteMeasure(Measure mu, Measure nu, Measure reference) {
        this.mu = mu;
        this.nu = nu;
        this.reference = reference;
    }

    /** The unknowns: the outer w and the two inner inverses. */
    record State(Complex w, Complex first, Complex second) {
    }

    abstract State start(Complex z);

    /** One Newton solve of the outer equation at z from a state; null on failure. */
    abstract State solve(Complex z, State state);

    abstract Complex cauchy(Complex z, State state);

    @Override
    public Complex cauchyUpper(Complex z) {
        double scale = reference.bounds().width() + Math.abs(reference.bounds().center()) + 1e-300;
        double top = Math.max(10 * scale, z.getImaginary());
        State state = start(new Complex(z.getReal(), top));
        for (int i = 0; i <= STEPS; i++) {
            double eta = i == STEPS ? z.getImaginary()
                    : z.getImaginary() + (top - z.getImaginary()) * Math.pow(1e-16, (double) i / STEPS);
            Complex point = new Complex(z.getReal(), eta);
            State next = solve(point, state);
            if (next == null && eta <= EDGE_LIMIT * scale) {
                // Next to an edge the inverse transforms have a critical point and Newton stalls: the limit of the
                // continuation so far (within 10⁻¹⁰ of the scale of the axis) is the boundary value.
                break;
            }
            if (next == null) {
                throw new ConvergenceException("transform route of " + this + " at z = " + point
                        + " (the inverse transforms left their branch)", state.w().norm(), Double.NaN, TOLERANCE,
                        NEWTON_BUDGET);
            }
            state = next;
        }
        return cauchy(z, state);
    }

    /** Newton for f(ζ) = target from a start; {ζ, f'(ζ)} or null. */
    static Complex[] inner(Measure measure, Complex start, Complex target, boolean psi) {
        Complex zeta = start;
        for (int i = 0; i < NEWTON_BUDGET; i++) {
            Complex g = measure.cauchy(zeta);
            Complex dg = measure.cauchyDerivative(zeta);
            Complex value = psi ? measure.cauchyReduced(zeta) : g;
            Complex slope = psi ? g.add(zeta.multiply(dg)) : dg;
            if (!Double.isFinite(value.norm()) || slope.isZero() || !Double.isFinite(slope.norm())) {
                return null;
            }
            Complex step = value.subtract(target).divide(slope);
            zeta = zeta.subtract(step);
            if (step.norm() <= TOLERANCE * (1 + zeta.norm())) {
                Complex g2 = measure.cauchy(zeta);
                Complex s2 = psi ? g2.add(zeta.multiply(measure.cauchyDerivative(zeta))) : measure.cauchyDerivative(zeta);
                return new Complex[] {zeta, s2};
            }
        }
        return null;
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        return reference.exactMoments(n, precision);
    }

    @Override
    public double[] moments(int n) {
        return reference.moments(n);
    }

    @Override
    public List<Atom> atoms() {
        return reference.atoms();
    }

    @Override
    public Support support() {
        return reference.support();
    }

    @Override
    public Interval bounds() {
        return reference.bounds();
    }

    /** ⊞ by K_μ(w) + K_ν(w) − 1/w = z. */
    static final class Additive extends TransformRouteMeasure {

        Additive(Measure mu, Measure nu) {
            super(mu, nu, new FreeAdditiveConvolution(mu, nu));
        }

        @Override
        State start(Complex z) {
            Complex w = z.subtract(mu.mean() + nu.mean()).reciprocal();
            return new State(w, w.reciprocal().add(mu.mean()), w.reciprocal().add(nu.mean()));
        }

        @Override
        State solve(Complex z, State state) {
            Complex w = state.w();
            Complex first = state.first();
            Complex second = state.second();
            double previousStep = Double.POSITIVE_INFINITY;
            for (int i = 0; i < NEWTON_BUDGET; i++) {
                Complex[] a = inner(mu, first, w, false);
                Complex[] b = inner(nu, second, w, false);
                if (a == null || b == null) {
                    return null;
                }
                first = a[0];
                second = b[0];
                Complex residual = first.add(second).subtract(w.reciprocal()).subtract(z);
                Complex slope = a[1].reciprocal().add(b[1].reciprocal()).add(w.multiply(w).reciprocal());
                Complex step = residual.divide(slope);
                w = w.subtract(step);
                double size = step.norm();
                boolean stalled = size >= 0.5 * previousStep && size <= STAGNATION * w.norm();
                previousStep = size;
                if (size <= TOLERANCE * w.norm() || stalled) {
                    double slack = 1e-9 * (1 + first.norm() + second.norm());
                    boolean branch = z.getImaginary() == 0 || (w.getImaginary() <= slack * w.norm()
                            && first.getImaginary() >= -slack && second.getImaginary() >= -slack);
                    return branch ? new State(w, first, second) : null;
                }
            }
            return null;
        }

        @Override
        Complex cauchy(Complex z, State state) {
            return state.w();
        }

        @Override
        public String toString() {
            return "(" + mu + " ⊞ " + nu + ") [R-transform route]";
        }
    }

    /** ⊠ by Λ_μ Λ_ν w = λ(1 + w) with Λ G(Λ) − 1 = w (χ = 1/Λ). */
    static final class Multiplicative extends TransformRouteMeasure {

        Multiplicative(Measure mu, Measure nu) {
            super(mu, nu, new FreeMultiplicativeConvolution(mu, nu));
        }

        @Override
        State start(Complex lambda) {
            Complex w = lambda.reciprocal().multiply(mu.mean() * nu.mean());
            return new State(w, w.reciprocal().multiply(mu.mean()), w.reciprocal().multiply(nu.mean()));
        }

        @Override
        State solve(Complex lambda, State state) {
            Complex w = state.w();
            Complex first = state.first();
            Complex second = state.second();
            double previousStep = Double.POSITIVE_INFINITY;
            for (int i = 0; i < NEWTON_BUDGET; i++) {
                Complex[] a = inner(mu, first, w, true);
                Complex[] b = inner(nu, second, w, true);
                if (a == null || b == null) {
                    return null;
                }
                first = a[0];
                second = b[0];
                Complex residual = first.multiply(second).multiply(w).subtract(lambda.multiply(w.add(1)));
                Complex dFirst = a[1].reciprocal();
                Complex dSecond = b[1].reciprocal();
                Complex slope = dFirst.multiply(second).add(first.multiply(dSecond)).multiply(w)
                        .add(first.multiply(second)).subtract(lambda);
                Complex step = residual.divide(slope);
                w = w.subtract(step);
                double size = step.norm();
                boolean stalled = size >= 0.5 * previousStep && size <= STAGNATION * w.norm();
                previousStep = size;
                if (size <= TOLERANCE * (w.norm() + 1e-300) || stalled) {
                    return new State(w, first, second);
                }
            }
            return null;
        }

        @Override
        Complex cauchy(Complex lambda, State state) {
            return state.w().add(1).divide(lambda);
        }

        @Override
        public String toString() {
            return "(" + mu + " ⊠ " + nu + ") [S-transform route]";
        }
    }
}
