package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.DoubleFunction;
import org.hipparchus.complex.Complex;

/**
 * A finite mixture Σ w_i μ_i with weights w_i &gt; 0 summing to 1: G = Σ w_i G_i, moments likewise.
 */
final class Mixture implements Measure {

    private final double[] weights;
    private final List<Measure> components;

    Mixture(double[] weights, List<Measure> components) {
        if (weights.length != components.size() || weights.length == 0) {
            throw new IllegalArgumentException("a mixture needs as many weights as components (at least one), but got "
                    + weights.length + " weights and " + components.size() + " components");
        }
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            Checks.positive("mixture weight w" + (i + 1), weights[i]);
            total += weights[i];
        }
        if (!(Math.abs(total - 1) <= DiscreteLaw.MASS_TOLERANCE)) {
            throw new IllegalArgumentException("mixture weights must sum to 1, but sum to " + Checks.format(total));
        }
        this.weights = weights.clone();
        for (int i = 0; i < this.weights.length; i++) {
            this.weights[i] /= total;
        }
        this.components = List.copyOf(components);
    }

    @Override
    public Complex cauchyUpper(Complex z) {
        Complex sum = Complex.ZERO;
        for (int i = 0; i < weights.length; i++) {
            sum = sum.add(components.get(i).cauchyUpper(z).multiply(weights[i]));
        }
        return sum;
    }

    @Override
    public Complex cauchyReducedUpper(Complex z) {
        Complex sum = Complex.ZERO;
        for (int i = 0; i < weights.length; i++) {
            sum = sum.add(components.get(i).cauchyReducedUpper(z).multiply(weights[i]));
        }
        return sum;
    }

    @Override
    public Complex cauchyDerivativeUpper(Complex z) {
        Complex sum = Complex.ZERO;
        for (int i = 0; i < weights.length; i++) {
            sum = sum.add(components.get(i).cauchyDerivativeUpper(z).multiply(weights[i]));
        }
        return sum;
    }

    @Override
    public Complex[] cauchyBoundary(double[] xs) {
        Complex[] out = new Complex[xs.length];
        java.util.Arrays.fill(out, Complex.ZERO);
        for (int i = 0; i < weights.length; i++) {
            Complex[] values = components.get(i).cauchyBoundary(xs);
            for (int j = 0; j < xs.length; j++) {
                out[j] = out[j].add(values[j].multiply(weights[i]));
            }
        }
        return out;
    }

    /** Σ w_i G_i(x + i0), each component with its own walk. */
    @Override
    public DoubleFunction<Complex> boundaryWalk() {
        List<DoubleFunction<Complex>> walks = new ArrayList<>();
        for (Measure component : components) {
            walks.add(component.boundaryWalk());
        }
        return x -> {
            Complex sum = Complex.ZERO;
            for (int i = 0; i < weights.length; i++) {
                sum = sum.add(walks.get(i).apply(x).multiply(weights[i]));
            }
            return sum;
        };
    }

    @Override
    public double[] moments(int n) {
        double[] m = new double[n + 1];
        for (int i = 0; i < weights.length; i++) {
            double[] mi = components.get(i).moments(n);
            for (int k = 0; k <= n; k++) {
                m[k] += weights[i] * mi[k];
            }
        }
        m[0] = 1;
        return m;
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        BigFloat[] m = new BigFloat[n + 1];
        java.util.Arrays.fill(m, precision.zero());
        for (int i = 0; i < weights.length; i++) {
            MomentSequence mi = components.get(i).exactMoments(n, precision);
            BigFloat w = precision.of(weights[i]);
            for (int k = 0; k <= n; k++) {
                m[k] = m[k].add(w.multiply(mi.get(k)));
            }
        }
        m[0] = precision.one();
        return MomentSequence.of(m, precision);
    }

    @Override
    public List<Atom> atoms() {
        TreeMap<Double, Double> merged = new TreeMap<>();
        for (int i = 0; i < weights.length; i++) {
            for (Atom atom : components.get(i).atoms()) {
                merged.merge(atom.location(), weights[i] * atom.mass(), Double::sum);
            }
        }
        List<Atom> atoms = new ArrayList<>();
        merged.forEach((x, p) -> atoms.add(Atom.of(x, Math.min(1, p))));
        return atoms;
    }

    @Override
    public Support support() {
        Support union = Support.empty();
        for (Measure component : components) {
            union = union.union(component.support());
        }
        return union;
    }

    /** The components' own singular points and the edges of their supports. */
    @Override
    public List<Double> singularPoints() {
        List<Double> points = new ArrayList<>();
        for (Measure component : components) {
            points.addAll(component.singularPoints());
            for (Interval interval : component.support().intervals()) {
                points.add(interval.lo());
                points.add(interval.hi());
            }
        }
        return points;
    }

    @Override
    public Interval bounds() {
        Interval hull = components.get(0).bounds();
        for (Measure component : components) {
            hull = hull.span(component.bounds());
        }
        return hull;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("mixture(");
        for (int i = 0; i < weights.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Checks.format(weights[i])).append(':').append(components.get(i));
        }
        return sb.append(')').toString();
    }
}
