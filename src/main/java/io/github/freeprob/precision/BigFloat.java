package io.github.freeprob.precision;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apfloat.Apfloat;

/**
 * An immutable binary floating-point number of arbitrary precision: {@code mantissa · 2^exponent}.
 *
 * <p>Each value carries its working precision in bits; the result of an operation has the larger of its operands'
 * precisions and is rounded to nearest, ties to even. Only the four arithmetic operations, the square root and
 * conversions are provided: this is the kernel type of the exact moment engine, where series operations need many
 * millions of multiplications. Transcendental constants and functions come from apfloat through
 * {@link #of(Apfloat, int)} and {@link #toApfloat()}.
 *
 * <p>Why not {@link Apfloat} throughout: measured on the development machine, a 100-digit Apfloat multiply took
 * 0.5–2.8 µs and a BigInteger mantissa multiply with rounding about 0.1 µs; the engine's series reversions are
 * dominated by such multiplications (see {@code docs/performance.md}).
 */
public final class BigFloat implements Comparable<BigFloat> {

    private final BigInteger mantissa;
    private final long exponent;
    private final int bits;

    private BigFloat(BigInteger mantissa, long exponent, int bits) {
        this.mantissa = mantissa;
        this.exponent = exponent;
        this.bits = bits;
    }

    /** @return zero with {@code bits} bits of precision */
    public static BigFloat zero(int bits) {
        return new BigFloat(BigInteger.ZERO, 0, checkBits(bits));
    }

    /** @return the integer {@code value}, rounded to {@code bits} bits */
    public static BigFloat of(long value, int bits) {
        return round(BigInteger.valueOf(value), 0, checkBits(bits));
    }

    /** @return the integer {@code value}, rounded to {@code bits} bits */
    public static BigFloat of(BigInteger value, int bits) {
        return round(value, 0, checkBits(bits));
    }

