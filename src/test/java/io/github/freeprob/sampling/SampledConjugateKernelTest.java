package io.github.freeprob.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.freeprob.network.Activation;
import io.github.freeprob.network.NormalizedActivation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sampled twin of the conjugate-kernel model: the draw is the one docs/conjugate-kernel.md defines. */
class SampledConjugateKernelTest {

    static final NormalizedActivation TANH = NormalizedActivation.of(Activation.tanh());

    @Test
    void shapesWidthsAndInputNormsFollowTheDefinition() {
        // n = 60 inputs, γ = 1.5; 0.5, 2: d = round(n/γ) = 40; 120, 30. Every input column has norm √d₀ exactly
        // (rounding: 1e-12 relative), so K₀ has unit diagonal.
        SampledConjugateKernel s = SampledConjugateKernel.sample(TANH, 60, new double[] {1.5, 0.5, 2},
                new SplittableRandom(3));
        assertThat(s.widths()).containsExactly(40, 120, 30);
        assertThat(s.depth()).isEqualTo(2);
        assertThat(s.inputs()).isEqualTo(60);
        Matrix x0 = s.features(0);
        assertThat(x0.rows()).isEqualTo(40);
        assertThat(x0.cols()).isEqualTo(60);
        Matrix k0 = s.kernel(0);
        for (int a = 0; a < 60; a++) {
            assertThat(k0.get(a, a)).isCloseTo(1, within(1e-12));
        }
        assertThat(s.features(2).rows()).isEqualTo(30);
        // K₂ = X₂ᵀX₂/d₂ has rank ≤ d₂ = 30 < n: at least n − d₂ = 30 zero eigenvalues (to rounding)
        double[] e = s.eigenvalues();
        assertThat(e).hasSize(60);
        assertThat(Math.abs(e[29])).isLessThan(1e-10);
        assertThat(e[30]).isGreaterThan(1e-3);
    }

    @Test
    void featuresAreTheActivationOfTheScaledPreActivations() {
        // Layer 1 recomputed by hand from X₀ and the known draw order: X₁ = φ̃(W₁X₀/√d₀), with W₁ the next d₁×d₀
        // standard Gaussians of the same generator after X₀'s n×d₀ (drawn row by row as X₀ᵀ).
        int n = 5;
        SampledConjugateKernel s = SampledConjugateKernel.sample(TANH, n, new double[] {1, 2.5},
                new SplittableRandom(11));
        SplittableRandom replay = new SplittableRandom(11);
        Ensembles.gaussian(n, 5, 1, replay);
        Matrix w = Ensembles.gaussian(2, 5, 1, replay);
        Matrix x0 = s.features(0);
        Matrix x1 = s.features(1);
        for (int i = 0; i < 2; i++) {
            for (int a = 0; a < n; a++) {
                double h = 0;
                for (int j = 0; j < 5; j++) {
                    h += w.get(i, j) * x0.get(j, a);
                }
                assertThat(x1.get(i, a)).isCloseTo(TANH.value(h / Math.sqrt(5)), within(1e-12));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSample() {
        double[] a = SampledConjugateKernel.sample(TANH, 30, new double[] {1, 1}, new SplittableRandom(5))
                .eigenvalues();
        double[] b = SampledConjugateKernel.sample(TANH, 30, new double[] {1, 1}, new SplittableRandom(5))
                .eigenvalues();
        assertThat(a).containsExactly(b);
    }

    @Test
    void badSizesAreRejectedWithTheirNames() {
        assertThatThrownBy(() -> SampledConjugateKernel.sample(TANH, 0, new double[] {1, 1}, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("number of inputs n");
        assertThatThrownBy(() -> SampledConjugateKernel.sample(TANH, 10, new double[] {1, 100},
                new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("d_1").hasMessageContaining("gamma_1");
        assertThatThrownBy(() -> SampledConjugateKernel.sample(TANH, 10, new double[] {1}, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma_0 ... gamma_L");
    }
}
