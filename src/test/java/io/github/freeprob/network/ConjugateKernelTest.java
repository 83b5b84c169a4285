package io.github.freeprob.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.precision.Precision;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conjugate-kernel recursion μ_ℓ = mp(γ_ℓ) ⊠ ((1 − b_φ) + b_φ·)_*μ_{ℓ−1} (Fan and Wang 2020): b_φ against closed
 * forms, the numerical laws against the exact moment engine and the closed-form variance, and the atoms at 0 that the
 * ranks of the kernels force.
 */
class ConjugateKernelTest {

    /**
     * b_φ in closed form, ξ ~ N(0, 1). relu: E relu = 1/√(2π), Var = ½ − 1/(2π), E relu′ = ½, so
     * b = ¼/(½ − 1/(2π)) = π/(2(π − 1)). erf: E erf(ξ)² = (2/π) arcsin(2/3) (Williams 1997), E erf′(ξ) =
     * (2/√π) E e^{−ξ²} = 2/√(3π), so b = 2/(3 arcsin(2/3)). linear: b = 1. |x| and x² (even): b = 0. Tolerance 1e-12:
     * the quadrature is accurate to rounding (GaussianIntegrals), and b is a ratio of O(1) quantities.
     */
    static Stream<Arguments> closedFormB() {
        return Stream.of(
                Arguments.of(Activation.relu(), Math.PI / (2 * (Math.PI - 1))),
                Arguments.of(Activation.erf(), 2 / (3 * Math.asin(2.0 / 3))),
                Arguments.of(Activation.linear(), 1.0),
                Arguments.of(Activation.of("abs", Math::abs, Math::signum), 0.0),
                Arguments.of(Activation.of("square", h -> h * h, h -> 2 * h), 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedFormB")
    void bMatchesClosedForms(Activation activation, double expected) {
        NormalizedActivation phi = NormalizedActivation.of(activation);
        assertThat(phi.b()).as("%s", phi).isCloseTo(expected, within(1e-12));
        if (expected == 0) {
            assertThat(phi.b()).as("an even activation has b exactly 0 (ZERO_SLOPE)").isZero();
        }
    }

    @Test
    void normalisedActivationIsCentredWithUnitSecondMoment() {
        // relu: mean 1/√(2π), standard deviation √(½ − 1/(2π)) in closed form; φ̃ then has E φ̃ = 0, E φ̃² = 1 by
        // construction, checked by an independent quadrature: a Riemann sum with step 1e-3 on [−12, 12], whose error for
        // this piecewise-smooth integrand (one kink) is O(step²) ≈ 1e-6 at most, hence the tolerance.
        NormalizedActivation phi = NormalizedActivation.of(Activation.relu());
        assertThat(phi.mean()).isCloseTo(1 / Math.sqrt(2 * Math.PI), within(1e-14));
        assertThat(phi.standardDeviation()).isCloseTo(Math.sqrt(0.5 - 1 / (2 * Math.PI)), within(1e-14));
        double mean = 0;
        double second = 0;
        double step = 1e-3;
        for (double x = -12; x <= 12; x += step) {
            double w = step * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
            mean += w * phi.value(x);
            second += w * phi.value(x) * phi.value(x);
        }
        assertThat(mean).isCloseTo(0, within(1e-6));
        assertThat(second).isCloseTo(1, within(1e-6));
    }

    @Test
    void aConstantActivationIsRejectedWithItsVariance() {
        assertThatThrownBy(() -> NormalizedActivation.of(Activation.of("one", h -> 1, h -> 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be normalised")
                .hasMessageContaining("Var phi(xi) = ").hasMessageContaining("< 1.0E-12");
    }

    static Stream<Arguments> kernels() {
        return Stream.of(
                Arguments.of("tanh", 1.0, new double[] {0.5, 0.5}),
                Arguments.of("relu", 0.5, new double[] {2, 1}),
                Arguments.of("relu", 2.0, new double[] {1, 2}),
                Arguments.of("gelu", 1.0, new double[] {0.25, 1.5}),
                Arguments.of("linear", 0.5, new double[] {0.5, 2}));
    }

    @ParameterizedTest(name = "{0} gamma0 = {1}")
    @MethodSource("kernels")
    void numericalLawsAgreeWithTheExactEngineAndTheClosedFormVariance(String name, double gamma0, double[] gammas) {
        ConjugateKernel kernel = ConjugateKernel.of(Activation.named(name), gamma0, gammas);
        for (int l = 0; l <= kernel.depth(); l++) {
            // The numerical law (subordination, Chebyshev compaction) against the arbitrary-precision recursion on
            // moment sequences: the project's standard of 1e-8 for numerically computed laws.
            assertThat(kernel.momentError(l)).as("layer %d of %s", l, kernel).isLessThan(1e-8);
            double[] m = kernel.spectrum(l).moments(2);
            assertThat(m[0]).as("mass, layer %d", l).isCloseTo(1, within(1e-9));
            // mean 1 (the diagonal of K_ℓ tends to 1) and variance v_ℓ = γ_ℓ + b² v_{ℓ−1}, computed here
            // independently of the class
            double v = gamma0;
            for (int j = 1; j <= l; j++) {
                v = gammas[j - 1] + kernel.b() * kernel.b() * v;
            }
            assertThat(m[1]).as("mean, layer %d", l).isCloseTo(1, within(1e-9));
            assertThat(m[2] - m[1] * m[1]).as("variance, layer %d", l).isCloseTo(v, within(1e-8 * v));
            assertThat(kernel.variance(l)).isCloseTo(v, within(1e-14 * v));
        }
        double[] exact = kernel.exactMoments(kernel.depth(), 4, Precision.ofDigits(30)).toDoubleArray();
        assertThat(exact[2] - 1).isCloseTo(kernel.variance(kernel.depth()), within(1e-12 * exact[2]));
    }

    @Test
    void ranksForceAtomsAtZero() {
        // K_ℓ = X_ℓᵀX_ℓ/d_ℓ is n×n of rank ≤ d_ℓ: an atom 1 − 1/γ_ℓ at 0 when γ_ℓ > 1. For b < 1 the factor
        // (1 − b) + b μ_{ℓ−1} lives on [1 − b, ∞), so only the last layer's rank shows (relu, γ = 1; 2, 0.5, 4: atom
        // ¾ at 0 in μ₃, none in μ₂ although K₁ had one). For the linear activation b = 1 and the ranks compound:
        // μ_ℓ has the atom of the narrowest layer so far, 1 − 1/max γ. Tolerance 1e-8: atom masses from the inversion.
        ConjugateKernel relu = ConjugateKernel.of(Activation.relu(), 1, 2, 0.5, 4);
        assertThat(atomAtZero(relu, 1)).isCloseTo(0.5, within(1e-8));
        assertThat(atomAtZero(relu, 2)).isZero();
        assertThat(atomAtZero(relu, 3)).isCloseTo(0.75, within(1e-8));
        ConjugateKernel linear = ConjugateKernel.of(Activation.linear(), 1, 2, 0.5);
        assertThat(atomAtZero(linear, 1)).isCloseTo(0.5, within(1e-8));
        assertThat(atomAtZero(linear, 2)).isCloseTo(0.5, within(1e-8));
    }

    private static double atomAtZero(ConjugateKernel kernel, int layer) {
        double mass = 0;
        for (Atom atom : kernel.spectrum(layer).atoms()) {
            if (Math.abs(atom.location()) < 1e-9) {
                mass += atom.mass();
            }
        }
        return mass;
    }

    @Test
    void anEvenActivationForgetsItsInputs() {
        // b = 0: μ_ℓ = mp(γ_ℓ) ⊠ δ₁ = mp(γ_ℓ) whatever came before; its upper edge is (1 + √γ)² (conventions).
        ConjugateKernel kernel = ConjugateKernel.of(Activation.of("abs", Math::abs, Math::signum), 3, 0.5);
        assertThat(kernel.b()).isZero();   // |E φ̃′| is 1e-16 from the quadrature: below ZERO_SLOPE
        assertThat(kernel.lambdaMax(1)).isCloseTo(Math.pow(1 + Math.sqrt(0.5), 2), within(1e-8));
        double[] x = {0.2, 1, 2.5};
        double[] predicted = kernel.spectrum(1).density(x);
        double[] mp = io.github.freeprob.inversion.StieltjesInversion.invert(Laws.marchenkoPastur(0.5)).density(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(predicted[i]).as("density at %s", x[i]).isCloseTo(mp[i], within(1e-10));
        }
    }

    @Test
    void badRatiosAreRejectedWithTheirNames() {
        assertThatThrownBy(() -> ConjugateKernel.of(Activation.tanh(), -1, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma_0").hasMessageContaining("-1");
        assertThatThrownBy(() -> ConjugateKernel.of(Activation.tanh(), 1, 0.5, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma_2")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> ConjugateKernel.of(Activation.tanh(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("number of layers L");
    }
}
