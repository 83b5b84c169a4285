package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

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
        atomSums(locations, masses, x, y, false, work);
        out[at] = work[0];
        out[at + 1] = work[1];
    }

    /** G = Σ p_i/(z − x_i), G' = −Σ p_i/(z − x_i)², H = Σ p_i x_i/(z − x_i). */
    @Override
    void termsAt(double x, double y, double[] work, double[] out) {
        atomSums(locations, masses, x, y, true, out);
    }

    /**
     * The sums over atoms x_i of masses p_i (each 1/n when {@code masses} is null) at z = x + iy: G into out[0..1],
     * and with {@code terms} also G' into out[2..3] and H into out[4..5]. On an atom G and G' are +∞, and so is H unless
     * the atom is at 0 (whose term p·0/(z − 0) is 0 everywhere).
     */
    static void atomSums(double[] locations, double[] masses, double x, double y, boolean terms, double[] out) {
        double gr = 0;
        double gi = 0;
        double dr = 0;
        double di = 0;
        double hr = 0;
        double hi = 0;
        double uniform = 1.0 / locations.length;
        boolean pole = false;
        boolean poleInH = false;
        for (int i = 0; i < locations.length; i++) {
            double p = masses == null ? uniform : masses[i];
            double u = x - locations[i];
            if (u == 0 && y == 0) {
                if (!terms) {
                    out[0] = Double.POSITIVE_INFINITY;
                    out[1] = Double.POSITIVE_INFINITY;
                    return;
                }
                // G and G' have a pole here; H = Σ p_i x_i/(z − x_i) too, unless the atom sits at 0.
                pole = true;
                poleInH |= locations[i] != 0;
                continue;
            }
            double norm = u * u + y * y;
            // 1/(z − x_i) = (u − iy)/norm
            double ir = u / norm;
            double ii = -y / norm;
            gr += p * ir;
            gi += p * ii;
            if (terms) {
                dr -= p * (ir * ir - ii * ii);
                di -= p * 2 * ir * ii;
                hr += p * locations[i] * ir;
                hi += p * locations[i] * ii;
            }
        }
        double inf = Double.POSITIVE_INFINITY;
        out[0] = pole ? inf : gr;
        out[1] = pole ? inf : gi;
        if (terms) {
            out[2] = pole ? inf : dr;
            out[3] = pole ? inf : di;
            out[4] = poleInH ? inf : hr;
            out[5] = poleInH ? inf : hi;
        }
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
