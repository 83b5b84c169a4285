package io.github.freeprob.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.freeprob.numerics.GaussLegendre;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.Elementary;
import io.github.freeprob.precision.HighPrecisionFunction;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.hipparchus.complex.Complex;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The law of f(h), h ~ N(0, q). References: a trapezoidal rule on ℝ with 4·10⁶ points for G (the integrand is
 * analytic with Gaussian decay, so the rule converges geometrically; its poles stay ≥ 10⁻³ from the axis at the points
 * used, far above the step 6·10⁻⁶), the change-of-variables density φ_q(h)/|f'(h)| summed over preimages, and Gaussian
 * probabilities from erf for the atoms.
 */
class GaussianPushforwardTest {

    static double sech4(double h) {
        double s = 1 / Math.cosh(h);
        return s * s * s * s;
    }

    static final HighPrecisionFunction SECH4_EXACT = (h, p) -> {
        BigFloat e = Elementary.exp(h, p);
        BigFloat sech = p.of(2).divide(e.add(e.reciprocal()));
        return sech.pow(4);
    };

    static Measure tanhNu(double q) {
        return Laws.lawOf(PiecewiseFunction.smooth(GaussianPushforwardTest::sech4, SECH4_EXACT), q, "nu_tanh(" + q + ")");
    }

    static Complex trapezoid(DoubleUnaryOperator f, double q, Complex z) {
        int n = 4_000_000;
        double half = 12 * Math.sqrt(q);
        double step = 2 * half / n;
        double re = 0;
        double im = 0;
        for (int j = 0; j <= n; j++) {
            double h = -half + j * step;
            double w = Math.exp(-h * h / (2 * q)) / Math.sqrt(2 * Math.PI * q) * step * (j == 0 || j == n ? 0.5 : 1);
            double dr = z.getReal() - f.applyAsDouble(h);
            double di = z.getImaginary();
            double norm = dr * dr + di * di;
            re += w * dr / norm;
            im -= w * di / norm;
        }
        return new Complex(re, im);
    }

    static Stream<Arguments> points() {
        return Stream.of(Arguments.of(1.0, new Complex(0.5, 0.1)), Arguments.of(1.0, new Complex(0.5, 1e-3)),
                Arguments.of(1.0, new Complex(0.9, 0.01)), Arguments.of(1.0, new Complex(0.999, 1e-4)),
                Arguments.of(1.0, new Complex(1.2, 0.05)), Arguments.of(1.0, new Complex(-0.3, 0.2)),
                Arguments.of(1.0, new Complex(0.05, 0.01)), Arguments.of(0.05, new Complex(0.95, 1e-3)),
                Arguments.of(4.0, new Complex(0.2, 1e-3)));
    }

    /** G off the axis, including next to the inverse-square-root edge at 1, to 1e-10 of the reference. */
    @ParameterizedTest
    @MethodSource("points")
    void cauchyTransformMatchesTrapezoidalReference(double q, Complex z) {
        Complex expected = trapezoid(GaussianPushforwardTest::sech4, q, z);
        Complex actual = tanhNu(q).cauchy(z);
        assertThat(actual.subtract(expected).norm() / expected.norm()).as("q=%s z=%s", q, z).isLessThan(1e-10);
    }

