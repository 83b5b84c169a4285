package io.github.freeprob.precision;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Truncated formal power series over {@link BigFloat}: arrays {@code a} with {@code a[k]} the coefficient of z^k.
 *
 * <p>All operations truncate at a given order {@code n} (coefficients 0..n). Package-private: the kernels of
 * {@link MomentEngine}.
 */
final class Series {

    private Series() {
    }

    /** @return zero series of order n at the given precision */
    static BigFloat[] zeros(int n, int bits) {
        BigFloat[] out = new BigFloat[n + 1];
        BigFloat zero = BigFloat.zero(bits);
        java.util.Arrays.fill(out, zero);
        return out;
    }

    /** @return coefficient k of a, or zero beyond its length */
    static BigFloat coefficient(BigFloat[] a, int k, int bits) {
        return k < a.length ? a[k] : BigFloat.zero(bits);
    }

    /** @return a · b truncated at order n */
    static BigFloat[] multiply(BigFloat[] a, BigFloat[] b, int n) {
        int bits = a[0].bits();
        BigFloat[] c = new BigFloat[n + 1];
        int la = Math.min(a.length - 1, n);
        int lb = Math.min(b.length - 1, n);
        for (int k = 0; k <= n; k++) {
            BigFloat sum = BigFloat.zero(bits);
            int lo = Math.max(0, k - lb);
            int hi = Math.min(k, la);
            for (int i = lo; i <= hi; i++) {
                if (!a[i].isZero() && !b[k - i].isZero()) {
                    sum = sum.add(a[i].multiply(b[k - i]));
                }
            }
            c[k] = sum;
        }
        return c;
    }

    /**
     * @return 1 / a truncated at order n
     * @throws ArithmeticException if a[0] = 0
     */
    static BigFloat[] reciprocal(BigFloat[] a, int n) {
        int bits = a[0].bits();
        if (a[0].isZero()) {
            throw new ArithmeticException("series with zero constant term has no reciprocal");
        }
        BigFloat inverse0 = a[0].reciprocal();
        BigFloat[] b = new BigFloat[n + 1];
        b[0] = inverse0;
        for (int k = 1; k <= n; k++) {
            BigFloat sum = BigFloat.zero(bits);
            for (int i = 1; i <= Math.min(k, a.length - 1); i++) {
                if (!a[i].isZero()) {
                    sum = sum.add(a[i].multiply(b[k - i]));
                }
            }
            b[k] = sum.multiply(inverse0).negate();
        }
        return b;
    }

    /** @return a / b truncated at order n */
    static BigFloat[] divide(BigFloat[] a, BigFloat[] b, int n) {
        return multiply(a, reciprocal(b, n), n);
    }

    /**
     * Compositional inverse g of f (f(0) = 0, f'(0) ≠ 0) truncated at order n, by Lagrange inversion:
     * [w^k] g = (1/k) [z^{k-1}] P^k with P = z / f(z). Each P^k is needed only to degree k − 1, and its coefficients
     * follow from P's alone by J.C.P. Miller's recurrence for powers, b_j = (1/(j p_0)) Σ_{i=1..j} ((k+1) i − j) p_i b_{j−i}
     * (Knuth, TAOCP vol. 2, §4.7), so the whole inverse costs about n³/6 multiplications.
     *
     * @throws ArithmeticException if f[0] ≠ 0 or f[1] = 0
     */
    static BigFloat[] revert(BigFloat[] f, int n) {
        int bits = f[1].bits();
        if (!f[0].isZero() || f[1].isZero()) {
            throw new ArithmeticException("series reversion needs f(0) = 0 and f'(0) != 0");
        }
        BigFloat[] shifted = new BigFloat[n];
        for (int k = 0; k < n; k++) {
            shifted[k] = coefficient(f, k + 1, bits);
        }
        BigFloat[] p = reciprocal(shifted, n - 1);
        BigFloat inverseP0 = p[0].reciprocal();
        BigFloat[] g = zeros(n, bits);
        BigFloat[] b = new BigFloat[n];
        for (int k = 1; k <= n; k++) {
            // b = coefficients 0..k−1 of P^k.
            b[0] = p[0].pow(k);
            for (int j = 1; j <= k - 1; j++) {
                BigFloat sum = BigFloat.zero(bits);
                for (int i = 1; i <= j; i++) {
                    long factor = (long) (k + 1) * i - j;
                    if (factor != 0 && !p[i].isZero()) {
                        sum = sum.add(p[i].multiply(b[j - i]).multiply(factor));
                    }
                }
                b[j] = sum.multiply(inverseP0).divide(j);
            }
            g[k] = b[k - 1].divide(k);
        }
        return g;
    }

    /**
     * Real power a^t of a series with a[0] &gt; 0, truncated at order n, by the J.C.P. Miller recurrence
     * b_k = (1/(k a_0)) Σ_{i=1..k} ((t+1) i − k) a_i b_{k−i}.
     */
    static BigFloat[] power(BigFloat[] a, BigFloat t, int n) {
        int bits = a[0].bits();
        if (a[0].signum() <= 0) {
            throw new ArithmeticException("real power of a series needs a positive constant term, but was " + a[0]);
        }
        long digits = (long) Math.ceil(bits * Math.log10(2)) + 5;
        Apfloat base = new Apfloat(a[0].toBigDecimal(), digits);
        Apfloat exponent = new Apfloat(t.toBigDecimal(), digits);
        BigFloat[] b = new BigFloat[n + 1];
        b[0] = BigFloat.of(ApfloatMath.pow(base, exponent), bits);
        BigFloat tPlusOne = t.add(BigFloat.of(1, bits));
        BigFloat inverse0 = a[0].reciprocal();
        for (int k = 1; k <= n; k++) {
            BigFloat sum = BigFloat.zero(bits);
            for (int i = 1; i <= Math.min(k, a.length - 1); i++) {
                if (!a[i].isZero()) {
                    BigFloat factor = tPlusOne.multiply(i).subtract(BigFloat.of(k, bits));
                    sum = sum.add(factor.multiply(a[i]).multiply(b[k - i]));
                }
            }
            b[k] = sum.multiply(inverse0).divide(k);
        }
        return b;
    }
}
