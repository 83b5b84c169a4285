package io.github.freeprob.network;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Support;
import java.util.ArrayList;
import java.util.List;

/**
 * The law of the singular values s = √λ of a matrix from the law of the eigenvalues λ ≥ 0 of its Gram matrix: the
 * density 2s ρ_λ(s²), the CDF F_λ(s²), quantiles √Q_λ(u), atoms at √a with the same masses, and moments E[s^k]
 * (E[λ^{k/2}]: from the compact eigenvalue law by its Gauss rules).
 */
public final class SingularValues {

    private final Spectrum eigenvalues;

    /**
     * @param eigenvalues the spectrum of a law on [0, ∞)
     * @throws IllegalArgumentException if it charges (−∞, 0)
     */
    public SingularValues(Spectrum eigenvalues) {
        if (!eigenvalues.compact().isNonNegative()) {
            throw new IllegalArgumentException("singular values need eigenvalues on [0, inf), but the law lives on "
                    + eigenvalues.compact().bounds());
        }
        this.eigenvalues = eigenvalues;
    }

    /** @return the spectrum of the eigenvalues λ = s² */
    public Spectrum eigenvalues() {
        return eigenvalues;
    }

    /** @return the density of s at each point (0 for s ≤ 0) */
    public double[] density(double[] s) {
        double[] squares = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            squares[i] = s[i] > 0 ? s[i] * s[i] : 0;
        }
        double[] rho = eigenvalues.density(squares);
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] > 0 ? 2 * s[i] * rho[i] : 0;
        }
        return out;
    }

    /** @return P(S ≤ s) */
    public double cdf(double s) {
        return s < 0 ? 0 : eigenvalues.cdf(s * s);
    }

    /** @return the u-quantile of S */
    public double quantile(double u) {
        return Math.sqrt(Math.max(0, eigenvalues.quantile(u)));
    }

    /** @return atoms at √a */
    public List<Atom> atoms() {
        List<Atom> out = new ArrayList<>();
        for (Atom atom : eigenvalues.atoms()) {
            out.add(Atom.of(Math.sqrt(Math.max(0, atom.location())), atom.mass()));
        }
        return out;
    }

    /** @return the support, edges √e */
    public Support support() {
        List<Interval> intervals = new ArrayList<>();
        for (Interval interval : eigenvalues.support().intervals()) {
            intervals.add(Interval.of(Math.sqrt(Math.max(0, interval.lo())), Math.sqrt(interval.hi())));
        }
        return Support.of(intervals);
    }

    /** @return E[s^k] for k = 0 … n */
    public double[] moments(int n) {
        double[] m = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            double half = 0.5 * k;
            m[k] = eigenvalues.compact().expectation(x -> Math.pow(Math.max(0, x), half));
        }
        return m;
    }
}
