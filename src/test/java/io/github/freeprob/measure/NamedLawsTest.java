package io.github.freeprob.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The named laws against their closed-form densities (written here independently of the Cauchy-transform code) and
 * against the defining properties of a Cauchy transform.
 */
class NamedLawsTest {

    /** A law with its closed-form density on its support, for checks that do not use the law's own G. */
    record Law(String name, Measure measure, DoubleUnaryOperator density, double lo, double hi) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Law> continuousLaws() {
        return List.of(
                new Law("semicircle(2)", Laws.semicircle(2), x -> Math.sqrt(8 - x * x) / (4 * Math.PI), -Math.sqrt(8),
                        Math.sqrt(8)),
                new Law("mp(0.5)", Laws.marchenkoPastur(0.5),
                        x -> Math.sqrt((mpHi(0.5) - x) * (x - mpLo(0.5))) / (2 * Math.PI * 0.5 * x), mpLo(0.5),
                        mpHi(0.5)),
                new Law("uniform(-1, 3)", Laws.uniform(-1, 3), x -> 0.25, -1, 3),
                new Law("arcsine(-1, 2)", Laws.arcsine(-1, 2), x -> 1 / (Math.PI * Math.sqrt((x + 1) * (2 - x))), -1,
                        2),
                new Law("shift(scale(semicircle(1), -3), 2)", Laws.affine(Laws.semicircle(1), 2, -3),
                        x -> Math.sqrt(4 - Math.pow((x - 2) / 3, 2)) / (2 * Math.PI) / 3, -4, 8));
    }

    static double mpLo(double lambda) {
        return Math.pow(1 - Math.sqrt(lambda), 2);
    }

    static double mpHi(double lambda) {
        return Math.pow(1 + Math.sqrt(lambda), 2);
    }

    /** ρ(x) = −Im G(x + i0)/π against the closed form, to 1e-12 relative (rounding in the square roots). */
    @ParameterizedTest
    @MethodSource("continuousLaws")
    void boundaryValueGivesTheDensity(Law law) {
        for (int i = 1; i < 50; i++) {
            double x = law.lo + (law.hi - law.lo) * i / 50.0;
            double fromG = -law.measure.cauchy(new Complex(x, 0)).getImaginary() / Math.PI;
            double exact = law.density.applyAsDouble(x);
            assertThat(Math.abs(fromG - exact) / exact).as("%s at %s", law, x).isLessThan(1e-12);
        }
    }

    /**
     * G(z) off the axis against an independent adaptive Gauss–Legendre integral of the closed-form density (real
     * and imaginary parts separately, relative accuracy 1e-13 requested; singular endpoints handled by the
     * substitution x = c − r cos θ), agreement to 1e-10.
     */
    @ParameterizedTest
    @MethodSource("continuousLaws")
    void cauchyTransformMatchesQuadratureOfTheDensity(Law law) {
        Complex[] points = {new Complex(0.3, 0.5), new Complex(law.hi + 0.2, 0.05), new Complex(law.lo - 1, 2),
            new Complex(0.5 * (law.lo + law.hi), 0.01)};
        for (Complex z : points) {
            Complex expected = integrate(law, z);
            Complex actual = law.measure.cauchy(z);
            assertThat(actual.subtract(expected).norm() / expected.norm()).as("%s at %s", law, z)
                    .isLessThan(1e-10);
        }
    }

    static Complex integrate(Law law, Complex z) {
        double c = 0.5 * (law.lo + law.hi);
        double r = 0.5 * (law.hi - law.lo);
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(64, 1e-13, 1e-13);
        DoubleUnaryOperator weight = theta -> {
            double x = c - r * Math.cos(theta);
            return law.density.applyAsDouble(x) * r * Math.sin(theta);
        };
        double re = integrator.integrate(5_000_000, theta -> {
            double x = c - r * Math.cos(theta);
            double dr = z.getReal() - x;
            return weight.applyAsDouble(theta) * dr / (dr * dr + z.getImaginary() * z.getImaginary());
        }, 0, Math.PI);
        double im = new IterativeLegendreGaussIntegrator(64, 1e-13, 1e-13).integrate(5_000_000, theta -> {
            double x = c - r * Math.cos(theta);
            double dr = z.getReal() - x;
            return -weight.applyAsDouble(theta) * z.getImaginary() / (dr * dr + z.getImaginary() * z.getImaginary());
        }, 0, Math.PI);
        return new Complex(re, im);
    }

