package io.github.freeprob.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.freeprob.network.Activation;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sampled forward pass, Jacobian and NTK against exact identities and an independent finite-difference NTK. */
class SampledNetworkTest {

    @ParameterizedTest
    @EnumSource(WeightDistribution.class)
    void firstVarianceIsMetExactly(WeightDistribution weights) {
        Network network = Network.of(Activation.tanh(), weights, 1.5, 0.1, 2).withFirstVariance(0.8);
        SampledNetwork sample = SampledNetwork.sample(network, 50, new SplittableRandom(1));
        double[] x0 = sample.input();
        double norm = 0;
        for (double x : x0) {
            norm += x * x;
        }
        assertThat(1.5 * norm / 50 + 0.1).isCloseTo(0.8, within(1e-14));
        assertThat(sample.identityCoefficients()[0]).isEqualTo(0.8);
    }

    @Test
    void linearOrthogonalNetworksAreIsometriesUpToScale() {
        // φ = identity, W = σ_w O: JJᵀ = σ_w^{2L} I. NTK (σ_b = 0), L = 2: Θ₂ = σ_w²‖x₁‖²/N I + q¹ σ_w² I with
        // ‖x₁‖² = σ_w²‖x₀‖², so every eigenvalue is 2σ_w² q¹ (this checks the identity coefficient).
        double sw2 = 1.3;
        double q1 = 0.7;
        Network network = Network.of(Activation.linear(), WeightDistribution.ORTHOGONAL, sw2, 0, 2)
                .withFirstVariance(q1);
        SampledNetwork sample = SampledNetwork.sample(network, 40, new SplittableRandom(2));
        for (double e : sample.jacobianEigenvalues()) {
            assertThat(e).isCloseTo(sw2 * sw2, within(1e-12));
        }
        for (double e : sample.ntkEigenvalues()) {
            assertThat(e).isCloseTo(2 * sw2 * q1, within(1e-12));
        }
    }

    @ParameterizedTest
    @EnumSource(WeightDistribution.class)
    void ntkIsTheGramMatrixOfTheParameterGradient(WeightDistribution weights) {
        // Θ_L = ∂h_L/∂θ (∂h_L/∂θ)ᵀ in the NTK parameterisation h = (σ_w/√N) V x + σ_b β (docs/conventions.md):
        // the gradient is built column by column by central differences of an independent forward pass, with respect
        // to every V_ℓ,jk and β_ℓ,j (∂/∂V = (σ_w/√N) ∂/∂W, ∂/∂β = σ_b ∂/∂b). Step 1e-5: truncation error O(1e-10) for
        // tanh, rounding O(1e-11); tolerance 1e-7.
        int n = 5;
        double sw2 = 1.4;
        double sb2 = 0.2;
        Network network = Network.of(Activation.tanh(), weights, sw2, sb2, 3).withFirstVariance(0.9);
        SampledNetwork sample = SampledNetwork.sample(network, n, new SplittableRandom(3));
        int depth = 3;
        double[][][] w = new double[depth][n][n];
        double[][] b = new double[depth][];
        for (int l = 0; l < depth; l++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    w[l][i][j] = sample.weights(l + 1).get(i, j);
                }
            }
            b[l] = sample.biases(l + 1);
        }
        double[][] gram = new double[n][n];
        double step = 1e-5;
        for (int l = 0; l < depth; l++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k <= n; k++) {
                    // k < n: the weight V_ℓ,jk; k = n: the bias β_ℓ,j
                    double factor = k < n ? Math.sqrt(sw2 / n) : Math.sqrt(sb2);
                    double saved = k < n ? w[l][j][k] : b[l][j];
                    set(w, b, l, j, k, saved + step);
                    double[] plus = forward(sample.input(), w, b);
                    set(w, b, l, j, k, saved - step);
                    double[] minus = forward(sample.input(), w, b);
                    set(w, b, l, j, k, saved);
                    double[] g = new double[n];
                    for (int i = 0; i < n; i++) {
                        g[i] = factor * (plus[i] - minus[i]) / (2 * step);
                    }
                    for (int i = 0; i < n; i++) {
                        for (int i2 = 0; i2 < n; i2++) {
                            gram[i][i2] += g[i] * g[i2];
                        }
                    }
                }
            }
        }
        Matrix theta = sample.ntk();
        for (int i = 0; i < n; i++) {
            for (int i2 = 0; i2 < n; i2++) {
                assertThat(theta.get(i, i2)).as("(%d, %d)", i, i2).isCloseTo(gram[i][i2], within(1e-7));
            }
        }
    }

    private static void set(double[][][] w, double[][] b, int l, int j, int k, double value) {
        if (k < w[l].length) {
            w[l][j][k] = value;
        } else {
            b[l][j] = value;
        }
    }

    private static double[] forward(double[] x0, double[][][] w, double[][] b) {
        double[] x = x0.clone();
        double[] h = null;
        for (int l = 0; l < w.length; l++) {
            h = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double s = b[l][i];
                for (int j = 0; j < x.length; j++) {
                    s += w[l][i][j] * x[j];
                }
                h[i] = s;
            }
            x = new double[h.length];
            for (int i = 0; i < h.length; i++) {
                x[i] = Math.tanh(h[i]);
            }
        }
        return h;
    }

    @Test
    void jacobianOfOneLayerIsTheScaledDerivativeSquare() {
        // L = 1, orthogonal: JJᵀ = D W Wᵀ D = σ_w² D², eigenvalues σ_w² φ′(h₁)².
        Network network = Network.of(Activation.relu(), WeightDistribution.ORTHOGONAL, 2, 0.1, 1).withFirstVariance(1);
        SampledNetwork sample = SampledNetwork.sample(network, 30, new SplittableRandom(4));
        double[] d = sample.derivatives(1);
        double[] expected = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            expected[i] = 2 * d[i] * d[i];
        }
        java.util.Arrays.sort(expected);
        double[] e = sample.jacobianEigenvalues();
        for (int i = 0; i < e.length; i++) {
            assertThat(e[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void firstVarianceBelowTheBiasVarianceIsRejected() {
        Network network = Network.of(Activation.tanh(), WeightDistribution.GAUSSIAN, 1, 0.5, 2).withFirstVariance(0.2);
        assertThatThrownBy(() -> SampledNetwork.sample(network, 10, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("q1 = 0.2")
                .hasMessageContaining("sigma_b^2 = 0.5");
        assertThatThrownBy(() -> SampledNetwork.sample(network.withFirstVariance(1), 0, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width N");
    }
}
