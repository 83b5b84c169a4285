package io.github.freeprob.convolution;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.complex.Complex;

/**
 * μ ⊠ ν by subordination. In the η-variable, η_{μ⊠ν}(z) = η_μ(ω₁(z)) with ω₁ the Denjoy–Wolff point of
 * w ↦ z h_ν(z h_μ(w)), h(w) = η(w)/w (Belinschi and Bercovici 2007, Theorem 4.1). In the spectral variable λ = 1/z and
 * Ω = 1/ω this reads Ω₁ = λ/K_ν(λ/K_μ(Ω₁)), K(Ω) = Ω − F(Ω), and G(λ) = Ω₁ G_μ(Ω₁)/λ (a conjugation by 1/z, which
 * keeps fixed points and multipliers). Ω₁ and Ω₂ = λ/K_μ(Ω₁) lie in the closed upper half-plane.
 *
 * <p>Atoms (both factors on [0, ∞)): at 0 the larger of μ({0}) and ν({0}); at ab ≠ 0 the excess μ({a}) + ν({b}) − 1
 * when positive (Belinschi, "The atoms of the free multiplicative convolution of two probability distributions",
 * 2003).
 */
final class FreeMultiplicativeConvolution extends SubordinatedMeasure {

    private final Measure mu;
    private final Measure nu;

    FreeMultiplicativeConvolution(Measure mu, Measure nu) {
        super(new Equation(mu, nu), mu.isNonNegative() && nu.isNonNegative() ? new Equation(nu, mu) : null);
        this.mu = mu;
        this.nu = nu;
    }

    /**
     * The fixed point in the variable u = Ω₁/λ, which stays bounded both as λ → ∞ (u → 1/m₁(ν)) and as λ → 0 next to
     * an atom at 0 (u → a finite limit), where Ω₁ itself would shrink with λ and lose its relative accuracy:
     * u ↦ 1/K_ν(Ω₂) with Ω₂ = λ/K_μ(λu), and G(λ) = u G_μ(λu).
     */
    private record Equation(Measure mu, Measure nu) implements FixedPointEquation {

        @Override
        public Complex[] map(Complex lambda, Complex u) {
            Complex omega1 = lambda.multiply(u);
            Complex[] kMu = ConvolutionTerms.k(mu, omega1);
            Complex omega2 = lambda.divide(kMu[0]);
            Complex[] kNu = ConvolutionTerms.k(nu, omega2);
            Complex value = kNu[0].reciprocal();
            Complex dValueDOmega2 = kNu[1].divide(kNu[0].multiply(kNu[0])).negate();
            Complex kMuSquared = kMu[0].multiply(kMu[0]);
            Complex dOmega2DU = lambda.multiply(lambda).multiply(kMu[1]).divide(kMuSquared).negate();
            Complex dOmega2DLambda = kMu[0].reciprocal().subtract(lambda.multiply(u).multiply(kMu[1]).divide(kMuSquared));
            return new Complex[] {value, dValueDOmega2.multiply(dOmega2DU), dValueDOmega2.multiply(dOmega2DLambda)};
        }

        @Override
        public Complex start(Complex lambda) {
            return Complex.valueOf(1 / nu.mean());
        }

        /**
         * Ω₁ = λu (where G_μ is read) lies in the closed upper half-plane. When μ too lives on [0, ∞), so does Ω₂
         * (Belinschi and Bercovici); when μ charges (−∞, 0) (only ν need be positive), Ω₂ crosses into the lower
         * half-plane where Re λ &lt; 0 (the subordination of Arizmendi, Hasebe and Kitagawa, 2025) and only Ω₁ is
         * checked.
         */
        @Override
        public boolean admissible(Complex lambda, Complex u) {
            double scale = scale();
            Complex omega1 = lambda.multiply(u);
            if (!ConvolutionTerms.upper(omega1, scale)) {
                return false;
            }
            if (!mu.isNonNegative()) {
                return true;
            }
            Complex omega2 = lambda.divide(ConvolutionTerms.k(mu, omega1)[0]);
            return ConvolutionTerms.upper(omega2, scale);
        }

        /** Known to be the Denjoy–Wolff point when both laws live on [0, ∞). */
        @Override
        public boolean attracting() {
            return mu.isNonNegative() && nu.isNonNegative();
        }

        @Override
        public Complex cauchy(Complex lambda, Complex u) {
            return u.multiply(mu.cauchy(lambda.multiply(u)));
        }

        /** G = u G_μ(λu), G' = u' G_μ + u G_μ'(λu)(u + λu'). */
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
            Interval b = productBounds(mu.bounds(), nu.bounds());
            return Math.max(b.width(), 1e-3 * Math.max(Math.abs(b.lo()), Math.abs(b.hi()))) + 1e-300;
        }

        /** Near λ = 0 the equation in u = Ω/λ is scale-invariant: the relevant scale is |λ|. */
        @Override
        public double scaleAt(Complex lambda) {
            return Math.min(scale(), Math.max(lambda.norm(), Double.MIN_NORMAL));
        }

        @Override
        public double unknownScale() {
            return 1 / Math.abs(nu.mean());
        }

        @Override
        public String name() {
            return "(" + mu + " (*) " + nu + ")";
        }
    }

    /** The hull of {ab : a ∈ A, b ∈ B}: the corners' products. */
    static Interval productBounds(Interval a, Interval b) {
        double[] corners = {a.lo() * b.lo(), a.lo() * b.hi(), a.hi() * b.lo(), a.hi() * b.hi()};
        double lo = corners[0];
        double hi = corners[0];
        for (double c : corners) {
            lo = Math.min(lo, c);
            hi = Math.max(hi, c);
        }
        return Interval.of(lo, hi);
    }

    /** At λ = 0 the spectral form divides by λ: the point is moved off the axis by 10⁻¹⁵ of the scale. */
    @Override
    Complex regular(Complex z) {
        if (z.isZero()) {
            return new Complex(0, 1e-15 * bounds().width());
        }
        return z;
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        return MomentEngine.multiplicative(mu.exactMoments(n, precision), nu.exactMoments(n, precision));
    }

    @Override
    public List<Atom> atoms() {
        List<Atom> atoms = new ArrayList<>();
        double zero = Math.max(massAt(mu, 0), massAt(nu, 0));
        if (zero > 0) {
            atoms.add(Atom.of(0, zero));
        }
        for (Atom a : mu.atoms()) {
            for (Atom b : nu.atoms()) {
                double excess = a.mass() + b.mass() - 1;
                if (excess > 0 && a.location() != 0 && b.location() != 0) {
                    atoms.add(Atom.of(a.location() * b.location(), excess));
                }
            }
        }
        atoms.sort(null);
        return atoms;
    }

    static double massAt(Measure measure, double x) {
        for (Atom atom : measure.atoms()) {
            if (atom.location() == x) {
                return atom.mass();
            }
        }
        return 0;
    }

    @Override
    public Interval bounds() {
        return productBounds(mu.bounds(), nu.bounds());
    }

    @Override
    public double mean() {
        return mu.mean() * nu.mean();
    }

    @Override
    public String toString() {
        return "(" + mu + " ⊠ " + nu + ")";
    }
}
