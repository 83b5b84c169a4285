package io.github.freeprob.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.freeprob.numerics.Chebyshev;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.Precision;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The logarithmic edge panel, on the log-normal density u(s) = φ(s) (standard normal in s = log|x − e|) over
 * s ∈ [−2, 1.5], next to a left edge at 0 and a right edge at 3. References: a composite Gauss–Legendre rule in s with
 * 4000 panels of 10 points (the integrand's pole stays ≥ 10⁻² from the axis at the points used, against panels of
 * width 10⁻³, so the rule is exact to rounding), the change of variables for the density and CDF, and Cauchy's
 * integral formula for G'.
 */
class LogPanelTest {

    static final double S0 = -2;
    static final double S1 = 1.5;

    static double u(double s) {
        return Math.exp(-0.5 * s * s) / Math.sqrt(2 * Math.PI);
    }

    static LogPanel panel(double edge, boolean left) {
        double m = 0.5 * (S0 + S1);
        double h = 0.5 * (S1 - S0);
        double[] c = Chebyshev.coefficients(t -> u(m + h * t), 48);
        return new LogPanel(edge, left, S0, S1, java.util.Arrays.copyOf(c, Chebyshev.resolvedLength(c, 1e-17)));
    }

    static Complex reference(double edge, boolean left, Complex z) {
        int panels = 4000;
        double width = (S1 - S0) / panels;
        double[] t = io.github.freeprob.numerics.GaussLegendre.of(10).nodes();
        double[] w = io.github.freeprob.numerics.GaussLegendre.of(10).weights();
        Complex sum = Complex.ZERO;
        for (int k = 0; k < panels; k++) {
            double mid = S0 + (k + 0.5) * width;
            for (int j = 0; j < t.length; j++) {
                double s = mid + 0.5 * width * t[j];
                double x = left ? edge + Math.exp(s) : edge - Math.exp(s);
                sum = sum.add(z.subtract(x).reciprocal().multiply(w[j] * 0.5 * width * u(s)));
            }
        }
        return sum;
    }

    static Stream<Arguments> points() {
        return Stream.of(true, false).flatMap(left -> {
            double e = left ? 0 : 3;
            double sign = left ? 1 : -1;
            return Stream.of(new Complex(e + sign * 0.5, 0.3), new Complex(e + sign * 0.5, 0.01),
                    new Complex(e + sign * 0.2, 0.02), new Complex(e + sign * 3, 0.05), new Complex(e - sign * 0.5, 0.1),
                    new Complex(e + sign * 1e-3, 0.01), new Complex(e + sign * 50, 10), new Complex(e, 1e-2))
                    .map(z -> Arguments.of(left, z));
        });
    }

    /** G near and far, including points within 10⁻² of the axis inside the panel, to 1e-13 of the reference. */
    @ParameterizedTest
    @MethodSource("points")
    void cauchyTransformMatchesQuadrature(boolean left, Complex z) {
        double edge = left ? 0 : 3;
        Complex expected = reference(edge, left, z);
        Complex actual = panel(edge, left).cauchy(z);
        assertThat(actual.subtract(expected).norm() / expected.norm()).as("left=%s z=%s", left, z).isLessThan(1e-13);
    }

    /** G' against Cauchy's integral formula on a circle of radius Im z/2 (geometric convergence, 128 points). */
    @ParameterizedTest
    @MethodSource("points")
    void derivativeMatchesCauchyIntegralFormula(boolean left, Complex z) {
        LogPanel panel = panel(left ? 0 : 3, left);
        double radius = 0.5 * z.getImaginary();
        int n = 128;
        Complex sum = Complex.ZERO;
        for (int k = 0; k < n; k++) {
            Complex step = new Complex(Math.cos(2 * Math.PI * k / n), Math.sin(2 * Math.PI * k / n)).multiply(radius);
            sum = sum.add(panel.cauchy(z.add(step)).divide(step));
        }
        Complex expected = sum.divide(n);
        assertThat(panel.cauchyDerivative(z).subtract(expected).norm() / expected.norm()).as("left=%s z=%s", left, z)
                .isLessThan(1e-11);
    }

    /** On the axis: −Im G/π is the density u(log|x − e|)/|x − e|, and G(x + i0) is the limit of G(x + iε). */
    @Test
    void boundaryValueIsTheDensity() {
        for (boolean left : new boolean[] {true, false}) {
            double edge = left ? 0 : 3;
            LogPanel panel = panel(edge, left);
            for (double offset : new double[] {0.14, 0.5, 1.0, 2.0, 4.4}) {
                double x = left ? edge + offset : edge - offset;
                double rho = u(Math.log(offset)) / offset;
                Complex g = panel.cauchy(new Complex(x, 0));
                assertThat(-g.getImaginary() / Math.PI).isCloseTo(rho, org.assertj.core.data.Offset.offset(1e-14));
                assertThat(panel.density(x)).isCloseTo(rho, org.assertj.core.data.Offset.offset(1e-14));
                Complex above = panel.cauchy(new Complex(x, 1e-10));
                assertThat(above.subtract(g).norm()).as("left=%s x=%s", left, x).isLessThan(1e-8);
            }
        }
    }

    /** Mass, CDF and moments: the normal CDF in s, and E[(e ± e^S)^k] = Σ_j C(k,j) e^{k−j}(±1)^j e^{j²/2}·P(window). */
    @Test
    void massCdfAndMomentsMatchTheNormalLawInS() {
        DoubleUnaryOperator cdf = s -> 0.5 * org.hipparchus.special.Erf.erfc(-s / Math.sqrt(2));
        double mass = cdf.applyAsDouble(S1) - cdf.applyAsDouble(S0);
        LogPanel left = panel(0, true);
        LogPanel right = panel(3, false);
        assertThat(left.mass()).isCloseTo(mass, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(left.cumulative(1.0)).isCloseTo(cdf.applyAsDouble(0) - cdf.applyAsDouble(S0),
                org.assertj.core.data.Offset.offset(1e-15));
        assertThat(right.cumulative(2.0)).isCloseTo(cdf.applyAsDouble(S1) - cdf.applyAsDouble(0),
                org.assertj.core.data.Offset.offset(1e-15));
        // ∫_{S0}^{S1} e^{ks} φ(s) ds = e^{k²/2}(Φ(S1 − k) − Φ(S0 − k)).
        double[] moments = left.moments(6);
        BigFloat[] exact = left.exactMoments(6, Precision.ofDigits(30));
        double[] rightMoments = right.moments(3);
        for (int k = 0; k <= 6; k++) {
            double expected = Math.exp(0.5 * k * k) * (cdf.applyAsDouble(S1 - k) - cdf.applyAsDouble(S0 - k));
            assertThat(moments[k]).as("m%d", k).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-14 * expected));
            assertThat(exact[k].doubleValue()).as("exact m%d", k)
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-14 * expected));
        }
        // Right edge at 3: E[(3 − e^S)^k] by the binomial theorem over the window's moments above.
        for (int k = 0; k <= 3; k++) {
            double expected = 0;
            for (int j = 0; j <= k; j++) {
                double binomial = org.hipparchus.util.CombinatoricsUtils.binomialCoefficientDouble(k, j);
                expected += binomial * Math.pow(3, k - j) * Math.pow(-1, j) * moments[j];
            }
            assertThat(rightMoments[k]).as("right m%d", k)
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-13 * Math.pow(3, k)));
        }
    }

    @Test
    void panelsWiderThanTheLimitAreRefused() {
        assertThatThrownBy(() -> new LogPanel(0, true, -3, 2, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s1 - s0");
    }
}
