package io.github.freeprob.convolution;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.Checks;
import java.util.List;

/**
 * Free additive (⊞) and multiplicative (⊠) convolutions and free powers of measures, by any of three routes
 * ({@link Route}). Results are measures: their G is evaluable anywhere off the real axis and on it (boundary values),
 * and their density, atoms, support and CDF come from Stieltjes inversion. Results may be nested to any depth.
 *
 * <p>A point mass is handled exactly: μ ⊞ δ_a is a shift and μ ⊠ δ_c a scaling.
 */
public final class FreeConvolution {

    private FreeConvolution() {
    }

    /** @return μ ⊞ ν by subordination */
    public static Measure additive(Measure mu, Measure nu) {
        return additive(mu, nu, Route.SUBORDINATION);
    }

    /**
     * @param route how G is computed
     * @return μ ⊞ ν, the law of a + b for free a ~ μ, b ~ ν
     */
    public static Measure additive(Measure mu, Measure nu, Route route) {
        Double a = pointMass(mu);
        Double b = pointMass(nu);
        if (a != null) {
            return Laws.shift(nu, a);
        }
        if (b != null) {
            return Laws.shift(mu, b);
        }
        return switch (route) {
            case SUBORDINATION -> new FreeAdditiveConvolution(mu, nu);
            case TRANSFORM -> new TransformRouteMeasure.Additive(mu, nu);
            case MOMENTS -> MomentRouteMeasure.additive(mu, nu);
        };
    }

    /** @return μ ⊠ ν by subordination */
    public static Measure multiplicative(Measure mu, Measure nu) {
        return multiplicative(mu, nu, Route.SUBORDINATION);
    }

    /**
     * @param route how G is computed; the transform route needs both laws on [0, ∞) with positive means
     * @return μ ⊠ ν, the law of √a b √a for free a ~ μ, b ~ ν
     * @throws IllegalArgumentException if neither law lives on [0, ∞), or the route's own condition fails
     */
    public static Measure multiplicative(Measure mu, Measure nu, Route route) {
        if (!mu.isNonNegative() && !nu.isNonNegative()) {
            throw new IllegalArgumentException("free multiplicative convolution needs one factor on [0, inf), but "
                    + mu + " lives on " + mu.bounds() + " and " + nu + " on " + nu.bounds());
        }
        Double a = pointMass(mu);
        Double b = pointMass(nu);
        if (a != null) {
            return a == 0 ? Laws.dirac(0) : Laws.scale(nu, a);
        }
        if (b != null) {
            return b == 0 ? Laws.dirac(0) : Laws.scale(mu, b);
        }
        return switch (route) {
            case SUBORDINATION -> carrierFirst(mu, nu) ? new FreeMultiplicativeConvolution(mu, nu)
                    : new FreeMultiplicativeConvolution(nu, mu);
            case TRANSFORM -> {
                if (!mu.isNonNegative() || !nu.isNonNegative()) {
                    throw new IllegalArgumentException("the S-transform route of free multiplicative convolution "
                            + "needs both factors on [0, inf), but the factors live on " + mu.bounds() + " and "
                            + nu.bounds());
                }
                yield new TransformRouteMeasure.Multiplicative(mu, nu);
            }
            case MOMENTS -> MomentRouteMeasure.multiplicative(mu, nu);
        };
    }

    /**
     * @param t real power ≥ 1
     * @return μ^{⊞t}
     * @throws IllegalArgumentException if t &lt; 1
     */
    public static Measure additivePower(Measure mu, double t) {
        Checks.atLeast("free additive power t", t, 1);
        if (t == 1) {
            return mu;
        }
        Double a = pointMass(mu);
        if (a != null) {
            return Laws.dirac(t * a);
        }
        return new FreeAdditivePower(mu, t);
    }

    /**
     * @param t real power ≥ 1
     * @return μ^{⊠t} for μ on [0, ∞) with positive mean
     * @throws IllegalArgumentException if t &lt; 1 or μ is not a law on [0, ∞) with positive mean
     */
    public static Measure multiplicativePower(Measure mu, double t) {
        Checks.atLeast("free multiplicative power t", t, 1);
        if (!mu.isNonNegative() || !(mu.mean() > 0)) {
            throw new IllegalArgumentException("free multiplicative power needs a law on [0, inf) with positive "
                    + "mean, but " + mu + " lives on " + mu.bounds() + " with mean " + Checks.format(mu.mean()));
        }
        if (t == 1) {
            return mu;
        }
        Double a = pointMass(mu);
        if (a != null) {
            return Laws.dirac(Math.pow(a, t));
        }
        double mean = mu.mean();
        if (mean == 1) {
            return new FreeMultiplicativePower(mu, t);
        }
        // (cμ)^{⊠t} = c^t μ^{⊠t}: the power of the mean-one law keeps the subordination variable u = Ω/λ of order 1
        // at any depth (it tends to m₁^{1−t}), and the scale c^t = m₁^t is applied outside.
        double logScale = t * Math.log(mean);
        if (Math.abs(logScale) > FreeMultiplicativePower.LOG_DOUBLE_RANGE) {
            throw new ArithmeticException("the free power " + mu + "^(x) " + Checks.format(t) + " has mean "
                    + Checks.format(mean) + "^" + Checks.format(t) + " = 10^" + Math.round(logScale / Math.log(10))
                    + ", beyond the double range");
        }
        return Laws.scale(new FreeMultiplicativePower(Laws.scale(mu, 1 / mean), t), Math.exp(logScale));
    }

    /**
     * Which factor carries G in the multiplicative subordination G(λ) = Ω₁ G_μ(Ω₁)/λ: a factor that charges (−∞, 0)
     * must (only the other need be positive), and otherwise the one with the larger atom at 0, whose subordination
     * function then stays proportional to λ as λ → 0 (the atom of μ ⊠ ν at 0 is the larger of the two).
     *
     * @return whether μ should be the carrier
     */
    static boolean carrierFirst(Measure mu, Measure nu) {
        if (!mu.isNonNegative()) {
            return true;
        }
        if (!nu.isNonNegative()) {
            return false;
        }
        return FreeMultiplicativeConvolution.massAt(mu, 0) >= FreeMultiplicativeConvolution.massAt(nu, 0);
    }

    /** @return the location of μ when μ is a point mass, else null */
    static Double pointMass(Measure mu) {
        List<Atom> atoms = mu.atoms();
        if (atoms.size() == 1 && atoms.get(0).mass() == 1) {
            return atoms.get(0).location();
        }
        return null;
    }
}
