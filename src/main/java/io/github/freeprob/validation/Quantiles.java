package io.github.freeprob.validation;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.numerics.Checks;

/**
 * Deterministic spectra that approximate a law: the midpoint quantiles x_i = Q((i − ½)/N), i = 1 … N. Their empirical
 * law is within Lévy distance 1/(2N) and W₁ ≤ (support width)/N of μ, and feeding them to
 * {@code Ensembles.withEigenvalues}, {@code freeSum} or {@code freeProduct} gives matrix models of μ, μ ⊞ ν and μ ⊠ ν
 * whose only randomness is the Haar rotation.
 */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * @param law the law, inverted
     * @param n   N ≥ 1
     * @return Q((i − ½)/N), ascending
     */
    public static double[] midpoints(Spectrum law, int n) {
        Checks.atLeast("N", n, 1);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = law.quantile((i + 0.5) / n);
        }
        return x;
    }
}
