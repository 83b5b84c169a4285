package io.github.freeprob.network;

import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.ConvergenceException;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.Arrays;

/**
 * A multilayer perceptron at initialisation, as in {@code docs/conventions.md}: width N → ∞ in every layer, depth L,
 * activation φ, weights {@link WeightDistribution orthogonal or Gaussian} with variance σ_w², biases N(0, σ_b²), and
 * the variance q¹ of the first pre-activations. Without q¹ the network starts at its mean-field fixed point, q¹ = q*.
 *
 * <p>Immutable; the variance sequence q¹ … q^L is computed on first use.
 */
public final class Network {

    /** Largest depth accepted. */
    public static final int MAX_DEPTH = 100_000;

    private final Activation activation;
    private final WeightDistribution weights;
    private final double weightVariance;
    private final double biasVariance;
    private final int depth;
    private final double firstVariance;
    private final MeanField meanField;
    private volatile double[] variances;

    private Network(Activation activation, WeightDistribution weights, double weightVariance, double biasVariance,
                    int depth, double firstVariance) {
        this.activation = activation;
        this.weights = weights;
        this.meanField = new MeanField(activation, weightVariance, biasVariance);
        this.weightVariance = weightVariance;
        this.biasVariance = biasVariance;
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth L must be in [1, " + MAX_DEPTH + "], but was " + depth);
        }
        this.depth = depth;
        if (!Double.isNaN(firstVariance)) {
            Checks.positive("q1", firstVariance);
        }
        this.firstVariance = firstVariance;
    }

    /**
     * A network that starts at its fixed point (q¹ = q*).
     *
     * @param activation     φ
     * @param weights        the weight ensemble
     * @param weightVariance σ_w² &gt; 0
     * @param biasVariance   σ_b² ≥ 0
     * @param depth          L, 1 … {@value #MAX_DEPTH}
     * @return the network
     */
    public static Network of(Activation activation, WeightDistribution weights, double weightVariance,
                             double biasVariance, int depth) {
        return new Network(activation, weights, weightVariance, biasVariance, depth, Double.NaN);
    }

    /**
     * @param q1 q¹ &gt; 0, the variance of the first pre-activations (σ_w²‖x₀‖²/N + σ_b²)
     * @return the same network started from q¹
     */
    public Network withFirstVariance(double q1) {
        return new Network(activation, weights, weightVariance, biasVariance, depth, Checks.positive("q1", q1));
    }

    /** @return the same network with another depth */
    public Network withDepth(int newDepth) {
        return new Network(activation, weights, weightVariance, biasVariance, newDepth, firstVariance);
    }

    /** @return φ */
    public Activation activation() {
        return activation;
    }

    /** @return the weight ensemble */
    public WeightDistribution weights() {
        return weights;
    }

    /** @return σ_w² */
    public double weightVariance() {
        return weightVariance;
    }

    /** @return σ_b² */
    public double biasVariance() {
        return biasVariance;
    }

    /** @return L */
    public int depth() {
        return depth;
    }

    /** @return the mean-field theory of this network's (φ, σ_w², σ_b²) */
    public MeanField meanField() {
        return meanField;
    }

    /** @return whether q¹ was left to the fixed point */
    public boolean startsAtFixedPoint() {
        return Double.isNaN(firstVariance);
    }

    /**
     * @return q¹
     * @throws IllegalArgumentException if q¹ was not given and the mean-field map has no fixed point
     */
    public double firstVariance() {
        if (!startsAtFixedPoint()) {
            return firstVariance;
        }
        try {
            return meanField.fixedPoint();
        } catch (ConvergenceException e) {
            throw new IllegalArgumentException(this + " has no mean-field fixed point q* to start from ("
                    + e.getMessage() + "); give q1", e);
        }
    }

    /** @return q¹, …, q^L (a copy) */
    public double[] variances() {
        double[] known = variances;
        if (known == null) {
            double q1 = firstVariance();
            known = startsAtFixedPoint() ? constant(q1) : meanField.sequence(q1, depth);
            variances = known;
        }
        return known.clone();
    }

    private double[] constant(double q) {
        double[] q1 = new double[depth];
        Arrays.fill(q1, q);
        return q1;
    }

    /**
     * @param layer ℓ, 1 … L
     * @return ν_ℓ, the law of φ'(h)² for h ~ N(0, q^ℓ)
     */
    public Measure nu(int layer) {
        if (layer < 1 || layer > depth) {
            throw new IllegalArgumentException("layer must be in [1, " + depth + "], but was " + layer);
        }
        return activation.derivativeSquaredLaw(variances()[layer - 1]);
    }

    /** @return (σ_w²·)_*ν at pre-activation variance q, with mp(1) ⊠ for Gaussian weights */
    Measure layerFactor(double q) {
        return weights.withWeights(derivativeFactor(q));
    }

    /** @return (σ_w²·)_*ν at pre-activation variance q: the layer factor without the weights' mp(1) */
    Measure derivativeFactor(double q) {
        return Laws.scale(activation.derivativeSquaredLaw(q), weightVariance);
    }

    /** The moments of {@link #layerFactor} by the exact engine. */
    MomentSequence exactLayerFactorMoments(double q, int n, Precision precision) {
        MomentSequence nu = activation.derivativeSquaredLaw(q).exactMoments(n, precision);
        MomentSequence scaled = MomentEngine.affine(nu, 0, weightVariance);
        if (weights == WeightDistribution.GAUSSIAN) {
            return MomentEngine.multiplicative(scaled, Laws.marchenkoPastur(1).exactMoments(n, precision));
        }
        return scaled;
    }

    @Override
    public String toString() {
        return "network(" + activation + ", " + weights + ", sigma_w^2 = " + Checks.format(weightVariance)
                + ", sigma_b^2 = " + Checks.format(biasVariance) + ", L = " + depth
                + (startsAtFixedPoint() ? ", q1 = q*" : ", q1 = " + Checks.format(firstVariance)) + ")";
    }
}
