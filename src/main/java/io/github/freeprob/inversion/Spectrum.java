package io.github.freeprob.inversion;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.ChebyshevMeasure;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.measure.Support;
import io.github.freeprob.numerics.Checks;
import java.util.List;
import org.hipparchus.complex.Complex;

/**
 * The result of Stieltjes inversion of a measure: its atoms, the support of its continuous part, its density, CDF
 * and quantiles, and a compact {@link ChebyshevMeasure} that reproduces it.
 *
 * <p>The density on a grid is read from the measure's own Cauchy transform, ρ(x) = −Im G(x + i0)/π, which is the
 * most accurate value available; the CDF and quantiles come from the Chebyshev representation, whose accuracy the
 * {@link #diagnostics()} report.
 */
public final class Spectrum {

    private final Measure measure;
    private final ChebyshevMeasure compact;
    private final InversionDiagnostics diagnostics;
    private final Support support;

    Spectrum(Measure measure, ChebyshevMeasure compact, Support support, InversionDiagnostics diagnostics) {
        this.measure = measure;
        this.compact = compact;
        this.support = support;
        this.diagnostics = diagnostics;
    }

    /**
     * The spectrum of q + X from this spectrum of X, without a second inversion: the compact form keeps X's pieces in
     * X's coordinates ({@link ChebyshevMeasure#shift}), so mass of X within an ulp of an edge, which q + X would round
     * onto the edge, still counts in the CDF and the moments.
     *
     * @param q the shift, finite
     * @return the spectrum of (q + ·)_*μ
     */
    public Spectrum shift(double q) {
        return new Spectrum(Laws.shift(measure, q), compact.shift(q), support.affine(q, 1), diagnostics);
    }

    /** @return the measure that was inverted */
    public Measure measure() {
        return measure;
    }

    /** @return the atoms found, with their masses */
    public List<Atom> atoms() {
        return compact.atoms();
    }

    /**
     * @return the support of the continuous part, with the edges the inversion located (a density spread over many
     *         decades next to an edge is represented down to a floor above it, but the support reaches the edge)
     */
    public Support support() {
        return support;
    }

    /** @return the compact representation: atoms plus Chebyshev densities, with a closed-form Cauchy transform */
    public ChebyshevMeasure compact() {
        return compact;
    }

    /** @return what the inversion achieved */
    public InversionDiagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * The density of the continuous part on a grid: −Im G(x + i0)/π from the measure's Cauchy transform inside the
     * support (from the compact form at the location of an atom, where G is infinite), and 0 outside it.
     *
     * @param xs points, in any order (ascending grids let free convolutions reuse solutions)
     * @return ρ at each point
     */
    public double[] density(double[] xs) {
        double[] out = new double[xs.length];
        Complex[] g = measure.cauchyBoundary(xs);
        Support support = support();
        for (int i = 0; i < xs.length; i++) {
            if (!support.contains(xs[i])) {
                continue;
            }
            double value = -g[i].getImaginary() / Math.PI;
            if (!Double.isFinite(value) || !Double.isFinite(g[i].getReal())) {
                value = compact.density(xs[i]);
            }
            out[i] = Math.max(0, value);
        }
        return out;
    }

    /** @return the density at one point */
    public double density(double x) {
        return density(new double[] {x})[0];
    }

    /** @return F(x) = μ((−∞, x]), right-continuous, atoms included */
    public double cdf(double x) {
        return compact.cdf(x);
    }

    /**
     * The quantile Q(u) = inf{x : F(x) ≥ u}, by bisection on the CDF to machine precision.
     *
     * @param u a probability in (0, 1]
     * @return Q(u)
     * @throws IllegalArgumentException if u is not in (0, 1]
     */
    public double quantile(double u) {
        if (!(u > 0 && u <= 1)) {
            throw new IllegalArgumentException("quantile level must be in (0, 1], but was " + Checks.format(u));
        }
        Interval bounds = compact.bounds();
        double lo = bounds.lo();
        double hi = bounds.hi();
        if (cdf(lo) >= u) {
            return lo;
        }
        for (int k = 0; k < 200; k++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (cdf(mid) >= u) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** @return m_0..m_n of the inverted measure (∫ x^k ρ + Σ atoms), from the compact form */
    public double[] moments(int n) {
        return compact.moments(n);
    }
}
