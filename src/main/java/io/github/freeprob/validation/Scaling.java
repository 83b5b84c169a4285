package io.github.freeprob.validation;

import io.github.freeprob.numerics.Checks;

/**
 * A finite-size threshold c·N^(−p): how large a distance between a sampled spectrum at size N and its limit law may
 * be. The exponent comes from the leading finite-size effect (1/2 where the sample's own marginals fluctuate like an
 * average of N independent terms, 2/3 for an edge, 1 for linear statistics of Haar-rotated deterministic spectra),
 * the constant from measured distances over seeds and sizes, with a safety factor (see {@code docs/validation.md}).
 *
 * @param constant c &gt; 0
 * @param exponent p ≥ 0
 */
public record Scaling(double constant, double exponent) {

    /** @throws IllegalArgumentException if c ≤ 0 or p &lt; 0 */
    public Scaling {
        Checks.positive("threshold constant c", constant);
        Checks.nonNegative("threshold exponent p", exponent);
    }

    /** @return c·N^(−p) */
    public double at(int n) {
        Checks.atLeast("N", n, 1);
        return constant * Math.pow(n, -exponent);
    }
}
