package io.github.freeprob.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.hipparchus.complex.Complex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The power tail ρ(x) = m β x^{β−1}/x₀^β on (0, x₀]. Reference: its Cauchy transform's series in x₀/z,
 * G(z) = (m/z) Σ_{n≥0} β/(n + β) (x₀/z)^n (the moments are m β x₀ⁿ/(n + β)), summed here to 10⁻¹⁷, which converges for
 * |z| &gt; x₀; the tail itself uses it only for |z| ≥ 2x₀ and a quadrature in log x below, so at |z| = 1.5 x₀ the two
 * routes are independent.
 */
class PowerTailTest {

    static Complex series(double top, double mass, double beta, Complex z) {
        Complex ratio = Complex.valueOf(top).divide(z);
        Complex power = Complex.ONE;
        Complex sum = Complex.ZERO;
        for (int n = 0; n < 5000; n++) {
            Complex term = power.multiply(beta / (n + beta));
            sum = sum.add(term);
            if (term.norm() <= 1e-18 * sum.norm()) {
                break;
            }
            power = power.multiply(ratio);
        }
        return sum.multiply(mass).divide(z);
    }

    /**
     * Near the tail, at |z| = 1.5 x₀ on five angles, for exponents from 0.5 down to 10⁻⁴. At β = 10⁻⁴ 87 % of the mass
     * lies below e^{s₀ − 1400}, which is 0 in double precision, past the end of the quadrature in log x (at β = 10⁻²,
     * 8·10⁻⁷ of it); before that mass was carried by a pole at 0, G there was missing it (both cases failed). Tolerance 1e-12 relative: the
     * 24-point rule on unit panels in log x, at least 0.3 from the integrand's pole in s = log z.
     */
    @ParameterizedTest(name = "beta = {0}")
    @CsvSource({"0.5", "1e-2", "1e-4"})
    void cauchyTransformNextToTheTailMatchesItsSeries(double beta) {
        double top = 1e-3;
        double mass = 0.7;
        PowerTail tail = new PowerTail(top, mass, beta);
        for (int k = 1; k <= 5; k++) {
            double theta = Math.PI * k / 6;
            Complex z = new Complex(1.5 * top * Math.cos(theta), 1.5 * top * Math.sin(theta));
            Complex expected = series(top, mass, beta, z);
            assertThat(tail.cauchy(z).subtract(expected).norm()).as("theta = %s", theta)
                    .isLessThanOrEqualTo(1e-12 * expected.norm());
        }
    }
}
