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
 * λ = 1/z, Ω = 1/ω this is Ω = λ K_μ(Ω)^{1−t}, K(Ω) = Ω − F(Ω), and G(λ) = Ω G_μ(Ω)/λ. The power uses the principal
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

    private record Equation(Measure mu, double t) implements FixedPointEquation {

        @Override
        public Complex[] map(Complex lambda, Complex omega) {
            Complex[] k = ConvolutionTerms.k(mu, omega);
            Complex power = k[0].log().multiply(1 - t).exp();
            Complex value = lambda.multiply(power);
            Complex dOmega = value.multiply(1 - t).multiply(k[1]).divide(k[0]);
            return new Complex[] {value, dOmega, power};
        }

        @Override
        public Complex start(Complex lambda) {
            return lambda.multiply(Math.pow(mu.mean(), 1 - t));
        }

        @Override
        public boolean admissible(Complex lambda, Complex omega) {
            return ConvolutionTerms.upper(omega, scale());
        }

        @Override
        public Complex cauchy(Complex lambda, Complex omega) {
            return omega.multiply(mu.cauchy(omega)).divide(lambda);
        }

        @Override
        public Complex cauchyDerivative(Complex lambda, Complex omega, Complex derivative) {
            Complex g = mu.cauchy(omega);
            Complex dg = mu.cauchyDerivative(omega);
            Complex numerator = g.add(omega.multiply(dg)).multiply(derivative).multiply(lambda)
                    .subtract(omega.multiply(g));
            return numerator.divide(lambda.multiply(lambda));
        }

        @Override
        public double scale() {
            return Math.pow(mu.bounds().hi(), t) - Math.pow(Math.max(0, mu.bounds().lo()), t) + 1e-300;
        }

        @Override
        public String name() {
            return "pow_times(" + mu + ", " + t + ")";
        }

        /** For t &gt; 2 the map need not be a self-map of the half-plane; only the half-plane is checked. */
        @Override
        public boolean attracting() {
            return t <= 2;
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
