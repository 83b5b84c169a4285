package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.hipparchus.complex.Complex;

/**
 * A finite discrete law Σ p_i δ_{x_i}: G(z) = Σ p_i/(z − x_i).
 */
final class DiscreteLaw extends ClosedFormLaw {

    /** Largest accepted |Σ p_i − 1| before renormalisation: rounding of a few decimal masses. */
    static final double MASS_TOLERANCE = 1e-12;

    private final double[] locations;
    private final double[] masses;
    private final List<Atom> atoms;

    private DiscreteLaw(double[] locations, double[] masses) {
        this.locations = locations;
        this.masses = masses;
        List<Atom> list = new ArrayList<>();
        for (int i = 0; i < locations.length; i++) {
            list.add(Atom.of(locations[i], masses[i]));
        }
        this.atoms = List.copyOf(list);
    }

    /**
     * @param locations x_i, finite
     * @param masses    p_i ≥ 0 summing to 1 within {@link #MASS_TOLERANCE}; equal locations are merged, zero masses
     *                  dropped, and the masses renormalised to sum exactly to 1 in double precision
     * @throws IllegalArgumentException on a length mismatch, a non-finite location, a negative or NaN mass, or masses
     *                                  that do not sum to 1
     */
    static DiscreteLaw of(double[] locations, double[] masses) {
        if (locations.length != masses.length) {
            throw new IllegalArgumentException("atoms need as many locations as masses, but got "
                    + locations.length + " locations and " + masses.length + " masses");
        }
        if (locations.length == 0) {
            throw new IllegalArgumentException("atoms need at least one location, but got none");
        }
        TreeMap<Double, Double> merged = new TreeMap<>();
        double total = 0;
        for (int i = 0; i < locations.length; i++) {
            Checks.finite("atom location x" + (i + 1), locations[i]);
            if (!(masses[i] >= 0) || masses[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("atom mass p" + (i + 1) + " must be >= 0, but was "
                        + Checks.format(masses[i]));
            }
            total += masses[i];
            if (masses[i] > 0) {
                merged.merge(locations[i] == 0 ? 0.0 : locations[i], masses[i], Double::sum);
            }
        }
        if (!(Math.abs(total - 1) <= MASS_TOLERANCE)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "atom masses must sum to 1, but sum to %s", Checks.format(total)));
        }
        double[] x = new double[merged.size()];
        double[] p = new double[merged.size()];
        int i = 0;
        for (var entry : merged.entrySet()) {
            x[i] = entry.getKey();
            p[i] = entry.getValue() / total;
            i++;
        }
        return new DiscreteLaw(x, p);
    }

    /** G = Σ p_i/(z − x_i); infinite on an atom. */
    @Override
    void cauchyAt(double x, double y, double[] work, double[] out, int at) {
        cauchySum(locations, masses, x, y, out, at);
    }

    /**
     * G as above, G' = −Σ p_i/(z − x_i)² and H = Σ p_i x_i/(z − x_i) (atoms at 0 left out: their term is 0).
     *
     * <p>G' and H keep the {@link Complex} arithmetic they had before the primitive kernels, on purpose: the free sum
     * of two Bernoulli laws has a point in its gap where G vanishes and both subordination functions run off to
     * infinity (1.5 for the sum of (0.7δ₀ + 0.3δ₁) and (0.6δ₀ + 0.4δ₂)), and whether the solver reaches the axis there
     * depends on the rounding of these sums (measured: the primitive sums, equally accurate, make it fail). Discrete
     * factors are not on the hot path of any benchmark, so their terms are left as they were.
     */
    @Override
    void termsAt(double x, double y, double[] work, double[] out) {
        cauchySum(locations, masses, x, y, out, 0);
        Complex z = new Complex(x, y);
        Complex derivative = Complex.ZERO;
        Complex reduced = Complex.ZERO;
        for (int i = 0; i < locations.length; i++) {
            Complex d = z.subtract(locations[i]);
            derivative = derivative.subtract(d.multiply(d).reciprocal().multiply(masses[i]));
            if (locations[i] != 0) {
                reduced = reduced.add(d.reciprocal().multiply(masses[i] * locations[i]));
            }
        }
        out[2] = derivative.getReal();
        out[3] = derivative.getImaginary();
        out[4] = reduced.getReal();
        out[5] = reduced.getImaginary();
    }

    /**
     * G = Σ p_i/(z − x_i) at z = x + iy into out[at], out[at + 1], with p_i = 1/n when {@code masses} is null (the
     * sum then divided by n); both parts +∞ on an atom.
     */
    static void cauchySum(double[] locations, double[] masses, double x, double y, double[] out, int at) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < locations.length; i++) {
            double u = x - locations[i];
            if (u == 0 && y == 0) {
                out[at] = Double.POSITIVE_INFINITY;
                out[at + 1] = Double.POSITIVE_INFINITY;
                return;
            }
            double norm = u * u + y * y;
            double p = masses == null ? 1 : masses[i];
            re += p * u / norm;
            im -= p * y / norm;
        }
        double n = masses == null ? locations.length : 1;
        out[at] = re / n;
        out[at + 1] = im / n;
    }

    @Override
    public double[] moments(int n) {
        Checks.atLeast("moment order n", n, 0);
        double[] m = new double[n + 1];
        for (int i = 0; i < locations.length; i++) {
            double power = masses[i];
            for (int k = 0; k <= n; k++) {
                m[k] += power;
                power *= locations[i];
            }
        }
        m[0] = 1;
        return m;
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        Checks.atLeast("moment order n", n, 0);
        BigFloat[] m = new BigFloat[n + 1];
        java.util.Arrays.fill(m, precision.zero());
        for (int i = 0; i < locations.length; i++) {
            BigFloat x = precision.of(locations[i]);
            BigFloat power = precision.of(masses[i]);
            for (int k = 0; k <= n; k++) {
                m[k] = m[k].add(power);
                power = power.multiply(x);
            }
        }
        m[0] = precision.one();
        return MomentSequence.of(m, precision);
    }

    @Override
    public List<Atom> atoms() {
        return atoms;
    }

    @Override
    public Support support() {
        return Support.empty();
    }

    @Override
    public Interval bounds() {
        return Interval.of(locations[0], locations[locations.length - 1]);
    }

    @Override
    public String toString() {
        if (locations.length == 1) {
            return "dirac(" + Checks.format(locations[0]) + ")";
        }
        StringBuilder sb = new StringBuilder("atoms(");
        for (int i = 0; i < locations.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Checks.format(locations[i])).append(':').append(Checks.format(masses[i]));
        }
        return sb.append(')').toString();
    }
}
