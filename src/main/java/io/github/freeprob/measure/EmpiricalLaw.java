package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The empirical law (1/n) Σ δ_{λ_i} of n sample eigenvalues: G(z) = (1/n) Σ 1/(z − λ_i).
 */
final class EmpiricalLaw extends ClosedFormLaw {

    private final double[] samples;

    EmpiricalLaw(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("an empirical law needs at least one sample, but got none");
        }
        double[] sorted = samples.clone();
        for (int i = 0; i < sorted.length; i++) {
            Checks.finite("sample " + i, sorted[i]);
        }
        Arrays.sort(sorted);
        this.samples = sorted;
    }

    /** @return the sorted samples (a copy) */
    double[] samples() {
        return samples.clone();
    }

    /** G = (1/n) Σ 1/(z − λ_i); infinite on a sample. */
    @Override
    void cauchyAt(double x, double y, double[] work, double[] out, int at) {
        DiscreteLaw.cauchySum(samples, null, x, y, out, at);
    }

    /** G, G' = −(1/n) Σ 1/(z − λ_i)² and H = (1/n) Σ λ_i/(z − λ_i); on a sample all three are infinite. */
    @Override
    void termsAt(double x, double y, double[] work, double[] out) {
        DiscreteLaw.cauchySum(samples, null, x, y, out, 0);
        if (Double.isInfinite(out[0])) {
            pole(out);
            return;
        }
        double dr = 0;
        double di = 0;
        double hr = 0;
        double hi = 0;
        for (double lambda : samples) {
            double u = x - lambda;
            double norm = u * u + y * y;
            // 1/(z − λ) = (u − iy)/norm
            double ir = u / norm;
            double ii = -y / norm;
            dr -= ir * ir - ii * ii;
            di -= 2 * ir * ii;
            hr += lambda * u / norm;
            hi -= lambda * y / norm;
        }
        int n = samples.length;
        out[2] = dr / n;
        out[3] = di / n;
        out[4] = hr / n;
        out[5] = hi / n;
    }

    @Override
    public double[] moments(int n) {
        Checks.atLeast("moment order n", n, 0);
        double[] m = new double[n + 1];
        for (double lambda : samples) {
            double power = 1;
            for (int k = 0; k <= n; k++) {
                m[k] += power;
                power *= lambda;
            }
        }
        for (int k = 0; k <= n; k++) {
            m[k] /= samples.length;
        }
        m[0] = 1;
        return m;
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        Checks.atLeast("moment order n", n, 0);
        BigFloat[] m = new BigFloat[n + 1];
        Arrays.fill(m, precision.zero());
        for (double lambda : samples) {
            BigFloat x = precision.of(lambda);
            BigFloat power = precision.one();
            for (int k = 0; k <= n; k++) {
                m[k] = m[k].add(power);
                power = power.multiply(x);
            }
        }
        for (int k = 1; k <= n; k++) {
            m[k] = m[k].divide(samples.length);
        }
        m[0] = precision.one();
        return MomentSequence.of(m, precision);
    }

    @Override
    public List<Atom> atoms() {
        List<Atom> atoms = new ArrayList<>();
        int i = 0;
        while (i < samples.length) {
            int j = i;
            while (j < samples.length && samples[j] == samples[i]) {
                j++;
            }
            atoms.add(Atom.of(samples[i], (double) (j - i) / samples.length));
            i = j;
        }
        return atoms;
    }

    @Override
    public Support support() {
        return Support.empty();
    }

    @Override
    public Interval bounds() {
        return Interval.of(samples[0], samples[samples.length - 1]);
    }

    @Override
    public String toString() {
        return "empirical(n=" + samples.length + ")";
    }
}
