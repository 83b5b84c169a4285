package io.github.freeprob.measure;

import java.math.BigInteger;

/** Exact integer sequences used by the closed-form moments of the named laws. */
final class Combinatorics {

    private Combinatorics() {
    }

    /** @return the binomial coefficient C(n, k), 0 for k outside [0, n] */
    static BigInteger binomial(int n, int k) {
        if (k < 0 || k > n) {
            return BigInteger.ZERO;
        }
        int kk = Math.min(k, n - k);
        BigInteger result = BigInteger.ONE;
        for (int i = 0; i < kk; i++) {
            result = result.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return result;
    }

    /** @return the Catalan number C_k = C(2k, k)/(k + 1) */
    static BigInteger catalan(int k) {
        return binomial(2 * k, k).divide(BigInteger.valueOf(k + 1));
    }

    /** @return the Narayana number N(n, k) = C(n, k) C(n, k − 1) / n, for 1 ≤ k ≤ n */
    static BigInteger narayana(int n, int k) {
        return binomial(n, k).multiply(binomial(n, k - 1)).divide(BigInteger.valueOf(n));
    }
}
