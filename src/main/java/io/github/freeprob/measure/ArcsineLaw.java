package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.Complexes;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;

/**
 * The arcsine law on [a, b]: density 1/(π√((x − a)(b − x))), G(z) = 1/(√(z − a)√(z − b)).
 *
 * <p>With c = (a + b)/2, r = (b − a)/2 and T arcsine on [−1, 1] (E T^{2j} = C(2j, j)/4^j), the moments are
 * m_n = Σ_j C(n, j) c^{n−j} r^j E T^j.
 */
final class ArcsineLaw extends ClosedFormLaw {

    private final double a;
    private final double b;

    ArcsineLaw(double a, double b) {
        Checks.ordered("arcsine left end a", a, "arcsine right end b", b);
        this.a = a;
        this.b = b;
    }

    /** G = 1/s; infinite at the edges. */
    @Override
    void cauchyAt(double x, double y, double[] work, double[] out, int at) {
        Complexes.sqrtProduct(x, y, a, b, work);
        Complexes.divide(1, 0, work[0], work[1], out, at);
    }

    /**
     * G = 1/s; G' = −(z − c)/s³ with c = (a + b)/2; H = zG − 1, far from the support (|z| &gt; 4 max(|a|, |b|)) as
     * (z − s)/s with z − s = ((a + b)z − ab)/(z + s), free of the cancellation of zG ≈ 1 (nearer, that form can be
     * 0/0, and the direct one has no cancellation).
     */
    @Override
    void termsAt(double x, double y, double[] work, double[] out) {
        Complexes.sqrtProduct(x, y, a, b, work);
        double sr = work[0];
        double si = work[1];
        if (sr == 0 && si == 0) {
            pole(out);
            return;
        }
        Complexes.divide(1, 0, sr, si, out, 0);
        double gr = out[0];
        double gi = out[1];
        // G³ = 1/s³, then G' = −(z − c) G³.
        double g2r = gr * gr - gi * gi;
        double g2i = 2 * gr * gi;
        double g3r = g2r * gr - g2i * gi;
        double g3i = g2r * gi + g2i * gr;
        double cr = x - 0.5 * (a + b);
        out[2] = -(cr * g3r - y * g3i);
        out[3] = -(cr * g3i + y * g3r);
        if (Complexes.modulus(x, y) <= 4 * Math.max(Math.abs(a), Math.abs(b))) {
            reducedDirect(x, y, gr, gi, out, 4);
            return;
        }
        double sum = a + b;
        Complexes.divide(sum * x - a * b, sum * y, x + sr, y + si, work, 2);
        out[4] = work[2] * gr - work[3] * gi;
        out[5] = work[2] * gi + work[3] * gr;
    }

    @Override
    public double[] moments(int n) {
        return exactMoments(n, Precision.ofDigits(30)).toDoubleArray();
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        Checks.atLeast("moment order n", n, 0);
        BigFloat c = precision.of(a).add(precision.of(b)).divide(2);
        BigFloat r = precision.of(b).subtract(precision.of(a)).divide(2);
        BigFloat[] centered = new BigFloat[n + 1];
        for (int j = 0; j <= n; j++) {
            centered[j] = j % 2 == 1 ? precision.zero()
                    : BigFloat.of(Combinatorics.binomial(j, j / 2), precision.bits()).scaleByPowerOfTwo(-j)
                            .multiply(r.pow(j));
        }
        BigFloat[] m = new BigFloat[n + 1];
        for (int k = 0; k <= n; k++) {
            BigFloat sum = precision.zero();
            for (int j = 0; j <= k; j += 2) {
                sum = sum.add(BigFloat.of(Combinatorics.binomial(k, j), precision.bits()).multiply(c.pow(k - j))
                        .multiply(centered[j]));
            }
            m[k] = sum;
        }
        m[0] = precision.one();
        return MomentSequence.of(m, precision);
    }

    @Override
    public List<Atom> atoms() {
        return List.of();
    }

    @Override
    public Support support() {
        return Support.of(Interval.of(a, b));
    }

    @Override
    public Interval bounds() {
        return Interval.of(a, b);
    }

    @Override
    public double mean() {
        return 0.5 * (a + b);
    }

    @Override
    public double variance() {
        return (b - a) * (b - a) / 8;
    }

    @Override
    public String toString() {
        return "arcsine(" + Checks.format(a) + ", " + Checks.format(b) + ")";
    }
}
