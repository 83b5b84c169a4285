package io.github.freeprob.precision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BigFloatTest {

    private static final Precision P = Precision.ofDigits(60);

    /** Each case: a seed for two random doubles of wide magnitude. */
    static Stream<Integer> seeds() {
        return IntStream.range(0, 200).boxed();
    }

    private static double randomDouble(SplittableRandom random) {
        double mantissa = random.nextDouble(-1, 1);
        return Math.scalb(mantissa, random.nextInt(-60, 60));
    }

    /**
     * Arithmetic against java.math.BigDecimal computed with 80 digits (exact for + − × of doubles, correctly rounded
     * for ÷ and √): the relative difference must stay below 10^-60, the working precision.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void arithmeticMatchesBigDecimal(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double x = randomDouble(random);
        double y = randomDouble(random);
        BigFloat a = P.of(x);
        BigFloat b = P.of(y);
        MathContext mc = new MathContext(80);
        BigDecimal bx = new BigDecimal(x);
        BigDecimal by = new BigDecimal(y);
        assertClose(a.add(b), bx.add(by, mc), "add, seed " + seed);
        assertClose(a.subtract(b), bx.subtract(by, mc), "subtract, seed " + seed);
        assertClose(a.multiply(b), bx.multiply(by, mc), "multiply, seed " + seed);
        assertClose(a.divide(b), bx.divide(by, mc), "divide, seed " + seed);
        assertClose(a.abs().sqrt(), bx.abs().sqrt(mc), "sqrt, seed " + seed);
        assertThat(a.doubleValue()).as("double round trip, seed %d", seed).isEqualTo(x);
        assertThat(a.compareTo(b)).as("compare, seed %d", seed).isEqualTo(Double.compare(x, y));
    }

    private static void assertClose(BigFloat actual, BigDecimal expected, String what) {
        BigDecimal difference = actual.toBigDecimal().subtract(expected).abs();
        BigDecimal bound = expected.abs().multiply(new BigDecimal("1e-60")).add(new BigDecimal("1e-400"));
        assertThat(difference).as(what + ": " + actual + " vs " + expected).isLessThanOrEqualTo(bound);
    }

    @Test
    void cancellationIsExact() {
        BigFloat one = P.one();
        BigFloat third = one.divide(P.of(3));
        assertThat(third.multiply(3L).subtract(one).abs().doubleValue()).isLessThan(1e-60);
        BigFloat big = P.of(1e30);
        assertThat(big.add(one).subtract(big)).isEqualTo(one);
    }

    @Test
    void apfloatRoundTripKeepsTheDigits() {
        BigFloat x = P.of(2).sqrt();
        BigFloat back = BigFloat.of(x.toApfloat(), P.bits());
        assertThat(back.subtract(x).abs().doubleValue()).isLessThan(1e-60);
    }

    @Test
    void divisionByZeroFails() {
        assertThatThrownBy(() -> P.one().divide(P.zero())).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> P.of(Double.NaN)).hasMessageContaining("NaN");
    }

    /**
     * The native normal CDF (series below |x| = 5, continued fraction beyond) and π against apfloat's erfc and π at
     * 300 digits: full relative precision at 60 and 150 digits, deep in the lower tail included.
     */
    @ParameterizedTest
    @ValueSource(doubles = {-40, -12, -6, -5.0001, -4.9999, -2, -0.375, 0, 0.5, 3, 5.5, 9})
    void normalCdfMatchesApfloat(double x) {
        for (int digits : new int[] {60, 150}) {
            Precision precision = Precision.ofDigits(digits);
            BigFloat value = Elementary.normalCdf(precision.of(x), precision);
            Apfloat ax = new Apfloat(new BigDecimal(x), 300);
            Apfloat two = new Apfloat(2, 300);
            Apfloat reference = ApfloatMath.erfc(ax.negate().divide(
                    ApfloatMath.sqrt(two))).divide(two);
            double error = value.toApfloat().subtract(reference).divide(reference).doubleValue();
            assertThat(Math.abs(error)).as("x=%s digits=%d", x, digits).isLessThan(Math.pow(10, -digits));
        }
        Precision precision = Precision.ofDigits(150);
        double piError = Elementary.pi(precision).toApfloat().subtract(ApfloatMath.pi(300)).doubleValue();
        assertThat(Math.abs(piError)).isLessThan(1e-150);
    }
}
