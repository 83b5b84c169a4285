package io.github.freeprob.precision;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Elementary and special functions in arbitrary precision. The exponential (the workhorse of the exact moments of
 * activation laws) is computed natively on {@link BigFloat}: a call through apfloat costs about 2 ms at 50 digits,
 * most of it in decimal conversions, against tens of microseconds here; π, Φ, erf and erfc are native for the same
 * reason. The logarithm, which nothing evaluates in a loop, goes through apfloat.
 */
public final class Elementary {

    private Elementary() {
    }

    private static Apfloat apfloat(BigFloat x, Precision precision) {
        return new Apfloat(x.toBigDecimal(), precision.digits() + 10L);
    }

    private static BigFloat back(Apfloat x, Precision precision) {
        return BigFloat.of(x, precision.bits());
    }

    /**
     * e^x by argument reduction x = k ln 2 + r, |r| ≤ ln 2/2, then r/2^m with m ≈ √bits, a Taylor series, and m
     * squarings (Brent, "Fast multiple-precision evaluation of elementary functions", 1976).
     *
     * @return e^x to the working precision
     */
    public static BigFloat exp(BigFloat x, Precision precision) {
        if (x.isZero()) {
            return precision.one();
        }
        int bits = precision.bits() + 24;
        double estimate = x.doubleValue() / Math.log(2);
        if (Math.abs(estimate) > 1e9) {
            throw new ArithmeticException("exp argument out of range: " + x.doubleValue());
        }
        long k = Math.round(estimate);
        BigFloat working = x.withBits(bits);
        BigFloat r = k == 0 ? working : working.subtract(ln2(bits).multiply(k));
        int m = (int) Math.ceil(Math.sqrt(bits) / 2);
        BigFloat reduced = r.scaleByPowerOfTwo(-m);
        BigFloat sum = BigFloat.of(1, bits);
        BigFloat term = BigFloat.of(1, bits);
        BigFloat threshold = BigFloat.of(1, bits).scaleByPowerOfTwo(-bits);
        for (int j = 1; j < 10_000; j++) {
            term = term.multiply(reduced).divide(j);
            sum = sum.add(term);
            if (term.abs().compareTo(threshold) < 0) {
                break;
            }
        }
        for (int i = 0; i < m; i++) {
            sum = sum.multiply(sum);
        }
        return sum.scaleByPowerOfTwo(k).withBits(precision.bits());
    }

    /** ln 2 to {@code bits} bits: a constant computed once to {@value #LN2_BITS} bits, or on demand beyond. */
    static BigFloat ln2(int bits) {
        return bits <= LN2_BITS ? Ln2.VALUE.withBits(bits) : computeLn2(bits);
    }

    /** Precision of the stored constant ln 2 (about 1000 decimal digits). */
    static final int LN2_BITS = 3400;

    /** Holder of the constant ln 2, computed at first use (an immutable constant, like Math.PI). */
    private static final class Ln2 {
        static final BigFloat VALUE = computeLn2(LN2_BITS);
    }

    /** ln 2 = 2 atanh(1/3) = 2 Σ_{k≥0} 3^{−(2k+1)}/(2k + 1), about 3.2 bits per term. */
    static BigFloat computeLn2(int bits) {
        int working = bits + 16;
        BigFloat ninth = BigFloat.of(1, working).divide(9);
        BigFloat power = BigFloat.of(1, working).divide(3);
        BigFloat sum = BigFloat.zero(working);
        for (int k = 0; k < working; k++) {
            BigFloat term = power.divide(2L * k + 1);
            sum = sum.add(term);
            if (term.magnitudeExponent() < -working) {
                break;
            }
            power = power.multiply(ninth);
        }
        return sum.scaleByPowerOfTwo(1).withBits(bits);
    }

    /** @return the natural logarithm of x &gt; 0 */
    public static BigFloat log(BigFloat x, Precision precision) {
        return back(ApfloatMath.log(apfloat(x, precision)), precision);
    }

    /** @return tanh x = (1 − e^{−2x})/(1 + e^{−2x}) for x ≥ 0, odd */
    public static BigFloat tanh(BigFloat x, Precision precision) {
        BigFloat e = exp(x.abs().scaleByPowerOfTwo(1).negate(), precision);
        BigFloat value = precision.one().subtract(e).divide(precision.one().add(e));
        return x.signum() < 0 ? value.negate() : value;
    }

    /** @return erf x = 1 − 2Φ(−x√2) */
    public static BigFloat erf(BigFloat x, Precision precision) {
        Precision working = precision.withExtraBits(8);
        BigFloat tail = normalCdf(x.negate().multiply(sqrt2(working)), working).scaleByPowerOfTwo(1);
        return working.one().subtract(tail).withBits(precision.bits());
    }

    /** @return erfc x = 2Φ(−x√2) */
    public static BigFloat erfc(BigFloat x, Precision precision) {
        Precision working = precision.withExtraBits(8);
        return normalCdf(x.negate().multiply(sqrt2(working)), working).scaleByPowerOfTwo(1)
                .withBits(precision.bits());
    }

    private static BigFloat sqrt2(Precision precision) {
        return precision.of(2).sqrt();
    }

    /** @return π, from a constant computed once (like {@link #ln2(int)}), or on demand beyond its precision */
    public static BigFloat pi(Precision precision) {
        return pi(precision.bits());
    }

    static BigFloat pi(int bits) {
        return bits <= LN2_BITS ? Pi.VALUE.withBits(bits) : computePi(bits);
    }

