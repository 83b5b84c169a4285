package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;

/**
 * A point mass of a measure: mass {@code mass} at {@code location}.
 *
 * @param location the point, finite
 * @param mass     its mass, in (0, 1]
 */
public record Atom(double location, double mass) implements Comparable<Atom> {

    /**
     * @throws IllegalArgumentException if the location is not finite or the mass is not in (0, 1]
     */
    public Atom {
        Checks.finite("atom location", location);
        if (!(mass > 0 && mass <= 1)) {
            throw new IllegalArgumentException("atom mass must be in (0, 1], but was " + Checks.format(mass)
                    + " at location " + Checks.format(location));
        }
    }

    /** @return the atom of mass {@code mass} at {@code location} */
    public static Atom of(double location, double mass) {
        return new Atom(location, mass);
    }

    @Override
    public int compareTo(Atom other) {
        return Double.compare(location, other.location);
    }
}
