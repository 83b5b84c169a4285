package io.github.freeprob.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.freeprob.network.Activation;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.numerics.GaussLegendre;
import io.github.freeprob.validation.TimeToAccuracy.Checkpoint;
import io.github.freeprob.validation.TimeToAccuracy.FreeprobResult;
import io.github.freeprob.validation.TimeToAccuracy.SamplingResult;
import io.github.freeprob.validation.TimeToAccuracy.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pieces of the time-to-accuracy protocol: the references against closed forms, freeprob's density error against
 * them (accuracy, not timing: no time is asserted), the sampling run's bookkeeping and the seed caps.
 */
class TimeToAccuracyTest {

    /**
     * semicircle(1) ⊞ mp(λ) has mass 1, mean 0 + 1 and variance 1 + λ (free cumulants add). Midpoint rule on 20 000
     * cells of [−3, 5] ⊃ support: its error at the two square-root edges is O(h^{3/2}) ≈ 1e-5 for h = 4e-4, hence
     * the tolerances.
     */
    @Test
    void theFreeSumReferenceHasTheMassMeanAndVarianceOfTheFreeCumulants() {
        int cells = 20_000;
        double lo = -3;
        double h = 8.0 / cells;
        double[] xs = new double[cells];
        for (int i = 0; i < cells; i++) {
            xs[i] = lo + (i + 0.5) * h;
        }
        double[] rho = ReferenceDensities.semicircleFreeSumMarchenkoPastur(0.5, xs);
        double mass = 0;
        double mean = 0;
        double second = 0;
        for (int i = 0; i < cells; i++) {
            mass += rho[i] * h;
            mean += xs[i] * rho[i] * h;
            second += xs[i] * xs[i] * rho[i] * h;
        }
        assertThat(mass).isCloseTo(1, within(1e-4));
        assertThat(mean).isCloseTo(1, within(1e-4));
        assertThat(second - mean * mean).isCloseTo(1.5, within(1e-3));
        assertThat(rho[0]).isZero();
        assertThat(rho[cells - 1]).isZero();
    }

    /**
     * The continuous part of mp(λ) ⊠ ((1 − p)δ₀ + pδ₁) has mass p and mean λ⁰·p = p (the means multiply: 1 · p);
     * integrated in x = c + r cos θ, where the density times r sin θ is smooth, Gauss–Legendre with 64 nodes is exact
     * to rounding.
     */
    @Test
    void theFreeProductReferenceCarriesMassAndMeanP() {
        double ratio = 0.5;
        double p = 0.5;
        double a = Math.pow(1 - Math.sqrt(ratio * p), 2);
        double b = Math.pow(1 + Math.sqrt(ratio * p), 2);
        double c = 0.5 * (a + b);
        double r = 0.5 * (b - a);
        GaussLegendre rule = GaussLegendre.of(64);
        double[] xs = new double[rule.size()];
        double[] jacobian = new double[rule.size()];
        for (int k = 0; k < rule.size(); k++) {
            double theta = 0.5 * Math.PI * (rule.nodes()[k] + 1);
            xs[k] = c + r * Math.cos(theta);
            jacobian[k] = 0.5 * Math.PI * rule.weights()[k] * r * Math.sin(theta);
        }
        double[] rho = ReferenceDensities.marchenkoPasturTimesProjection(ratio, p, xs);
        double mass = 0;
        double mean = 0;
        for (int k = 0; k < xs.length; k++) {
            mass += jacobian[k] * rho[k];
            mean += jacobian[k] * xs[k] * rho[k];
        }
        assertThat(mass).isCloseTo(p, within(1e-13));
        assertThat(mean).isCloseTo(p, within(1e-13));
        assertThat(ReferenceDensities.marchenkoPasturTimesProjection(ratio, p, new double[] {a - 1e-9, b + 1e-9}))
                .containsExactly(0, 0);
    }

    /**
     * At depth 1 the Jacobian law is ν itself, s = σ_w² sech⁴(h), h ~ N(0, q), whose density is the change of
     * variables f(s) = 2 φ_q(h(s)) / |s′(h(s))|, h(s) = arcosh((σ_w²/s)^{1/4}), s′ = −4 s tanh h. The S-transform
     * solver (which at L = 1 reduces to G(z) = (1 + ψ_ν(1/z))/z with the pole-subtracted quadrature) must match it;
     * tolerance 1e-9 relative: the descent stops 1e-13 above the axis and the quadrature is exact to ~1e-14 there.
     */
    @Test
    void theJacobianReferenceAtDepthOneIsTheChangeOfVariablesDensity() {
        double q = 1.0 / 64;
        double sw2 = MeanField.criticalPoint(Activation.tanh(), q)[0];
        double[] xs = {0.5, 0.8, 0.9, 0.95, 1.0, 1.02};
        double[] rho = ReferenceDensities.tanhJacobian(sw2, q, 1, xs);
        for (int i = 0; i < xs.length; i++) {
            double s = xs[i];
            double h = acosh(Math.pow(sw2 / s, 0.25));
            double phi = Math.exp(-h * h / (2 * q)) / Math.sqrt(2 * Math.PI * q);
            double expected = 2 * phi / (4 * s * Math.tanh(h));
            assertThat(rho[i]).as("x = %s", s).isCloseTo(expected, within(1e-9 * Math.max(expected, 1e-3)));
        }
        assertThat(ReferenceDensities.tanhJacobian(sw2, q, 1, new double[] {sw2 * 1.01})).containsExactly(0);
    }

