package io.github.freeprob.numerics;

import org.hipparchus.complex.Complex;

/**
 * Small complex-analysis helpers with the branches chosen explicitly.
 *
 * <p>Boundary values: a point on the real axis stands for the limit from the upper half-plane. Java's signed zero
 * would otherwise pick a branch by accident ({@code sqrt(-1 - 0i) = -i}), so {@link #upper(Complex)} replaces any
 * zero imaginary part by +0 before a branch-sensitive function is applied.
 */
public final class Complexes {

    private Complexes() {
    }

    /**
     * @param z a point with Im z ≥ 0 or Im z = −0
     * @return z with a zero imaginary part replaced by +0, so that principal branches see the limit from above
     */
    public static Complex upper(Complex z) {
        double im = z.getImaginary();
        return im == 0 && Double.doubleToRawLongBits(im) != 0 ? new Complex(z.getReal(), 0.0) : z;
    }

    /**
     * The product √(z − a) √(z − b) of principal square roots, the branch of √((z−a)(z−b)) that behaves like z at
     * infinity and has its cut on [min(a,b), max(a,b)]. On the cut, the value is the limit from above.
     */
    public static Complex sqrtProduct(Complex z, double a, double b) {
        Complex w = upper(z);
        return upper(w.subtract(a)).sqrt().multiply(upper(w.subtract(b)).sqrt());
    }

    /**
     * √(z − a)√(z − b) of {@link #sqrtProduct(Complex, double, double)} in primitive doubles, for z = x + iy with
     * y ≥ 0 (a zero y, of either sign, stands for the limit from above): the root of q = (z − a)(z − b) whose sign
     * makes it the branch that behaves like z at infinity. That branch maps the upper half-plane into itself, so
     * above the axis it is the root with Im s &gt; 0; on the axis it is i√|q| on the cut and real with the sign of
     * x − (a + b)/2 off it. One complex square root and a sign rule replace the two principal roots and their
     * product; the two agree to a few ulps (each is a handful of correctly rounded operations). Where q would
     * overflow (|z| beyond about 10^154) the product of principal roots is taken instead.
     *
     * @param out s is written to out[0] (real part) and out[1] (imaginary part)
     */
    public static void sqrtProduct(double x, double y, double a, double b, double[] out) {
        double p = x - a;
        double q = x - b;
        double qr = p * q - y * y;
        double qi = y * (p + q);
        if (!(Math.abs(qr) < Double.POSITIVE_INFINITY && Math.abs(qi) < Double.POSITIVE_INFINITY)) {
            sqrtProductOfPrincipalRoots(p, q, y, out);
            return;
        }
        double m = modulus(qr, qi);
        double sr;
        double si;
        if (qr >= 0) {
            sr = Math.sqrt(0.5 * (m + qr));
            si = sr == 0 ? 0 : qi / (2 * sr);
        } else {
            double t = Math.sqrt(0.5 * (m - qr));
            sr = Math.abs(qi) / (2 * t);
            si = Math.copySign(t, qi);
        }
        // The sign rule: Im s > 0 above the axis and on the cut; on the axis off the cut (si = ±0), Re s has the
        // sign of x − (a + b)/2.
        boolean flip = si < 0 || (si == 0 && sr * (p + q) < 0);
        out[0] = flip ? -sr : sr;
        out[1] = flip ? -si : si;
    }

    /** The rare path of {@link #sqrtProduct(double, double, double, double, double[])}: principal roots, multiplied. */
    private static void sqrtProductOfPrincipalRoots(double p, double q, double y, double[] out) {
        double[] first = principalSqrt(p, y);
        double[] second = principalSqrt(q, y);
        out[0] = first[0] * second[0] - first[1] * second[1];
        out[1] = first[0] * second[1] + first[1] * second[0];
    }

    /** The principal square root of x + iy, y ≥ 0 (+0 on the negative axis gives +i√|x|). */
    private static double[] principalSqrt(double x, double y) {
        double m = modulus(x, y);
        if (x >= 0) {
            double re = Math.sqrt(0.5 * (m + x));
            return new double[] {re, re == 0 ? 0 : y / (2 * re)};
        }
        double im = Math.sqrt(0.5 * (m - x));
        return new double[] {y / (2 * im), im};
    }

    /**
     * |x + iy|: √(x² + y²) where the squares neither overflow nor underflow (within an ulp of the exact modulus),
     * {@link Math#hypot} elsewhere.
     */
    public static double modulus(double x, double y) {
        double sum = x * x + y * y;
        if (sum > 1e-290 && sum < 1e290) {
            return Math.sqrt(sum);
        }
        return Math.hypot(x, y);
    }

    /**
     * (a + ib)/(c + id) in primitive doubles, by Smith's scaling (no overflow of c² + d²), written to out[at] and
     * out[at + 1]. A zero divisor gives an infinite quotient (both parts +∞), as a pole of G is reported.
     */
    public static void divide(double a, double b, double c, double d, double[] out, int at) {
        if (c == 0 && d == 0) {
            out[at] = Double.POSITIVE_INFINITY;
            out[at + 1] = Double.POSITIVE_INFINITY;
            return;
        }
        if (Math.abs(c) >= Math.abs(d)) {
            double ratio = d / c;
            double denominator = c + d * ratio;
            out[at] = (a + b * ratio) / denominator;
            out[at + 1] = (b - a * ratio) / denominator;
        } else {
            double ratio = c / d;
            double denominator = c * ratio + d;
            out[at] = (a * ratio + b) / denominator;
            out[at + 1] = (b * ratio - a) / denominator;
        }
    }

    /**
     * The inverse Joukowski map J(ζ) = ζ − √(ζ − 1)√(ζ + 1): the branch with |J(ζ)| &lt; 1 off [−1, 1] and
     * J(cos θ + i0) = e^{−iθ} on it.
     */
    public static Complex inverseJoukowski(Complex zeta) {
        return zeta.subtract(sqrtProduct(zeta, 1, -1));
    }

    /**
     * log(1 + w) accurate for small |w| (Kahan's trick), principal branch.
     */
    public static Complex log1p(Complex w) {
        Complex u = w.add(1);
        Complex shifted = u.subtract(1);
        if (shifted.isZero()) {
            return w;
        }
        return u.log().multiply(w).divide(shifted);
    }

    /** @return whether both parts are finite */
    public static boolean isFinite(Complex z) {
        return Double.isFinite(z.getReal()) && Double.isFinite(z.getImaginary());
    }

    /**
     * @param name the parameter's name
     * @param z    a complex number
     * @return {@code z}
     * @throws IllegalArgumentException if a part is NaN or infinite
     */
    public static Complex requireFinite(String name, Complex z) {
        if (!isFinite(z)) {
            throw new IllegalArgumentException(name + " must be finite, but was " + z);
        }
        return z;
    }

    /**
     * The check of a batch of points given by their parts, once per array: equal lengths, and every part finite.
     *
     * @throws IllegalArgumentException naming the first bad point and its value, or the lengths that differ
     */
    public static void requireFinite(double[] re, double[] im, double[] outRe, double[] outIm) {
        int n = re.length;
        if (im.length != n || outRe.length != n || outIm.length != n) {
            throw new IllegalArgumentException("points and values need equal lengths, but got re " + n + ", im "
                    + im.length + ", outRe " + outRe.length + ", outIm " + outIm.length);
        }
        for (int i = 0; i < n; i++) {
            if (!(Math.abs(re[i]) < Double.POSITIVE_INFINITY && Math.abs(im[i]) < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("z[" + i + "] must be finite, but was (" + re[i] + ", " + im[i]
                        + ")");
            }
        }
    }
}
