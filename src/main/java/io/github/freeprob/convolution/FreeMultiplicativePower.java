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
 * λ = 1/z, Ω = 1/ω this is Ω = λ K_μ(Ω)^{1−t}, K(Ω) = Ω − F(Ω), and G(λ) = Ω G_μ(Ω)/λ, solved for u = Ω/λ. The power uses the principal
 * logarithm of K, which stays in the closed lower half-plane. Its support lies in [lo^t, hi^t]. Atoms: at 0 the mass
 * μ({0}); at a^t, a ≠ 0, the mass t μ({a}) − (t − 1) when positive.
 */
final class FreeMultiplicativePower extends SubordinatedMeasure {

    private final Measure mu;
    private final double t;

    FreeMultiplicativePower(Measure mu, double t) {
        super(new Equation(mu, t));
        this.mu = mu;
        this.t = Checks.atLeast("free multiplicative power t", t, 1);
    }

    /**
     * In u = Ω/λ the fixed point is u = K(λu)^{1−t}; it is solved as the fixed point of the self-map
     * u ↦ (u/K(λu))^{1−1/t} (principal powers), the spectral form of Belinschi and Bercovici's
     * w ↦ z^{1/t} η_μ(w)^{1−1/t}, which maps the half-plane into itself for every t ≥ 1 (arg η_μ(w) ∈ [arg w, π) for
     * a law on [0, ∞)), so that its solution is the attracting Denjoy–Wolff point. G = u G_μ(λu); u stays bounded as
     * λ → 0 and as λ → ∞ (u → m₁^{1−t}).
     */
    private record Equation(Measure mu, double t) implements FixedPointEquation {

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

        @Override
        public Complex start(Complex lambda) {
            return Complex.valueOf(Math.pow(mu.mean(), 1 - t));
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
            return Math.pow(mu.bounds().hi(), t) - Math.pow(Math.max(0, mu.bounds().lo()), t) + 1e-300;
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
        return Interval.of(Math.pow(Math.max(0, mu.bounds().lo()), t), Math.pow(mu.bounds().hi(), t));
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
