package io.github.freeprob.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.precision.Precision;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two mixer predictions and the effective-width arithmetic: closed forms (Fuss–Catalan moments of the linear
 * Gaussian legs, relu's atoms), the numerical tensor law against the exact moment engine (relative 1e-8, the project's
 * standard for numerically computed laws), and errors that name the bad value.
 */
class MixerSpectrumTest {

    static Mixer mixer(String activation, WeightDistribution weights, double sigmaW2) {
        Network network = Network.of(Activation.named(activation), weights, sigmaW2, 0, Mixer.depthOf(1))
                .withFirstVariance(1);
        return Mixer.of(network, 16, 16);
    }

    /** One prediction per setting, shared by the tests (each law is computed on first use and kept). */
    private static final Map<String, MixerSpectrum> PREDICTIONS = new ConcurrentHashMap<>();

    static MixerSpectrum predictions(String activation, WeightDistribution weights, double sigmaW2) {
        return PREDICTIONS.computeIfAbsent(activation + weights + sigmaW2,
                k -> MixerSpectrum.of(mixer(activation, weights, sigmaW2)));
    }

    @Test
    void linearGaussianTensorLawHasSquaredFussCatalanMoments() {
        // Each leg is mp(1) ⊠ mp(1), whose moments are the Fuss–Catalan numbers C(3n, n)/(2n + 1) = 1, 3, 12, 55, 273;
        // the tensor law XY with X, Y independent copies has their squares; the free law mp(1)^{⊠4} has
        // C(5n, n)/(4n + 1) = 1, 5, 35, 285, 2530.
        MixerSpectrum spectrum = MixerSpectrum.of(mixer("linear", WeightDistribution.GAUSSIAN, 1));
        double[] tensor = spectrum.exactMoments(Mixing.PLAIN, 5, Precision.ofDigits(40)).toDoubleArray();
        double[] free = spectrum.exactMoments(Mixing.PERMUTED, 5, Precision.ofDigits(40)).toDoubleArray();
        double[] fussCatalan3 = {1, 1, 3, 12, 55, 273};
        double[] fussCatalan5 = {1, 1, 5, 35, 285, 2530};
        for (int n = 1; n <= 5; n++) {
            double squared = fussCatalan3[n] * fussCatalan3[n];
            assertThat(tensor[n]).as("m_%d tensor", n).isCloseTo(squared, within(1e-20 * squared));
            assertThat(free[n]).as("m_%d free", n).isCloseTo(fussCatalan5[n], within(1e-20 * free[n]));
        }
    }

    /**
     * The tensor law's λ_max is the square of the leg's: each leg of the linear Gaussian mixer is the Fuss–Catalan law
     * mp(1)^{⊠2} with upper edge 3³/2² = 27/4, so XY reaches (27/4)² = 45.5625; the leg's edge is held to 10⁻¹⁰
     * (JacobianSpectrumTest's Fuss–Catalan edge), hence 3·10⁻¹⁰ for the square. The Gauss mixture's inverted support
     * ends below it (at the largest node times 27/4), which is why λ_max is not read from there.
     */
    @Test
    void tensorLambdaMaxIsTheSquareOfTheLegsEdge() {
        MixerSpectrum spectrum = predictions("linear", WeightDistribution.GAUSSIAN, 1);
        assertThat(spectrum.tensorLambdaMax()).isCloseTo(45.5625, within(3e-10 * 45.5625));
        assertThat(spectrum.tensorSpectrum().support().hull().orElseThrow().hi()).isLessThan(45.5625 * (1 - 1e-3));
    }