    /**
     * @return the double {@code value}, exactly (rounded only if {@code bits} &lt; 53)
     * @throws IllegalArgumentException if {@code value} is not finite
     */
    public static BigFloat of(double value, int bits) {
        checkBits(bits);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, but was " + value);
        }
        if (value == 0) {
            return zero(bits);
        }
        long raw = Double.doubleToRawLongBits(value);
        int biased = (int) ((raw >>> 52) & 0x7ff);
        long fraction = raw & 0xfffffffffffffL;
        long significand = biased == 0 ? fraction : fraction | (1L << 52);
        long exp = (biased == 0 ? 1 : biased) - 1075L;
        if (value < 0) {
            significand = -significand;
        }
        return round(BigInteger.valueOf(significand), exp, bits);
    }

    /**
     * @return the decimal {@code value} rounded to {@code bits} bits
     */
    public static BigFloat of(BigDecimal value, int bits) {
        checkBits(bits);
        BigInteger unscaled = value.unscaledValue();
        int scale = value.scale();
        if (scale <= 0) {
            return round(unscaled.multiply(BigInteger.TEN.pow(-scale)), 0, bits);
        }
        return of(unscaled, bits + 8).divide(of(BigInteger.TEN.pow(scale), bits + 8)).withBits(bits);
    }

    /**
     * @return the apfloat {@code value} rounded to {@code bits} bits
     */
    public static BigFloat of(Apfloat value, int bits) {
        return of(new BigDecimal(value.toString(true)), bits);
    }

    /** @return the ratio {@code numerator / denominator} rounded to {@code bits} bits */
    public static BigFloat ratio(long numerator, long denominator, int bits) {
        return of(numerator, bits).divide(of(denominator, bits));
    }

    private static int checkBits(int bits) {
        if (bits < 2) {
            throw new IllegalArgumentException("bits must be >= 2, but was " + bits);
        }
        return bits;
    }

    /** Rounds {@code m · 2^e} to {@code bits} significant bits, to nearest with ties to even. */
    private static BigFloat round(BigInteger m, long e, int bits) {
        int signum = m.signum();
        if (signum == 0) {
            return new BigFloat(BigInteger.ZERO, 0, bits);
        }
        int length = m.bitLength();
        if (length <= bits) {
            return new BigFloat(m, e, bits);
        }
        BigInteger magnitude = signum < 0 ? m.negate() : m;
        int shift = length - bits;
        BigInteger q = magnitude.shiftRight(shift);
        boolean half = magnitude.testBit(shift - 1);
        boolean sticky = magnitude.getLowestSetBit() < shift - 1;
        if (half && (sticky || q.testBit(0))) {
            q = q.add(BigInteger.ONE);
            if (q.bitLength() > bits) {
                q = q.shiftRight(1);
                shift++;
            }
        }
        return new BigFloat(signum < 0 ? q.negate() : q, e + shift, bits);
    }

    /**
     * Package-private: {@code m · 2^e} rounded to {@code bits} bits, for kernels that sum exact products themselves
     * (see {@code Series}) and round once.
     */
    static BigFloat ofScaled(BigInteger m, long e, int bits) {
        return round(m, e, checkBits(bits));
    }

    /** Package-private: the integer mantissa m of this value m · 2^e (at most {@link #bits()} bits long). */
    BigInteger mantissa() {
        return mantissa;
    }

    /** Package-private: the binary exponent e of this value m · 2^e. */
    long exponent() {
        return exponent;
    }

    /** @return this value rounded (or widened) to {@code newBits} bits of precision */
    public BigFloat withBits(int newBits) {
        return round(mantissa, exponent, checkBits(newBits));
    }

    /** @return the precision of this value in bits */
    public int bits() {
        return bits;
    }

    /** @return -1, 0 or 1 as this value is negative, zero or positive */
    public int signum() {
        return mantissa.signum();
    }

    /** @return whether this value is exactly zero */
    public boolean isZero() {
        return mantissa.signum() == 0;
    }

    /** @return the binary exponent of the leading bit: floor(log2 |this|), or Long.MIN_VALUE for zero */
    public long magnitudeExponent() {
        return isZero() ? Long.MIN_VALUE : exponent + mantissa.bitLength() - 1;
    }

    /** @return {@code this + other}, rounded */
    public BigFloat add(BigFloat other) {
        int p = Math.max(bits, other.bits);
        if (other.isZero()) {
            return withBits(p);
        }
        if (isZero()) {
            return other.withBits(p);
        }
        long topThis = magnitudeExponent();
        long topOther = other.magnitudeExponent();
        if (topOther < topThis - p - 2) {
            return withBits(p);
        }
        if (topThis < topOther - p - 2) {
            return other.withBits(p);
        }
        if (exponent <= other.exponent) {
            BigInteger m = mantissa.add(other.mantissa.shiftLeft((int) (other.exponent - exponent)));
            return round(m, exponent, p);
        }
        BigInteger m = other.mantissa.add(mantissa.shiftLeft((int) (exponent - other.exponent)));
        return round(m, other.exponent, p);
    }

    /** @return {@code this - other}, rounded */
    public BigFloat subtract(BigFloat other) {
        return add(other.negate());
    }

    /** @return {@code this · other}, rounded */
    public BigFloat multiply(BigFloat other) {
        return round(mantissa.multiply(other.mantissa), exponent + other.exponent, Math.max(bits, other.bits));
    }

    /** @return {@code this · k}, rounded */
    public BigFloat multiply(long k) {
        return round(mantissa.multiply(BigInteger.valueOf(k)), exponent, bits);
    }

    /** @return {@code this · 2^k}, exactly */
    public BigFloat scaleByPowerOfTwo(long k) {
        return isZero() ? this : new BigFloat(mantissa, exponent + k, bits);
    }

    /**
     * @return {@code this / other}, rounded
     * @throws ArithmeticException if {@code other} is zero
     */
    public BigFloat divide(BigFloat other) {
        if (other.isZero()) {
            throw new ArithmeticException("division by zero");
        }
        int p = Math.max(bits, other.bits);
        if (isZero()) {
            return zero(p);
        }
        BigInteger a = mantissa.abs();
        BigInteger b = other.mantissa.abs();
        int shift = Math.max(0, p + 2 + b.bitLength() - a.bitLength());
        BigInteger[] qr = a.shiftLeft(shift).divideAndRemainder(b);
        BigInteger q = qr[0].shiftLeft(1);
        if (qr[1].signum() != 0) {
            q = q.setBit(0);
        }
        if (mantissa.signum() * other.mantissa.signum() < 0) {
            q = q.negate();
        }
        return round(q, exponent - other.exponent - shift - 1, p);
    }

    /** @return {@code this / k}, rounded */
    public BigFloat divide(long k) {
        return divide(of(k, bits));
    }

    /** @return {@code 1 / this}, rounded */
    public BigFloat reciprocal() {
        return of(1, bits).divide(this);
    }

    /** @return {@code -this} */
    public BigFloat negate() {
        return new BigFloat(mantissa.negate(), exponent, bits);
    }

    /** @return {@code |this|} */
    public BigFloat abs() {
        return mantissa.signum() < 0 ? negate() : this;
    }

    /**
     * @return the square root, rounded
     * @throws ArithmeticException if this value is negative
     */
    public BigFloat sqrt() {
        if (mantissa.signum() < 0) {
            throw new ArithmeticException("square root of a negative number " + this);
        }
        if (isZero()) {
            return this;
        }
        int shift = Math.max(0, 2 * bits + 4 - mantissa.bitLength());
        if (((exponent - shift) & 1L) != 0) {
            shift++;
        }
        BigInteger scaled = mantissa.shiftLeft(shift);
        BigInteger[] root = scaled.sqrtAndRemainder();
        BigInteger r = root[0].shiftLeft(1);
        if (root[1].signum() != 0) {
            r = r.setBit(0);
        }
        return round(r, (exponent - shift) / 2 - 1, bits);
    }

    /** @return {@code this^n} for {@code n >= 0}, by repeated squaring */
    public BigFloat pow(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("exponent must be >= 0, but was " + n);
        }
        BigFloat result = of(1, bits);
        BigFloat base = this;
        int k = n;
        while (k > 0) {
            if ((k & 1) != 0) {
                result = result.multiply(base);
            }
            k >>= 1;
            if (k > 0) {
                base = base.multiply(base);
            }
        }
        return result;
    }

    /** @return the nearest double (overflowing to ±infinity, underflowing to ±0) */
    public double doubleValue() {
        if (isZero()) {
            return 0.0;
        }
        int length = mantissa.bitLength();
        if (length <= 62) {
            return Math.scalb((double) mantissa.longValueExact(), (int) Math.max(Math.min(exponent, 4000), -4000));
        }
        BigFloat rounded = round(mantissa, exponent, 53);
        long e = rounded.exponent;
        return Math.scalb((double) rounded.mantissa.longValueExact(), (int) Math.max(Math.min(e, 4000), -4000));
    }

    /** @return the exact decimal value of this number */
    public BigDecimal toBigDecimal() {
        if (exponent >= 0) {
            return new BigDecimal(mantissa.shiftLeft((int) exponent));
        }
        int k = (int) -exponent;
        return new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow(k)), k);
    }

    /** @return this value rounded to {@code digits} significant decimal digits */
    public BigDecimal toBigDecimal(int digits) {
        return toBigDecimal().round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    /** @return this value as an apfloat with the decimal precision that its bits carry */
    public Apfloat toApfloat() {
        long digits = Math.max(1, (long) Math.floor(bits * Math.log10(2)));
        return new Apfloat(toBigDecimal((int) digits), digits);
    }

    /** Compares numerically, ignoring precision. */
    @Override
    public int compareTo(BigFloat other) {
        int s = mantissa.signum();
        int t = other.mantissa.signum();
        if (s != t) {
            return Integer.compare(s, t);
        }
        if (s == 0) {
            return 0;
        }
        return subtract(other).withBits(Math.max(bits, other.bits) + 2).signum();
    }

    /** Numeric equality, ignoring precision. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BigFloat other)) {
            return false;
        }
        if (isZero() || other.isZero()) {
            return isZero() && other.isZero();
        }
        int shiftThis = mantissa.getLowestSetBit();
        int shiftOther = other.mantissa.getLowestSetBit();
        return exponent + shiftThis == other.exponent + shiftOther
                && mantissa.shiftRight(shiftThis).equals(other.mantissa.shiftRight(shiftOther));
    }

    @Override
    public int hashCode() {
        if (isZero()) {
            return 0;
        }
        int shift = mantissa.getLowestSetBit();
        return mantissa.shiftRight(shift).hashCode() * 31 + Long.hashCode(exponent + shift);
    }

    /** @return the value to the decimal digits its precision carries, in plain or scientific notation */
    @Override
    public String toString() {
        int digits = Math.max(1, (int) Math.floor(bits * Math.log10(2)));
        return toBigDecimal(digits).stripTrailingZeros().toString();
    }
}
