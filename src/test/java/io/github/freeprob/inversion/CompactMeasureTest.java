package io.github.freeprob.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.freeprob.measure.ChebyshevMeasure;
import io.github.freeprob.measure.DensityPiece;
import io.github.freeprob.measure.EdgePanel;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.LogPanel;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.measure.PolynomialPanel;
import io.github.freeprob.measure.WeightedPiece;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compact Chebyshev form that Stieltjes inversion returns, against the closed-form laws it was built from: its
 * Cauchy transform (closed form per piece) must reproduce the law's everywhere in the upper half-plane, including on
 * the real axis, for each kind of piece (weighted, panels, edge panels).
 */
class CompactMeasureTest {

    static Stream<Arguments> compactsAndPoints() {
        SplittableRandom random = new SplittableRandom(7);
        List<Measure> laws = List.of(Laws.semicircle(1), Laws.marchenkoPastur(0.3), Laws.marchenkoPastur(2),
                Laws.uniform(-1, 2), Laws.arcsine(0, 1),
                Laws.mixture(new double[] {0.4, 0.6}, List.of(Laws.uniform(0, 1), Laws.semicircle(0.1))));
        return laws.stream().flatMap(law -> {
            ChebyshevMeasure compact = StieltjesInversion.invert(law).compact();
            Interval b = law.bounds();
            return IntStream.range(0, 30).mapToObj(i -> {
                double x = b.lo() - 0.5 + (b.width() + 1) * random.nextDouble();
                double y = i < 10 ? 0 : Math.pow(10, random.nextDouble(-6, 1));
                return Arguments.of(law, compact, new Complex(x, y));
            });
        });
    }

    /**
     * G of the compact form within 1e-9 relative of the law's G (boundary values included; the compact form carries
     * ~1e-13 interpolation error, amplified near edges where G varies fast), and G' within 1e-6.
     */
    @ParameterizedTest
    @MethodSource("compactsAndPoints")
    void cauchyTransformReproducesTheLaw(Measure law, ChebyshevMeasure compact, Complex z) {
        Complex expected = law.cauchy(z);
        if (!Double.isFinite(expected.norm())) {
            return;
        }
        Complex actual = compact.cauchy(z);
        double tolerance = 1e-9 * (expected.norm() + 1);
        if (z.getImaginary() == 0 && nearAnEdge(law, z.getReal())) {
            tolerance = 1e-6 * (expected.norm() + 1);
        }
        assertThat(actual.subtract(expected).norm()).as("%s vs %s at %s", compact, law, z).isLessThan(tolerance);
        if (z.getImaginary() > 1e-3) {
            Complex derivative = law.cauchyDerivative(z);
            assertThat(compact.cauchyDerivative(z).subtract(derivative).norm()).as("G' at %s", z)
                    .isLessThan(1e-6 * (derivative.norm() + 1));
        }
    }

    /** Within 1e-4 of a support edge, where the density's √ or jump makes the real-axis values stiff. */
    static boolean nearAnEdge(Measure law, double x) {
        for (Interval interval : law.support().intervals()) {
            if (Math.abs(x - interval.lo()) < 1e-4 || Math.abs(x - interval.hi()) < 1e-4) {
                return true;
            }
        }
        return false;
    }

    @Test
    void eachKindOfPieceIsUsedWhereItFits() {
        assertThat(StieltjesInversion.invert(Laws.semicircle(1)).compact().pieces())
                .allMatch(p -> p instanceof WeightedPiece);
        List<DensityPiece> uniform = StieltjesInversion.invert(Laws.uniform(0, 1)).compact().pieces();
        assertThat(uniform).anyMatch(p -> p instanceof EdgePanel).anyMatch(p -> p instanceof PolynomialPanel);
    }

    /** Exact moments of the approximant agree with its double moments and with the law's exact moments (1e-11). */
    @Test
    void exactMomentsOfTheApproximant() {
        for (Measure law : List.of(Laws.uniform(-1, 2), Laws.marchenkoPastur(0.5))) {
            ChebyshevMeasure compact = StieltjesInversion.invert(law).compact();
            MomentSequence approximant = compact.exactMoments(8, Precision.ofDigits(40));
            MomentSequence exact = law.exactMoments(8, Precision.ofDigits(40));
            double[] doubles = compact.moments(8);
            for (int k = 1; k <= 8; k++) {
                double e = exact.get(k).doubleValue();
                assertThat(approximant.get(k).doubleValue()).as("%s m_%d", law, k)
                        .isCloseTo(e, offset(1e-11 * Math.max(1, Math.abs(e))));
                assertThat(doubles[k]).isCloseTo(approximant.get(k).doubleValue(),
                        offset(1e-12 * Math.max(1, Math.abs(e))));
            }
        }
    }

