package io.github.freeprob.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.network.Mixer;
import io.github.freeprob.network.MixerSpectrum;
import io.github.freeprob.network.Mixing;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.sampling.SampledMixer;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mixer Jacobian spectra against sampled mixers, held to {@link FiniteSizeRule#MIXER} at the pooled count n = draws·N
 * (docs/mixer.md): the free law for the dense MLP and the random-permuted mixer, the tensor law (and not the free one)
 * for the plain linear mixer. {@code measureConstants} (slow) is the measurement behind the rule:
 * {@code mvn -o test -Dgroups=slow -Dtest=SampledMixersTest} (system properties mixer.draws, mixer.seeds and
 * mixer.cases change the configuration; the defaults are the rule's: 4 draws, 20 seeds, four settings).
 */
class SampledMixersTest {

    static final int SIDE = 16;
    static final int DRAWS = Integer.getInteger("mixer.draws", 4);

    /** relu at sigma_w^2 = 2, sigma_b^2 = 0 from q1 = 1; linear at sigma_w^2 = 1; tanh on the critical line at q* = 0.5. */
    static Mixer mixer(String activation, WeightDistribution weights, int blocks, int side) {
        Activation phi = Activation.named(activation);
        int depth = Mixer.depthOf(blocks);
        Network network = switch (activation) {
            case "relu" -> Network.of(phi, weights, 2, 0, depth).withFirstVariance(1);
            case "linear" -> Network.of(phi, weights, 1, 0, depth).withFirstVariance(1);
            default -> {
                double[] point = MeanField.criticalPoint(phi, 0.5);
                yield Network.of(phi, weights, point[0], point[1], depth);
            }
        };
        return Mixer.of(network, side, side);
    }

    static double[] pooled(Mixer mixer, Mixing mixing, long seed) {
        return pooled(mixer, mixing, seed, DRAWS);
    }

    static double[] pooled(Mixer mixer, Mixing mixing, long seed, int draws) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = mixer.effectiveWidth();
        double[] all = new double[draws * n];
        for (int s = 0; s < draws; s++) {
            System.arraycopy(SampledMixer.sample(mixer, mixing, random).jacobianEigenvalues(), 0, all, s * n, n);
        }
        return all;
    }

    static final int DISCRIMINATING_DRAWS = 16;

    static Comparison compare(Spectrum law, double[] moments, double[] sample) {
        return Comparison.of(law, moments, sample, FiniteSizeRule.MIXER);
    }

    @Test
    void linearPlainMixerFollowsTheTensorLawAndNotTheFreeOne() {
        // Linear steps, Gaussian weights, S = C = 16, one block, 16 draws pooled (n = 4096). The laws differ (m₂ = 9
        // tensor, 5 free; docs/mixer.md). Over 5 seeds (1000–1004) at this size the plain mixer's distances to the free
        // law were c = d·√n ≥ 3.87 (Lévy), 23.1 (rel. W₁), 125 (edge), beyond the rule's 2.7, 15.6, 96, and to the tensor
        // law ≤ 1.37, 5.85, 13.1; the permuted mixer's to the free law ≤ 0.80, 5.58, 37.5.
        Mixer mixer = mixer("linear", WeightDistribution.GAUSSIAN, 1, SIDE);
        MixerSpectrum prediction = MixerSpectrum.of(mixer);
        Spectrum free = prediction.free().spectrum();
        double[] freeMoments = prediction.free().moments(3);
        Spectrum tensor = prediction.tensorSpectrum();
        double[] tensorMoments = prediction.tensorLaw().moments(3);

        double[] plain = pooled(mixer, Mixing.PLAIN, 17, DISCRIMINATING_DRAWS);
        Comparison plainTensor = compare(tensor, tensorMoments, plain);
        Comparison plainFree = compare(free, freeMoments, plain);
        assertThat(plainTensor.breaches()).as("plain vs tensor: %s", plainTensor).isEmpty();
        assertThat(plainFree.breaches()).as("plain vs free: %s", plainFree)
                .anyMatch(b -> b.startsWith("Levy distance")).anyMatch(b -> b.startsWith("relative Wasserstein"));

        double[] permuted = pooled(mixer, Mixing.PERMUTED, 18, DISCRIMINATING_DRAWS);
        Comparison permutedFree = compare(free, freeMoments, permuted);
        Comparison permutedTensor = compare(tensor, tensorMoments, permuted);
        assertThat(permutedFree.breaches()).as("permuted vs free: %s", permutedFree).isEmpty();
        // (the permuted mixer against the tensor law measured c ≥ 2.52 (Lévy), just under the threshold 2.7: the rule
        // cannot reject it at this size, but it is much closer to the free law)
        assertThat(permutedFree.levy()).as("permuted: %s vs %s", permutedFree, permutedTensor)
                .isLessThan(0.5 * permutedTensor.levy());

        double[] dense = pooled(mixer, Mixing.DENSE, 19, 4);
        Comparison denseFree = compare(free, freeMoments, dense);
        assertThat(denseFree.breaches()).as("dense vs free: %s", denseFree).isEmpty();
    }

    static Stream<Arguments> nonlinear() {
        return Stream.of(
                Arguments.of("relu", WeightDistribution.GAUSSIAN),
                Arguments.of("relu", WeightDistribution.ORTHOGONAL),
                Arguments.of("tanh", WeightDistribution.ORTHOGONAL));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("nonlinear")
    void permutedAndDenseMixersFollowTheFreeLaw(String activation, WeightDistribution weights) {
        // 4 draws of S = C = 16, as the rule was measured (with other seeds: 1000–1019 there, 23 and 29 here).
        Mixer mixer = mixer(activation, weights, 1, SIDE);
        MixerSpectrum prediction = MixerSpectrum.of(mixer);
        Spectrum free = prediction.free().spectrum();
        double[] moments = prediction.free().moments(3);
        for (Mixing mixing : new Mixing[] {Mixing.PERMUTED, Mixing.DENSE}) {
            Comparison c = compare(free, moments, pooled(mixer, mixing, mixing == Mixing.PERMUTED ? 23 : 29, DRAWS));
            assertThat(c.breaches()).as("%s %s: %s", mixing, mixer, c).isEmpty();
        }
    }

    @Test
    @Tag("slow")
    void measureConstants() {
        String[][] cases = Arrays.stream(System.getProperty("mixer.cases",
                "linear:gaussian,relu:gaussian,relu:orthogonal,tanh:orthogonal").split(",")).map(x -> x.split(":"))
                .toArray(String[][]::new);
        Thresholds unit = new Thresholds(1, 1, 1, 1, 2);
        for (String[] c : cases) {
            Mixer mixer = mixer(c[0], WeightDistribution.named(c[1]), 1, SIDE);
            MixerSpectrum prediction = MixerSpectrum.of(mixer);
            Spectrum free = prediction.free().spectrum();
            double[] freeMoments = prediction.free().moments(5);
            Spectrum tensor = prediction.tensorSpectrum();
            double[] tensorMoments = prediction.tensorLaw().moments(5);
            for (Mixing mixing : Mixing.values()) {
                double[][] max = new double[2][5];
                double[][] min = new double[2][5];
                for (double[] row : min) {
                    Arrays.fill(row, Double.POSITIVE_INFINITY);
                }
                for (long seed = 0; seed < Integer.getInteger("mixer.seeds", 20); seed++) {
                    double[] e = pooled(mixer, mixing, 1000 + seed);
                    double root = Math.sqrt(e.length);
                    Comparison[] cs = {Comparison.of(free, freeMoments, e, unit), Comparison.of(tensor, tensorMoments, e, unit)};
                    for (int k = 0; k < 2; k++) {
                        double[] m = cs[k].momentErrors();
                        double[] d = {cs[k].levy(), cs[k].relativeWasserstein(), m[0], m[1],
                            Math.abs(cs[k].relativeEdgeError())};
                        for (int i = 0; i < d.length; i++) {
                            max[k][i] = Math.max(max[k][i], d[i] * root);
                            min[k][i] = Math.min(min[k][i], d[i] * root);
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "MEASURED %s %s %s: largest c vs free %s, vs tensor %s;"
                        + " smallest c vs free %s, vs tensor %s%n", c[0], c[1], mixing, Arrays.toString(round(max[0])),
                        Arrays.toString(round(max[1])), Arrays.toString(round(min[0])), Arrays.toString(round(min[1])));
            }
        }
    }

    static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 100) / 100.0).toArray();
    }
}
