package io.github.freeprob.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.GridEvaluation;
import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;

/**
 * Densities on a grid on 1, 2 and 3 threads ({@link GridEvaluation}): the same arrays to the last bit, for a free sum
 * of named laws, a Jacobian law and an NTK law; and the price of cutting the grid into blocks, each continued from its
 * own first point: the block values against one continuation over the whole grid and against closed forms.
 */
class GridThreadsTest {

    private static final int[] THREADS = {1, 2, 3};

    static double[] grid(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * (i + 0.5) / n;
        }
        return x;
    }

    static Network criticalTanh(int depth) {
        double[] point = MeanField.criticalPoint(Activation.tanh(), 1.0 / 64);
        return Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, point[0], point[1], depth);
    }

    private static double peak(double[] values) {
        double peak = 0;
        for (double v : values) {
            peak = Math.max(peak, v);
        }
        return peak;
    }

    /** The largest difference between two arrays, relative to the peak of the first. */
    private static double relativeDifference(double[] reference, double[] values) {
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            worst = Math.max(worst, Math.abs(values[i] - reference[i]));
        }
        return worst / peak(reference);
    }

    @Test
    void aFreeSumOfNamedLawsHasTheSameDensityAndCdfOnAnyNumberOfThreads() {
        Spectrum spectrum = StieltjesInversion.invert(FreeConvolution.additive(Laws.semicircle(1),
                Laws.marchenkoPastur(0.5)));
        Interval bounds = spectrum.compact().bounds();
        double[] x = grid(bounds.lo(), bounds.hi(), 1000);
        double[] density = GridEvaluation.sequential().blocks(x, spectrum::density);
        double[] cdf = GridEvaluation.sequential().map(x, spectrum::cdf);
        assertThat(peak(density)).isGreaterThan(0.1);
        for (int threads : THREADS) {
            GridEvaluation evaluation = GridEvaluation.parallel(threads);
            assertThat(evaluation.blocks(x, spectrum::density)).as("%d threads", threads)
                    .containsExactly(density);
            assertThat(evaluation.map(x, spectrum::cdf)).as("%d threads", threads).containsExactly(cdf);
        }
    }

    /**
     * semicircle(1) ⊞ semicircle(1) = semicircle(2), density √(8 − x²)/(4π): the block values (each block solved cold
     * at its first point) and the one-walk values both match it to 10⁻¹² of the peak. The subordination solver stops
     * at a relative change of 10⁻¹⁴ in ω; 10⁻¹² leaves a factor 100 for the conditioning of G(ω) (the grid stays
     * 10⁻³ of the width inside the edges, where the density's slope is bounded). Measured: 6.6·10⁻¹⁶ for both.
     */
    @Test
    void blockRestartsKeepTheFreeSumAtItsClosedForm() {
        Measure sum = FreeConvolution.additive(Laws.semicircle(1), Laws.semicircle(1));
        double edge = Math.sqrt(8);
        double[] x = grid(-edge * 0.999, edge * 0.999, 1000);
        double[] exact = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            exact[i] = Math.sqrt(8 - x[i] * x[i]) / (4 * Math.PI);
        }
        double[] blocks = GridEvaluation.parallel(2).blocks(x, xs -> density(sum, xs));
        double[] oneWalk = density(sum, x);
        assertThat(relativeDifference(exact, blocks)).isLessThan(1e-12);
        assertThat(relativeDifference(exact, oneWalk)).isLessThan(1e-12);
    }

    private static double[] density(Measure law, double[] xs) {
        Complex[] g = law.cauchyBoundary(xs);
        double[] rho = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            rho[i] = -g[i].getImaginary() / Math.PI;
        }
        return rho;
    }

    /**
     * Critical tanh at depth 10: the Jacobian density on 1000 points is the same array on 1, 2 and 3 threads, and the
     * blocks of 256 (each continued from a cold solve) agree with one continuation over the whole grid to 10⁻¹⁰ of the
     * peak (both solve the subordination equation to 10⁻¹⁴ relative; the free power's equation amplifies that near
     * the hard edge at 0, where the density grows without bound). Measured: 1.9·10⁻¹³.
     */
    @Test
    void theJacobianDensityIsTheSameOnAnyNumberOfThreads() {
        JacobianSpectrum jacobian = JacobianSpectrum.of(criticalTanh(10));
        double[] x = grid(0, jacobian.lambdaMax(), 1000);
        double[] reference = jacobian.density(x);
        assertThat(peak(reference)).isGreaterThan(0.1);
        for (int threads : THREADS) {
            assertThat(jacobian.density(x, GridEvaluation.parallel(threads))).as("%d threads", threads)
                    .containsExactly(reference);
        }
        assertThat(relativeDifference(density(jacobian.law(), x), reference)).isLessThan(1e-10);
    }

    /**
     * Critical tanh at depth 4: the NTK density on 600 points (three blocks of 256) is the same array on 1, 2 and 3
     * threads; the blocks (each from its own descent) agree with one walk over the whole grid to 10⁻¹⁰ of the peak.
     * Both solve the chain's equations to a relative residual of 10⁻¹³ (measured difference: 1.0·10⁻¹⁴ of the peak
     * here, 7·10⁻¹⁴ at depth 10 and 1.1·10⁻¹³ at depth 100 on 1000 points); the route's own stated accuracy, against
     * the layer-by-layer inversion, is 10⁻⁷ of the peak ({@link NtkCauchyTransformTest}).
     */
    @Test
    void theNtkDensityIsTheSameOnAnyNumberOfThreads() {
        Network network = criticalTanh(4);
        NtkCauchyTransform ntk = NtkCauchyTransform.of(network);
        double[] x = grid(0, NtkCauchyTransform.upperBound(network, 1e-6), 600);
        double[] reference = ntk.density(x);
        assertThat(peak(reference)).isGreaterThan(0.1);
        for (int threads : THREADS) {
            assertThat(ntk.density(x, GridEvaluation.parallel(threads))).as("%d threads", threads)
                    .containsExactly(reference);
        }
        double[] oneWalk = ntk.density(x, GridEvaluation.sequential(), x.length);
        assertThat(relativeDifference(oneWalk, reference)).isLessThan(1e-10);
    }
}
