package io.github.freeprob.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.freeprob.sampling.SpectralErgodicity.Binning;
import io.github.freeprob.sampling.SpectralErgodicity.Cascade;
import io.github.freeprob.sampling.SpectralErgodicity.Ergodicity;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spectral ergodicity statistics on hand-made spectra with closed-form values, their properties over seeded
 * random vectors, and the errors on bad input. Tolerances of closed forms are a few ulps of the sums involved (1e-15).
 */
class SpectralErgodicityTest {

    private static final double LOG2_3_OVER_2 = Math.log(1.5) / Math.log(2);

    @Test
    void symmetricKlOfTwoKnownHistograms() {
        // Σ (p − q) log₂(p/q) with p = (½, ½), q = (¼, ¾): ¼·log₂ 2 + (−¼)·log₂(2/3) = ¼ + ¼ log₂(3/2)
        double d = SpectralErgodicity.symmetricKl(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}, 0);
        assertThat(d).isCloseTo(0.25 + 0.25 * LOG2_3_OVER_2, within(1e-15));
        // KL(p‖q) + KL(q‖p) written out term by term
        double klPq = 0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75);
        double klQp = 0.25 * Math.log(0.25 / 0.5) + 0.75 * Math.log(0.75 / 0.5);
        assertThat(d).isCloseTo((klPq + klQp) / Math.log(2), within(1e-15));
    }

    @Test
    void shiftKeepsEmptyBinsFinite() {
        double[] a = {0.5, 0.5, 0};
        double[] b = {0.5, 0.25, 0.25};
        assertThat(SpectralErgodicity.symmetricKl(a, b, 0)).isInfinite();
        double eps = 1e-9;
        // (½ − ¼) log₂((½ + ε)/(¼ + ε)) + (0 − ¼) log₂(ε/(¼ + ε))
        double expected = (0.25 * Math.log((0.5 + eps) / (0.25 + eps)) - 0.25 * Math.log(eps / (0.25 + eps)))
                / Math.log(2);
        assertThat(SpectralErgodicity.symmetricKl(a, b, eps)).isCloseTo(expected, within(1e-14));
        // bins empty in both vectors contribute nothing, with or without the shift
        assertThat(SpectralErgodicity.symmetricKl(new double[] {0, 1}, new double[] {0, 1}, 0)).isZero();
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 12);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void symmetricKlIsSymmetricNonNegativeAndZeroOnlyForEqualVectors(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(20);
        double[] a = new double[n];
        double[] b = new double[n];
        for (int k = 0; k < n; k++) {
            a[k] = random.nextDouble() < 0.2 ? 0 : random.nextDouble();
            b[k] = random.nextDouble() < 0.2 ? 0 : random.nextDouble();
        }
        double eps = SpectralErgodicity.DEFAULT_SHIFT;
        double ab = SpectralErgodicity.symmetricKl(a, b, eps);
        assertThat(ab).as("seed %d", seed).isEqualTo(SpectralErgodicity.symmetricKl(b, a, eps));
        assertThat(ab).as("seed %d", seed).isGreaterThanOrEqualTo(0);
        assertThat(SpectralErgodicity.symmetricKl(a, a, eps)).as("seed %d", seed).isZero();
        if (!Arrays.equals(a, b)) {
            assertThat(ab).as("seed %d", seed).isPositive();
        }
    }

    @Test
    void ergodicityMeasureOfTwoHandMadeMembers() {
        Binning bins = new Binning(0, 2, 2);
        // fractions (½, ½) and (¼, ¾): mean (3/8, 5/8), Ω_k = ((1/8)² + (1/8)²)/2 = 1/64
        double[][] members = {{0.5, 0.5, 1.5, 1.5}, {0.5, 1.5, 1.5, 1.5}};
        Ergodicity e = SpectralErgodicity.measure(members, bins);
        assertThat(e.mean()).containsExactly(3.0 / 8, 5.0 / 8);
        assertThat(e.omega()).containsExactly(1.0 / 64, 1.0 / 64);
        assertThat(e.total()).isEqualTo(1.0 / 32);
        assertThat(e.members()).isEqualTo(2);
        // a member of another size with the same fractions changes nothing: Ω compares fractions, not counts
        double[][] withLonger = {{0.5, 0.5, 1.5, 1.5}, {0.5, 1.5, 1.5, 1.5}, {0.5, 0.5, 0.5, 1.5, 1.5, 1.5}};
        assertThat(SpectralErgodicity.measure(withLonger, bins).mean()[0]).isCloseTo((0.5 + 0.25 + 0.5) / 3,
                within(1e-15));
    }

    @Test
    void identicalEnsemblesHaveZeroMeasureAndZeroDistance() {
        SplittableRandom random = new SplittableRandom(3);
        double[] spectrum = Ensembles.goe(40, 1, random).symmetricEigenvalues();
        double[][] same = {spectrum, spectrum.clone(), spectrum.clone()};
        Binning bins = Binning.spanning(10, same);
        Ergodicity e = SpectralErgodicity.measure(same, bins);
        assertThat(e.omega()).containsOnly(0.0);
        assertThat(SpectralErgodicity.distance(e, e, SpectralErgodicity.DEFAULT_SHIFT)).isZero();
        double[][] other = ErgodicEnsembles.sample((n, r) -> Ensembles.goe(n, 1, r).symmetricEigenvalues(), 40, 3,
                new SplittableRandom(4));
        Binning common = Binning.spanning(10, spectrum, other[0], other[1], other[2]);
        double d = SpectralErgodicity.distance(SpectralErgodicity.measure(same, common),
                SpectralErgodicity.measure(other, common), SpectralErgodicity.DEFAULT_SHIFT);
        assertThat(d).as("identical members against independent ones").isPositive();
    }

    @Test
    void periodicExtensionRepeatsTheSpectrumAndSpreadsTheRemainder() {
        // n = 3 to 7 = 2·3 + 1: two copies and the eigenvalue of rank ⌊½·3/1⌋ = 1 (the median)
        assertThat(SpectralErgodicity.periodic(new double[] {3, 1, 2}, 7)).containsExactly(1, 1, 2, 2, 2, 3, 3);
        // n = 4 to 6: one copy and ranks ⌊½·4/2⌋ = 1, ⌊1½·4/2⌋ = 3
        assertThat(SpectralErgodicity.periodic(new double[] {10, 20, 30, 40}, 6))
                .containsExactly(10, 20, 20, 30, 40, 40);
        assertThat(SpectralErgodicity.periodic(new double[] {2, 1}, 2)).containsExactly(1, 2);
        double[][] aligned = SpectralErgodicity.periodic(new double[][] {{1, 2}, {5, 6, 7, 8, 9}});
        assertThat(aligned[0]).hasSize(5);
        assertThat(aligned[1]).containsExactly(5, 6, 7, 8, 9);
    }

    @Test
    void cascadeOfTwoLayersHasItsClosedForm() {
        double eps = SpectralErgodicity.DEFAULT_SHIFT;
        double[][] layers = {{0.5, 0.5, 1.5, 1.5}, {0.5, 1.5, 1.5, 1.5}};
        Cascade c = SpectralErgodicity.cascade(layers, new Binning(0, 2, 2), eps);
        // Ω^(1) = 0 (one member), Ω^(2) = (1/64, 1/64): d₂ = 2 · (1/64) log₂((1/64 + ε)/ε)
        assertThat(c.omegas()[0]).containsOnly(0.0);
        double expected = 2 * (1.0 / 64) * Math.log((1.0 / 64 + eps) / eps) / Math.log(2);
        assertThat(c.d()).hasSize(1);
        assertThat(c.d()[0]).isCloseTo(expected, within(1e-13));
        assertThat(c.cpse()).isCloseTo(Math.log10(expected), within(1e-13));
    }

    @Test
    void cascadeOfIdenticalLayersIsZeroAndItsCpseMinusInfinity() {
        double[] w = {1, 2, 3, 4};
        Cascade c = SpectralErgodicity.cascade(new double[][] {w, w, w}, 5, SpectralErgodicity.DEFAULT_SHIFT);
        assertThat(c.d()).containsExactly(0, 0);
        assertThat(c.cpse()).isEqualTo(Double.NEGATIVE_INFINITY);
        // one repeated value (orthogonal weights: every eigenvalue of W Wᵀ is σ_w²): bins span it ± ½
        Cascade flat = SpectralErgodicity.cascade(new double[][] {{2, 2}, {2, 2}}, 3, 0);
        assertThat(flat.binning()).isEqualTo(new Binning(1.5, 2.5, 3));
        assertThat(flat.d()).containsExactly(0);
        // rounding noise of one repeated value is not binned: 10 bins, the value in the centre of bin 5
        double s2 = 1.5 + 4e-16;
        Cascade rounded = SpectralErgodicity.cascade(new double[][] {{1.5, s2}, {s2, s2}, {1.5, 1.5}}, 10, 0);
        assertThat(rounded.d()).containsExactly(0, 0);
        assertThat(rounded.binning().index(1.5)).isEqualTo(5);
    }

    @Test
    void mixedEnsembleMembersAreExtendedToTheLargestSize() {
        ErgodicEnsembles.Member goe = (n, r) -> Ensembles.goe(n, 1, r).symmetricEigenvalues();
        double[][] mixed = ErgodicEnsembles.mixed(goe, 30, 0.5, 6, new SplittableRandom(2));
        for (double[] member : mixed) {
            assertThat(member).hasSize(30);
            // n_i ~ Binomial(30, ½) < 30 with probability 1 − 2⁻³⁰: repeated eigenvalues show the extension
            assertThat(Arrays.stream(member).distinct().count()).isLessThan(30);
        }
        double[][] full = ErgodicEnsembles.mixed(goe, 30, 1, 2, new SplittableRandom(2));
        assertThat(Arrays.stream(full[0]).distinct().count()).as("p = 1: every member has size N").isEqualTo(30);
    }

    @Test
    void binomialSizesHaveMeanNp() {
        SplittableRandom random = new SplittableRandom(9);
        int draws = 4000;
        double sum = 0;
        for (int i = 0; i < draws; i++) {
            sum += ErgodicEnsembles.binomial(100, 0.7, random);
        }
        // mean 70, standard error √(100·0.7·0.3/4000) = 0.072: five standard errors
        assertThat(sum / draws).isCloseTo(70, within(0.37));
    }

    @Test
    void badInputIsRefusedWithTheParameterAndValue() {
        assertThatThrownBy(() -> new Binning(1, 1, 3)).hasMessageContaining("binning lo must be < binning hi")
                .hasMessageContaining("1.0");
        assertThatThrownBy(() -> new Binning(0, 1, 0)).hasMessageContaining("bins").hasMessageContaining("0");
        assertThatThrownBy(() -> new Binning(0, 1, 2).index(1.5)).hasMessageContaining("eigenvalue 1.5 is outside");
        assertThatThrownBy(() -> SpectralErgodicity.measure(new double[0][], new Binning(0, 1, 2)))
                .hasMessageContaining("at least one member, but had 0");
        assertThatThrownBy(() -> SpectralErgodicity.symmetricKl(new double[2], new double[3], 0))
                .hasMessageContaining("equal lengths, but had 2 and 3");
        assertThatThrownBy(() -> SpectralErgodicity.symmetricKl(new double[] {-1}, new double[] {1}, 0))
                .hasMessageContaining("entry 0 of the first vector").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> SpectralErgodicity.symmetricKl(new double[1], new double[1], -1e-9))
                .hasMessageContaining("shift").hasMessageContaining("-1.0E-9");
        assertThatThrownBy(() -> SpectralErgodicity.cascade(new double[][] {{1}}, 3, 0))
                .hasMessageContaining("at least 2 layers, but had 1");
        assertThatThrownBy(() -> SpectralErgodicity.periodic(new double[] {1, 2, 3}, 2))
                .hasMessageContaining("periodic length must be >= the spectrum's length 3, but was 2");
        Ergodicity a = SpectralErgodicity.measure(new double[][] {{0.5}}, new Binning(0, 1, 2));
        Ergodicity b = SpectralErgodicity.measure(new double[][] {{0.5}}, new Binning(0, 1, 3));
        assertThatThrownBy(() -> SpectralErgodicity.distance(a, b, 0)).hasMessageContaining("binned alike");
        ErgodicEnsembles.Member any = (n, r) -> new double[n];
        assertThatThrownBy(() -> ErgodicEnsembles.mixed(any, 10, 1.5, 2, new SplittableRandom(1)))
                .hasMessageContaining("mixing coefficient p must be in (0, 1], but was 1.5");
        assertThatThrownBy(() -> ErgodicEnsembles.mixed(any, 10, Double.NaN, 2, new SplittableRandom(1)))
                .hasMessageContaining("but was NaN");
        assertThatThrownBy(() -> ErgodicEnsembles.sample(any, 10, 0, new SplittableRandom(1)))
                .hasMessageContaining("members M").hasMessageContaining("0");
    }
}
