package io.github.freeprob.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.LayerSpectra;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.sampling.Ensembles;
import io.github.freeprob.sampling.ErgodicEnsembles;
import io.github.freeprob.sampling.SampledNetwork;
import io.github.freeprob.sampling.SpectralErgodicity;
import io.github.freeprob.sampling.SpectralErgodicity.Binning;
import io.github.freeprob.sampling.SpectralErgodicity.Cascade;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The measurement behind {@link ErgodicityLimit#MEAN_RULE} and {@link ErgodicityLimit#LAYER_RULE}: seeds 0–9 at every
 * N, the largest scaled distance printed (the numbers quoted in docs/spectral-ergodicity.md) and held below the rule's
 * constant. Slow (about a minute): {@code mvn -o test -Dgroups=slow -Dtest=ErgodicityThresholdsTest}.
 */
@Tag("slow")
class ErgodicityThresholdsTest {

    private static final int SEEDS = 10;

    @Test
    void meanRuleOverSeedsAndSizes() {
        Spectrum semicircle = StieltjesInversion.invert(Laws.semicircle(1));
        Spectrum mp = StieltjesInversion.invert(Laws.marchenkoPastur(0.5));
        ErgodicEnsembles.Member goe = (n, r) -> Ensembles.goe(n, 1, r).symmetricEigenvalues();
        ErgodicEnsembles.Member wishart = (n, r) -> Ensembles.wishart(n, 0.5, r).symmetricEigenvalues();
        for (int n : new int[] {50, 100, 200, 400}) {
            double[] worst = new double[2];
            double[] omegaMean = new double[2];
            for (int seed = 0; seed < SEEDS; seed++) {
                for (int c = 0; c < 2; c++) {
                    double[][] e = ErgodicEnsembles.sample(c == 0 ? goe : wishart, n, 20, new SplittableRandom(seed));
                    Binning b = Binning.spanning(10, e);
                    SpectralErgodicity.Ergodicity erg = SpectralErgodicity.measure(e, b);
                    double tv = ErgodicityLimit.totalVariation(erg.mean(),
                            ErgodicityLimit.binMasses(c == 0 ? semicircle : mp, b));
                    worst[c] = Math.max(worst[c], n * tv);
                    omegaMean[c] += erg.total() / SEEDS;
                }
            }
            System.out.printf(Locale.ROOT, "N = %d: max N*TV GOE %.3f, Wishart %.3f; N^2 Omega / ln N GOE %.3f,"
                    + " Wishart %.3f%n", n, worst[0], worst[1], omegaMean[0] * n * n / Math.log(n),
                    omegaMean[1] * n * n / Math.log(n));
            assertThat(worst[0]).as("GOE").isLessThan(ErgodicityLimit.MEAN_RULE.constant());
            assertThat(worst[1]).as("Wishart").isLessThan(ErgodicityLimit.MEAN_RULE.constant());
        }
    }

    @Test
    void layerRuleOverSeedsAndSizes() {
        Network network = Network.of(Activation.hardTanh(), WeightDistribution.GAUSSIAN, 1.5, 0.05, 4)
                .withFirstVariance(3);
        LayerSpectra layers = LayerSpectra.of(network);
        List<Spectrum> laws = new ArrayList<>();
        for (int l = 1; l <= network.depth(); l++) {
            laws.add(StieltjesInversion.invert(layers.layerJacobianLaw(l)));
        }
        for (int n : new int[] {100, 200, 400}) {
            double worst = 0;
            for (int seed = 0; seed < SEEDS; seed++) {
                SampledNetwork s = SampledNetwork.sample(network, n, new SplittableRandom(seed));
                Cascade c = SpectralErgodicity.cascade(ErgodicEnsembles.layerJacobianSpectra(s), 10,
                        SpectralErgodicity.DEFAULT_SHIFT);
                double limit = Arrays.stream(ErgodicityLimit.omega(ErgodicityLimit.binMasses(laws, c.binning())))
                        .sum();
                double sampled = Arrays.stream(c.omegas()[network.depth() - 1]).sum();
                worst = Math.max(worst, Math.sqrt(n) * Math.abs(sampled - limit));
            }
            System.out.printf(Locale.ROOT, "N = %d: max sqrt(N)*|Omega - Omega_limit| %.4f%n", n, worst);
            assertThat(worst).isLessThan(ErgodicityLimit.LAYER_RULE.constant());
        }
    }
}
