package io.github.freeprob.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.freeprob.network.Activation;
import io.github.freeprob.network.Mixer;
import io.github.freeprob.network.Mixing;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sampled mixer's steps are the matrices docs/mixer.md defines: exact identities at finite size (the Kronecker
 * actions on vec(X), permutations that only move entries, orthogonal linear stacks with JJᵀ = σ_w^{2L} I).
 */
class SampledMixerTest {

    static final int S = 3;
    static final int C = 5;

    static Mixer mixer(Activation activation, WeightDistribution weights, double sigmaW2) {
        return Mixer.of(Network.of(activation, weights, sigmaW2, 0, 4).withFirstVariance(1), S, C);
    }

    /** X as vec(X): x_{jS+i} = X_ij. */
    static double[] vec(double[][] x) {
        double[] v = new double[S * C];
        for (int i = 0; i < S; i++) {
            for (int j = 0; j < C; j++) {
                v[j * S + i] = x[i][j];
            }
        }
        return v;
    }

    static double[][] random(int rows, int cols, SplittableRandom random) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return a;
    }

    @Test
    void tokenStepIsLeftMultiplicationAndPlainChannelStepRight() {
        // The step draws its weight first: the same seed gives the same W (V), read back from the step's block.
        Mixer mixer = mixer(Activation.linear(), WeightDistribution.GAUSSIAN, 1);
        double[][] x = random(S, C, new SplittableRandom(1));
        Matrix token = SampledMixer.tokenStep(mixer, new SplittableRandom(2));
        double[][] w = new double[S][S];
        for (int i = 0; i < S; i++) {
            for (int k = 0; k < S; k++) {
                w[i][k] = token.get(i, k);
            }
        }
        double[][] wx = new double[S][C];
        for (int i = 0; i < S; i++) {
            for (int j = 0; j < C; j++) {
                for (int k = 0; k < S; k++) {
                    wx[i][j] += w[i][k] * x[k][j];
                }
            }
        }
        assertClose(SampledNetwork.times(token, vec(x)), vec(wx));

        Matrix channel = SampledMixer.channelStep(mixer, Mixing.PLAIN, new SplittableRandom(3));
        // (Vᵀ ⊗ I_S)_{(jS+i),(kS+i)} = V_kj
        double[][] v = new double[C][C];
        for (int k = 0; k < C; k++) {
            for (int j = 0; j < C; j++) {
                v[k][j] = channel.get(j * S, k * S);
            }
        }
        double[][] xv = new double[S][C];
        for (int i = 0; i < S; i++) {
            for (int j = 0; j < C; j++) {
                for (int k = 0; k < C; k++) {
                    xv[i][j] += x[i][k] * v[k][j];
                }
            }
        }
        assertClose(SampledNetwork.times(channel, vec(x)), vec(xv));
        // the weights have the stated scale: entries N(0, σ_w²/S) and N(0, σ_w²/C) — not checked statistically here,
        // but the block structure is exact: all other entries are 0
        int nonZero = 0;
        for (double value : channel.toArray()) {
            nonZero += value != 0 ? 1 : 0;
        }
        assertThat(nonZero).isEqualTo(S * C * C);
    }

    @Test
    void permutedChannelStepMovesTheEntriesOfIdentityTensorV() {
        // J₁(I_S ⊗ V)J₂ has the entries of S copies of V, C per row and per column, and differs from the plain step.
        Mixer mixer = mixer(Activation.linear(), WeightDistribution.GAUSSIAN, 1);
        Matrix permuted = SampledMixer.channelStep(mixer, Mixing.PERMUTED, new SplittableRandom(4));
        Matrix plain = SampledMixer.channelStep(mixer, Mixing.PLAIN, new SplittableRandom(4));
        int n = S * C;
        double[] values = Arrays.stream(permuted.toArray()).filter(v -> v != 0).sorted().toArray();
        double[] expected = Arrays.stream(plain.toArray()).filter(v -> v != 0).sorted().toArray();
        assertThat(values).containsExactly(expected);
        for (int r = 0; r < n; r++) {
            int row = 0;
            int col = 0;
            for (int q = 0; q < n; q++) {
                row += permuted.get(r, q) != 0 ? 1 : 0;
                col += permuted.get(q, r) != 0 ? 1 : 0;
            }
            assertThat(row).isEqualTo(C);
            assertThat(col).isEqualTo(C);
        }
    }

    @Test
    void permutationsAreUniform() {
        // Fisher–Yates: over 60 000 permutations of 4 elements each of the 24 orders has probability 1/24; the
        // standard deviation of a count is √(60000·(1/24)(23/24)) ≈ 49, so ±250 is five standard deviations.
        SplittableRandom random = new SplittableRandom(5);
        int[] counts = new int[24];
        for (int t = 0; t < 60_000; t++) {
            int[] p = SampledMixer.permutation(4, random);
            counts[rank(p)]++;
        }
        for (int count : counts) {
            assertThat(count).isCloseTo(2500, within(250));
        }
    }

    private static int rank(int[] p) {
        int r = 0;
        boolean[] used = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            int smaller = 0;
            for (int k = 0; k < p[i]; k++) {
                smaller += used[k] ? 0 : 1;
            }
            used[p[i]] = true;
            r = r * (p.length - i) + smaller;
        }
        return r;
    }

    @ParameterizedTest
    @EnumSource(Mixing.class)
    void linearOrthogonalStacksAreScaledIsometries(Mixing mixing) {
        // Every step is σ_w times an orthogonal matrix and D = I: JJᵀ = σ_w^{2L} I, L = 4, σ_w² = 1.5.
        Mixer mixer = mixer(Activation.linear(), WeightDistribution.ORTHOGONAL, 1.5);
        double[] e = SampledMixer.sample(mixer, mixing, new SplittableRandom(6)).jacobianEigenvalues();
        assertThat(e).hasSize(S * C);
        for (double v : e) {
            assertThat(v).isCloseTo(Math.pow(1.5, 4), within(1e-12));
        }
    }

    @Test
    void reluJacobianHasTheRankOfItsLastDerivative() {
        // J = D₄ M₄ ⋯: JJᵀ has at least as many zero eigenvalues as D₄ has zeros.
        Mixer mixer = mixer(Activation.relu(), WeightDistribution.GAUSSIAN, 2);
        SampledMixer sample = SampledMixer.sample(mixer, Mixing.PLAIN, new SplittableRandom(7));
        Matrix j = sample.jacobian();
        int zeroRows = 0;
        for (int r = 0; r < S * C; r++) {
            boolean zero = true;
            for (int q = 0; q < S * C; q++) {
                zero &= j.get(r, q) == 0;
            }
            zeroRows += zero ? 1 : 0;
        }
        long zeros = Arrays.stream(sample.jacobianEigenvalues()).filter(v -> Math.abs(v) < 1e-12).count();
        assertThat(zeros).isGreaterThanOrEqualTo(zeroRows);
        assertThat(sample.toString()).contains("plain");
    }

    @Test
    void inputBelowTheBiasVarianceIsRejected() {
        Network network = Network.of(Activation.tanh(), WeightDistribution.GAUSSIAN, 1, 0.5, 4).withFirstVariance(0.1);
        Mixer mixer = Mixer.of(network, S, C);
        assertThatThrownBy(() -> SampledMixer.sample(mixer, Mixing.PERMUTED, new SplittableRandom(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("q1 = 0.1");
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], within(1e-12 * (1 + Math.abs(expected[i]))));
        }
    }
}
