package io.github.freeprob.sampling;

import io.github.freeprob.network.Activation;
import io.github.freeprob.network.Mixer;
import io.github.freeprob.network.Mixing;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.numerics.Checks;
import java.util.random.RandomGenerator;

/**
 * One finite draw of a {@link Mixer} at initialisation, run forward on one input, with its input–output Jacobian
 * J = D_L M_L ⋯ D_1 M_1 built exactly as {@code docs/mixer.md} defines it; N = SC is the effective width.
 *
 * <ul>
 *   <li>The input x₀ = vec(X₀) is a uniformly random direction of ℝ^N scaled to ‖x₀‖²/N = (q¹ − σ_b²)/σ_w², as in
 *       {@link SampledNetwork}; biases b_ℓ ~ N(0, σ_b² I_N).</li>
 *   <li>Token step: M = I_C ⊗ W, (Mx)_{jS+i} = Σ_k W_ik x_{jS+k} (0-based, i a token, j a channel), W an S×S weight:
 *       σ_w O (O {@link Ensembles#haarOrthogonal Haar}) or i.i.d. N(0, σ_w²/S).</li>
 *   <li>Channel step, {@link Mixing#PLAIN}: M = Vᵀ ⊗ I_S, (Mx)_{jS+i} = Σ_k V_kj x_{kS+i}, V a C×C weight (σ_w O or
 *       N(0, σ_w²/C)); {@link Mixing#PERMUTED}: M = J₁(I_S ⊗ V)J₂, M_ab = (I_S ⊗ V)_{π₁(a), π₂(b)} with π₁, π₂
 *       independent uniform permutations (Fisher–Yates), fresh in every step.</li>
 *   <li>{@link Mixing#DENSE}: the {@link SampledNetwork} of width N and depth L.</li>
 * </ul>
 * Every step is followed by h = Mx + b, x = φ(h), D = diag(φ′(h)). Each step is built as a dense N×N matrix, so a draw
 * costs O(L N³) (N = 400, L = 8: about a second).
 */
public final class SampledMixer {

    private final Mixer mixer;
    private final Mixing mixing;
    private final Matrix jacobian;
    private volatile double[] eigenvalues;

    private SampledMixer(Mixer mixer, Mixing mixing, Matrix jacobian) {
        this.mixer = mixer;
        this.mixing = mixing;
        this.jacobian = jacobian;
    }

    /**
     * Draws the weights, permutations, biases and input and runs the forward pass.
     *
     * @param mixer  the specification
     * @param mixing plain, permuted or dense
     * @param random the source of randomness
     * @return the sample
     * @throws IllegalArgumentException if q¹ &lt; σ_b² (no input gives q¹ = σ_w²‖x₀‖²/N + σ_b²), or the network has no
     *                                  q¹ (see {@link Network#firstVariance()})
     */
    public static SampledMixer sample(Mixer mixer, Mixing mixing, RandomGenerator random) {
        Network network = mixer.network();
        int n = mixer.effectiveWidth();
        if (mixing == Mixing.DENSE) {
            return new SampledMixer(mixer, mixing, SampledNetwork.sample(network, n, random).jacobian());
        }
        double sw2 = network.weightVariance();
        double sb2 = network.biasVariance();
        double q1 = network.firstVariance();
        if (!(q1 >= sb2)) {
            throw new IllegalArgumentException("q1 = " + Checks.format(q1) + " is below sigma_b^2 = "
                    + Checks.format(sb2) + ": no input x0 gives q1 = sigma_w^2 |x0|^2/N + sigma_b^2");
        }
        Activation phi = network.activation();
        double biasSd = Math.sqrt(sb2);
        double[] x = SampledNetwork.input(n, (q1 - sb2) / sw2, random);
        Matrix j = null;
        for (int step = 1; step <= mixer.steps(); step++) {
            Matrix m = mixer.isTokenStep(step) ? tokenStep(mixer, random) : channelStep(mixer, mixing, random);
            double[] h = SampledNetwork.times(m, x);
            double[] slope = new double[n];
            for (int i = 0; i < n; i++) {
                h[i] += biasSd * random.nextGaussian();
                slope[i] = phi.derivative(h[i]);
                h[i] = phi.value(h[i]);
            }
            x = h;
            j = (j == null ? m : m.multiply(j)).scaleRows(slope);
        }
        return new SampledMixer(mixer, mixing, j);
    }

    /** σ_w O or i.i.d. N(0, σ_w²/n) entries, n×n. */
    private static Matrix weight(Network network, int n, RandomGenerator random) {
        double sw2 = network.weightVariance();
        return network.weights() == WeightDistribution.ORTHOGONAL
                ? Ensembles.haarOrthogonal(n, random).scale(Math.sqrt(sw2))
                : Ensembles.gaussian(n, n, sw2 / n, random);
    }

    /** I_C ⊗ W. */
    static Matrix tokenStep(Mixer mixer, RandomGenerator random) {
        int s = mixer.tokens();
        int c = mixer.channels();
        int n = s * c;
        double[] w = weight(mixer.network(), s, random).data();
        double[] m = new double[n * n];
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < s; i++) {
                int row = (j * s + i) * n + j * s;
                System.arraycopy(w, i * s, m, row, s);
            }
        }
        return Matrix.wrap(n, n, m);
    }

    /** Vᵀ ⊗ I_S (plain) or J₁(I_S ⊗ V)J₂ (permuted). */
    static Matrix channelStep(Mixer mixer, Mixing mixing, RandomGenerator random) {
        int s = mixer.tokens();
        int c = mixer.channels();
        int n = s * c;
        double[] v = weight(mixer.network(), c, random).data();
        double[] m = new double[n * n];
        if (mixing == Mixing.PLAIN) {
            for (int j = 0; j < c; j++) {
                for (int k = 0; k < c; k++) {
                    double vkj = v[k * c + j];
                    for (int i = 0; i < s; i++) {
                        m[(j * s + i) * n + k * s + i] = vkj;
                    }
                }
            }
            return Matrix.wrap(n, n, m);
        }
        int[] rows = permutation(n, random);
        int[] cols = permutation(n, random);
        int[] inverseCols = new int[n];
        for (int b = 0; b < n; b++) {
            inverseCols[cols[b]] = b;
        }
        // (I_S ⊗ V)_{tC+a, tC+b} = V_ab; entry (r, q) of the product is that at (rows[r], cols[q]).
        for (int r = 0; r < n; r++) {
            int source = rows[r];
            int block = source / c;
            int a = source % c;
            for (int b = 0; b < c; b++) {
                m[r * n + inverseCols[block * c + b]] = v[a * c + b];
            }
        }
        return Matrix.wrap(n, n, m);
    }

    /** A uniformly random permutation of 0 … n − 1 (Fisher–Yates). */
    static int[] permutation(int n, RandomGenerator random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }

    /** @return the specification */
    public Mixer mixer() {
        return mixer;
    }

    /** @return which mixer was drawn */
    public Mixing mixing() {
        return mixing;
    }

    /** @return J = D_L M_L ⋯ D_1 M_1, N×N */
    public Matrix jacobian() {
        return jacobian;
    }

    /** @return the eigenvalues of JJᵀ, ascending (computed once) */
    public double[] jacobianEigenvalues() {
        double[] known = eigenvalues;
        if (known == null) {
            known = jacobian.multiplyTransposed(jacobian).symmetrize().symmetricEigenvalues();
            eigenvalues = known;
        }
        return known.clone();
    }

    @Override
    public String toString() {
        return "sampled " + mixing + " " + mixer;
    }
}
