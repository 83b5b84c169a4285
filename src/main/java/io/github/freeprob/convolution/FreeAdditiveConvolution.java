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
 * μ ⊞ ν by subordination: G(z) = G_μ(ω₁(z)), where ω₁ is the Denjoy–Wolff point of
 * w ↦ z + h_ν(z + h_μ(w)), h = F − id, F = 1/G, and ω₂ = z + h_μ(ω₁) (Belinschi and Bercovici 2007, Theorem 4.1;
 * F_μ(ω₁) = F_ν(ω₂) = ω₁ + ω₂ − z).
 *
 * <p>Atoms: μ ⊞ ν has an atom at a + b exactly when μ({a}) + ν({b}) &gt; 1, of mass μ({a}) + ν({b}) − 1 (Bercovici and
 * Voiculescu, "Regularity questions for free convolution", 1998).
 */
final class FreeAdditiveConvolution extends SubordinatedMeasure {

    private final Measure mu;
    private final Measure nu;

    FreeAdditiveConvolution(Measure mu, Measure nu) {
        super(new Equation(mu, nu, Equation.scaleOf(mu, nu)), new Equation(nu, mu, Equation.scaleOf(mu, nu)));
        this.mu = mu;
        this.nu = nu;
    }

    /** w ↦ z + h_ν(z + h_μ(w)), with its scale computed once (every Newton step reads it). */
    private record Equation(Measure mu, Measure nu, double scale) implements FixedPointEquation {

        static double scaleOf(Measure mu, Measure nu) {
            return Math.max(mu.bounds().width() + nu.bounds().width(), 1e-300)
                    + 1e-3 * (Math.abs(mu.mean()) + Math.abs(nu.mean()));
        }

        @Override
        public Complex[] map(Complex z, Complex w) {
            Complex[] hMu = ConvolutionTerms.h(mu, w);
            Complex omega2 = z.add(hMu[0]);
            Complex[] hNu = ConvolutionTerms.h(nu, omega2);
            return new Complex[] {z.add(hNu[0]), hNu[1].multiply(hMu[1]), hNu[1].add(1)};
        }

        @Override
        public Complex start(Complex z) {
            return z.subtract(nu.mean());
        }

        @Override
        public boolean admissible(Complex z, Complex w) {
            double scale = scale();
            return ConvolutionTerms.upper(w, scale)
                    && ConvolutionTerms.upper(z.add(ConvolutionTerms.h(mu, w)[0]), scale);
        }

        @Override
        public Complex cauchy(Complex z, Complex w) {
            return mu.cauchy(w);
        }

        /** H = (z − ω₁) G_μ(ω₁) + H_μ(ω₁), with z − ω₁ = −h_ν(ω₂). */
        @Override
        public Complex cauchyReduced(Complex z, Complex w) {
            Complex omega2 = z.add(ConvolutionTerms.h(mu, w)[0]);
            Complex difference = ConvolutionTerms.h(nu, omega2)[0].negate();
            return difference.multiply(mu.cauchy(w)).add(mu.cauchyReduced(w));
        }

        @Override
        public Complex cauchyDerivative(Complex z, Complex w, Complex derivative) {
            return mu.cauchyDerivative(w).multiply(derivative);
        }

        @Override
        public double scale() {
            return scale;
        }

        @Override
        public String name() {
            return "(" + mu + " (+) " + nu + ")";
        }
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        return MomentEngine.additive(mu.exactMoments(n, precision), nu.exactMoments(n, precision));
    }

    @Override
    public List<Atom> atoms() {
        List<Atom> atoms = new ArrayList<>();
        for (Atom a : mu.atoms()) {
            for (Atom b : nu.atoms()) {
                double excess = a.mass() + b.mass() - 1;
                if (excess > 0) {
                    atoms.add(Atom.of(a.location() + b.location(), excess));
                }
            }
        }
        atoms.sort(null);
        return atoms;
    }

    @Override
    public Interval bounds() {
        return Interval.of(mu.bounds().lo() + nu.bounds().lo(), mu.bounds().hi() + nu.bounds().hi());
    }

    @Override
    public double mean() {
        return mu.mean() + nu.mean();
    }

    @Override
    public double variance() {
        return mu.variance() + nu.variance();
    }

    @Override
    public String toString() {
        return "(" + mu + " ⊞ " + nu + ")";
    }
}
