package io.github.freeprob.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.LayerSpectra;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.precision.Precision;
import io.github.freeprob.sampling.Ensembles;
import io.github.freeprob.sampling.ErgodicEnsembles;
import io.github.freeprob.sampling.SampledNetwork;
import io.github.freeprob.sampling.SpectralErgodicity;
import io.github.freeprob.sampling.SpectralErgodicity.Binning;
import io.github.freeprob.sampling.SpectralErgodicity.Cascade;
import io.github.freeprob.sampling.SpectralErgodicity.Ergodicity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The large-N limits of spectral ergodicity that free probability predicts, against sampled ensembles. The
 * thresholds were measured as docs/spectral-ergodicity.md describes (10 seeds per size).
 */
class ErgodicityLimitTest {

    private static final int MEMBERS = 20;
    private static final int BINS = 10;

    private static ErgodicEnsembles.Member goe() {
        return (n, r) -> Ensembles.goe(n, 1, r).symmetricEigenvalues();
    }

    private static ErgodicEnsembles.Member wishart() {
        return (n, r) -> Ensembles.wishart(n, 0.5, r).symmetricEigenvalues();
    }

    @Test
    void binMassesOfSemicircleHaveTheirClosedForm() {
        Spectrum law = StieltjesInversion.invert(Laws.semicircle(1));
        double[] masses = ErgodicityLimit.binMasses(law, new Binning(-1, 1, 2));
        // (−∞, 0) and [0, ∞), the end bins open: ½ each by symmetry
        assertThat(masses[0]).isCloseTo(0.5, within(1e-9));
        assertThat(masses[1]).isCloseTo(0.5, within(1e-9));
        // [−2, 0) … : F(x) = ½ + (x√(4 − x²))/(4π) + arcsin(x/2)/π; bin [−1, 1) holds F(1) − F(−1)
        double[] three = ErgodicityLimit.binMasses(law, new Binning(-3, 3, 3));
        double f1 = 0.5 + Math.sqrt(3) / (4 * Math.PI) + Math.asin(0.5) / Math.PI;
        assertThat(three[1]).isCloseTo(2 * f1 - 1, within(1e-9));
        assertThat(Arrays.stream(three).sum()).isCloseTo(1, within(1e-9));
    }

    @Test
    void atomsOnAnEdgeBelongToTheBinTheyOpen() {
        Spectrum law = StieltjesInversion.invert(Laws.atoms(new double[] {0, 1}, new double[] {0.3, 0.7}));
        double[] masses = ErgodicityLimit.binMasses(law, new Binning(0, 2, 2));
        // bins (−∞, 1) and [1, ∞): the atom at the edge 1 is in the second, as a sample's eigenvalue 1 would be
        assertThat(masses[0]).isCloseTo(0.3, within(1e-9));
        assertThat(masses[1]).isCloseTo(0.7, within(1e-9));
    }

    /**
     * The ensemble mean of the bin fractions tends to the limit law's bin masses: N·TV(p̄, μ(B)) measured over seeds
     * 0–9 at N = 50, 100, 200, 400 (M = 20, B = 10) was at most 1.33 (GOE) and 1.29 (Wishart, λ = ½); the threshold is
     * 2/N, 1.5 times that.
     */
    @Test
    void ensembleMeanTendsToTheLimitLawsBinMasses() {
        Spectrum semicircle = StieltjesInversion.invert(Laws.semicircle(1));
        Spectrum mp = StieltjesInversion.invert(Laws.marchenkoPastur(0.5));
        for (long seed = 1; seed <= 3; seed++) {
            for (int n : new int[] {50, 100}) {
                double[][] g = ErgodicEnsembles.sample(goe(), n, MEMBERS, new SplittableRandom(seed));
                double[][] w = ErgodicEnsembles.sample(wishart(), n, MEMBERS, new SplittableRandom(seed));
                Binning gb = Binning.spanning(BINS, g);
                Binning wb = Binning.spanning(BINS, w);
                double tvG = ErgodicityLimit.totalVariation(SpectralErgodicity.measure(g, gb).mean(),
                        ErgodicityLimit.binMasses(semicircle, gb));
                double tvW = ErgodicityLimit.totalVariation(SpectralErgodicity.measure(w, wb).mean(),
                        ErgodicityLimit.binMasses(mp, wb));
                assertThat(tvG).as("GOE seed %d N %d", seed, n).isLessThan(ErgodicityLimit.MEAN_RULE.at(n));
                assertThat(tvW).as("Wishart seed %d N %d", seed, n).isLessThan(ErgodicityLimit.MEAN_RULE.at(n));
            }
        }
        // a wrong law is caught: the GOE ensemble against semicircle(2)
        Spectrum wrong = StieltjesInversion.invert(Laws.semicircle(2));
        double[][] g = ErgodicEnsembles.sample(goe(), 100, MEMBERS, new SplittableRandom(1));
        Binning gb = Binning.spanning(BINS, g);
        assertThat(ErgodicityLimit.totalVariation(SpectralErgodicity.measure(g, gb).mean(),
                ErgodicityLimit.binMasses(wrong, gb))).isGreaterThan(5 * ErgodicityLimit.MEAN_RULE.at(100));
    }

