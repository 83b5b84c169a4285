package io.github.freeprob.sampling;

import io.github.freeprob.numerics.Checks;
import java.util.random.RandomGenerator;

/**
 * The sampled ensembles whose spectral ergodicity {@link SpectralErgodicity} measures: M independent members of one
 * size, mixed matrix ensembles (members of random sizes), and the layer matrices of a sampled network.
 */
public final class ErgodicEnsembles {

    /** The smallest member of a mixed ensemble (Süzen's mixed ensembles run "from N down to 2"). */
    public static final int MIN_MIXED_SIZE = 2;

    private ErgodicEnsembles() {
    }

    /** Draws the eigenvalues of one member of size n. */
    @FunctionalInterface
    public interface Member {
        /**
         * @param size   the matrix size n ≥ 1
         * @param random the source of randomness
         * @return the n eigenvalues
         */
        double[] eigenvalues(int size, RandomGenerator random);
    }

    /**
     * M independent members of size N, drawn in turn from one generator.
     *
     * @throws IllegalArgumentException if N &lt; 1 or M &lt; 1
     */
    public static double[][] sample(Member member, int size, int members, RandomGenerator random) {
        Checks.atLeast("size N", size, 1);
        Checks.atLeast("members M", members, 1);
        double[][] out = new double[members][];
        for (int i = 0; i < members; i++) {
            out[i] = member.eigenvalues(size, random);
        }
        return out;
    }

    /**
     * A mixed matrix ensemble (Süzen, "Empirical deviations of semicircle law in mixed-matrix ensembles", HAL
     * hal-03464130, 2021): member i has size n_i ~ Binomial(N, p), raised to {@value #MIN_MIXED_SIZE} when smaller, and
     * its spectrum is periodically extended to length N ({@link SpectralErgodicity#periodic}), so that members of
     * different sizes weigh alike.
     *
     * @param size    N ≥ {@value #MIN_MIXED_SIZE}, the largest size
     * @param mixing  the mixing coefficient p ∈ (0, 1]; p = 1 gives every member size N
     * @param members M ≥ 1
     * @return the extended spectra (each of length N, sorted)
     * @throws IllegalArgumentException for N &lt; 2, p outside (0, 1] or M &lt; 1
     */
    public static double[][] mixed(Member member, int size, double mixing, int members, RandomGenerator random) {
        Checks.atLeast("size N", size, MIN_MIXED_SIZE);
        Checks.atLeast("members M", members, 1);
        if (!(mixing > 0 && mixing <= 1)) {
            throw new IllegalArgumentException("mixing coefficient p must be in (0, 1], but was "
                    + Checks.format(mixing));
        }
        double[][] out = new double[members][];
        for (int i = 0; i < members; i++) {
            int n = Math.max(MIN_MIXED_SIZE, binomial(size, mixing, random));
            out[i] = SpectralErgodicity.periodic(member.eigenvalues(n, random), size);
        }
        return out;
    }

    /** @return a Binomial(n, p) draw, as the number of n uniform draws below p */
    static int binomial(int n, double p, RandomGenerator random) {
        int k = 0;
        for (int t = 0; t < n; t++) {
            if (random.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }

    /**
     * The layer matrices of a sampled network as the sources take them, the weights: the eigenvalues of
     * W_ℓ W_ℓᵀ for ℓ = 1 … L (the squared singular values of W_ℓ).
     */
    public static double[][] weightSpectra(SampledNetwork network) {
        double[][] out = new double[network.depth()][];
        for (int l = 1; l <= network.depth(); l++) {
            Matrix w = network.weights(l);
            out[l - 1] = w.multiplyTransposed(w).symmetrize().symmetricEigenvalues();
        }
        return out;
    }

    /**
     * The layer Jacobians D_ℓ W_ℓ (∂x_ℓ/∂x_{ℓ−1}) of a sampled network: the eigenvalues of D_ℓ W_ℓ W_ℓᵀ D_ℓ for
     * ℓ = 1 … L. Their limit laws change with depth through q^ℓ, unlike the weights'.
     */
    public static double[][] layerJacobianSpectra(SampledNetwork network) {
        double[][] out = new double[network.depth()][];
        for (int l = 1; l <= network.depth(); l++) {
            Matrix dw = network.weights(l).scaleRows(network.derivatives(l));
            out[l - 1] = dw.multiplyTransposed(dw).symmetrize().symmetricEigenvalues();
        }
        return out;
    }
}