    /**
     * On the real axis: ρ(y) = 2 φ_q(h)/|f'(h)| with h = arcosh(y^{-1/4}) (two symmetric preimages). Agreement to 1e-11
     * in the bulk. Within 10⁻³ of the singular edge the roots are computed from the deflated form
     * f − f(0) = h² q(h), whose accuracy is that of the interpolant's second derivative at the critical point (about
     * K⁴ε for K Chebyshev coefficients): 1e-10 there. Without deflation it would degrade like ε/(1 − y).
     */
    /**
     * GELU's φ'(h)² = (Φ(h) + hφ(h))² is 1 to the last few bits for h &gt; 8: the sign changes of the interpolant's
     * derivative there are rounding noise and must not cut panels (they made 13 743 panels at q = 5 and 7 387 at q = 1,
     * where a few dozen resolve f to 10⁻¹⁴ of its largest value and 189 also to 10⁻¹³ of its smallest; every G
     * then visited all of them). The panel count is the regression guard; G at
     * z = 0.5 + 0.1i is checked against an independent reference: a 2000-panel composite 8-point Gauss–Legendre sum of
     * φ_q(h)/(z − f(h)) over ±10σ (the integrand is smooth, 0.1 away from its poles; panels of width 0.01σ–0.02σ leave an
     * error far below the 1e-12 asked).
     */
    @ParameterizedTest(name = "q = {0}")
    @MethodSource("geluVariances")
    void flatNoiseDoesNotCutPanels(double q) {
        DoubleUnaryOperator geluDerivativeSquared = h -> {
            double d = 0.5 * (1 + Erf.erf(h / Math.sqrt(2))) + h * Math.exp(-h * h / 2) / Math.sqrt(2 * Math.PI);
            return d * d;
        };
        GaussianPushforward nu = (GaussianPushforward) Laws.lawOf(geluDerivativeSquared, q, "gelu'^2");
        assertThat(nu.panelCount()).isLessThan(400);

        Complex z = new Complex(0.5, 0.1);
        double sigma = Math.sqrt(q);
        GaussLegendre rule = GaussLegendre.of(8);
        double[] nodes = rule.nodes();
        double[] weights = rule.weights();
        int panels = 2000;
        double width = 20 * sigma / panels;
        Complex sum = Complex.ZERO;
        for (int p = 0; p < panels; p++) {
            double mid = -10 * sigma + (p + 0.5) * width;
            for (int j = 0; j < nodes.length; j++) {
                double h = mid + 0.5 * width * nodes[j];
                double density = Math.exp(-h * h / (2 * q)) / Math.sqrt(2 * Math.PI * q);
                sum = sum.add(z.subtract(geluDerivativeSquared.applyAsDouble(h)).reciprocal()
                        .multiply(0.5 * width * weights[j] * density));
            }
        }
        Complex g = nu.cauchy(z);
        assertThat(g.subtract(sum).norm()).isLessThan(1e-12 * sum.norm());
    }

    static Stream<Double> geluVariances() {
        return Stream.of(1.0, 5.0);
    }

    /**
     * Far below its bulk a law is resolved relative to its own size: ν of f(h) = e^{−2h²} (erf's φ'², up to the
     * factor 4/π) at q = 0.6, whose density ~ y^{1/(4q) − 1} reaches 0 over 40 decades inside the ±10σ window. Products
     * of free laws read G there. References: on the axis, the change-of-variables density 2φ_q(h)/|f'(h)| at
     * h = √(ln(1/y)/2) (closed form; the inversion's rounding leaves 1e-12); off the axis at z = x(1 + i), a composite
     * 8-point Gauss–Legendre sum over ±10σ on 4000 panels (the integrand's poles stay ≥ 1/(4h) ≥ 0.05 from the axis,
     * 13 panel widths, so the rule is exact to rounding). Tolerance 1e-11 relative. An interpolant of f resolved to
     * 10⁻¹⁵ of its largest value (the earlier rule) left a relative error of about 10⁻¹⁵/y: 1e-7 at y = 1e-8.
     */
    @ParameterizedTest(name = "y = {0}")
    @MethodSource("deepPoints")
    void deepBelowTheBulkGIsAccurateRelativeToItsSize(double y) {
        double q = 0.6;
        DoubleUnaryOperator f = h -> Math.exp(-2 * h * h);
        Measure nu = Laws.lawOf(f, q, "exp(-2h^2)");

        double h0 = Math.sqrt(Math.log(1 / y) / 2);
        double rho = 2 * Math.exp(-h0 * h0 / (2 * q)) / Math.sqrt(2 * Math.PI * q) / (4 * h0 * y);
        double fromG = -nu.cauchy(new Complex(y, 0)).getImaginary() / Math.PI;
        assertThat(Math.abs(fromG - rho) / rho).as("density at y = %s", y).isLessThan(1e-11);

        Complex z = new Complex(y, y);
        double sigma = Math.sqrt(q);
        GaussLegendre rule = GaussLegendre.of(8);
        int panels = 4000;
        double width = 20 * sigma / panels;
        double re = 0;
        double im = 0;
        for (int p = 0; p < panels; p++) {
            double mid = -10 * sigma + (p + 0.5) * width;
            for (int j = 0; j < rule.nodes().length; j++) {
                double h = mid + 0.5 * width * rule.nodes()[j];
                double w = 0.5 * width * rule.weights()[j] * Math.exp(-h * h / (2 * q)) / Math.sqrt(2 * Math.PI * q);
                double dr = y - f.applyAsDouble(h);
                double norm = dr * dr + y * y;
                re += w * dr / norm;
                im -= w * y / norm;
            }
        }
        Complex expected = new Complex(re, im);
        assertThat(nu.cauchy(z).subtract(expected).norm() / expected.norm()).as("G at %s", z).isLessThan(1e-11);
    }

