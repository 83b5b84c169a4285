package io.github.freeprob.validation;

import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import io.github.freeprob.sampling.Matrix;
import io.github.freeprob.sampling.SampledNetwork;

/**
 * Asymptotic freeness of the layer Jacobians of a sampled network (Hayase and Collins, "Asymptotic freeness of
 * layerwise Jacobians caused by invariance of multilayer perceptron: the Haar orthogonal case", Comm. Math. Phys.
 * 397, 2023; Pennington, Schoenholz and Ganguli 2018 assumed it). D_ℓ depends on W_ℓ through h_ℓ = W_ℓ x_{ℓ−1} + b_ℓ,
 * yet D_ℓ² and W_ℓ D_{ℓ−1}² W_ℓᵀ are asymptotically free, which is what makes μ_J a free product.
 *
 * <p>The check: the normalised traces φ_k = (1/N) tr((D_ℓ² · W_ℓ D_{ℓ−1}² W_ℓᵀ)^k) of a sample against the moments of
 * the free multiplicative convolution ν̂_ℓ ⊠ (σ_w²·)_*ν̂_{ℓ−1} (⊠ mp(1) for Gaussian weights), where ν̂ are the
 * <em>empirical</em> laws of the sampled diagonals. Conditioning on the sampled marginals isolates freeness from the
 * O(N^(−1/2)) fluctuations of the marginals themselves, so the discrepancy is the freeness defect, O(1/N) for
 * invariant ensembles. The free prediction comes from the exact moment engine (free cumulants of the marginals).
 */
public final class AsymptoticFreeness {

    /** Working precision of the free-product moments: far beyond double, the moments are only its inputs' accuracy. */
    static final Precision PRECISION = Precision.ofDigits(40);

    private final double[] sampled;
    private final double[] free;

    private AsymptoticFreeness(double[] sampled, double[] free) {
        this.sampled = sampled;
        this.free = free;
    }

    /**
     * @param network a sampled network of depth ≥ 2
     * @param layer   ℓ, 2 … L
     * @param k       K ≥ 1, the highest mixed moment
     * @return sampled and free mixed moments φ_1 … φ_K
     * @throws IllegalArgumentException if ℓ is not in [2, L] or K &lt; 1
     */
    public static AsymptoticFreeness of(SampledNetwork network, int layer, int k) {
        Checks.atLeast("moment order K", k, 1);
        if (layer < 2 || layer > network.depth()) {
            throw new IllegalArgumentException("layer must be in [2, " + network.depth() + "], but was " + layer);
        }
        double[] outer = squares(network.derivatives(layer));
        double[] inner = squares(network.derivatives(layer - 1));
        Matrix w = network.weights(layer);
        Matrix product = w.conjugateDiagonal(inner).scaleRows(outer);
        double[] sampled = new double[k];
        Matrix power = product;
        for (int j = 0; j < k; j++) {
            sampled[j] = power.normalizedTrace();
            if (j + 1 < k) {
                power = power.multiply(product);
            }
        }
        double sw2 = network.network().weightVariance();
        MomentSequence a = MomentSequence.ofDoubles(withoutMassTerm(Distances.empiricalMoments(outer, k)), PRECISION);
        MomentSequence b = MomentEngine.affine(
                MomentSequence.ofDoubles(withoutMassTerm(Distances.empiricalMoments(inner, k)), PRECISION), 0, sw2);
        if (network.network().weights() == WeightDistribution.GAUSSIAN) {
            b = MomentEngine.multiplicative(b, MomentSequence.ofDoubles(withoutMassTerm(marchenkoPasturOne(k)), PRECISION));
        }
        double[] m = MomentEngine.multiplicative(a, b).toDoubleArray();
        double[] free = new double[k];
        System.arraycopy(m, 1, free, 0, k);
        return new AsymptoticFreeness(sampled, free);
    }

    /** Moments of mp(1): the Catalan numbers. */
    private static double[] marchenkoPasturOne(int k) {
        double[] c = new double[k + 1];
        c[0] = 1;
        for (int n = 1; n <= k; n++) {
            c[n] = c[n - 1] * 2 * (2 * n - 1) / (n + 1);
        }
        return c;
    }

    /** m_1 … m_K from m_0 … m_K, as {@code MomentSequence.ofDoubles} takes them. */
    private static double[] withoutMassTerm(double[] m) {
        return java.util.Arrays.copyOfRange(m, 1, m.length);
    }

    private static double[] squares(double[] d) {
        double[] out = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] * d[i];
        }
        return out;
    }

    /** @return the sampled φ_1 … φ_K (a copy) */
    public double[] sampled() {
        return sampled.clone();
    }

    /** @return the free-product moments (a copy) */
    public double[] free() {
        return free.clone();
    }

    /** @return max_k |φ_k − free_k| / free_k */
    public double largestRelativeError() {
        double max = 0;
        for (int j = 0; j < sampled.length; j++) {
            max = Math.max(max, Math.abs(sampled[j] - free[j]) / Math.abs(free[j]));
        }
        return max;
    }
}