    static Stream<Arguments> laws() {
        return Stream.of(
                Arguments.of("linear", WeightDistribution.GAUSSIAN, 1.0),
                Arguments.of("relu", WeightDistribution.GAUSSIAN, 2.0),
                Arguments.of("relu", WeightDistribution.ORTHOGONAL, 2.0));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("laws")
    void numericalTensorLawMatchesTheExactEngine(String activation, WeightDistribution weights, double sigmaW2) {
        // The tensor law is a Gauss-rule mixture of scaled copies of the leg's compact law: its moments and those of
        // its Stieltjes inversion must equal m_n(X)² from the exact engine to 1e-8 relative, n ≤ 8.
        MixerSpectrum spectrum = predictions(activation, weights, sigmaW2);
        double[] exact = spectrum.exactMoments(Mixing.PLAIN, 8, Precision.ofDigits(40)).toDoubleArray();
        double[] mixture = spectrum.tensorLaw().moments(8);
        Spectrum inverted = spectrum.tensorSpectrum();
        double[] compact = inverted.moments(8);
        for (int n = 1; n <= 8; n++) {
            assertThat(mixture[n]).as("m_%d of the mixture", n).isCloseTo(exact[n], within(1e-8 * exact[n]));
            assertThat(compact[n]).as("m_%d of the inversion", n).isCloseTo(exact[n], within(1e-8 * exact[n]));
        }
        assertThat(inverted.diagnostics().toString()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("laws")
    void directTensorDensityIntegratesToTheMixtureCdf(String activation, WeightDistribution weights, double sigmaW2) {
        // ∫_a^b ρ_XY by Simpson's rule in log t (1000 panels) against F(b) − F(a) of the inverted mixture, over the
        // bulk [0.05, 5]: the two routes discretise Y differently (Gauss rules of Y's density pieces vs 24 exact-moment
        // nodes), so they agree only to their discretisation errors: measured 2.7e-3 for linear Gaussian steps (the
        // leg's density blows up like λ^(−2/3) at 0), 2.3e-4 for relu Gaussian, 7.3e-4 for relu orthogonal; hence
        // 5e-3. The moments (1e-8, above) and the sampled mixers are the sharp checks.
        MixerSpectrum spectrum = predictions(activation, weights, sigmaW2);
        double a = 0.05;
        double b = 5;
        int panels = 1000;
        double[] t = new double[panels + 1];
        for (int i = 0; i <= panels; i++) {
            t[i] = a * Math.pow(b / a, (double) i / panels);
        }
        double[] rho = spectrum.tensorDensity(t);
        double h = Math.log(b / a) / panels;
        double integral = 0;
        for (int i = 0; i <= panels; i++) {
            double weight = i == 0 || i == panels ? 1 : i % 2 == 1 ? 4 : 2;
            integral += weight * rho[i] * t[i] * h / 3;
        }
        Spectrum inverted = spectrum.tensorSpectrum();
        assertThat(integral).isCloseTo(inverted.cdf(b) - inverted.cdf(a), within(5e-3));
    }

    @Test
    void reluAtomsAtZeroAreHalfFreeAndThreeQuartersTensor() {
        // ν = ½δ₀ + ½δ₁: the free product keeps the atom ½ at 0 (max of the factors' atoms), while XY = 0 when X = 0 or
        // Y = 0: 1 − ½·½ = ¾.
        MixerSpectrum spectrum = predictions("relu", WeightDistribution.ORTHOGONAL, 2);
        assertThat(mass(spectrum.free().atoms())).isCloseTo(0.5, within(1e-12));
        assertThat(mass(spectrum.tensorLaw().atoms())).isCloseTo(0.75, within(1e-12));
        assertThat(mass(spectrum.tensorSpectrum().atoms())).isCloseTo(0.75, within(1e-9));
    }

    private static double mass(List<Atom> atoms) {
        return atoms.stream().filter(a -> a.location() == 0).mapToDouble(Atom::mass).sum();
    }

    @Test
    void linearOrthogonalLawsArePointMasses() {
        // J is σ_w⁴ times an orthogonal matrix: JJᵀ = σ_w⁸ I for every kind of mixer, σ_w² = 1.5.
        MixerSpectrum spectrum = MixerSpectrum.of(mixer("linear", WeightDistribution.ORTHOGONAL, 1.5));
        double expected = Math.pow(1.5, 4);
        assertThat(spectrum.free().atoms()).hasSize(1);
        assertThat(spectrum.free().atoms().get(0).location()).isCloseTo(expected, within(1e-12));
        assertThat(spectrum.tensorLaw().atoms()).hasSize(1);
        assertThat(spectrum.tensorLaw().atoms().get(0).location()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void freeLawIsTheDenseJacobian() {
        Mixer mixer = mixer("relu", WeightDistribution.GAUSSIAN, 2);
        double[] free = MixerSpectrum.of(mixer).free().moments(6);
        double[] dense = JacobianSpectrum.of(mixer.network()).moments(6);
        assertThat(free).containsExactly(dense);
    }

    @Test
    void stepsAlternateTwoTokenAndTwoChannel() {
        Network network = Network.of(Activation.relu(), WeightDistribution.GAUSSIAN, 2, 0, Mixer.depthOf(2));
        Mixer mixer = Mixer.of(network, 3, 5);
        assertThat(mixer.steps()).isEqualTo(8);
        assertThat(mixer.effectiveWidth()).isEqualTo(15);
        boolean[] token = new boolean[8];
        for (int l = 1; l <= 8; l++) {
            token[l - 1] = mixer.isTokenStep(l);
        }
        assertThat(token).containsExactly(true, true, false, false, true, true, false, false);
    }

    @Test
    void badInputNamesTheValue() {
        Network six = Network.of(Activation.relu(), WeightDistribution.GAUSSIAN, 2, 0, 6);
        assertThatThrownBy(() -> Mixer.of(six, 4, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("depth was 6");
        Network four = six.withDepth(4);
        assertThatThrownBy(() -> Mixer.of(four, 0, 4)).hasMessageContaining("tokens S").hasMessageContaining("0");
        assertThatThrownBy(() -> Mixer.of(four, 4, -2)).hasMessageContaining("channels C");
        assertThatThrownBy(() -> Mixer.depthOf(0)).hasMessageContaining("blocks B").hasMessageContaining("was 0");
        assertThatThrownBy(() -> Mixing.named("sparse")).hasMessageContaining("'sparse'");
        Network transient4 = Network.of(Activation.hardTanh(), WeightDistribution.ORTHOGONAL, 1.2, 0.05, 4)
                .withFirstVariance(0.6);
        MixerSpectrum spectrum = MixerSpectrum.of(Mixer.of(transient4, 4, 4));
        assertThatThrownBy(spectrum::tensorLaw).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixed point");
        assertThatThrownBy(() -> EffectiveWidth.connections(0, 4, 1)).hasMessageContaining("tokens S");
        assertThatThrownBy(() -> EffectiveWidth.optimalSide(-1, 1)).hasMessageContaining("Omega");
    }

    static Stream<Arguments> shapes() {
        SplittableRandom random = new SplittableRandom(2024);
        return Stream.generate(() -> Arguments.of(1 + random.nextDouble(500), 1 + random.nextDouble(500),
                0.5 + random.nextDouble(4))).limit(20);
    }

    @ParameterizedTest(name = "S = {0}, C = {1}, gamma = {2}")
    @MethodSource("shapes")
    void tokensForInvertsTheConnectionCount(double tokens, double channels, double gamma) {
        // Ω(S, C) then S(C, Ω) is a round trip; the optimal side gives Ω = γS³ and the largest width over C.
        double omega = EffectiveWidth.connections(tokens, channels, gamma);
        assertThat(EffectiveWidth.tokensFor(channels, omega, gamma)).isCloseTo(tokens, within(1e-12 * tokens));
        double side = EffectiveWidth.optimalSide(omega, gamma);
        assertThat(gamma * side * side * side).isCloseTo(omega, within(1e-12 * omega));
        double best = EffectiveWidth.maximalWidth(omega, gamma);
        assertThat(tokens * channels).isLessThanOrEqualTo(best * (1 + 1e-12));
        for (double factor : new double[] {0.5, 0.9, 1.1, 2}) {
            double c = side * factor;
            assertThat(c * EffectiveWidth.tokensFor(c, omega, gamma)).isLessThan(best);
        }
    }

    @Test
    void seedsExampleOfTheOptimum() {
        // Ω = 2^19 with γ = 4: C* = S* = (2^17)^{1/3} = 2^{17/3}, m = 2^{34/3}.
        assertThat(EffectiveWidth.optimalSide(1 << 19, 4)).isCloseTo(Math.pow(2, 17.0 / 3), within(1e-12));
        assertThat(EffectiveWidth.maximalWidth(1 << 19, 4)).isCloseTo(Math.pow(2, 34.0 / 3), within(1e-9));
        // S = C = 64, γ = 1: Ω = (64·64² + 64·64²)/2 = 64³.
        assertThat(EffectiveWidth.connections(64, 64, 1)).isEqualTo(262144.0);
    }
}
