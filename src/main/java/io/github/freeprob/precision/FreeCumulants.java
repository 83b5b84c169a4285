package io.github.freeprob.precision;

import java.util.List;

/**
 * The free cumulants κ_1, …, κ_n of a probability measure, in arbitrary precision.
 *
 * <p>They are the coefficients of the R-series 𝓡(w) = Σ κ_n w^n = w R(w), defined by
 * M(z) = 1 + 𝓡(z M(z)) with M(z) = 1 + Σ m_n z^n (see {@code docs/conventions.md}). They add under ⊞.
 */
public final class FreeCumulants {

    private final BigFloat[] cumulants;
    private final Precision precision;

    private FreeCumulants(BigFloat[] cumulants, Precision precision) {
        this.cumulants = cumulants;
        this.precision = precision;
    }

    /**
     * @param cumulants κ_1..κ_n (index 0 holds κ_1)
     * @param precision the precision of the values
     * @return the sequence
     */
    public static FreeCumulants of(BigFloat[] cumulants, Precision precision) {
        BigFloat[] copy = new BigFloat[cumulants.length];
        for (int k = 0; k < cumulants.length; k++) {
            copy[k] = cumulants[k].withBits(precision.bits());
        }
        return new FreeCumulants(copy, precision);
    }

    static FreeCumulants wrap(BigFloat[] cumulants, Precision precision) {
        return new FreeCumulants(cumulants, precision);
    }

    /** @return the highest order n held */
    public int order() {
        return cumulants.length;
    }

    /** @return the precision of the values */
    public Precision precision() {
        return precision;
    }

    /**
     * @param k the order, 1 ≤ k ≤ {@link #order()}
     * @return κ_k
     */
    public BigFloat get(int k) {
        if (k < 1 || k > order()) {
            throw new IllegalArgumentException("cumulant order must be in [1, " + order() + "], but was " + k);
        }
        return cumulants[k - 1];
    }

    /** @return the nearest doubles κ_1..κ_n (index k − 1 holds κ_k) */
    public double[] toDoubleArray() {
        double[] out = new double[cumulants.length];
        for (int k = 0; k < cumulants.length; k++) {
            out[k] = cumulants[k].doubleValue();
        }
        return out;
    }

    /** @return an unmodifiable view of κ_1..κ_n */
    public List<BigFloat> asList() {
        return List.of(cumulants);
    }

    BigFloat[] raw() {
        return cumulants;
    }
}
