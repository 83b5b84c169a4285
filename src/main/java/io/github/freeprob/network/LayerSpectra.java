package io.github.freeprob.network;

import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;

/**
 * The limit laws of a network's individual layer matrices, the members of the layer ensembles whose cascading
 * spectral ergodicity {@code docs/spectral-ergodicity.md} describes.
 *
 * <ul>
 *   <li>weights: the eigenvalues of W_ℓ W_ℓᵀ tend to δ_{σ_w²} (orthogonal, exactly at every N) or (σ_w²·)_*mp(1)
 *       (Gaussian), the same law in every layer;</li>
 *   <li>layer Jacobians D_ℓ W_ℓ = ∂x_ℓ/∂x_{ℓ−1}: the eigenvalues of D_ℓ W_ℓ W_ℓᵀ D_ℓ tend to (σ_w²·)_*ν_ℓ
 *       (orthogonal) or (σ_w²·)_*(ν_ℓ ⊠ mp(1)) (Gaussian), ν_ℓ the law of φ′(h)², h ~ N(0, q^ℓ): the factor of layer ℓ
 *       in μ_J of {@code docs/conventions.md}, which changes with depth as long as q^ℓ does.</li>
 * </ul>
 */
public final class LayerSpectra {

    private final Network network;

    private LayerSpectra(Network network) {
        this.network = network;
    }

    /** @return the layer laws of the network */
    public static LayerSpectra of(Network network) {
        return new LayerSpectra(network);
    }

    /** @return the network */
    public Network network() {
        return network;
    }

    /** @return the limit law of the eigenvalues of W Wᵀ (every layer) */
    public Measure weightLaw() {
        return network.weights() == WeightDistribution.ORTHOGONAL ? Laws.dirac(network.weightVariance())
                : Laws.scale(Laws.marchenkoPastur(1), network.weightVariance());
    }

    /**
     * @param layer ℓ, 1 … L
     * @return the limit law of the eigenvalues of D_ℓ W_ℓ W_ℓᵀ D_ℓ
     * @throws IllegalArgumentException for a layer outside 1 … L
     */
    public Measure layerJacobianLaw(int layer) {
        checkLayer(layer);
        return network.layerFactor(network.variances()[layer - 1]);
    }

    /** The moments m_0 … m_{n−1} of {@link #layerJacobianLaw} by the exact moment engine. */
    public MomentSequence exactLayerJacobianMoments(int layer, int n, Precision precision) {
        checkLayer(layer);
        return network.exactLayerFactorMoments(network.variances()[layer - 1], n, precision);
    }

    /** The moments m_0 … m_{n−1} of {@link #weightLaw} by the exact moment engine. */
    public MomentSequence exactWeightMoments(int n, Precision precision) {
        MomentSequence law = network.weights() == WeightDistribution.ORTHOGONAL
                ? Laws.dirac(1).exactMoments(n, precision) : Laws.marchenkoPastur(1).exactMoments(n, precision);
        return MomentEngine.affine(law, 0, network.weightVariance());
    }

    private void checkLayer(int layer) {
        if (layer < 1 || layer > network.depth()) {
            throw new IllegalArgumentException("layer must be in [1, " + network.depth() + "], but was " + layer);
        }
    }
}
