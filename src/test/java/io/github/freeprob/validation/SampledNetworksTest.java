package io.github.freeprob.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.JacobianSpectrum;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.NtkSpectrum;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.sampling.SampledNetwork;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jacobian and NTK spectra of networks at initialisation against sampled networks, held to
 * {@link FiniteSizeRule#JACOBIAN} and {@link FiniteSizeRule#NTK}: thresholds c·n^(−1/2) for n = S·N pooled eigenvalues of S independent draws. The
 * exponent ½ is that of the sampled marginals (the fraction of active units, the realised q^ℓ); the constants are
 * about 1.5–3 times the largest c measured over 2 seeds × N = 250, 500 on relu, hard tanh and tanh with both weight
 * ensembles (docs/validation.md). Pooling S = 4 draws of N = 250 averages those fluctuations down by 2.
 */
class SampledNetworksTest {

    static final int N = 250;
    static final int DRAWS = 4;

    /** Critical (χ = 1) networks: relu at σ_w² = 2, σ_b² = 0 from q¹ = 1; tanh and hard tanh on the critical line at q* = 0.5. */
    static Network critical(String activation, WeightDistribution weights, int depth) {
        Activation phi = Activation.named(activation);
        if (activation.equals("relu")) {
            return Network.of(phi, weights, 2, 0, depth).withFirstVariance(1);
        }
        double[] point = MeanField.criticalPoint(phi, 0.5);
        return Network.of(phi, weights, point[0], point[1], depth);
    }

    static Stream<Arguments> jacobians() {
        return Stream.of(
                Arguments.of("relu", WeightDistribution.ORTHOGONAL, 3),
                Arguments.of("relu", WeightDistribution.GAUSSIAN, 3),
                Arguments.of("hard_tanh", WeightDistribution.ORTHOGONAL, 3),
                Arguments.of("hard_tanh", WeightDistribution.GAUSSIAN, 2),
                Arguments.of("tanh", WeightDistribution.ORTHOGONAL, 3),
                Arguments.of("tanh", WeightDistribution.GAUSSIAN, 2));
    }

    static Stream<Arguments> ntks() {
        return Stream.of(
                Arguments.of("relu", WeightDistribution.ORTHOGONAL, 2),
                Arguments.of("relu", WeightDistribution.GAUSSIAN, 2),
                Arguments.of("hard_tanh", WeightDistribution.ORTHOGONAL, 2),
                Arguments.of("hard_tanh", WeightDistribution.GAUSSIAN, 2),
                Arguments.of("tanh", WeightDistribution.ORTHOGONAL, 3),
                Arguments.of("tanh", WeightDistribution.GAUSSIAN, 2));
    }

    static double[] pooled(Network network, int n, long seed, Function<SampledNetwork, double[]> spectrum) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] all = new double[0];
        for (int s = 0; s < DRAWS; s++) {
            double[] e = spectrum.apply(SampledNetwork.sample(network, n, random));
            double[] joined = Arrays.copyOf(all, all.length + e.length);
            System.arraycopy(e, 0, joined, all.length, e.length);
            all = joined;
        }
        return all;
    }

    @ParameterizedTest(name = "{0} {1} L = {2}")
    @MethodSource("jacobians")
    void jacobianSpectraMatchTheFreeProduct(String activation, WeightDistribution weights, int depth) {
        Network network = critical(activation, weights, depth);
        JacobianSpectrum prediction = JacobianSpectrum.of(network);
        double[] e = pooled(network, N, 17, SampledNetwork::jacobianEigenvalues);
        Comparison c = Comparison.of(prediction.spectrum(), prediction.moments(5), e, FiniteSizeRule.JACOBIAN);
        assertThat(c.breaches()).as("%s: %s", network, c).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} L = {2}")
    @MethodSource("ntks")
    void ntkSpectraMatchTheRecursion(String activation, WeightDistribution weights, int depth) {
        Network network = critical(activation, weights, depth);
        NtkSpectrum prediction = NtkSpectrum.of(network);
        Spectrum spectrum = prediction.spectrum();
        double[] e = pooled(network, N, 23, SampledNetwork::ntkEigenvalues);
        Comparison c = Comparison.of(spectrum, prediction.law().moments(5), e, FiniteSizeRule.NTK);
        assertThat(c.breaches()).as("%s: %s", network, c).isEmpty();
    }

    @Test
    void aWrongDepthIsRejected() {
        // The comparison can fail: a depth-3 relu Jacobian sample against the depth-2 prediction (its ⊠ with one
        // layer fewer) breaches the thresholds.
        Network network = critical("relu", WeightDistribution.ORTHOGONAL, 3);
        JacobianSpectrum wrong = JacobianSpectrum.of(network.withDepth(2));
        double[] e = pooled(network, N, 17, SampledNetwork::jacobianEigenvalues);
        Comparison c = Comparison.of(wrong.spectrum(), wrong.moments(5), e, FiniteSizeRule.JACOBIAN);
        assertThat(c.passed()).as("%s", c).isFalse();
    }

    static Stream<Arguments> freeness() {
        return Stream.of(
                Arguments.of("relu", WeightDistribution.ORTHOGONAL),
                Arguments.of("tanh", WeightDistribution.ORTHOGONAL),
                Arguments.of("hard_tanh", WeightDistribution.GAUSSIAN));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("freeness")
    void layerJacobiansAreAsymptoticallyFree(String activation, WeightDistribution weights) {
        // Mixed moments (1/N) tr((D₂² W₂ D₁² W₂ᵀ)^k), k ≤ 4, against the free product of the sampled marginals.
        // The defect is O(1/N) (Hayase and Collins 2023); measured N·(relative error) up to 12 at N = 400 (hard tanh,
        // Gaussian weights, seed 0). Bound: 20/N at N = 400, and the mean error over 3 seeds must shrink from
        // N = 100 to N = 400 (convergence).
        Network network = critical(activation, weights, 2);
        double small = 0;
        double large = 0;
        for (long seed = 0; seed < 3; seed++) {
            AsymptoticFreeness atSmall = AsymptoticFreeness.of(SampledNetwork.sample(network, 100,
                    new SplittableRandom(seed)), 2, 4);
            AsymptoticFreeness atLarge = AsymptoticFreeness.of(SampledNetwork.sample(network, 400,
                    new SplittableRandom(seed)), 2, 4);
            small += atSmall.largestRelativeError() / 3;
            large += atLarge.largestRelativeError() / 3;
            assertThat(atLarge.largestRelativeError()).as("seed %d: sampled %s, free %s", seed,
                    Arrays.toString(atLarge.sampled()), Arrays.toString(atLarge.free())).isLessThan(20.0 / 400);
        }
        assertThat(large).as("mean error at N = 400 vs N = 100").isLessThan(small);
    }

    @Test
    @Tag("slow")
    void networkDistancesShrinkWithN() {
        // relu orthogonal Jacobian, L = 3, at N = 250 … 2000: Lévy slope about −½ (sampled marginals).
        Network network = critical("relu", WeightDistribution.ORTHOGONAL, 3);
        Spectrum spectrum = JacobianSpectrum.of(network).spectrum();
        FiniteSizeScaling scaling = FiniteSizeScaling.measure(spectrum, new int[] {250, 500, 1000, 2000},
                (n, r) -> SampledNetwork.sample(network, n, r).jacobianEigenvalues(), new SplittableRandom(3));
        System.out.println(scaling);
        assertThat(scaling.levySlope()).as("%s", scaling).isLessThan(-0.2);
    }
}
