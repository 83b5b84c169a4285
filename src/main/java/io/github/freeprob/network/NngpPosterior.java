package io.github.freeprob.network;

import io.github.freeprob.numerics.Checks;
import java.util.Objects;

/**
 * The NNGP posterior at a list of test inputs, as returned by
 * {@link NngpKernel#posterior(double[][], double[], double[][], double)}: for each test input x*, the mean m(x*) and
 * variance v(x*) ≥ 0 of the network's latent output f(x*) given the training data.
 *
 * <p>An immutable value: the arrays are copied in and out.
 */
public final class NngpPosterior {

    private final double[] mean;
    private final double[] variance;

    private NngpPosterior(double[] mean, double[] variance) {
        this.mean = mean;
        this.variance = variance;
    }

    /**
     * @param mean     m(x*) at each test input, finite
     * @param variance v(x*) ≥ 0 at each test input, finite
     * @return the posterior (the arrays are copied)
     * @throws IllegalArgumentException if the lengths differ, a mean is not finite, or a variance is negative or not
     *                                  finite
     */
    public static NngpPosterior of(double[] mean, double[] variance) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(variance, "variance");
        if (mean.length != variance.length) {
            throw new IllegalArgumentException("posterior variance must have one entry per mean (" + mean.length
                    + "), but had " + variance.length);
        }
        for (int i = 0; i < mean.length; i++) {
            Checks.finite("posterior mean[" + i + "]", mean[i]);
            Checks.nonNegative("posterior variance[" + i + "]", variance[i]);
        }
        return new NngpPosterior(mean.clone(), variance.clone());
    }

    /** @return the number of test inputs */
    public int size() {
        return mean.length;
    }

    /** @return m(x*) at each test input (a copy) */
    public double[] mean() {
        return mean.clone();
    }

    /** @return v(x*) at each test input (a copy) */
    public double[] variance() {
        return variance.clone();
    }

    /**
     * @param i the index of a test input, 0 ≤ i &lt; {@link #size()}
     * @return m(x*_i)
     */
    public double mean(int i) {
        return mean[Objects.checkIndex(i, mean.length)];
    }

    /**
     * @param i the index of a test input, 0 ≤ i &lt; {@link #size()}
     * @return v(x*_i)
     */
    public double variance(int i) {
        return variance[Objects.checkIndex(i, variance.length)];
    }

    /**
     * @param i the index of a test input, 0 ≤ i &lt; {@link #size()}
     * @return √v(x*_i)
     */
    public double standardDeviation(int i) {
        return Math.sqrt(variance(i));
    }
}
