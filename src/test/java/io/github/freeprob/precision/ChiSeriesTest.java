package io.github.freeprob.precision;

import static io.github.freeprob.precision.MomentEngineTest.assertRelativelyClose;
import static io.github.freeprob.precision.MomentEngineTest.binomial;
import static io.github.freeprob.precision.MomentEngineTest.marchenkoPastur;
import static io.github.freeprob.precision.MomentEngineTest.semicircle;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ChiSeries} against closed forms: χ of the free Poisson law, Fuss–Catalan numbers for mp(1) ⊠ mp(1), the
 * binomial transform of Narayana polynomials for affine images of mp(λ), and point masses. Every expected value is
 * an exact integer or rational computed here with BigInteger, or a finite sum of them at the working precision.
 * Precision 50 digits (as {@link MomentEngineTest}); a chain of two or three reversions and a Lagrange–Bürmann pass of
 * order ≤ 30 loses a few digits to rounding, so agreement is asked to 1e-40 relative, the engine's tolerance.
 */
class ChiSeriesTest {

    private static final Precision P = Precision.ofDigits(50);
    private static final double TOLERANCE = 1e-40;
    private static final int ORDER = 30;

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.0, 3.0})
    void roundTripRecoversTheMoments(double lambda) {
        MomentSequence moments = marchenkoPastur(lambda, ORDER);
        MomentSequence back = ChiSeries.of(moments).moments();
        for (int k = 0; k <= ORDER; k++) {
            assertRelativelyClose(back.get(k), moments.get(k), TOLERANCE, "m_" + k);
        }
    }

    /** mp(λ): S(w) = 1/(1 + λw), so χ(w) = w/((1 + w)(1 + λw)) and χ_k = (−1)^{k−1} Σ_{b<k} λ^b. */
    @ParameterizedTest
    @ValueSource(doubles = {0.25, 1.0, 2.5})
    void chiOfMarchenkoPasturIsClosedForm(double lambda) {
        ChiSeries chi = ChiSeries.of(marchenkoPastur(lambda, ORDER));
        BigFloat sum = P.zero();
        for (int k = 1; k <= ORDER; k++) {
            sum = sum.add(P.of(lambda).pow(k - 1));
            BigFloat expected = k % 2 == 1 ? sum : sum.negate();
            assertRelativelyClose(chi.get(k), expected, TOLERANCE, "chi_" + k);
        }
    }

    /** mp(1) ⊠ mp(1) is the Fuss–Catalan law of order 2: m_n = C(3n, n)/(2n + 1). */
    @Test
    void productOfFreePoissonLawsIsFussCatalan() {
        ChiSeries mp = ChiSeries.of(marchenkoPastur(1, ORDER));
        MomentSequence product = mp.multiplicative(mp).moments();
        for (int n = 1; n <= ORDER; n++) {
            BigFloat expected = BigFloat.of(binomial(3 * n, n), P.bits()).divide(2L * n + 1);
            assertRelativelyClose(product.get(n), expected, TOLERANCE, "m_" + n);
        }
    }

    /** The order of a product is the smaller order of its factors. */
    @Test
    void productTruncatesToTheSmallerOrder() {
        ChiSeries longer = ChiSeries.of(marchenkoPastur(1, ORDER));
        ChiSeries shorter = ChiSeries.of(marchenkoPastur(1, 12));
        MomentSequence product = longer.multiplicative(shorter).moments();
        org.assertj.core.api.Assertions.assertThat(product.order()).isEqualTo(12);
        for (int n = 1; n <= 12; n++) {
            BigFloat expected = BigFloat.of(binomial(3 * n, n), P.bits()).divide(2L * n + 1);
            assertRelativelyClose(product.get(n), expected, TOLERANCE, "m_" + n);
        }
    }

    static Stream<Arguments> affineMaps() {
        return Stream.of(Arguments.of(0.5, 0.25, 1.0), Arguments.of(2.0, -0.5, 2.0), Arguments.of(1.0, 1.5, -0.75),
                Arguments.of(0.3, 3.0, 0.0), Arguments.of(1.0, 0.0, 3.0));
    }

    /**
     * (q + s·)_* mp(λ) has m_n = Σ_j C(n, j) q^{n−j} s^j m_j(mp(λ)) (binomial theorem), with the Narayana
     * polynomials m_j(mp(λ)) = Σ_k N(j, k) λ^{k−1}; q, s and λ are dyadic, so each term is exact before rounding.
     */
    @ParameterizedTest(name = "lambda = {0}, q = {1}, s = {2}")
    @MethodSource("affineMaps")
    void affineImageMatchesTheBinomialTransform(double lambda, double shift, double scale) {
        MomentSequence mp = marchenkoPastur(lambda, ORDER);
        MomentSequence image = ChiSeries.of(mp).affine(shift, scale).moments();
        for (int n = 1; n <= ORDER; n++) {
            BigFloat expected = P.zero();
            for (int j = 0; j <= n; j++) {
                expected = expected.add(BigFloat.of(binomial(n, j), P.bits()).multiply(P.of(shift).pow(n - j))
                        .multiply(P.of(scale).pow(j)).multiply(mp.get(j)));
            }
            assertRelativelyClose(image.get(n), expected, TOLERANCE, "m_" + n);
        }
    }

    /** δ_a ⊠ μ = (a·)_*μ and (q + s·)_*δ_a = δ_{q+sa}: a chain that stays a point mass, m_n = c^n exactly. */
    @Test
    void chainOfPointMassesStaysAPointMass() {
        MomentSequence start = MomentSequence.ofDoubles(new double[] {0.75, 0.5625, 0.421875, 0.31640625}, P);
        MomentSequence weight = MomentSequence.ofDoubles(new double[] {1.5, 2.25, 3.375, 5.0625}, P);
        ChiSeries chi = ChiSeries.of(start);
        ChiSeries factor = ChiSeries.of(weight);
        BigFloat point = P.of(0.75);
        for (int layer = 0; layer < 20; layer++) {
            chi = chi.multiplicative(factor).affine(0.125, 0.5);
            point = P.of(0.125).add(P.of(0.5).multiply(P.of(1.5)).multiply(point));
        }
        MomentSequence moments = chi.moments();
        for (int n = 1; n <= 4; n++) {
            assertRelativelyClose(moments.get(n), point.pow(n), TOLERANCE, "m_" + n);
        }
    }

    @Test
    void badInputIsRefusedWithItsValues() {
        assertThatThrownBy(() -> ChiSeries.of(semicircle(1, 8))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m_1 was 0");
        assertThatThrownBy(() -> ChiSeries.of(MomentSequence.ofDoubles(new double[0], P)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m_1 was absent");
        ChiSeries mp = ChiSeries.of(marchenkoPastur(1, 8));
        // mp(1) has mean 1, so q = −2, s = 2 gives mean 0: no χ.
        assertThatThrownBy(() -> mp.affine(-2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shift -2.0, scale 2.0").hasMessageContaining("mean 0");
        assertThatThrownBy(() -> mp.affine(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delta_0");
        assertThatThrownBy(() -> mp.affine(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shift = NaN");
        assertThatThrownBy(() -> mp.get(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was 0");
        assertThatThrownBy(() -> mp.get(9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 8], but was 9");
    }
}
