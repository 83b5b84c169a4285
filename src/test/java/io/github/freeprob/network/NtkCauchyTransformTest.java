package io.github.freeprob.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.freeprob.precision.Precision;
import java.util.stream.Stream;
import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layer chain's G_L against two independent references: the exact moment engine (far from the spectrum G_L is the
 * moment series Σ m_k z^{−k−1}) and the layer-by-layer inversion of {@link NtkSpectrum} (near and on the axis).
 */
class NtkCauchyTransformTest {

    static Network criticalTanh(WeightDistribution weights, int depth) {
        double[] point = MeanField.criticalPoint(Activation.tanh(), 1.0 / 64);
        return Network.of(Activation.tanh(), weights, point[0], point[1], depth);
    }

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("critical tanh, orthogonal", criticalTanh(WeightDistribution.ORTHOGONAL, 4), COMPACTED),
                Arguments.of("critical tanh, Gaussian", criticalTanh(WeightDistribution.GAUSSIAN, 2), COMPACTED),
                Arguments.of("relu, orthogonal", Network.of(Activation.relu(), WeightDistribution.ORTHOGONAL, 2, 0, 4)
                        .withFirstVariance(1), EXACT),
                Arguments.of("hard tanh from q1 = 0.6", Network.of(Activation.hardTanh(),
                        WeightDistribution.ORTHOGONAL, 1.2, 0.05, 3).withFirstVariance(0.6), EXACT));
    }

    /**
     * Far-field tolerance where the layer factors are discrete laws (relu, hard tanh), exact in G: the chain solves
     * its equations to a relative residual of 10⁻¹³, and 10⁻¹² allows for the conditioning of L − 1 chained solves.
     */
    static final double EXACT = 1e-12;
    /**
     * Far-field tolerance where the factor is a compacted law (tanh's ν, by Stieltjes inversion): its G differs from
     * the exact push-forward's by up to 3·10⁻¹¹ relative at |z| ≥ 1.5 (measured; more nearer its support), and the
     * chained layers amplify that: measured 4.5·10⁻¹⁰ at depth 4. The bound leaves a factor 20.
     */
    static final double COMPACTED = 1e-8;

    /**
     * At |z| = 4 λ_max the moment series of G_L converges like 4^{−k}: 40 exact moments (40 digits, the engine running
     * the same recursion on moment sequences) leave a remainder below 10⁻²⁴ relative. The chain solves its equations
     * to a relative residual of 10⁻¹³; the tolerance 10⁻¹² allows for the conditioning of L − 1 chained solves.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void farFromTheSpectrumGIsTheExactMomentSeries(String name, Network network, double tolerance) {
        NtkCauchyTransform transform = NtkCauchyTransform.of(network);
        double[] moments = NtkSpectrum.exactMoments(network, 40, Precision.ofDigits(40)).toDoubleArray();
        double radius = 4 * Math.pow(moments[40], 1.0 / 40);
        for (double angle : new double[] {0.3, 1.2, 2.5}) {
            Complex z = new Complex(radius * Math.cos(angle), radius * Math.sin(angle));
            Complex series = Complex.ZERO;
            for (int k = 40; k >= 0; k--) {
                series = series.multiply(z.reciprocal()).add(moments[k]);
            }
            series = series.divide(z);
            Complex g = transform.cauchy(z);
            assertThat(g.subtract(series).norm()).as("%s at %s", name, z).isLessThan(tolerance * series.norm());
        }
        assertThat(transform.mean()).isCloseTo(moments[1], org.assertj.core.data.Offset.offset(tolerance * moments[1]));
    }

    /**
     * On the axis, the density against the layer-by-layer inversion (whose every layer's moments agree with the exact
     * engine; at these depths to 10⁻¹⁰ or better): they agree to 10⁻⁷ of the peak density, which allows for the
     * compaction error of the inversion's Chebyshev layers (10⁻¹⁰ relative per layer in G, amplified near the steep
     * left tail of the tanh laws: measured 7·10⁻¹⁰ of the peak at depth 5).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void theDensityOnAGridMatchesTheLayerByLayerInversion(String name, Network network, double unused) {
        NtkSpectrum reference = NtkSpectrum.of(network);
        double hi = 1.2 * reference.lambdaMax();
        double[] xs = new double[301];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = hi * (i + 0.5) / xs.length;
        }
        double[] expected = reference.density(xs);
        double[] actual = NtkCauchyTransform.of(network).density(xs);
        double peak = 0;
        for (double value : expected) {
            peak = Math.max(peak, value);
        }
        for (int i = 0; i < xs.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("%s at x = %s", name, xs[i]).isLessThan(1e-7 * peak);
        }
    }

    @Test
    void aDepthOneNetworkIsAPointMass() {
        Network network = Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, 1.5, 0.1, 1)
                .withFirstVariance(0.7);
        NtkCauchyTransform transform = NtkCauchyTransform.of(network);
        assertThat(transform.cauchy(new Complex(1.7, 0.0)).getReal()).isCloseTo(1.0, org.assertj.core.data.Offset
                .offset(1e-12));
        assertThat(transform.density(new double[] {0.5, 0.7, 0.9})).containsExactly(0, 0, 0);
    }

    /** μ₁ = δ_{q¹}: m₄₀ = (q¹)⁴⁰, so Markov's bound is q¹·mass^{−1/40} exactly. */
    @Test
    void theTailBoundOfAPointMassIsInClosedForm() {
        Network network = Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, 1.5, 0.1, 1)
                .withFirstVariance(0.7);
        double expected = 0.7 * Math.pow(1e-6, -1.0 / 40);
        assertThat(NtkCauchyTransform.upperBound(network, 1e-6)).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(1e-14 * expected));
        assertThatThrownBy(() -> NtkCauchyTransform.upperBound(network, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mass");
    }

    /**
     * Far from criticality the subordination points run geometrically down the layers, λ_ℓ ≈ λ_{ℓ+1}/χ, and with
     * them Λ_ℓ: in the ordered phase (tanh, σ_w² = 1.5, σ_b² = 0.1: χ = 0.88) λ₁ is 10⁵ times z at L = 100 and 10⁵⁶
     * times at L = 1000, where λg − 1 ≈ m₁(μ_ℓ)/λ_ℓ cancelled in double precision when the chain carried g (Newton
     * stalled at a relative residual of 6·10⁻⁵ at L = 100; at L = 1000 it divided by 0). It now carries h = λg − 1
     * itself and reads H = ΛG − 1 from the factors' cancellation-free form. In the chaotic phase (σ_w² = 4, σ_b² = 0.1:
     * χ = 1.32) the points shrink instead (L = 40: deeper, the moments m₄₀ behind the test's radius overflow). Expected: the exact engine's moment series, as in
     * {@link #farFromTheSpectrumGIsTheExactMomentSeries}, with that test's tolerance for compacted factors (measured:
     * 7·10⁻¹³ ordered at L = 100 and 1000, 2.5·10⁻¹³ chaotic).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("offCriticality")
    void farFromCriticalityTheChainStillMatchesTheMomentSeries(String name, Network network, double tolerance) {
        farFromTheSpectrumGIsTheExactMomentSeries(name, network, tolerance);
    }

    static Stream<Arguments> offCriticality() {
        return Stream.of(
                Arguments.of("ordered tanh, L = 100", Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL,
                        1.5, 0.1, 100), COMPACTED),
                Arguments.of("ordered tanh, L = 1000", Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL,
                        1.5, 0.1, 1000), COMPACTED),
                Arguments.of("chaotic tanh, L = 40", Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL,
                        4, 0.1, 40), COMPACTED));
    }

    /** The ordered-phase chain on the axis against the layer-by-layer inversion, as for the critical networks. */
    @Test
    void farFromCriticalityTheDensityMatchesTheLayerByLayerInversion() {
        theDensityOnAGridMatchesTheLayerByLayerInversion("ordered tanh, L = 10",
                Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, 1.5, 0.1, 10), 0);
    }

    @Test
    void badPointsAreNamed() {
        NtkCauchyTransform transform = NtkCauchyTransform.of(criticalTanh(WeightDistribution.ORTHOGONAL, 3));
        assertThatThrownBy(() -> transform.density(new double[] {0.1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xs[1]");
        assertThatThrownBy(() -> transform.cauchy(new Complex(0.1, -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upper half-plane");
    }
}