    /** Holder of the constant π. */
    private static final class Pi {
        static final BigFloat VALUE = computePi(LN2_BITS);
    }

    /** π = 16 atan(1/5) − 4 atan(1/239) (Machin). */
    static BigFloat computePi(int bits) {
        int working = bits + 16;
        BigFloat value = atanOfReciprocal(5, working).multiply(16).subtract(atanOfReciprocal(239, working).multiply(4));
        return value.withBits(bits);
    }

    /** atan(1/k) = Σ_{j≥0} (−1)^j k^{−(2j+1)}/(2j + 1), for an integer k ≥ 2. */
    private static BigFloat atanOfReciprocal(long k, int bits) {
        BigFloat power = BigFloat.of(1, bits).divide(k);
        BigFloat sum = BigFloat.zero(bits);
        long square = k * k;
        for (int j = 0; j < 4 * bits; j++) {
            BigFloat term = power.divide(2L * j + 1);
            sum = (j % 2 == 0) ? sum.add(term) : sum.subtract(term);
            if (term.isZero() || term.magnitudeExponent() < -bits) {
                break;
            }
            power = power.divide(square);
        }
        return sum;
    }

    /** @return cosh x = (e^x + e^{−x})/2 */
    public static BigFloat cosh(BigFloat x, Precision precision) {
        BigFloat e = exp(x, precision);
        return e.add(e.reciprocal()).scaleByPowerOfTwo(-1);
    }

    /** Beyond this |x| the normal CDF's tail comes from the continued fraction; below, from the series. */
    static final double CONTINUED_FRACTION_FROM = 5;

    /**
     * The standard normal CDF Φ(x), natively: for |x| ≤ {@value #CONTINUED_FRACTION_FROM} the series
     * Φ(x) = ½ + φ(x) Σ_{n≥0} x^{2n+1}/(2n+1)!! (positive terms; the working precision carries x²/(2 ln 2) extra bits
     * for the cancellation in ½ − … at negative x), beyond it Laplace's continued fraction for the Mills ratio
     * (1 − Φ(x))/φ(x) = 1/(x + 1/(x + 2/(x + 3/(x + …)))) by the modified Lentz algorithm (Abramowitz and Stegun
     * 26.2.11, 26.2.14; Press et al., Numerical Recipes, §5.2).
     *
     * @return Φ(x) with full relative precision
     */
    public static BigFloat normalCdf(BigFloat x, Precision precision) {
        double magnitude = Math.abs(x.doubleValue());
        if (magnitude > CONTINUED_FRACTION_FROM) {
            Precision working = precision.withExtraBits(32);
            BigFloat a = x.abs().withBits(working.bits());
            // Modified Lentz: the fraction x + 1/(x + 2/(x + …)) forward, until a step changes it by < 2^{-bits}.
            // All partial numerators and denominators are positive, so no step divides by zero.
            BigFloat fraction = a;
            BigFloat c = a;
            BigFloat d = working.zero();
            BigFloat one = working.one();
            long limit = 1_000_000;
            for (long n = 1; ; n++) {
                if (n > limit) {
                    throw new ArithmeticException("normal CDF continued fraction at x = " + x.doubleValue()
                            + " did not converge in " + limit + " terms");
                }
                BigFloat an = working.of(n);
                d = a.add(an.multiply(d)).reciprocal();
                c = a.add(an.divide(c));
                BigFloat step = c.multiply(d);
                fraction = fraction.multiply(step);
                BigFloat change = step.subtract(one);
                if (change.isZero() || change.magnitudeExponent() < -working.bits()) {
                    break;
                }
            }
            BigFloat tail = density(a, working).divide(fraction);
            BigFloat value = x.signum() < 0 ? tail : working.one().subtract(tail);
            return value.withBits(precision.bits());
        }
        Precision working = precision.withExtraBits(32 + (int) Math.ceil(magnitude * magnitude / (2 * Math.log(2))));
        BigFloat y = x.withBits(working.bits());
        BigFloat square = y.multiply(y);
        BigFloat term = y;
        BigFloat sum = y;
        for (int n = 1; n < 100_000; n++) {
            term = term.multiply(square).divide(2L * n + 1);
            sum = sum.add(term);
            if (term.isZero() || term.magnitudeExponent() < sum.magnitudeExponent() - working.bits()) {
                break;
            }
        }
        BigFloat value = working.one().scaleByPowerOfTwo(-1).add(density(y, working).multiply(sum));
        return value.withBits(precision.bits());
    }

    /** @return the standard normal density φ(x) = e^{−x²/2}/√(2π) */
    public static BigFloat normalDensity(BigFloat x, Precision precision) {
        return density(x, precision);
    }

    private static BigFloat density(BigFloat x, Precision precision) {
        BigFloat root = pi(precision).scaleByPowerOfTwo(1).sqrt();
        return exp(x.multiply(x).scaleByPowerOfTwo(-1).negate(), precision).divide(root);
    }

    /** @return the Gaussian probability P(lo &lt; h &lt; hi) for h ~ N(0, q); infinite ends allowed as ±∞ doubles */
    public static BigFloat gaussianMass(double lo, double hi, double variance, Precision precision) {
        BigFloat sd = precision.of(variance).sqrt();
        BigFloat upper = hi == Double.POSITIVE_INFINITY ? precision.one()
                : normalCdf(precision.of(hi).divide(sd), precision);
        BigFloat lower = lo == Double.NEGATIVE_INFINITY ? precision.zero()
                : normalCdf(precision.of(lo).divide(sd), precision);
        return upper.subtract(lower);
    }
}
