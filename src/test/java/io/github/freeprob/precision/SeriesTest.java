package io.github.freeprob.precision;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The series kernels: the fused convolution sum against exact decimal arithmetic (BigDecimal products and sums are
 * exact), series products of integer series against exact integer convolution, and the Lagrange–Bürmann pass
 * h ∘ f^{-1} against reversion followed by composition by Horner's rule (products only).
 */
class SeriesTest {

    private static final Precision P = Precision.ofDigits(50);

    /** A random BigFloat: a double in (−1, 1) times 2^e with e uniform in [−spread, spread], or zero. */
    private static BigFloat random(SplittableRandom random, int spread) {
        if (random.nextInt(8) == 0) {
            return P.zero();
        }
        return P.of(random.nextDouble(-1, 1)).scaleByPowerOfTwo(random.nextInt(-spread, spread + 1));
    }

    /**
     * The contract of {@link Series#convolution}: |fused − exact| ≤ ½ ulp of the result (the final rounding) plus
     * (number of terms) · 2^{top−bits−64} (truncation on the common point), where 2^{top} ≤ 8 · (largest term) is
     * the bound the kernel takes from the exponents. Seeds cover exponent spreads from none to 2^{±400} (most terms
     * then fall below the point) and weights as the Miller recurrence uses them.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void fusedSumIsWithinItsStatedErrorOfTheExactSum(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int spread = new int[] {0, 0, 10, 10, 60, 60, 400, 400}[seed - 1];
        int length = 40;
        BigFloat[] a = new BigFloat[length];
        BigFloat[] b = new BigFloat[length];
        for (int i = 0; i < length; i++) {
            a[i] = random(random, spread);
            b[i] = random(random, spread);
        }
        int bits = P.bits();
        for (int k = 1; k < length; k++) {
            long slope = seed % 2 == 0 ? k + 1 : 0;
            long offset = seed % 2 == 0 ? -k : 1;
            BigFloat fused = Series.convolution(a, Series.magnitudes(a, length), b, Series.magnitudes(b, length),
                    k, 1, k, slope, offset, bits);
            BigDecimal exact = BigDecimal.ZERO;
            BigDecimal largest = BigDecimal.ZERO;
            for (int i = 1; i <= k; i++) {
                BigDecimal term = a[i].toBigDecimal().multiply(b[k - i].toBigDecimal())
                        .multiply(BigDecimal.valueOf(slope * i + offset));
                exact = exact.add(term);
                largest = largest.max(term.abs());
            }
            BigDecimal ulp = exact.abs().multiply(new BigDecimal(BigInteger.TWO.pow(bits - 1)).pow(-1,
                    MathContext.DECIMAL128));
            BigDecimal truncation = largest.multiply(BigDecimal.valueOf(8L * k)).multiply(
                    new BigDecimal(BigInteger.TWO.pow(bits + Series.SUM_GUARD_BITS)).pow(-1, MathContext.DECIMAL128));
            BigDecimal error = fused.toBigDecimal().subtract(exact).abs();
            assertThat(error).as("seed %d, k = %d", seed, k).isLessThanOrEqualTo(ulp.add(truncation));
        }
    }

    /** Integer series: every product and sum is exact, so the fused product must equal the integer convolution. */
    @Test
    void productOfIntegerSeriesIsExact() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 30;
        long[] a = new long[n + 1];
        long[] b = new long[n + 1];
        BigFloat[] x = new BigFloat[n + 1];
        BigFloat[] y = new BigFloat[n + 1];
        for (int i = 0; i <= n; i++) {
            a[i] = random.nextLong(-1_000_000_000L, 1_000_000_000L);
            b[i] = random.nextLong(-1_000_000_000L, 1_000_000_000L);
            x[i] = P.of(a[i]);
            y[i] = P.of(b[i]);
        }
        BigFloat[] product = Series.multiply(x, y, n);
        for (int k = 0; k <= n; k++) {
            BigInteger expected = BigInteger.ZERO;
            for (int i = 0; i <= k; i++) {
                expected = expected.add(BigInteger.valueOf(a[i]).multiply(BigInteger.valueOf(b[k - i])));
            }
            assertThat(product[k].toBigDecimal().toBigIntegerExact()).as("c_%d", k).isEqualTo(expected);
        }
    }

    /**
     * h ∘ f^{-1} in one Lagrange–Bürmann pass equals f^{-1} by reversion, then h composed by Horner's rule with
     * series products: two routes sharing only the product kernel. Coefficients are O(1) random numbers, so the
     * composed coefficients grow at most geometrically; the bound is 1e-38 relative to max(1, |coefficient|) at 50
     * digits (the reversion tests of {@link MomentEngineTest} use the same).
     */
    @Test
    void lagrangePassComposesWithTheInverse() {
        SplittableRandom random = new SplittableRandom(17);
        int n = 24;
        BigFloat[] f = Series.zeros(n, P.bits());
        BigFloat[] h = Series.zeros(n, P.bits());
        f[1] = P.of(0.5 + random.nextDouble());
        for (int k = 1; k <= n; k++) {
            if (k >= 2) {
                f[k] = P.of(random.nextDouble(-1, 1));
            }
            h[k] = P.of(random.nextDouble(-1, 1));
        }
        BigFloat[] shifted = new BigFloat[n];
        for (int k = 0; k < n; k++) {
            shifted[k] = f[k + 1];
        }
        BigFloat[] fused = Series.lagrange(h, Series.reciprocal(shifted, n - 1), n);
        BigFloat[] inverse = Series.revert(f, n);
        BigFloat[] horner = Series.zeros(n, P.bits());
        for (int k = n; k >= 1; k--) {
            horner = Series.multiply(horner, inverse, n);
            horner[0] = horner[0].add(h[k]);
        }
        horner = Series.multiply(horner, inverse, n);
        for (int k = 0; k <= n; k++) {
            double scale = Math.max(1, Math.abs(horner[k].doubleValue()));
            assertThat(fused[k].subtract(horner[k]).abs().doubleValue() / scale).as("coefficient %d", k)
                    .isLessThanOrEqualTo(1e-38);
        }
    }
}