    /**
     * Members sharing one limit law: Ω → 0. For the GOE the variance of the number of eigenvalues on one side of a
     * bulk point is ln N/π² + O(1) (Gustavsson, Ann. IHP 2005, for β = 2 halved; Dyson–Mehta for β = 1), so each of the
     * B − 1 inner edges adds ln N/(π² N²) to the two bins it separates, and E Σ_k Ω_k ≈ (1 − 1/M) 2(B − 1) ln N/(π² N²).
     * Measured N² Σ Ω/ln N (mean of 10 seeds) 1.80, 1.87, 1.68, 1.75 at N = 50 … 400 against 1.733; the bound [0.8,
     * 1.25] of the leading term allows for the O(1/ln N) correction and the spread of a 5-seed mean.
     */
    @Test
    void ergodicityMeasureVanishesLikeLogNOverNSquared() {
        double[] mean = new double[2];
        int[] sizes = {50, 200};
        int seeds = 5;
        for (int i = 0; i < sizes.length; i++) {
            for (long seed = 1; seed <= seeds; seed++) {
                double[][] g = ErgodicEnsembles.sample(goe(), sizes[i], MEMBERS, new SplittableRandom(seed));
                mean[i] += SpectralErgodicity.measure(g, Binning.spanning(BINS, g)).total() / seeds;
            }
        }
        double slope = Math.log(mean[1] / mean[0]) / Math.log(4);
        assertThat(slope).as("d log Ω / d log N").isLessThan(-1.5);
        double leading = (1 - 1.0 / MEMBERS) * 2 * (BINS - 1) / (Math.PI * Math.PI);
        double measured = mean[1] * 200 * 200 / Math.log(200);
        assertThat(measured / leading).as("N² Ω / ln N against its leading term").isBetween(0.8, 1.25);
    }

    /**
     * Layers of a network whose q^ℓ changes with depth do not share a law: Ω of the layer ensemble tends to the
     * variance of the layers' limit masses. Hard tanh, Gaussian weights, q¹ = 3 (q* = 0.73), L = 4: measured
     * √N·|Σ Ω_N − Σ Ω_∞| over seeds 0–9 at most 0.060, 0.042, 0.040 at N = 100, 200, 400; threshold 0.1/√N.
     * The layer laws' moments agree with the exact moment engine to 1e-8 (measured: 1e-15).
     */
    @Test
    void layerEnsembleOfANetworkTendsToTheFreeProbabilityLimit() {
        Network network = Network.of(Activation.hardTanh(), WeightDistribution.GAUSSIAN, 1.5, 0.05, 4)
                .withFirstVariance(3);
        LayerSpectra layers = LayerSpectra.of(network);
        List<Spectrum> laws = new ArrayList<>();
        for (int l = 1; l <= network.depth(); l++) {
            Measure law = layers.layerJacobianLaw(l);
            Spectrum spectrum = StieltjesInversion.invert(law);
            laws.add(spectrum);
            double[] exact = layers.exactLayerJacobianMoments(l, 7, Precision.ofDigits(30)).toDoubleArray();
            double[] numerical = spectrum.moments(6);
            for (int k = 1; k <= 6; k++) {
                assertThat(numerical[k]).as("layer %d moment %d", l, k).isCloseTo(exact[k],
                        within(1e-8 * exact[k]));
            }
        }
        int n = 200;
        for (long seed = 1; seed <= 2; seed++) {
            SampledNetwork sampled = SampledNetwork.sample(network, n, new SplittableRandom(seed));
            Cascade cascade = SpectralErgodicity.cascade(ErgodicEnsembles.layerJacobianSpectra(sampled), BINS,
                    SpectralErgodicity.DEFAULT_SHIFT);
            double[][] masses = ErgodicityLimit.binMasses(laws, cascade.binning());
            double limit = Arrays.stream(ErgodicityLimit.omega(masses)).sum();
            double sampledOmega = Arrays.stream(cascade.omegas()[network.depth() - 1]).sum();
            assertThat(limit).as("the layers differ in the limit").isGreaterThan(1e-3);
            assertThat(Math.abs(sampledOmega - limit)).as("seed %d", seed)
                    .isLessThan(ErgodicityLimit.LAYER_RULE.at(n));
        }
        // weights are i.i.d. across layers: their limit Ω is 0 whatever the bins
        Spectrum weights = StieltjesInversion.invert(layers.weightLaw());
        double[] exactWeights = layers.exactWeightMoments(7, Precision.ofDigits(30)).toDoubleArray();
        double[] numericalWeights = weights.moments(6);
        for (int k = 1; k <= 6; k++) {
            // (σ_w²·)_*mp(1): m_k = σ_w^{2k} · Catalan(k)
            assertThat(numericalWeights[k]).as("weight moment %d", k).isCloseTo(exactWeights[k],
                    within(1e-8 * exactWeights[k]));
        }
        assertThat(exactWeights[3]).isCloseTo(Math.pow(1.5, 3) * 5, within(1e-12));
        double[][] same = ErgodicityLimit.binMasses(List.of(weights, weights, weights), new Binning(0, 6, BINS));
        assertThat(ErgodicityLimit.omega(same)).containsOnly(0.0);
        assertThat(ErgodicityLimit.cascade(same, SpectralErgodicity.DEFAULT_SHIFT)).containsOnly(0.0);
    }

    @Test
    void mixedEnsembleSharesTheLimitLaw() {
        Spectrum semicircle = StieltjesInversion.invert(Laws.semicircle(1));
        double[][] mixed = ErgodicEnsembles.mixed(goe(), 100, 0.8, MEMBERS, new SplittableRandom(5));
        Binning bins = Binning.spanning(BINS, mixed);
        Ergodicity e = SpectralErgodicity.measure(mixed, bins);
        // members of size about 80 extended to 100: the rule at the mean size Np = 80
        assertThat(ErgodicityLimit.totalVariation(e.mean(), ErgodicityLimit.binMasses(semicircle, bins)))
                .isLessThan(ErgodicityLimit.MEAN_RULE.at(80));
    }
}
