package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;

/**
 * A closed interval [lo, hi] of the real line, lo ≤ hi, both finite.
 *
 * @param lo left end
 * @param hi right end
 */
public record Interval(double lo, double hi) {

    /**
     * @throws IllegalArgumentException if an end is not finite or lo &gt; hi
     */
    public Interval {
        Checks.finite("interval left end", lo);
        Checks.finite("interval right end", hi);
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("interval needs lo <= hi, but was [" + Checks.format(lo) + ", "
                    + Checks.format(hi) + "]");
        }
    }

    /** @return [lo, hi] */
    public static Interval of(double lo, double hi) {
        return new Interval(lo, hi);
    }

    /** @return hi − lo */
    public double width() {
        return hi - lo;
    }

    /** @return (lo + hi)/2 */
    public double center() {
        return 0.5 * (lo + hi);
    }

    /** @return whether lo ≤ x ≤ hi */
    public boolean contains(double x) {
        return lo <= x && x <= hi;
    }

    /** @return the smallest interval containing both */
    public Interval span(Interval other) {
        return new Interval(Math.min(lo, other.lo), Math.max(hi, other.hi));
    }

    /** @return the smallest interval containing this one and x */
    public Interval span(double x) {
        return new Interval(Math.min(lo, x), Math.max(hi, x));
    }

    /** @return the image of this interval under t ↦ shift + scale·t */
    public Interval affine(double shift, double scale) {
        double a = shift + scale * lo;
        double b = shift + scale * hi;
        return new Interval(Math.min(a, b), Math.max(a, b));
    }

    @Override
    public String toString() {
        return "[" + Checks.format(lo) + ", " + Checks.format(hi) + "]";
    }
}
