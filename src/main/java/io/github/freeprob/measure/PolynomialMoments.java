package io.github.freeprob.measure;

import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.Precision;
import java.math.BigInteger;

/** Exact moments of polynomial pieces, in arbitrary precision. */
final class PolynomialMoments {

    private PolynomialMoments() {
    }

    /**
     * From the moments τ_j = ∫ t^j dν(t) of a measure, those of its image under t ↦ c + r t:
     * ∫ (c + r t)^k dν = Σ_j C(k, j) c^{k−j} r^j τ_j.
     */
    static BigFloat[] affine(BigFloat[] tMoments, BigFloat center, BigFloat radius, Precision precision) {
        int n = tMoments.length - 1;
        BigFloat[] m = new BigFloat[n + 1];
        for (int k = 0; k <= n; k++) {
            BigFloat sum = precision.zero();
            for (int j = 0; j <= k; j++) {
                if (tMoments[j].isZero()) {
                    continue;
                }
                sum = sum.add(BigFloat.of(Combinatorics.binomial(k, j), precision.bits())
                        .multiply(center.pow(k - j)).multiply(radius.pow(j)).multiply(tMoments[j]));
            }
            m[k] = sum;
        }
        return m;
    }

    /**
     * Monomial coefficients of Σ c_k T_k, exactly: T_k's integer coefficients by T_{k+1} = 2t T_k − T_{k−1}. The
     * cancellation in the sum loses about 0.3 K digits for K coefficients, so callers give extra precision.
     */
    static BigFloat[] monomial(double[] c, Precision precision) {
        int n = c.length;
        BigInteger[] previous = new BigInteger[n];
        BigInteger[] current = new BigInteger[n];
        java.util.Arrays.fill(previous, BigInteger.ZERO);
        java.util.Arrays.fill(current, BigInteger.ZERO);
        previous[0] = BigInteger.ONE;
        if (n > 1) {
            current[1] = BigInteger.ONE;
        }
        BigFloat[] out = new BigFloat[n];
        java.util.Arrays.fill(out, precision.zero());
        for (int k = 0; k < n; k++) {
            BigInteger[] tk = k == 0 ? previous : current;
            BigFloat ck = precision.of(c[k]);
            if (!ck.isZero()) {
                for (int i = 0; i <= k; i++) {
                    if (tk[i].signum() != 0) {
                        out[i] = out[i].add(ck.multiply(BigFloat.of(tk[i], precision.bits())));
                    }
                }
            }
            if (k >= 1 && k + 1 < n) {
                BigInteger[] next = new BigInteger[n];
                java.util.Arrays.fill(next, BigInteger.ZERO);
                for (int i = 0; i <= k; i++) {
                    next[i + 1] = next[i + 1].add(current[i].shiftLeft(1));
                }
                for (int i = 0; i < n; i++) {
                    next[i] = next[i].subtract(previous[i]);
                }
                previous = current;
                current = next;
            }
        }
        return out;
    }

    /** ∫_{−1}^{1} t^j dt: 2/(j + 1) for even j, 0 for odd. */
    static BigFloat powerIntegral(int j, Precision precision) {
        return j % 2 == 1 ? precision.zero() : BigFloat.ratio(2, j + 1L, precision.bits());
    }

    /** Product of polynomials in monomial form. */
    static BigFloat[] multiply(BigFloat[] a, BigFloat[] b, Precision precision) {
        BigFloat[] c = new BigFloat[a.length + b.length - 1];
        java.util.Arrays.fill(c, precision.zero());
        for (int i = 0; i < a.length; i++) {
            if (a[i].isZero()) {
                continue;
            }
            for (int j = 0; j < b.length; j++) {
                if (!b[j].isZero()) {
                    c[i + j] = c[i + j].add(a[i].multiply(b[j]));
                }
            }
        }
        return c;
    }
}
