package io.github.freeprob.sampling;

import io.github.freeprob.network.ConjugateKernel;
import io.github.freeprob.network.NormalizedActivation;
import io.github.freeprob.numerics.Checks;
import java.util.random.RandomGenerator;

/**
 * One finite draw of the multi-input network of {@link ConjugateKernel} (Fan and Wang 2020), with the conjugate kernel
 * of every layer, built exactly as {@code docs/conjugate-kernel.md} defines it:
 * <ul>
 *   <li>n inputs in dimension d₀ = round(n/γ₀): X₀ ∈ ℝ^{d₀×n} with i.i.d. N(0, 1) entries, each column then rescaled
 *       to norm √d₀;</li>
 *   <li>layer ℓ = 1 … L of width d_ℓ = round(n/γ_ℓ): W_ℓ ∈ ℝ^{d_ℓ×d_{ℓ−1}} with i.i.d. N(0, 1) entries, independent,
 *       and X_ℓ = φ̃(W_ℓ X_{ℓ−1}/√d_{ℓ−1}) entrywise, with φ̃ the centred and normalised activation
 *       ({@link NormalizedActivation});</li>
 *   <li>K_ℓ = X_ℓᵀX_ℓ/d_ℓ, the n×n conjugate kernel of layer ℓ (K₀ = X₀ᵀX₀/d₀, the input Gram matrix).</li>
 * </ul>
 * Nothing here uses the free-probability recursion: the sample is an independent check of it.
 *
 * <p>Immutable; the eigenvalues are computed on request (O(n³) each, plus O(n d_{ℓ−1} d_ℓ) for the forward pass,
 * done once when sampled).
 */
public final class SampledConjugateKernel {

    private final NormalizedActivation activation;
    private final int[] widths;
    private final Matrix[] features;

    private SampledConjugateKernel(NormalizedActivation activation, int[] widths, Matrix[] features) {
        this.activation = activation;
        this.widths = widths;
        this.features = features;
    }

    /**
     * Draws the inputs and weights of the network of a prediction and runs the forward pass.
     *
     * @param kernel the prediction, for its activation and ratios γ₀ … γ_L
     * @param n      the number of inputs, ≥ 1
     * @param random the source of randomness
     * @return the sample
     * @throws IllegalArgumentException if n &lt; 1 or some width round(n/γ_ℓ) &lt; 1
     */
    public static SampledConjugateKernel sample(ConjugateKernel kernel, int n, RandomGenerator random) {
        return sample(kernel.activation(), n, kernel.ratios(), random);
    }

    /**
     * @param activation φ̃, centred and normalised
     * @param n          the number of inputs, ≥ 1
     * @param ratios     γ₀ … γ_L: d_ℓ = round(n/γ_ℓ)
     * @param random     the source of randomness
     * @return the sample
     * @throws IllegalArgumentException if n &lt; 1, there is no layer, a ratio is not positive or some width is &lt; 1
     */
    public static SampledConjugateKernel sample(NormalizedActivation activation, int n, double[] ratios,
                                                RandomGenerator random) {
        Checks.atLeast("number of inputs n", n, 1);
        Checks.atLeast("number of ratios gamma_0 ... gamma_L", ratios.length, 2);
        int[] widths = new int[ratios.length];
        for (int l = 0; l < ratios.length; l++) {
            widths[l] = width(n, ratios[l], l);
        }
        Matrix[] features = new Matrix[ratios.length];
        // Features are stored transposed, F_ℓ = X_ℓᵀ (n × d_ℓ): row α is input α's feature vector.
        Matrix input = Ensembles.gaussian(n, widths[0], 1, random);
        double[] x = input.data();
        for (int a = 0; a < n; a++) {
            double norm = 0;
            for (int j = a * widths[0]; j < (a + 1) * widths[0]; j++) {
                norm += x[j] * x[j];
            }
            double factor = Math.sqrt(widths[0] / norm);
            for (int j = a * widths[0]; j < (a + 1) * widths[0]; j++) {
                x[j] *= factor;
            }
        }
        features[0] = input;
        for (int l = 1; l < ratios.length; l++) {
            Matrix weights = Ensembles.gaussian(widths[l], widths[l - 1], 1, random);
            // H_ℓᵀ = F_{ℓ−1} W_ℓᵀ/√d_{ℓ−1} (n × d_ℓ), then φ̃ entrywise
            Matrix pre = features[l - 1].multiplyTransposed(weights);
            double[] h = pre.data();
            double scale = 1 / Math.sqrt(widths[l - 1]);
            for (int k = 0; k < h.length; k++) {
                h[k] = activation.value(h[k] * scale);
            }
            features[l] = pre;
        }
        return new SampledConjugateKernel(activation, widths, features);
    }

    private static int width(int n, double ratio, int layer) {
        Checks.positive("gamma_" + layer, ratio);
        long d = Math.round(n / ratio);
        if (d < 1 || d > Integer.MAX_VALUE / Math.max(1, n)) {
            throw new IllegalArgumentException("width d_" + layer + " = round(n/gamma_" + layer + ") = " + d
                    + " out of range for n = " + n + ", gamma_" + layer + " = " + Checks.format(ratio));
        }
        return (int) d;
    }

    /** @return φ̃ */
    public NormalizedActivation activation() {
        return activation;
    }

    /** @return L */
    public int depth() {
        return widths.length - 1;
    }

    /** @return n, the number of inputs */
    public int inputs() {
        return features[0].rows();
    }

    /** @return d₀ … d_L (a copy) */
    public int[] widths() {
        return widths.clone();
    }

    /**
     * @param layer ℓ in 0 … L
     * @return X_ℓ, the d_ℓ×n features of layer ℓ (X₀: the inputs)
     */
    public Matrix features(int layer) {
        return features[index(layer)].transpose();
    }

    /**
     * @param layer ℓ in 0 … L
     * @return K_ℓ = X_ℓᵀX_ℓ/d_ℓ, n×n, symmetric
     */
    public Matrix kernel(int layer) {
        Matrix f = features[index(layer)];
        return f.multiplyTransposed(f).scale(1.0 / widths[layer]).symmetrize();
    }

    /**
     * @param layer ℓ in 0 … L
     * @return the eigenvalues of K_ℓ, ascending
     */
    public double[] eigenvalues(int layer) {
        return kernel(layer).symmetricEigenvalues();
    }

    /** @return the eigenvalues of K_L, ascending */
    public double[] eigenvalues() {
        return eigenvalues(depth());
    }

    private int index(int layer) {
        if (layer < 0 || layer >= widths.length) {
            throw new IllegalArgumentException("layer must be in [0, " + depth() + "], but was " + layer);
        }
        return layer;
    }

    @Override
    public String toString() {
        return "sampled conjugate kernel, n = " + inputs() + ", widths " + java.util.Arrays.toString(widths);
    }
}