    static Stream<Measure> allLaws() {
        return Stream.of(Laws.semicircle(0.7), Laws.marchenkoPastur(0.3), Laws.marchenkoPastur(2.5),
                Laws.marchenkoPastur(1), Laws.uniform(0, 2), Laws.arcsine(-2, 1),
                Laws.atoms(new double[] {-1, 0.5, 3}, new double[] {0.25, 0.5, 0.25}), Laws.dirac(1.5),
                Laws.mixture(new double[] {0.4, 0.6}, List.of(Laws.semicircle(1), Laws.dirac(3))),
                Laws.affine(Laws.marchenkoPastur(2), 1, -0.5), Laws.empirical(new double[] {1, 2, 2, 5}));
    }

    /** Random points of the upper half-plane, 40 per law, from a fixed seed. */
    static Stream<Arguments> lawsAndPoints() {
        SplittableRandom random = new SplittableRandom(20261123);
        return allLaws().flatMap(law -> IntStream.range(0, 40).mapToObj(i -> {
            Interval b = law.bounds();
            double x = b.lo() - 1 + (b.width() + 2) * random.nextDouble();
            double y = Math.pow(10, random.nextDouble(-3, 1));
            return Arguments.of(law, new Complex(x, y));
        }));
    }

    /**
     * Defining properties: Im G &lt; 0 on ℂ⁺, G(z̄) = conj G(z), |G(z)| ≤ 1/Im z, and G'(z) against a central
     * difference of step 1e-5·Im z (truncation error ~1e-10 relative).
     */
    @ParameterizedTest
    @MethodSource("lawsAndPoints")
    void cauchyTransformProperties(Measure law, Complex z) {
        Complex g = law.cauchy(z);
        assertThat(g.getImaginary()).as("Im G at %s for %s", z, law).isNegative();
        assertThat(g.norm()).isLessThanOrEqualTo(1 / z.getImaginary() * (1 + 1e-12));
        Complex below = law.cauchy(z.conjugate());
        assertThat(below.subtract(g.conjugate()).norm()).isLessThanOrEqualTo(1e-15 * g.norm());
        double h = 1e-5 * z.getImaginary();
        Complex difference = law.cauchy(z.add(h)).subtract(law.cauchy(z.subtract(h))).divide(2 * h);
        Complex derivative = law.cauchyDerivative(z);
        assertThat(derivative.subtract(difference).norm()).as("G' at %s for %s", z, law)
                .isLessThanOrEqualTo(1e-6 * derivative.norm() + 1e-9);
    }

    /** Far away, G(z) = Σ_k m_k / z^{k+1}; with |z| = 10 × the support radius, 40 terms leave 1e-40. */
    @ParameterizedTest
    @MethodSource("allLaws")
    void cauchyTransformMatchesItsMomentSeriesFarAway(Measure law) {
        Interval b = law.bounds();
        double radius = Math.max(Math.abs(b.lo()), Math.abs(b.hi()));
        Complex z = new Complex(3 * radius + 1, 9 * radius + 1);
        double[] m = law.moments(40);
        Complex series = Complex.ZERO;
        Complex power = z.reciprocal();
        for (int k = 0; k <= 40; k++) {
            series = series.add(power.multiply(m[k]));
            power = power.divide(z);
        }
        assertThat(law.cauchy(z).subtract(series).norm() / series.norm()).as("%s", law).isLessThan(1e-13);
    }

