package io.github.freeprob.numerics;

import java.util.Locale;

/**
 * Argument checks that fail with a message naming the parameter and its value.
 *
 * <p>Every check is written so that NaN fails it ({@code if (!(x > 0))}), and numbers are printed with
 * {@link #format(double)} so that they round-trip.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Formats a double so that it reads back to the same value, independent of the default locale.
     *
     * @param x any double
     * @return {@code Double.toString(x)}, which is the shortest string that round-trips
     */
    public static String format(double x) {
        return Double.toString(x);
    }

    /**
     * @param name  the parameter's name as the user wrote it
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException unless {@code value} is finite
     */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, but was " + format(value));
        }
        return value;
    }

    /**
     * @return {@code value}
     * @throws IllegalArgumentException unless {@code value > 0} and finite
     */
    public static double positive(String name, double value) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + format(value));
        }
        return value;
    }

    /**
     * @return {@code value}
     * @throws IllegalArgumentException unless {@code value >= 0} and finite
     */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be >= 0, but was " + format(value));
        }
        return value;
    }

    /**
     * @return {@code value}
     * @throws IllegalArgumentException unless {@code value >= min} and finite
     */
    public static double atLeast(String name, double value, double min) {
        if (!(value >= min) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(
                    name + " must be >= " + format(min) + ", but was " + format(value));
        }
        return value;
    }

    /**
     * @return {@code value}
     * @throws IllegalArgumentException unless {@code lo <= value <= hi}
     */
    public static double inClosedRange(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be in [%s, %s], but was %s",
                    name, format(lo), format(hi), format(value)));
        }
        return value;
    }

    /**
     * @return {@code value}
     * @throws IllegalArgumentException unless {@code value >= min}
     */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", but was " + value);
        }
        return value;
    }

    /**
     * Checks that {@code lo < hi}, both finite.
     *
     * @throws IllegalArgumentException naming both parameters otherwise
     */
    public static void ordered(String loName, double lo, String hiName, double hi) {
        finite(loName, lo);
        finite(hiName, hi);
        if (!(lo < hi)) {
            throw new IllegalArgumentException(
                    loName + " must be < " + hiName + ", but " + loName + " = " + format(lo) + " and " + hiName
                            + " = " + format(hi));
        }
    }
}
