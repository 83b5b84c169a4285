package io.github.freeprob.sampling;

import io.github.freeprob.network.Activation;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.numerics.Checks;
import java.util.random.RandomGenerator;

/**
 * One finite-width draw of a {@link Network} at initialisation, run forward on one input, with its input–output
 * Jacobian and its neural tangent kernel built exactly as {@code docs/conventions.md} defines them.
 *
 * <p>The draw, at width N:
 * <ul>
 *   <li>the input x₀ is a uniformly random direction scaled to ‖x₀‖²/N = (q¹ − σ_b²)/σ_w², so that
 *       q¹ = σ_w²‖x₀‖²/N + σ_b² is the spec's {@link Network#firstVariance() first variance};</li>
 *   <li>W_ℓ = σ_w O_ℓ with O_ℓ {@link Ensembles#haarOrthogonal Haar}, or (W_ℓ)_ij ~ N(0, σ_w²/N); b_ℓ ~ N(0, σ_b² I);
 *       all independent;</li>
 *   <li>h_ℓ = W_ℓ x_{ℓ−1} + b_ℓ, x_ℓ = φ(h_ℓ), D_ℓ = diag(φ′(h_ℓ)), ℓ = 1 … L.</li>
 * </ul>
 *
 * <p><b>Jacobian.</b> J = D_L W_L ⋯ D_1 W_1 (every layer carries its D); {@link #jacobianEigenvalues()} are the
 * eigenvalues of JJᵀ.
 *
 * <p><b>NTK.</b> In the NTK parameterisation h_ℓ = (σ_w/√N) V_ℓ x_{ℓ−1} + σ_b β_ℓ the kernel of h_ℓ with respect to
 * the parameters of layers 1 … ℓ is Θ_ℓ = ∂h_ℓ/∂θ (∂h_ℓ/∂θ)ᵀ. Differentiating: the weights V_ℓ contribute
 * Σ_jk ∂h_ℓ,i/∂V_jk ∂h_ℓ,i′/∂V_jk = δ_ii′ σ_w²‖x_{ℓ−1}‖²/N, the biases β_ℓ contribute δ_ii′ σ_b², and the earlier
 * layers contribute through the chain rule ∂h_ℓ/∂h_{ℓ−1} = W_ℓ D_{ℓ−1}. Hence, exactly at finite N,
 * <pre>
 *   Θ₁ = c₁ I,   Θ_{ℓ+1} = c_{ℓ+1} I + W_{ℓ+1} D_ℓ Θ_ℓ D_ℓ W_{ℓ+1}ᵀ,   c_ℓ = σ_w²‖x_{ℓ−1}‖²/N + σ_b².
 * </pre>
 * c₁ = q¹ by the choice of x₀, and c_{ℓ+1} → σ_w² E φ(h)² + σ_b² = q^{ℓ+1} (h ~ N(0, q^ℓ)) as N → ∞: this is the
 * conventions' recursion with the mean-field q^{ℓ+1} replaced by its finite-N value. It is <em>not</em> the empirical
 * variance ‖h_{ℓ+1}‖²/N, which has the same limit but also carries the fluctuations of W_{ℓ+1} and b_{ℓ+1}.
 * Nothing here uses mean-field theory beyond q¹: the sample is an independent check of the analytic side.
 *
 * <p>Immutable; the Jacobian and NTK eigenvalues are computed on first use (O(L N³) each).
 */
public final class SampledNetwork {

    private final Network network;
    private final int width;
    private final double[] input;
    private final Matrix[] weights;
    private final double[][] biases;
    private final double[][] preActivations;
    private final double[][] derivatives;
    private final double[] identityCoefficients;
    private volatile double[] jacobianEigenvalues;
    private volatile double[] ntkEigenvalues;

    private SampledNetwork(Network network, int width, double[] input, Matrix[] weights, double[][] biases,
                           double[][] preActivations, double[][] derivatives, double[] identityCoefficients) {
        this.network = network;
        this.width = width;
        this.input = input;
        this.weights = weights;
        this.biases = biases;
        this.preActivations = preActivations;
        this.derivatives = derivatives;
        this.identityCoefficients = identityCoefficients;
    }

    /**
     * Draws the weights, biases and input and runs the forward pass.
     *
     * @param network the specification
     * @param width   N ≥ 1
     * @param random  the source of randomness
     * @return the sampled network
     * @throws IllegalArgumentException if N &lt; 1, or q¹ &lt; σ_b² (no input x₀ can give σ_w²‖x₀‖²/N = q¹ − σ_b²),
     *                                  or the spec has no q¹ (see {@link Network#firstVariance()})
     */
    public static SampledNetwork sample(Network network, int width, RandomGenerator random) {
        Checks.atLeast("width N", width, 1);
        double sw2 = network.weightVariance();
        double sb2 = network.biasVariance();
        double q1 = network.firstVariance();
        if (!(q1 >= sb2)) {
            throw new IllegalArgumentException("q1 = " + Checks.format(q1) + " is below sigma_b^2 = "
                    + Checks.format(sb2) + ": no input x0 gives q1 = sigma_w^2 |x0|^2/N + sigma_b^2");
        }
        int depth = network.depth();
        Activation phi = network.activation();
        double[] x0 = input(width, (q1 - sb2) / sw2, random);
        double[] x = x0;
        Matrix[] weights = new Matrix[depth];
        double[][] b = new double[depth][width];
        double[][] h = new double[depth][];
        double[][] d = new double[depth][];
        double[] c = new double[depth];
        double biasSd = Math.sqrt(sb2);
        for (int l = 0; l < depth; l++) {
            c[l] = sw2 * squaredNorm(x) / width + sb2;
            weights[l] = network.weights() == WeightDistribution.ORTHOGONAL
                    ? Ensembles.haarOrthogonal(width, random).scale(Math.sqrt(sw2))
                    : Ensembles.gaussian(width, width, sw2 / width, random);
            double[] pre = times(weights[l], x);
            double[] next = new double[width];
            double[] slope = new double[width];
            for (int i = 0; i < width; i++) {
                b[l][i] = biasSd * random.nextGaussian();
                pre[i] += b[l][i];
                next[i] = phi.value(pre[i]);
                slope[i] = phi.derivative(pre[i]);
            }
            h[l] = pre;
            d[l] = slope;
            x = next;
        }
        c[0] = q1;
        return new SampledNetwork(network, width, x0, weights, b, h, d, c);
    }

