package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.Complexes;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;

/**
 * The uniform law on [a, b]: G(z) = log((z − a)/(z − b))/(b − a).
 *
 * <p>Near the interval the logarithm is taken as log|z − a|/|z − b| + i arg((z − a) conj(z − b)), the difference of the
 * principal logarithms (on the real axis inside (a, b) its imaginary part is −π, the limit from above); far away,
 * where that ratio tends to 1, as log1p((b − a)/(z − b)).
 */
final class UniformLaw extends ClosedFormLaw {

    /**
     * Terms of the far-field series of H, more than enough: beyond 2r from the centre its ratio is at most 1/4, so
     * 30 terms reach 10⁻¹⁷.
     */
    private static final int SERIES_BUDGET = 200;

    private final double a;
    private final double b;

    UniformLaw(double a, double b) {
        Checks.ordered("uniform left end a", a, "uniform right end b", b);
        this.a = a;
        this.b = b;
    }

    /**
     * G = log((z − a)/(z − b))/(b − a). Within two widths of the centre, log|z − a|/|z − b| + i arg((z − a) conj(z − b)):
     * for y ≥ 0 the argument lies in [−π, 0], so a single atan2 gives the difference of the two principal arguments
     * (−π on (a, b), the limit from above). Farther out, log(1 + ζ) with ζ = (b − a)/(z − b), its real part as
     * ½ log1p(2 Re ζ + |ζ|²), free of the cancellation in |1 + ζ| ≈ 1.
     */
    @Override
    void cauchyAt(double x, double y, double[] work, double[] out, int at) {
        double width = b - a;
        double p = x - a;
        double q = x - b;
        double re;
        double im;
        if (Complexes.modulus(x - 0.5 * (a + b), y) > 2 * width) {
            Complexes.divide(width, 0, q, y, work, 0);
            double zr = work[0];
            double zi = work[1];
            re = 0.5 * Math.log1p(2 * zr + zr * zr + zi * zi);
            im = Math.atan2(zi, 1 + zr);
        } else {
            double left = p * p + y * y;
            double right = q * q + y * y;
            double ratio = left / right;
            re = ratio > 0 && ratio < Double.POSITIVE_INFINITY ? 0.5 * Math.log(ratio)
                    : 0.5 * (Math.log(left) - Math.log(right));
            im = Math.atan2(-y * width, p * q + y * y);
        }
        out[at] = re / width;
        out[at + 1] = im / width;
    }

    /**
     * G as above; G' = −1/((z − a)(z − b)); H = zG − 1 = c G + (ζ log((ζ + r)/(ζ − r))/(2r) − 1) with ζ = z − c,
     * r = (b − a)/2: directly within 2r of c, and farther out with the bracket summed as its series
     * Σ_{k≥1} (r/ζ)^{2k}/(2k + 1), free of cancellation.
     */
    @Override
    void termsAt(double x, double y, double[] work, double[] out) {
        cauchyAt(x, y, work, out, 0);
        double gr = out[0];
        double gi = out[1];
        double p = x - a;
        double q = x - b;
        Complexes.divide(-1, 0, p * q - y * y, y * (p + q), out, 2);
        double c = 0.5 * (a + b);
        double r = 0.5 * (b - a);
        double zetaR = x - c;
        if (Complexes.modulus(zetaR, y) <= 2 * r) {
            reducedDirect(x, y, gr, gi, out, 4);
            return;
        }
        Complexes.divide(r, 0, zetaR, y, work, 0);
        double squareR = work[0] * work[0] - work[1] * work[1];
        double squareI = 2 * work[0] * work[1];
        double termR = squareR;
        double termI = squareI;
        double sumR = 0;
        double sumI = 0;
        for (int k = 1; k < SERIES_BUDGET; k++) {
            double nextR = termR / (2 * k + 1);
            double nextI = termI / (2 * k + 1);
            sumR += nextR;
            sumI += nextI;
            if (Complexes.modulus(nextR, nextI) <= 1e-17 * Complexes.modulus(sumR, sumI)) {
                break;
            }
            double t = termR * squareR - termI * squareI;
            termI = termR * squareI + termI * squareR;
            termR = t;
        }
        out[4] = c * gr + sumR;
        out[5] = c * gi + sumI;
    }

    @Override
    public double[] moments(int n) {
        Checks.atLeast("moment order n", n, 0);
        double[] m = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            // (b^{k+1} − a^{k+1}) / ((k+1)(b − a)) = Σ_j a^j b^{k−j} / (k + 1), without cancellation.
            double sum = 0;
            for (int j = 0; j <= k; j++) {
                sum += Math.pow(a, j) * Math.pow(b, k - j);
            }
            m[k] = sum / (k + 1);
        }
        return m;
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        Checks.atLeast("moment order n", n, 0);
        BigFloat left = precision.of(a);
        BigFloat right = precision.of(b);
        BigFloat[] m = new BigFloat[n + 1];
        for (int k = 0; k <= n; k++) {
            BigFloat sum = precision.zero();
            for (int j = 0; j <= k; j++) {
                sum = sum.add(left.pow(j).multiply(right.pow(k - j)));
            }
            m[k] = sum.divide(k + 1);
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
        return (b - a) * (b - a) / 12;
    }

    @Override
    public String toString() {
        return "uniform(" + Checks.format(a) + ", " + Checks.format(b) + ")";
    }
}