    /** Double moments against the exact ones at 40 digits (the double recurrences lose a few ulps). */
    @ParameterizedTest
    @MethodSource("allLaws")
    void doubleMomentsMatchExactMoments(Measure law) {
        double[] m = law.moments(12);
        MomentSequence exact = law.exactMoments(12, Precision.ofDigits(40));
        for (int k = 0; k <= 12; k++) {
            double e = exact.get(k).doubleValue();
            assertThat(Math.abs(m[k] - e)).as("m_%d of %s", k, law).isLessThanOrEqualTo(1e-13 * Math.max(1, Math.abs(e)));
        }
        assertThat(law.mean()).isCloseTo(exact.get(1).doubleValue(), org.assertj.core.data.Offset.offset(1e-13));
        double variance = exact.get(2).subtract(exact.get(1).multiply(exact.get(1))).doubleValue();
        assertThat(law.variance()).isCloseTo(variance, org.assertj.core.data.Offset.offset(1e-12 * (1 + variance)));
    }

    @Test
    void marchenkoPasturHasItsAtomWhenTheRatioExceedsOne() {
        assertThat(Laws.marchenkoPastur(0.5).atoms()).isEmpty();
        assertThat(Laws.marchenkoPastur(4).atoms()).containsExactly(Atom.of(0, 0.75));
        // The residue of G at 0 is the atom: iε G(iε) → 1 − 1/λ.
        double eps = 1e-12;
        double residue = -eps * Laws.marchenkoPastur(4).cauchy(new Complex(0, eps)).getImaginary();
        assertThat(residue).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-11));
        assertThat(Laws.marchenkoPastur(4).support().intervals()).containsExactly(Interval.of(1, 9));
    }

    @Test
    void affineMapsCompose() {
        Measure twice = Laws.affine(Laws.affine(Laws.semicircle(1), 1, 2), -3, 0.5);
        Measure once = Laws.affine(Laws.semicircle(1), -2.5, 1);
        Complex z = new Complex(0.2, 0.4);
        assertThat(twice.cauchy(z).subtract(once.cauchy(z)).norm()).isLessThan(1e-15);
        assertThat(twice.toString()).isEqualTo("shift(semicircle(1.0), -2.5)");
    }

    @Test
    void badParametersFailWithTheirNameAndValue() {
        assertThatThrownBy(() -> Laws.semicircle(-1)).hasMessage("semicircle variance v must be > 0, but was -1.0");
        assertThatThrownBy(() -> Laws.semicircle(Double.NaN)).hasMessageContaining("variance v").hasMessageContaining("NaN");
        assertThatThrownBy(() -> Laws.marchenkoPastur(0))
                .hasMessage("Marchenko-Pastur ratio lambda must be > 0, but was 0.0");
        assertThatThrownBy(() -> Laws.atoms(new double[] {0, 1}, new double[] {0.5, 0.6}))
                .hasMessage("atom masses must sum to 1, but sum to 1.1");
        assertThatThrownBy(() -> Laws.atoms(new double[] {0, 1}, new double[] {-0.5, 1.5}))
                .hasMessage("atom mass p1 must be >= 0, but was -0.5");
        assertThatThrownBy(() -> Laws.atoms(new double[] {0, Double.NaN}, new double[] {0.5, 0.5}))
                .hasMessage("atom location x2 must be finite, but was NaN");
        assertThatThrownBy(() -> Laws.uniform(2, 1)).hasMessageContaining("uniform left end a must be <")
                .hasMessageContaining("2.0");
        assertThatThrownBy(() -> Laws.arcsine(0, Double.POSITIVE_INFINITY)).hasMessageContaining("must be finite");
        assertThatThrownBy(() -> Laws.affine(Laws.dirac(0), 1, 0)).hasMessage("scale must be nonzero, but was 0.0");
        assertThatThrownBy(() -> Laws.mixture(new double[] {0.5, 0.4}, List.of(Laws.dirac(0), Laws.dirac(1))))
                .hasMessageContaining("mixture weights must sum to 1");
        assertThatThrownBy(() -> Laws.semicircle(1).cauchy(new Complex(Double.NaN, 1)))
                .hasMessageContaining("z must be finite");
    }

    @Test
    void empiricalLawMergesRepeatedSamplesIntoAtoms() {
        Measure law = Laws.empirical(new double[] {3, 1, 3, 2});
        assertThat(law.atoms()).containsExactly(Atom.of(1, 0.25), Atom.of(2, 0.25), Atom.of(3, 0.5));
        assertThat(law.moments(2)[2]).isEqualTo((9 + 1 + 9 + 4) / 4.0);
    }
}