    /**
     * A uniformly random direction in ℝ^N scaled to ‖x‖²/N = meanSquare (0 gives x = 0); shared with
     * {@link SampledMixer}.
     */
    static double[] input(int width, double meanSquare, RandomGenerator random) {
        double[] x = new double[width];
        if (meanSquare == 0) {
            return x;
        }
        for (int i = 0; i < width; i++) {
            x[i] = random.nextGaussian();
        }
        double factor = Math.sqrt(width * meanSquare / squaredNorm(x));
        for (int i = 0; i < width; i++) {
            x[i] *= factor;
        }
        return x;
    }

    static double squaredNorm(double[] v) {
        double s = 0;
        for (double t : v) {
            s += t * t;
        }
        return s;
    }

    static double[] times(Matrix w, double[] x) {
        int n = w.rows();
        int m = w.cols();
        double[] a = w.data();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0, k = i * m; j < m; j++, k++) {
                s += a[k] * x[j];
            }
            out[i] = s;
        }
        return out;
    }

    /** @return the specification that was sampled */
    public Network network() {
        return network;
    }

    /** @return N */
    public int width() {
        return width;
    }

    /** @return L */
    public int depth() {
        return weights.length;
    }

    /** @return x₀ (a copy) */
    public double[] input() {
        return input.clone();
    }

    /** @return b_ℓ (a copy), ℓ = 1 … L */
    public double[] biases(int layer) {
        return biases[index(layer)].clone();
    }

    /** @return W_ℓ, ℓ = 1 … L */
    public Matrix weights(int layer) {
        return weights[index(layer)];
    }

    /** @return h_ℓ (a copy), ℓ = 1 … L */
    public double[] preActivations(int layer) {
        return preActivations[index(layer)].clone();
    }

    /** @return the diagonal of D_ℓ, φ′(h_ℓ) (a copy), ℓ = 1 … L */
    public double[] derivatives(int layer) {
        return derivatives[index(layer)].clone();
    }

    /** @return ‖h_ℓ‖²/N for ℓ = 1 … L (index ℓ − 1), the empirical pre-activation variances */
    public double[] empiricalVariances() {
        double[] q = new double[depth()];
        for (int l = 0; l < q.length; l++) {
            q[l] = squaredNorm(preActivations[l]) / width;
        }
        return q;
    }

    /** @return c_ℓ = σ_w²‖x_{ℓ−1}‖²/N + σ_b² for ℓ = 1 … L (index ℓ − 1), the NTK's identity coefficients */
    public double[] identityCoefficients() {
        return identityCoefficients.clone();
    }

    /** @return J = D_L W_L ⋯ D_1 W_1 */
    public Matrix jacobian() {
        Matrix j = weights[0].scaleRows(derivatives[0]);
        for (int l = 1; l < depth(); l++) {
            j = weights[l].multiply(j).scaleRows(derivatives[l]);
        }
        return j;
    }

    /** @return the eigenvalues of JJᵀ, ascending (computed once) */
    public double[] jacobianEigenvalues() {
        double[] known = jacobianEigenvalues;
        if (known == null) {
            Matrix j = jacobian();
            known = j.multiplyTransposed(j).symmetrize().symmetricEigenvalues();
            jacobianEigenvalues = known;
        }
        return known.clone();
    }

    /** @return Θ_L, the N×N NTK of the last pre-activations (symmetric) */
    public Matrix ntk() {
        Matrix theta = Matrix.identity(width).scale(identityCoefficients[0]);
        for (int l = 1; l < depth(); l++) {
            theta = weights[l].conjugate(theta.scaleBothSides(derivatives[l - 1])).addIdentity(identityCoefficients[l]);
        }
        return theta;
    }

    /** @return the eigenvalues of Θ_L, ascending (computed once) */
    public double[] ntkEigenvalues() {
        double[] known = ntkEigenvalues;
        if (known == null) {
            known = ntk().symmetricEigenvalues();
            ntkEigenvalues = known;
        }
        return known.clone();
    }

    private int index(int layer) {
        if (layer < 1 || layer > depth()) {
            throw new IllegalArgumentException("layer must be in [1, " + depth() + "], but was " + layer);
        }
        return layer - 1;
    }

    @Override
    public String toString() {
        return "sampled " + network + " at width N = " + width;
    }
}