    static Stream<Double> deepPoints() {
        return Stream.of(1e-3, 1e-8, 1e-13, 1e-18);
    }

    @Test
    void boundaryValueIsTheChangeOfVariablesDensity() {
        double q = 1;
        Measure nu = tanhNu(q);
        for (double y : new double[] {1e-6, 0.01, 0.1, 0.3, 0.5, 0.8, 0.95, 0.999, 0.999999}) {
            double x = Math.pow(y, -0.25);
            double h = Math.log(x + Math.sqrt(x * x - 1));
            double slope = 4 * sech4(h) * Math.tanh(h);
            double rho = 2 * Math.exp(-h * h / (2 * q)) / Math.sqrt(2 * Math.PI * q) / slope;
            double fromG = -nu.cauchy(new Complex(y, 0)).getImaginary() / Math.PI;
            double bound = 1 - y < 1e-3 ? 1e-10 : 1e-11;
            assertThat(Math.abs(fromG - rho) / rho).as("y = %s", y).isLessThan(bound);
        }
        assertThat(nu.cauchy(new Complex(1.0000001, 0)).getImaginary()).isZero();
        assertThat(nu.support().hull().orElseThrow().hi()).isCloseTo(1, offset(1e-14));
    }

    /** Double moments (Gauss–Legendre panels) against exact ones (tanh–sinh in 40 digits), to 1e-13. */
    @Test
    void momentsAgreeWithTheExactRoute() {
        for (double q : new double[] {0.05, 1, 4}) {
            Measure nu = tanhNu(q);
            double[] m = nu.moments(8);
            MomentSequence exact = nu.exactMoments(8, Precision.ofDigits(40));
            for (int k = 1; k <= 8; k++) {
                assertThat(m[k]).as("q=%s m_%d", q, k).isCloseTo(exact.get(k).doubleValue(), offset(1e-13));
            }
        }
    }

    /** The exact route is self-consistent: 30 and 60 digits agree to 1e-29. */
    @Test
    void exactMomentsConvergeWithPrecision() {
        Measure nu = tanhNu(0.7);
        MomentSequence low = nu.exactMoments(4, Precision.ofDigits(30));
        MomentSequence high = nu.exactMoments(4, Precision.ofDigits(60));
        for (int k = 1; k <= 4; k++) {
            assertThat(low.get(k).subtract(high.get(k)).abs().doubleValue()).isLessThan(1e-29);
        }
    }

    /** ReLU's φ'(h)² as a black box: ½δ₀ + ½δ₁, the jump located by bisection to 1e-15. */
    @Test
    void reluDerivativeSquaredIsTwoAtoms() {
        Measure nu = Laws.lawOf(h -> h > 0 ? 1.0 : 0.0, 2.0, "relu");
        assertThat(nu.atoms()).hasSize(2);
        assertThat(nu.atoms().get(0).location()).isEqualTo(0);
        assertThat(nu.atoms().get(0).mass()).isCloseTo(0.5, offset(1e-14));
        assertThat(nu.atoms().get(1).location()).isEqualTo(1);
        assertThat(nu.support().isEmpty()).isTrue();
    }

