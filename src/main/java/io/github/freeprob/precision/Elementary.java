package io.github.freeprob.precision;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Elementary and special functions in arbitrary precision. The exponential (the workhorse of the exact moments of
 * activation laws) is computed natively on {@link BigFloat}: a call through apfloat costs about 2 ms at 50 digits,
 * most of it in decimal conversions, against tens of microseconds here. The rarer special functions (erf, erfc, π,
 * log) go through apfloat, the only arbitrary-precision library the project depends on.
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

    /** @return erf x */
    public static BigFloat erf(BigFloat x, Precision precision) {
        return back(ApfloatMath.erf(apfloat(x, precision)), precision);
    }

    /** @return erfc x */
    public static BigFloat erfc(BigFloat x, Precision precision) {
        return back(ApfloatMath.erfc(apfloat(x, precision)), precision);
    }

    /** @return π */
    public static BigFloat pi(Precision precision) {
        return back(ApfloatMath.pi(precision.digits() + 10L), precision);
    }

    /** @return cosh x = (e^x + e^{−x})/2 */
    public static BigFloat cosh(BigFloat x, Precision precision) {
        BigFloat e = exp(x, precision);
        return e.add(e.reciprocal()).scaleByPowerOfTwo(-1);
    }

    /** @return the standard normal CDF Φ(x) = erfc(−x/√2)/2 */
    public static BigFloat normalCdf(BigFloat x, Precision precision) {
        BigFloat sqrt2 = precision.of(2).sqrt();
        return erfc(x.negate().divide(sqrt2), precision).scaleByPowerOfTwo(-1);
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
