package io.github.freeprob.precision;

import java.math.BigInteger;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Truncated formal power series over {@link BigFloat}: arrays {@code a} with {@code a[k]} the coefficient of z^k.
 *
 * <p>All operations truncate at a given order {@code n} (coefficients 0..n). Package-private: the kernels of
 * {@link MomentEngine} and {@link ChiSeries}.
 *
 * <p><b>One kernel, fused sums.</b> Every coefficient these operations produce is a weighted convolution sum
 * Σ_i (α i + β) a_i b_{k−i} with small integer weights ({@link #convolution}). It is computed with exact products
 * and one rounding at the end, instead of one rounding per product and per addition: fewer roundings, and no
 * normalisation or allocation of an intermediate {@link BigFloat} per term, which is where the time of the series
 * operations went (profiled, {@code docs/performance.md}, "Exact moment engine").
 */
final class Series {

    /**
     * Bits kept below the rounding unit of the largest term of a fused sum. Terms are aligned on a common binary
     * point that many bits below that unit (as bounded from the exponents: at most 8 times the term) and truncated
     * there, so the sum's error before its final rounding is below (number of terms) · 2^{3−{@value}} units of the
     * largest term's last bit.
     */
    static final int SUM_GUARD_BITS = 64;

    /** The magnitude recorded for a zero coefficient (as {@link BigFloat#magnitudeExponent()} gives it). */
    private static final long ZERO = Long.MIN_VALUE;

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

    /**
     * The weighted convolution sum Σ_{i=lo..hi} (slope·i + offset) a[i] b[k − i], rounded once to {@code bits} bits.
     *
     * <p>Each product is formed exactly (integer mantissas), shifted onto a common binary point
     * {@value #SUM_GUARD_BITS} bits below the rounding unit of the largest term (bounded from the exponents in a
     * first pass) and added exactly; only the total is rounded. Terms entirely below that point are dropped.
     *
     * @param magA {@link #magnitudes} of a (at least for indices lo..hi)
     * @param magB {@link #magnitudes} of b (at least for indices k − hi..k − lo)
     * @return the sum; zero if there are no nonzero terms
     */
    static BigFloat convolution(BigFloat[] a, long[] magA, BigFloat[] b, long[] magB, int k, int lo, int hi,
            long slope, long offset, int bits) {
        long top = Long.MIN_VALUE;
        for (int i = lo; i <= hi; i++) {
            long weight = slope * i + offset;
            long x = magA[i];
            long y = magB[k - i];
            if (weight != 0 && x != ZERO && y != ZERO) {
                // |a_i| < 2^(mag + 1), |b_{k−i}| < 2^(mag + 1), |weight| < 2^(bit length of |weight|).
                top = Math.max(top, x + y + 2 + bitLength(weight));
            }
        }
        if (top == Long.MIN_VALUE) {
            return BigFloat.zero(bits);
        }
        long point = top - bits - SUM_GUARD_BITS;
        BigInteger sum = BigInteger.ZERO;
        for (int i = lo; i <= hi; i++) {
            long weight = slope * i + offset;
            long x = magA[i];
            long y = magB[k - i];
            if (weight == 0 || x == ZERO || y == ZERO || x + y + 2 + bitLength(weight) < point) {
                continue;
            }
            BigInteger xm = weight == 1 ? a[i].mantissa() : a[i].mantissa().multiply(BigInteger.valueOf(weight));
            BigInteger product = xm.multiply(b[k - i].mantissa());
            long shift = a[i].exponent() + b[k - i].exponent() - point;
            sum = sum.add(shift >= 0 ? product.shiftLeft((int) shift) : product.shiftRight((int) -shift));
        }
        return BigFloat.ofScaled(sum, point, bits);
    }

    /** @return floor(log2 |a_k|) for each coefficient, {@link #ZERO} for zeros: the first pass of a fused sum */
    static long[] magnitudes(BigFloat[] a, int length) {
        long[] out = new long[length];
        for (int k = 0; k < length; k++) {
            out[k] = k < a.length ? a[k].magnitudeExponent() : ZERO;
        }
        return out;
    }

    private static int bitLength(long weight) {
        return 64 - Long.numberOfLeadingZeros(Math.abs(weight));
    }

    /** @return a · b truncated at order n */
    static BigFloat[] multiply(BigFloat[] a, BigFloat[] b, int n) {
        int bits = a[0].bits();
        BigFloat[] c = new BigFloat[n + 1];
        int la = Math.min(a.length - 1, n);
        int lb = Math.min(b.length - 1, n);
        long[] magA = magnitudes(a, la + 1);
        long[] magB = magnitudes(b, lb + 1);
        for (int k = 0; k <= n; k++) {
            int lo = Math.max(0, k - lb);
            int hi = Math.min(k, la);
            c[k] = lo > hi ? BigFloat.zero(bits) : convolution(a, magA, b, magB, k, lo, hi, 0, 1, bits);
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
        long[] magA = magnitudes(a, a.length);
        long[] magB = new long[n + 1];
        b[0] = inverse0;
        magB[0] = inverse0.magnitudeExponent();
        for (int k = 1; k <= n; k++) {
            b[k] = convolution(a, magA, b, magB, k, 1, Math.min(k, a.length - 1), 0, 1, bits)
                    .multiply(inverse0).negate();
            magB[k] = b[k].magnitudeExponent();
        }
        return b;
    }

    /** @return a / b truncated at order n */
    static BigFloat[] divide(BigFloat[] a, BigFloat[] b, int n) {
        return multiply(a, reciprocal(b, n), n);
    }

    /**
     * Compositional inverse g of f (f(0) = 0, f'(0) ≠ 0) truncated at order n: {@link #lagrange} with h(z) = z and
     * P = z / f(z).
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
        BigFloat[] identity = zeros(1, bits);
        identity[1] = BigFloat.of(1, bits);
        return lagrange(identity, reciprocal(shifted, n - 1), n);
    }

    /**
     * The composition h ∘ f^{-1} truncated at order n, where f(z) = z / P(z) (so f(0) = 0, f'(0) = 1/P(0)) and
     * h(0) = 0, by the Lagrange–Bürmann formula
     * <pre>
     *     [w^k] h(f^{-1}(w)) = (1/k) [z^{k−1}] h'(z) P(z)^k = (1/k) Σ_{i=1..k} i h_i [z^{k−i}] P^k.
     * </pre>
     * Each P^k is needed only to degree k − 1, and its coefficients follow from P's alone by J.C.P. Miller's
     * recurrence for powers, b_j = (1/(j p_0)) Σ_{i=1..j} ((k+1) i − j) p_i b_{j−i} (Knuth, TAOCP vol. 2, §4.7), so
     * the whole composition costs about n³/6 fused multiply-adds ({@link #convolution}); with h(z) = z it is the
     * series reversion f^{-1}. Computing h ∘ f^{-1} in one pass costs the same as reverting f alone.
     *
     * @param h coefficients h_0 = 0, h_1, … (read up to order n)
     * @param p coefficients p_0 ≠ 0, p_1, …, p_{n−1} of P
     * @return coefficients 0..n of h ∘ f^{-1}
     * @throws ArithmeticException if p_0 = 0
     */
    static BigFloat[] lagrange(BigFloat[] h, BigFloat[] p, int n) {
        int bits = p[0].bits();
        if (p[0].isZero()) {
            throw new ArithmeticException("Lagrange inversion needs P(0) != 0");
        }
        BigFloat[] inverseJP0 = new BigFloat[n + 1];
        for (int j = 1; j <= n; j++) {
            inverseJP0[j] = BigFloat.of(1, bits).divide(p[0].multiply(j));
        }
        long[] magP = magnitudes(p, n);
        long[] magH = magnitudes(h, n + 1);
        BigFloat[] g = zeros(n, bits);
        BigFloat[] b = new BigFloat[n];
        long[] magB = new long[n];
        for (int k = 1; k <= n; k++) {
            // b = coefficients 0..k−1 of P^k.
            b[0] = p[0].pow(k);
            magB[0] = b[0].magnitudeExponent();
            for (int j = 1; j <= k - 1; j++) {
                b[j] = convolution(p, magP, b, magB, j, 1, j, k + 1, -j, bits).multiply(inverseJP0[j]);
                magB[j] = b[j].magnitudeExponent();
            }
            int hi = Math.min(k, h.length - 1);
            g[k] = hi < 1 ? BigFloat.zero(bits) : convolution(h, magH, b, magB, k, 1, hi, 1, 0, bits).divide(k);
        }
        return g;
    }

    /**
     * Real power a^t of a series with a[0] &gt; 0, truncated at order n, by the J.C.P. Miller recurrence
     * b_k = (1/(k a_0)) Σ_{i=1..k} ((t+1) i − k) a_i b_{k−i} = (1/(k a_0)) ((t+1) Σ i a_i b_{k−i} − k Σ a_i b_{k−i}).
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
        long[] magA = magnitudes(a, a.length);
        long[] magB = new long[n + 1];
        magB[0] = b[0].magnitudeExponent();
        for (int k = 1; k <= n; k++) {
            int hi = Math.min(k, a.length - 1);
            BigFloat weighted = convolution(a, magA, b, magB, k, 1, hi, 1, 0, bits);
            BigFloat plain = convolution(a, magA, b, magB, k, 1, hi, 0, 1, bits);
            b[k] = tPlusOne.multiply(weighted).subtract(plain.multiply(k)).multiply(inverse0).divide(k);
            magB[k] = b[k].magnitudeExponent();
        }
        return b;
    }
}