    private static double acosh(double x) {
        return Math.log(x + Math.sqrt(x * x - 1));
    }

    /** freeprob's free sum at default settings against the cubic: the goal 1e-6 (measured: 2.5e-15). */
    @Test
    void freeprobReachesTheGoalOnTheFreeSum() {
        FreeprobResult result = TimeToAccuracy.freeprob(TimeToAccuracy.freeSum(), 0, 1);
        assertThat(result.densityError()).isLessThanOrEqualTo(TimeToAccuracy.DENSITY_GOAL);
        assertThat(result.meetsGoal()).isTrue();
    }

    /** The depth-8 critical tanh Jacobian against the S-transform reference: the goal 1e-6 (measured: 4.6e-11). */
    @Test
    void freeprobReachesTheGoalOnTheTanhJacobian() {
        FreeprobResult result = TimeToAccuracy.freeprob(TimeToAccuracy.tanhJacobian(8), 0, 1);
        assertThat(result.densityError()).isLessThanOrEqualTo(TimeToAccuracy.DENSITY_GOAL);
    }

    @Test
    void theRelativeSupErrorDividesTheLargestDeviationByThePeak() {
        assertThat(TimeToAccuracy.relativeSupError(new double[] {0, 1.5, 2.1}, new double[] {0.1, 1, 2}))
                .isCloseTo(0.25, within(1e-15));
        assertThatThrownBy(() -> TimeToAccuracy.relativeSupError(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 and 2");
        assertThatThrownBy(() -> TimeToAccuracy.relativeSupError(new double[] {1}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peak was 0");
    }

    /**
     * A sampling run at N = 60: checkpoints at 1, 2, 4, … seeds up to the cap, distances in (0, 1), times
     * increasing, the best the smallest distance; with the seed a run is reproducible.
     */
    @Test
    void aSamplingRunPoolsSeedsAtDoublingCheckpoints() {
        Target target = TimeToAccuracy.freeProductWithAtoms();
        var law = target.cdf().get();
        SamplingResult run = TimeToAccuracy.sampling(target, law, 60, 8, 7);
        List<Checkpoint> points = run.checkpoints();
        assertThat(points).isNotEmpty();
        for (int i = 0; i < points.size(); i++) {
            assertThat(points.get(i).seeds()).isEqualTo(Math.min(1 << i, 8));
            assertThat(points.get(i).levy()).isStrictlyBetween(0.0, 1.0);
            if (i > 0) {
                assertThat(points.get(i).seconds()).isGreaterThan(points.get(i - 1).seconds());
            }
        }
        assertThat(run.plateau() || points.get(points.size() - 1).seeds() == 8).isTrue();
        for (Checkpoint c : points) {
            assertThat(run.best().levy()).isLessThanOrEqualTo(c.levy());
        }
        SamplingResult again = TimeToAccuracy.sampling(target, law, 60, 8, 7);
        assertThat(again.checkpoints().get(0).levy()).isEqualTo(points.get(0).levy());
        assertThatThrownBy(() -> TimeToAccuracy.sampling(target, law, 1, 8, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width N");
    }

    /** The documented caps: 32, 8, 2, 1 (ensembles) and 16, 4, 1, 1 (networks) at N = 250 … 2000. */
    @Test
    void seedCapsFallWithTheSquareOfTheWidth() {
        Target ensemble = TimeToAccuracy.freeSum();
        Target network = TimeToAccuracy.reluNtk(8);
        int[] widths = {250, 500, 1000, 2000};
        int[] ensembleCaps = {32, 8, 2, 1};
        int[] networkCaps = {16, 4, 1, 1};
        for (int i = 0; i < widths.length; i++) {
            assertThat(TimeToAccuracy.seedCap(ensemble, widths[i])).isEqualTo(ensembleCaps[i]);
            assertThat(TimeToAccuracy.seedCap(network, widths[i])).isEqualTo(networkCaps[i]);
        }
    }
}
