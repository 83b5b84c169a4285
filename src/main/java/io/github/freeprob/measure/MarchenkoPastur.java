package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.Complexes;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;
import org.hipparchus.complex.Complex;

/**
 * The Marchenko–Pastur (free Poisson) law of ratio λ and scale 1: the limit law of X Xᵀ/m for an n × m standard
 * Gaussian X with n/m → λ. Mean 1, variance λ; density √((b − x)(x − a))/(2πλx) on [a, b] = [(1 − √λ)², (1 + √λ)²],
 * and an atom of mass 1 − 1/λ at 0 when λ &gt; 1.
 *
 * <p>G(z) = (z − 1 + λ − s)/(2λz) with s = √(z − a)√(z − b). Multiplying by the conjugate gives the form used here,
 * G(z) = 2/(z + λ − 1 + s), free of cancellation at large |z|; its pole at z = 0 when λ &gt; 1 is the atom. Moments are
 * Narayana polynomials m_n = Σ_k N(n, k) λ^{k−1}; free cumulants κ_n = λ^{n−1}; S(w) = 1/(1 + λw).
 */
final class MarchenkoPastur implements Measure {

    private final double ratio;
    private final double lower;
    private final double upper;

    MarchenkoPastur(double ratio) {
        this.ratio = Checks.positive("Marchenko-Pastur ratio lambda", ratio);
        double root = Math.sqrt(ratio);
        this.lower = (1 - root) * (1 - root);
        this.upper = (1 + root) * (1 + root);
    }

    @Override
    public Complex cauchyUpper(Complex z) {
        Complex s = Complexes.sqrtProduct(z, lower, upper);
        return Complex.valueOf(2).divide(z.add(ratio - 1).add(s));
    }

    /**
     * H = zG − 1; far from the support (|z| &gt; 4b) as (z − s + 1 − λ)/(z + λ − 1 + s), with
     * z − s = ((a + b)z − ab)/(z + s), to avoid the cancellation of zG ≈ 1.
     */
    @Override
    public Complex cauchyReducedUpper(Complex z) {
        if (z.norm() <= 4 * upper) {
            // Near the support zG − 1 has no cancellation, and the form below would be 0/0 at an atom at 0.
            return z.multiply(cauchyUpper(z)).subtract(1);
        }
        Complex s = Complexes.sqrtProduct(z, lower, upper);
        Complex zMinusS = z.multiply(lower + upper).subtract(lower * upper).divide(z.add(s));
        return zMinusS.add(1 - ratio).divide(z.add(ratio - 1).add(s));
    }

    /** G' = −2(1 + s')/(z + λ − 1 + s)² with s' = (z − 1 − λ)/s. */
    @Override
    public Complex cauchyDerivativeUpper(Complex z) {
        Complex s = Complexes.sqrtProduct(z, lower, upper);
        Complex denominator = z.add(ratio - 1).add(s);
        Complex sPrime = z.subtract(1 + ratio).divide(s);
        return sPrime.add(1).multiply(-2).divide(denominator.multiply(denominator));
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
