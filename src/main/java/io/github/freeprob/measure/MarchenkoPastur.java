package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.Complexes;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;

/**
 * The Marchenko–Pastur (free Poisson) law of ratio λ and scale 1: the limit law of X Xᵀ/m for an n × m standard
 * Gaussian X with n/m → λ. Mean 1, variance λ; density √((b − x)(x − a))/(2πλx) on [a, b] = [(1 − √λ)², (1 + √λ)²],
 * and an atom of mass 1 − 1/λ at 0 when λ &gt; 1.
 *
 * <p>G(z) = (z − 1 + λ − s)/(2λz) with s = √(z − a)√(z − b). Multiplying by the conjugate gives the form used here,
 * G(z) = 2/(z + λ − 1 + s), free of cancellation at large |z|; its pole at z = 0 when λ &gt; 1 is the atom. Moments are
 * Narayana polynomials m_n = Σ_k N(n, k) λ^{k−1}; free cumulants κ_n = λ^{n−1}; S(w) = 1/(1 + λw).
 */
final class MarchenkoPastur extends ClosedFormLaw {

    private final double ratio;
    private final double lower;
    private final double upper;

    MarchenkoPastur(double ratio) {
        this.ratio = Checks.positive("Marchenko-Pastur ratio lambda", ratio);
        double root = Math.sqrt(ratio);
        this.lower = (1 - root) * (1 - root);
        this.upper = (1 + root) * (1 + root);
    }

    /** G = 2/(z + λ − 1 + s); infinite at the pole z = 0 when λ &gt; 1. */
    @Override
    void cauchyAt(double x, double y, double[] work, double[] out, int at) {
        Complexes.sqrtProduct(x, y, lower, upper, work);
        Complexes.divide(2, 0, x + ratio - 1 + work[0], y + work[1], out, at);
    }

    /**
     * G as above; G' = −2(1 + s')/(z + λ − 1 + s)² with s' = (z − 1 − λ)/s; H = zG − 1, far from the support
     * (|z| &gt; 4b) as (z − s + 1 − λ)/(z + λ − 1 + s) with z − s = ((a + b)z − ab)/(z + s), to avoid the cancellation
     * of zG ≈ 1 (near the support zG − 1 has none, and the far form would be 0/0 at an atom at 0).
     */
    @Override
    void termsAt(double x, double y, double[] work, double[] out) {
        Complexes.sqrtProduct(x, y, lower, upper, work);
        double sr = work[0];
        double si = work[1];
        double dr = x + ratio - 1 + sr;
        double di = y + si;
        if (dr == 0 && di == 0) {
            pole(out);
            return;
        }
        Complexes.divide(2, 0, dr, di, out, 0);
        // s' = (z − 1 − λ)/s, then G' = −2(1 + s')/den².
        Complexes.divide(x - 1 - ratio, y, sr, si, work, 2);
        Complexes.divide(-2 * (1 + work[2]), -2 * work[3], dr * dr - di * di, 2 * dr * di, out, 2);
        if (Complexes.modulus(x, y) <= 4 * upper) {
            reducedDirect(x, y, out[0], out[1], out, 4);
            return;
        }
        double sum = lower + upper;
        Complexes.divide(sum * x - lower * upper, sum * y, x + sr, y + si, work, 4);
        Complexes.divide(work[4] + 1 - ratio, work[5], dr, di, out, 4);
    }

    /** Narayana polynomials by (n+1) m_n = (2n−1)(1+λ) m_{n−1} − (n−2)(1−λ)² m_{n−2}. */
    @Override
    public double[] moments(int n) {
        Checks.atLeast("moment order n", n, 0);
        double[] m = new double[n + 1];
        m[0] = 1;
        if (n >= 1) {
            m[1] = 1;
        }
        double square = (1 - ratio) * (1 - ratio);
        for (int k = 2; k <= n; k++) {
            m[k] = ((2 * k - 1) * (1 + ratio) * m[k - 1] - (k - 2) * square * m[k - 2]) / (k + 1);
        }
        return m;
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        Checks.atLeast("moment order n", n, 0);
        BigFloat lambda = precision.of(ratio);
        BigFloat[] powers = new BigFloat[n + 1];
        powers[0] = precision.one();
        for (int k = 1; k <= n; k++) {
            powers[k] = powers[k - 1].multiply(lambda);
        }
        BigFloat[] m = new BigFloat[n + 1];
        m[0] = precision.one();
        for (int order = 1; order <= n; order++) {
            BigFloat sum = precision.zero();
            for (int k = 1; k <= order; k++) {
                sum = sum.add(BigFloat.of(Combinatorics.narayana(order, k), precision.bits()).multiply(powers[k - 1]));
            }
            m[order] = sum;
        }
        return MomentSequence.of(m, precision);
    }

    @Override
    public List<Atom> atoms() {
        return ratio > 1 ? List.of(Atom.of(0, 1 - 1 / ratio)) : List.of();
    }

    @Override
    public Support support() {
        return Support.of(Interval.of(lower, upper));
    }

    @Override
    public Interval bounds() {
        return Interval.of(ratio > 1 ? 0 : lower, upper);
    }

    @Override
    public double mean() {
        return 1;
    }

    @Override
    public double variance() {
        return ratio;
    }

    @Override
    public String toString() {
        return "mp(" + Checks.format(ratio) + ")";
    }
}
