package io.github.freeprob.numerics;

import java.util.function.DoubleUnaryOperator;

/**
 * Chebyshev series on [−1, 1]: coefficients from values at Chebyshev points of the first kind, evaluation by
 * Clenshaw's recurrence, and chopping of negligible tails.
 *
 * <p>Points of the first kind t_j = cos((j + ½)π/n) avoid the endpoints, where the functions sampled here (densities
 * times edge weights) may be singular. The coefficients come from a discrete cosine transform (DCT-II), computed
 * directly for small n and by an FFT of length 4n otherwise.
 */
public final class Chebyshev {

    private Chebyshev() {
    }

    /** @return the n Chebyshev points of the first kind t_j = cos((j + ½)π/n), descending */
    public static double[] points(int n) {
        double[] t = new double[n];
        for (int j = 0; j < n; j++) {
            t[j] = Math.cos((j + 0.5) * Math.PI / n);
        }
        return t;
    }

    /**
     * Coefficients c_k of the interpolant p(t) = Σ_{k&lt;n} c_k T_k(t) through values f(t_j) at the first-kind points.
     *
     * @param values f(t_j), j = 0..n−1, in the order of {@link #points(int)}
     * @return c_0..c_{n−1}
     */
    public static double[] coefficients(double[] values) {
        int n = values.length;
        double[] c = n >= 64 && Integer.bitCount(n) == 1 ? dctByFft(values) : dctDirect(values);
        c[0] *= 0.5;
        return c;
    }

    /** @return coefficients of f sampled at n first-kind points */
    public static double[] coefficients(DoubleUnaryOperator f, int n) {
        double[] t = points(n);
        double[] values = new double[n];
        for (int j = 0; j < n; j++) {
            values[j] = f.applyAsDouble(t[j]);
        }
        return coefficients(values);
    }

    /** DCT-II scaled as c_k = (2/n) Σ_j v_j cos(kπ(j + ½)/n). */
    private static double[] dctDirect(double[] v) {
        int n = v.length;
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += v[j] * Math.cos(k * Math.PI * (j + 0.5) / n);
            }
            c[k] = 2.0 * sum / n;
        }
        return c;
    }

    /**
     * The same DCT-II through a complex FFT of length 4n of the even-odd extension (Makhoul's embedding): the
     * sequence y of length 4n with y_{2j+1} = y_{4n−2j−1} = v_j and zeros elsewhere has Re Y_k = 2 Σ v_j cos(kπ(2j+1)/(2n)).
     */
    private static double[] dctByFft(double[] v) {
        int n = v.length;
        int m = 4 * n;
        double[] re = new double[m];
        double[] im = new double[m];
        for (int j = 0; j < n; j++) {
            re[2 * j + 1] = v[j];
            re[m - 2 * j - 1] = v[j];
        }
        Fft.transform(re, im);
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
            c[k] = re[k] / n;
        }
        return c;
    }

    /**
     * Clenshaw evaluation of Σ c_k T_k(t).
     */
    public static double evaluate(double[] c, double t) {
        double b1 = 0;
        double b2 = 0;
        for (int k = c.length - 1; k >= 1; k--) {
            double b0 = 2 * t * b1 - b2 + c[k];
            b2 = b1;
            b1 = b0;
        }
        return t * b1 - b2 + c[0];
    }

    /**
     * Clenshaw evaluation at a complex point; returns {re, im}.
     */
    public static double[] evaluate(double[] c, double tRe, double tIm) {
        double b1r = 0;
        double b1i = 0;
        double b2r = 0;
        double b2i = 0;
        for (int k = c.length - 1; k >= 1; k--) {
            double b0r = 2 * (tRe * b1r - tIm * b1i) - b2r + c[k];
            double b0i = 2 * (tRe * b1i + tIm * b1r) - b2i;
            b2r = b1r;
            b2i = b1i;
            b1r = b0r;
            b1i = b0i;
        }
        return new double[] {tRe * b1r - tIm * b1i - b2r + c[0], tRe * b1i + tIm * b1r - b2i};
    }

    /** @return the coefficients of the derivative d/dt Σ c_k T_k */
    public static double[] derivative(double[] c) {
        int n = c.length;
        if (n <= 1) {
            return new double[] {0};
        }
        double[] d = new double[n - 1];
        double next = 0;
        double nextNext = 0;
        for (int k = n - 1; k >= 1; k--) {
            double value = nextNext + 2 * k * c[k];
            if (k - 1 < d.length) {
                d[k - 1] = value;
            }
            nextNext = next;
            next = value;
        }
        d[0] *= 0.5;
        return d;
    }

    /**
     * The number of leading coefficients to keep: the tail after it is below {@code tolerance} times the largest
     * coefficient, judged on the last quarter of the series (a plateau test in the spirit of chebfun's standardChop,
     * simplified). Returns {@code c.length} when the series is not resolved.
     */
    public static int resolvedLength(double[] c, double tolerance) {
        double max = 0;
        for (double v : c) {
            max = Math.max(max, Math.abs(v));
        }
        if (max == 0) {
            return 1;
        }
        int n = c.length;
        int tailStart = n - Math.max(2, n / 4);
        for (int k = tailStart; k < n; k++) {
            if (Math.abs(c[k]) > tolerance * max) {
                return n;
            }
        }
        int keep = n;
        while (keep > 1 && Math.abs(c[keep - 1]) <= tolerance * max) {
            keep--;
        }
        return keep;
    }
}
