package io.github.freeprob.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.ConvergenceException;
import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;

/**
 * R- and S-transforms by numerical inversion against closed forms: semicircle(v) has R(w) = v w; mp(λ) has
 * R(w) = 1/(1 − λw) (free cumulants λ^{n−1}) and S(w) = 1/(1 + λw). Agreement to 1e-12 (Newton to 1e-14 relative,
 * amplified by the conditioning of the inverse).
 */
class TransformsTest {

    @Test
    void rTransformOfSemicircleIsLinear() {
        double v = 1.7;
        RTransform r = RTransform.of(Laws.semicircle(v));
        for (Complex w : new Complex[] {new Complex(0.05, -0.2), new Complex(-0.3, -0.1), new Complex(0.01, -0.01)}) {
            assertThat(r.at(w).subtract(w.multiply(v)).norm()).as("R at %s", w).isLessThan(1e-12);
            // G(R(w) + 1/w) = w: the defining relation.
            Complex z = r.inverseCauchy(w);
            assertThat(Laws.semicircle(v).cauchy(z).subtract(w).norm()).isLessThan(1e-13);
            assertThat(z.getImaginary()).isPositive();
        }
        assertThat(r.at(0.1)).isCloseTo(0.17, org.assertj.core.data.Offset.offset(1e-13));
    }

    @Test
    void rTransformOfMarchenkoPasturGeneratesItsCumulants() {
        double lambda = 0.6;
        RTransform r = RTransform.of(Laws.marchenkoPastur(lambda));
        for (Complex w : new Complex[] {new Complex(0.05, -0.2), new Complex(-0.2, -0.1), new Complex(0.3, -0.05)}) {
            Complex expected = Complex.ONE.subtract(w.multiply(lambda)).reciprocal();
            assertThat(r.at(w).subtract(expected).norm()).as("R at %s", w).isLessThan(1e-12);
        }
    }

    @Test
    void sTransformOfMarchenkoPastur() {
        double lambda = 0.6;
        STransform s = STransform.of(Laws.marchenkoPastur(lambda));
        for (double w : new double[] {-0.5, -0.2, -0.01, 0.3}) {
            assertThat(s.at(w)).as("S at %s", w).isCloseTo(1 / (1 + lambda * w),
                    org.assertj.core.data.Offset.offset(1e-12));
        }
        Complex w = new Complex(-0.1, 0.05);
        assertThat(s.at(w).subtract(Complex.ONE.add(w.multiply(lambda)).reciprocal()).norm()).isLessThan(1e-12);
        // ψ(χ(w)) = w: the defining relation.
        Complex chi = s.psiInverse(w);
        assertThat(Transforms.psi(Laws.marchenkoPastur(lambda), chi).subtract(w).norm()).isLessThan(1e-13);
    }

    /** η = ψ/(1 + ψ) and ψ(z) = z⁻¹G(1/z) − 1 against the moment series Σ m_n zⁿ at a small z. */
    @Test
    void psiAndEtaAgainstTheMomentSeries() {
        Measure law = Laws.marchenkoPastur(0.5);
        Complex z = new Complex(0.02, 0.01);
        double[] m = law.moments(40);
        Complex series = Complex.ZERO;
        Complex power = Complex.ONE;
        for (int k = 1; k <= 40; k++) {
            power = power.multiply(z);
            series = series.add(power.multiply(m[k]));
        }
        Complex psi = Transforms.psi(law, z);
        assertThat(psi.subtract(series).norm()).isLessThan(1e-14);
        assertThat(Transforms.eta(law, z).subtract(psi.divide(psi.add(1))).norm()).isLessThan(1e-14);
    }

    /** Outside the image of G there is no branch through infinity: failure, not another branch. */
    @Test
    void outsideTheDomainFails() {
        RTransform r = RTransform.of(Laws.semicircle(1));
        assertThatThrownBy(() -> r.at(new Complex(3, -0.5))).isInstanceOf(ConvergenceException.class);
        assertThatThrownBy(() -> STransform.of(Laws.semicircle(1))).hasMessageContaining("nonzero mean");
        assertThatThrownBy(() -> r.at(Complex.ZERO)).hasMessageContaining("w = 0");
    }
}
