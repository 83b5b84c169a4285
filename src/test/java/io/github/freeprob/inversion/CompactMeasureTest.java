package io.github.freeprob.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.freeprob.measure.ChebyshevMeasure;
import io.github.freeprob.measure.DensityPiece;
import io.github.freeprob.measure.EdgePanel;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.measure.PolynomialPanel;
import io.github.freeprob.measure.WeightedPiece;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
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
                        .isCloseTo(e, org.assertj.core.data.Offset.offset(1e-11 * Math.max(1, Math.abs(e))));
                assertThat(doubles[k]).isCloseTo(approximant.get(k).doubleValue(),
                        org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(e))));
            }
        }
    }

    @Test
    void massMustAddUpToOne() {
        assertThatThrownBy(() -> ChebyshevMeasure.of(List.of(),
                List.of(new WeightedPiece(Interval.of(0, 1), new double[] {0.9})), 1e-12))
                .hasMessageContaining("total mass must be 1").hasMessageContaining("0.9");
    }
}