    /** Hard tanh: (1 − p)δ₀ + pδ₁ with p = P(|h| &lt; 1) = erf(1/√(2q)). */
    @Test
    void hardTanhDerivativeSquaredHasTheGaussianMassOfTheLinearRegion() {
        double q = 0.6;
        Measure nu = Laws.lawOf(h -> Math.abs(h) < 1 ? 1.0 : 0.0, q, "hard_tanh");
        double p = Erf.erf(1 / Math.sqrt(2 * q));
        assertThat(nu.atoms()).hasSize(2);
        assertThat(nu.atoms().get(1).mass()).isCloseTo(p, offset(1e-14));
        assertThat(nu.atoms().get(0).mass()).isCloseTo(1 - p, offset(1e-14));
    }

    /**
     * An ELU-like f (e^{2h} for h &lt; 0, 1 beyond): an atom ½ at 1 beside a continuous part on (0, 1) with a kink at
     * the junction. Moments E f^k = ½ + E[e^{2kh}; h &lt; 0] = ½ + e^{2k²q} Φ(−2k√q) in closed form.
     */
    @Test
    void constantPieceBesideASmoothOne() {
        double q = 0.5;
        Measure nu = Laws.lawOf(h -> h < 0 ? Math.exp(2 * h) : 1.0, q, "elu");
        assertThat(nu.atoms()).hasSize(1);
        assertThat(nu.atoms().get(0).location()).isEqualTo(1);
        assertThat(nu.atoms().get(0).mass()).isCloseTo(0.5, offset(1e-14));
        double[] m = nu.moments(4);
        for (int k = 1; k <= 4; k++) {
            double expected = 0.5 + Math.exp(2.0 * k * k * q) * 0.5 * Erf.erfc(2 * k * Math.sqrt(q) / Math.sqrt(2));
            assertThat(m[k]).as("m_%d", k).isCloseTo(expected, offset(1e-13));
        }
    }

    @Test
    void blackBoxHasNoExactMoments() {
        Measure nu = Laws.lawOf(h -> Math.exp(-h * h), 1.0, "gauss");
        assertThatThrownBy(() -> nu.exactMoments(4, Precision.DEFAULT))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("arbitrary-precision version of f");
    }

    @Test
    void zeroVarianceGivesAPointMass() {
        assertThat(Laws.lawOf(GaussianPushforwardTest::sech4, 0.0, "x").atoms()).containsExactly(Atom.of(1, 1));
        assertThatThrownBy(() -> Laws.lawOf(GaussianPushforwardTest::sech4, -1.0, "x"))
                .hasMessage("Gaussian variance q must be >= 0, but was -1.0");
    }

    /**
     * The analytic G'(z) against Cauchy's integral formula G'(z) = (1/2πi)∮ G(w)/(w − z)² dw on a circle of radius
     * Im z/2 (the trapezoidal rule on a circle converges geometrically, here to ~1e-14 with 128 points; the reference
     * inherits G's own ~1e-11 accuracy near the axis, relative to |G|·2/Im z).
     */
    @ParameterizedTest
    @MethodSource("points")
    void derivativeMatchesCauchyIntegralFormula(double q, Complex z) {
        Measure nu = tanhNu(q);
        double radius = 0.5 * z.getImaginary();
        int n = 128;
        Complex sum = Complex.ZERO;
        for (int k = 0; k < n; k++) {
            Complex step = new Complex(Math.cos(2 * Math.PI * k / n), Math.sin(2 * Math.PI * k / n)).multiply(radius);
            sum = sum.add(nu.cauchy(z.add(step)).divide(step));
        }
        Complex expected = sum.divide(n);
        Complex actual = nu.cauchyDerivative(z);
        assertThat(actual.subtract(expected).norm() / expected.norm()).as("q=%s z=%s", q, z).isLessThan(1e-8);
    }
}
