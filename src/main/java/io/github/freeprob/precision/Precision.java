package io.github.freeprob.precision;

/**
 * A working precision for the arbitrary-precision route, given in decimal digits.
 *
 * <p>Values are held in binary ({@link BigFloat}) with {@link #bits()} significant bits: the decimal digits asked for
 * plus {@link #GUARD_BITS} guard bits, so that rounding in long chains of series operations stays below the last
 * requested digit.
 *
 * @param digits the number of significant decimal digits, at least {@link #MIN_DIGITS}
 */
public record Precision(int digits) {

    /** The default precision of the exact moment engine: 50 significant decimal digits. */
    public static final Precision DEFAULT = new Precision(50);

    /** The smallest precision accepted: 16 digits, about double precision. */
    public static final int MIN_DIGITS = 16;

    /** The largest precision accepted: 10 000 digits. */
    public static final int MAX_DIGITS = 10_000;

    /** Guard bits carried beyond the requested digits (about 10 decimal digits). */
    public static final int GUARD_BITS = 32;

    private static final double BITS_PER_DIGIT = Math.log(10) / Math.log(2);

    /**
     * @throws IllegalArgumentException if {@code digits} is outside [{@value #MIN_DIGITS}, {@value #MAX_DIGITS}]
     */
    public Precision {
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            throw new IllegalArgumentException("precision digits must be in [" + MIN_DIGITS + ", " + MAX_DIGITS
                    + "], but was " + digits);
        }
    }

    /** @return a precision of {@code digits} significant decimal digits */
    public static Precision ofDigits(int digits) {
        return new Precision(digits);
    }

    /** @return the number of significant bits of the binary working precision, guard bits included */
    public int bits() {
        return (int) Math.ceil(digits * BITS_PER_DIGIT) + GUARD_BITS;
    }

    /**
     * @param bits extra binary digits wanted, ≥ 0
     * @return a precision at least that many bits finer (capped at {@value #MAX_DIGITS} digits)
     */
    public Precision withExtraBits(int bits) {
        return new Precision(Math.min(MAX_DIGITS, digits + (int) Math.ceil(bits / BITS_PER_DIGIT)));
    }

    /** @return the relative rounding unit 10^(-digits) of this precision, as a double (0 if it underflows) */
    public double epsilon() {
        return Math.pow(10, -digits);
    }

    /** @return the number {@code value} at this precision */
    public BigFloat of(long value) {
        return BigFloat.of(value, bits());
    }

    /** @return the double {@code value}, exactly, at this precision */
    public BigFloat of(double value) {
        return BigFloat.of(value, bits());
    }

    /** @return zero at this precision */
    public BigFloat zero() {
        return BigFloat.zero(bits());
    }

    /** @return one at this precision */
    public BigFloat one() {
        return BigFloat.of(1, bits());
    }
}
