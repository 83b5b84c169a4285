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
 * <p>A point mass is handled exactly: μ ⊞ δ_a is a shift and μ ⊠ δ_c a scaling. A product with a two-point law
 * (1 − t)δ₀ + tδ_c (a scaled free projection: the law ν of φ′(h)² for relu and hard tanh) is a free compression,
 * computed by the subordination route as an additive power; see {@link #compression}.
 */
public final class FreeConvolution {

    /** How far from 1 the two masses of a scaled projection may sum (rounding of computed masses). */
    private static final double PROJECTION_MASS_ROUNDING = 1e-13;

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
        if (route == Route.SUBORDINATION) {
            Atom projectionMu = scaledProjection(mu);
            Atom projectionNu = scaledProjection(nu);
            if (projectionMu != null) {
                return compression(nu, projectionMu.mass(), projectionMu.location());
            }
            if (projectionNu != null) {
                return compression(mu, projectionNu.mass(), projectionNu.location());
            }
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
     * The free compression: for a projection p of trace t free from a ~ μ, the law of pap in the compressed algebra
     * (pAp, τ/t) is the dilation by t of μ^{⊞1/t} (Nica and Speicher, "Lectures on the Combinatorics of Free
     * Probability", 2006, Lecture 14). Since √a p √a and pap have the same moments,
     * <pre>
     *     μ ⊠ ((1 − t)δ₀ + tδ_c) = (1 − t)δ₀ + t (c t·)_*(μ^{⊞1/t}).
     * </pre>
     * This replaces a multiplicative subordination whose factor is purely atomic (where its fixed point degenerates
     * at the atoms and the inversion converges slowly) by one additive power.
     *
     * @param mu any law
     * @param t  the mass of the atom at c, in (0, 1)
     * @param c  the atom's location, nonzero
     * @return μ ⊠ ((1 − t)δ₀ + tδ_c)
     */
    static Measure compression(Measure mu, double t, double c) {
        Measure compressed = Laws.scale(additivePower(mu, 1 / t), c * t);
        return Laws.mixture(new double[] {1 - t, t}, List.of(Laws.dirac(0), compressed));
    }

    /**
     * @return the atom at c ≠ 0 of a law (1 − t)δ₀ + tδ_c with 0 &lt; t &lt; 1 (masses summing to 1 within rounding),
     *         or null for any other law
     */
    private static Atom scaledProjection(Measure mu) {
        List<Atom> atoms = mu.atoms();
        if (atoms.size() != 2) {
            return null;
        }
        Atom zero = atoms.get(0).location() == 0 ? atoms.get(0) : atoms.get(1);
        Atom other = zero == atoms.get(0) ? atoms.get(1) : atoms.get(0);
        double total = zero.mass() + other.mass();
        if (zero.location() != 0 || other.location() == 0 || Math.abs(total - 1) > PROJECTION_MASS_ROUNDING) {
            return null;
        }
        return new Atom(other.location(), other.mass() / total);
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