    /**
     * The shifted compact form (pieces kept in the unshifted coordinates) is the law of q + X: G, G' and H against the
     * closed-form law shifted by {@code Laws.shift} (1e-9, as above), atoms, support, CDF, and moments against the
     * exact engine's moments of the shifted closed form (1e-11, the compact form's own accuracy).
     */
    @Test
    void shiftedCompactFormIsTheLawOfTheShiftedVariable() {
        double q = 0.75;
        Measure law = Laws.marchenkoPastur(2);
        ChebyshevMeasure compact = StieltjesInversion.invert(law).compact();
        ChebyshevMeasure shifted = compact.shift(q);
        Measure expected = Laws.shift(law, q);
        assertThat(shifted.offset()).isEqualTo(q);
        assertThat(compact.shift(0)).isSameAs(compact);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 40; i++) {
            Complex z = new Complex(random.nextDouble(-1, 6), i < 5 ? 1e-300 : Math.pow(10, random.nextDouble(-4, 1)));
            Complex g = expected.cauchy(z);
            assertThat(shifted.cauchy(z).subtract(g).norm()).as("G at %s", z).isLessThan(1e-9 * (g.norm() + 1));
            Complex reduced = expected.cauchyReduced(z);
            assertThat(shifted.cauchyReduced(z).subtract(reduced).norm()).as("H at %s", z)
                    .isLessThan(1e-9 * (reduced.norm() + 1));
            Complex[] terms = shifted.cauchyTerms(z);
            assertThat(terms[0].subtract(shifted.cauchy(z)).norm()).isLessThan(1e-14 * (g.norm() + 1));
            assertThat(terms[2].subtract(shifted.cauchyReduced(z)).norm()).isLessThan(1e-14 * (reduced.norm() + 1));
            if (z.getImaginary() > 1e-3) {
                Complex derivative = expected.cauchyDerivative(z);
                assertThat(shifted.cauchyDerivative(z).subtract(derivative).norm()).as("G' at %s", z)
                        .isLessThan(1e-6 * (derivative.norm() + 1));
            }
        }
        // mp(2) has the atom ½ at 0, now at q; the support [(1 − √2)², (1 + √2)²] moves by q.
        assertThat(shifted.atoms()).hasSize(1);
        assertThat(shifted.atoms().get(0).location()).isEqualTo(q);
        assertThat(shifted.atoms().get(0).mass()).isCloseTo(0.5, offset(1e-12));
        Interval hull = shifted.support().hull().orElseThrow();
        assertThat(hull.lo()).isCloseTo(q + Math.pow(1 - Math.sqrt(2), 2), offset(1e-12));
        assertThat(hull.hi()).isCloseTo(q + Math.pow(1 + Math.sqrt(2), 2), offset(1e-12));
        assertThat(shifted.bounds().lo()).isEqualTo(q);
        for (double x : new double[] {0.5, 0.75, 1.5, 3, 6.6}) {
            assertThat(shifted.cdf(x)).as("F(%s)", x).isEqualTo(compact.cdf(x - q));
            assertThat(shifted.density(x)).isEqualTo(compact.density(x - q));
        }
        MomentSequence exact = expected.exactMoments(8, Precision.ofDigits(40));
        MomentSequence approximant = shifted.exactMoments(8, Precision.ofDigits(40));
        double[] doubles = shifted.moments(8);
        for (int k = 1; k <= 8; k++) {
            double e = exact.get(k).doubleValue();
            assertThat(doubles[k]).as("m_%d", k).isCloseTo(e, offset(1e-11 * e));
            assertThat(approximant.get(k).doubleValue()).isCloseTo(e, offset(1e-11 * e));
        }
        assertThat(shifted.expectation(x -> x * x)).isCloseTo(doubles[2], offset(1e-11));
    }

    /**
     * A weighted piece seen from afar, where s = √(ζ − 1)√(ζ + 1) ~ ζ and J = ζ − s would cancel (J ~ 1/(2ζ)): on the
     * piece [0, 4·10⁻⁴] seen from z = −41 (|ζ| = 2·10⁵, where ζ − s lost ten digits) and z = 60, G against an
     * independent sum, the Gauss–Chebyshev rule (1/M) Σ g(t_j)/(z − x(t_j)), which converges like |J|^{2M}, so 12 nodes
     * are exact to rounding; tolerance 1e-14 relative, a few roundings of the sum.
     */
    @Test
    void weightedPieceFarFromANarrowIntervalKeepsItsDigits() {
        double[] g = {1, 0.3, 0.1};
        WeightedPiece piece = new WeightedPiece(Interval.of(0, 4e-4), g);
        double c = 2e-4;
        double r = 2e-4;
        int nodes = 12;
        for (Complex z : List.of(new Complex(-41, 0), new Complex(-41, 1e-9), new Complex(60, 0), new Complex(0, 30))) {
            Complex expected = Complex.ZERO;
            for (int j = 0; j < nodes; j++) {
                double t = Math.cos(Math.PI * (j + 0.5) / nodes);
                double gt = g[0] + g[1] * t + g[2] * (2 * t * t - 1);
                expected = expected.add(z.subtract(c + r * t).reciprocal().multiply(gt / nodes));
            }
            assertThat(piece.cauchy(z).subtract(expected).norm()).as("G at %s", z)
                    .isLessThan(1e-14 * expected.norm());
        }
    }

    /**
     * At a junction of two pieces G on the axis is the average of G at x₀ ± δ, δ = 10⁻⁸ of the narrower piece; when that
     * is below an ulp of x₀ (a piece 2·10⁻⁹ wide at x₀ ≈ 1, as deep cuts toward an edge make) δ is raised to 8 ulps, so
     * that x₀ ± δ are other points (before, the average recursed on x₀ itself until the stack overflowed). With constant
     * densities d and e on either side, −Im G/π there is (d + e)/2 exactly (each side's boundary value is its density),
     * to rounding: tolerance 1e-12.
     */
    @Test
    void junctionNextToAVeryNarrowPieceIsAveragedOverDistinctPoints() {
        double x0 = 1 + 2e-9;
        double d = 0.25;
        double e = (1 - d * (x0 - 1)) / (2 - x0);
        ChebyshevMeasure compact = ChebyshevMeasure.of(List.of(),
                List.of(new PolynomialPanel(Interval.of(1, x0), new double[] {d}),
                        new PolynomialPanel(Interval.of(x0, 2), new double[] {e})), 1e-12);
        Complex g = compact.cauchy(new Complex(x0, 0));
        assertThat(Double.isFinite(g.getReal())).isTrue();
        assertThat(-g.getImaginary() / Math.PI).isCloseTo(0.5 * (d + e), offset(1e-12));
    }

    /**
     * A run of pieces each 3 ulps wide (the last halvings toward a singular point leave such runs) puts every point of
     * the run within 4 ulps of a junction: the average at x₀ ± δ would land on another junction and recurse without end
     * (a stack overflow before). δ doubles until both points are clear. The density is ½ on all of [0, 2], so −Im G/π
     * is ½ at any interior point, the run included (each piece's boundary value is its density): tolerance 1e-12.
     */
    @Test
    void junctionInsideARunOfUlpWidePiecesIsAveragedOutsideTheRun() {
        double u = Math.ulp(1.0);
        List<DensityPiece> pieces = new ArrayList<>();
        pieces.add(new PolynomialPanel(Interval.of(0, 1), new double[] {0.5}));
        for (int i = 0; i < 10; i++) {
            pieces.add(new PolynomialPanel(Interval.of(1 + 3 * i * u, 1 + 3 * (i + 1) * u), new double[] {0.5}));
        }
        pieces.add(new PolynomialPanel(Interval.of(1 + 30 * u, 2), new double[] {0.5}));
        ChebyshevMeasure compact = ChebyshevMeasure.of(List.of(), pieces, 1e-12);
        for (int i = 1; i < 10; i++) {
            Complex g = compact.cauchy(new Complex(1 + 3 * i * u, 0));
            assertThat(-g.getImaginary() / Math.PI).as("junction %d", i).isCloseTo(0.5, offset(1e-12));
        }
    }

    /**
     * A compact law reports the edges its edge and logarithmic panels were fitted toward, once each and shifted with
     * it, so that inverting it again (or an affine image of it) cuts its panels there; plain panels add none.
     */
    @Test
    void edgesOfEdgeAndLogPanelsAreSingularPoints() {
        List<DensityPiece> pieces = List.of(
                new LogPanel(0, true, Math.log(0.01), Math.log(0.25), new double[] {0.1}),
                new EdgePanel(0.25, true, 2, 0, 0.5, new double[] {0.5}),
                new EdgePanel(0.25, true, 2, 0.5, 0.75, new double[] {0.5}),
                new PolynomialPanel(Interval.of(0.8125, 1.5), new double[] {0.3}),
                new EdgePanel(2, false, 2, 0, Math.sqrt(0.5), new double[] {0.2}));
        ChebyshevMeasure compact = ChebyshevMeasure.of(List.of(), pieces, 1);
        assertThat(compact.singularPoints()).containsExactly(0.0, 0.25, 2.0);
        assertThat(compact.shift(1).singularPoints()).containsExactly(1.0, 1.25, 3.0);
    }

    @Test
    void massMustAddUpToOne() {
        assertThatThrownBy(() -> ChebyshevMeasure.of(List.of(),
                List.of(new WeightedPiece(Interval.of(0, 1), new double[] {0.9})), 1e-12))
                .hasMessageContaining("total mass must be 1").hasMessageContaining("0.9");
    }
}
