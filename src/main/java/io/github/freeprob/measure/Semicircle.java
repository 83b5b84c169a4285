package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.Complexes;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;

/**
 * Wigner's semicircle law of mean 0 and variance v: density √(4v − x²)/(2πv) on [−2√v, 2√v].
 *
 * <p>G(z) = (z − s)/(2v) with s = √(z − 2√v)√(z + 2√v); since (z − s)(z + s) = 4v this is evaluated as
 * G(z) = 2/(z + s), which has no cancellation at large |z|. Moments m_{2k} = C_k v^k (Catalan numbers); free
 * cumulants: κ_2 = v and all others zero.
 */
final class Semicircle extends ClosedFormLaw {

    private final double variance;
    private final double radius;

    Semicircle(double variance) {
        this.variance = Checks.positive("semicircle variance v", variance);
        this.radius = 2 * Math.sqrt(variance);
    }

    double variance0() {
        return variance;
    }

    /** G = 2/(z + s). */
    @Override
    void cauchyAt(double x, double y, double[] work, double[] out, int at) {
        Complexes.sqrtProduct(x, y, radius, -radius, work);
        Complexes.divide(2, 0, x + work[0], y + work[1], out, at);
    }

    /** G = 2/(z + s), G' = −G/s, H = zG − 1 = (z − s)/(z + s) = v G². */
    @Override
    void termsAt(double x, double y, double[] work, double[] out) {
        Complexes.sqrtProduct(x, y, radius, -radius, work);
        double sr = work[0];
        double si = work[1];
        Complexes.divide(2, 0, x + sr, y + si, out, 0);
        double gr = out[0];
        double gi = out[1];
        Complexes.divide(-gr, -gi, sr, si, out, 2);
        out[4] = variance * (gr * gr - gi * gi);
        out[5] = variance * 2 * gr * gi;
    }

    @Override
    public double[] moments(int n) {
        Checks.atLeast("moment order n", n, 0);
        double[] m = new double[n + 1];
        m[0] = 1;
        double catalanTimesPower = 1;
        for (int k = 1; 2 * k <= n; k++) {
            catalanTimesPower *= variance * 2.0 * (2 * k - 1) / (k + 1);
            m[2 * k] = catalanTimesPower;
        }
        return m;
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        Checks.atLeast("moment order n", n, 0);
        BigFloat[] m = new BigFloat[n + 1];
        BigFloat v = precision.of(variance);
        for (int k = 0; k <= n; k++) {
            m[k] = k % 2 == 1 ? precision.zero()
                    : BigFloat.of(Combinatorics.catalan(k / 2), precision.bits()).multiply(v.pow(k / 2));
        }
        return MomentSequence.of(m, precision);
    }

    @Override
    public List<Atom> atoms() {
        return List.of();
    }

    @Override
    public Support support() {
        return Support.of(Interval.of(-radius, radius));
    }

    @Override
    public Interval bounds() {
        return Interval.of(-radius, radius);
    }

    @Override
    public double mean() {
        return 0;
    }

    @Override
    public double variance() {
        return variance;
    }

    @Override
    public String toString() {
        return "semicircle(" + Checks.format(variance) + ")";
    }
}
