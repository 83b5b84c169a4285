package io.github.freeprob.precision;

import java.util.Arrays;
import java.util.List;
import org.apfloat.Apfloat;

/**
 * The moments m_0 = 1, m_1, …, m_n of a probability measure, held in arbitrary precision.
 *
 * <p>m_k = ∫ t^k dμ(t) (see {@code docs/conventions.md}). Instances are immutable.
 */
public final class MomentSequence {

    private final BigFloat[] moments;
    private final Precision precision;

    private MomentSequence(BigFloat[] moments, Precision precision) {
        this.moments = moments;
        this.precision = precision;
    }

    /**
     * @param moments   m_0, …, m_n; m_0 must be exactly 1
     * @param precision the precision the values carry
     * @return the sequence
     * @throws IllegalArgumentException if the array is empty or m_0 ≠ 1
     */
    public static MomentSequence of(BigFloat[] moments, Precision precision) {
        if (moments.length == 0) {
            throw new IllegalArgumentException("moments must contain at least m_0 = 1, but was empty");
        }
        if (moments[0].compareTo(BigFloat.of(1, 2)) != 0) {
            throw new IllegalArgumentException("m_0 must be 1 for a probability measure, but was " + moments[0]);
        }
        BigFloat[] copy = new BigFloat[moments.length];
        for (int k = 0; k < moments.length; k++) {
            copy[k] = moments[k].withBits(precision.bits());
        }
        return new MomentSequence(copy, precision);
    }

    /**
     * Exact moments from doubles m_1, …, m_n (each double is taken as the exact binary number it denotes).
     *
     * @param moments   m_1..m_n
     * @param precision working precision
     * @return the sequence 1, m_1, …, m_n
     */
    public static MomentSequence ofDoubles(double[] moments, Precision precision) {
        BigFloat[] values = new BigFloat[moments.length + 1];
        values[0] = precision.one();
        for (int k = 0; k < moments.length; k++) {
            values[k + 1] = precision.of(moments[k]);
        }
        return new MomentSequence(values, precision);
    }

    /** Package-private constructor without copying, for the engine's own results. */
    static MomentSequence wrap(BigFloat[] moments, Precision precision) {
        return new MomentSequence(moments, precision);
    }

    /** @return the highest moment order n held */
    public int order() {
        return moments.length - 1;
    }

    /** @return the precision of the values */
    public Precision precision() {
        return precision;
    }

    /**
     * @param k the order, 0 ≤ k ≤ {@link #order()}
     * @return m_k
     */
    public BigFloat get(int k) {
        if (k < 0 || k > order()) {
            throw new IllegalArgumentException("moment order must be in [0, " + order() + "], but was " + k);
        }
        return moments[k];
    }

    /** @return m_k as an apfloat */
    public Apfloat apfloat(int k) {
        return get(k).toApfloat();
    }

    /** @return the nearest doubles m_0..m_n (index k holds m_k) */
    public double[] toDoubleArray() {
        double[] out = new double[moments.length];
        for (int k = 0; k < moments.length; k++) {
            out[k] = moments[k].doubleValue();
        }
        return out;
    }

    /** @return the first {@code n + 1} moments m_0..m_n */
    public MomentSequence truncate(int n) {
        if (n > order()) {
            throw new IllegalArgumentException("cannot truncate to order " + n + " a sequence of order " + order());
        }
        return new MomentSequence(Arrays.copyOf(moments, n + 1), precision);
    }

    /** @return an unmodifiable view of m_0..m_n */
    public List<BigFloat> asList() {
        return List.of(moments);
    }

    /** Package-private access without copying. */
    BigFloat[] raw() {
        return moments;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MomentSequence[");
        for (int k = 0; k < moments.length; k++) {
            if (k > 0) {
                sb.append(", ");
            }
            sb.append(moments[k].toBigDecimal(Math.min(precision.digits(), 20)).stripTrailingZeros());
        }
        return sb.append(']').toString();
    }
}
