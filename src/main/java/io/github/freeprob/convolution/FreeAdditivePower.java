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
 * The free additive power μ^{⊞t}, t ≥ 1: G(z) = G_μ(ω(z)), ω the Denjoy–Wolff point of w ↦ z + (t − 1) h_μ(w)
 * (from F_{μ^{⊞t}}(z) = F_μ(ω) and the Voiculescu transform φ_{μ^{⊞t}} = t φ_μ; Belinschi and Bercovici,
 * "Partially defined semigroups relative to multiplicative free convolution", 2005, for the additive analogue). Its
 * support lies in [t·lo, t·hi] (the compression picture of Nica and Speicher). Atoms: at t·a where μ({a}) &gt; 1 − 1/t,
 * of mass t μ({a}) − (t − 1).
 */
final class FreeAdditivePower extends SubordinatedMeasure {

    private final Measure mu;
    private final double t;

    FreeAdditivePower(Measure mu, double t) {
        super(new Equation(mu, t));
        this.mu = mu;
        this.t = Checks.atLeast("free additive power t", t, 1);
    }

    private record Equation(Measure mu, double t) implements FixedPointEquation {

        @Override
        public Complex[] map(Complex z, Complex w) {
            Complex[] h = ConvolutionTerms.h(mu, w);
            return new Complex[] {z.add(h[0].multiply(t - 1)), h[1].multiply(t - 1), Complex.ONE};
        }

        @Override
        public Complex start(Complex z) {
            return z.subtract((t - 1) * mu.mean());
        }

        @Override
        public boolean admissible(Complex z, Complex w) {
            return ConvolutionTerms.upper(w, scale());
        }

        @Override
        public Complex cauchy(Complex z, Complex w) {
            return mu.cauchy(w);
        }

        /** H = (z − ω) G_μ(ω) + H_μ(ω), with z − ω = −(t − 1) h_μ(ω). */
        @Override
        public Complex cauchyReduced(Complex z, Complex w) {
            Complex difference = ConvolutionTerms.h(mu, w)[0].multiply(1 - t);
            return difference.multiply(mu.cauchy(w)).add(mu.cauchyReduced(w));
        }

        @Override
        public Complex cauchyDerivative(Complex z, Complex w, Complex derivative) {
            return mu.cauchyDerivative(w).multiply(derivative);
        }

        @Override
        public double scale() {
            return t * Math.max(mu.bounds().width(), 1e-3 * (1 + Math.abs(mu.mean())));
        }

        @Override
        public String name() {
            return "pow_plus(" + mu + ", " + t + ")";
        }
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        return MomentEngine.additivePower(mu.exactMoments(n, precision), t);
    }

    @Override
    public List<Atom> atoms() {
        List<Atom> atoms = new ArrayList<>();
        for (Atom a : mu.atoms()) {
            double mass = t * a.mass() - (t - 1);
            if (mass > 0) {
                atoms.add(Atom.of(t * a.location(), mass));
            }
        }
        return atoms;
    }

    @Override
    public Interval bounds() {
        return Interval.of(t * mu.bounds().lo(), t * mu.bounds().hi());
    }

    @Override
    public double mean() {
        return t * mu.mean();
    }

    @Override
    public double variance() {
        return t * mu.variance();
    }

    @Override
    public String toString() {
        return "pow_plus(" + mu + ", " + Checks.format(t) + ")";
    }
}
