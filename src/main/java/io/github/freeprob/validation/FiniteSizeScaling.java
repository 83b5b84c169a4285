package io.github.freeprob.validation;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.numerics.Checks;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Distances of one sample per size N from the same predicted law, and their log–log slopes: the evidence that a
 * sampled model converges to the prediction (slope about −1 for ensembles, −½ for networks) rather than to something
 * nearby (slope flattening towards 0). Immutable.
 */
public final class FiniteSizeScaling {

    /** Draws the eigenvalues of one sample at size N. */
    @FunctionalInterface
    public interface Sampler {
        /**
         * @param n      N
         * @param random the source of randomness
         * @return the eigenvalues
         */
        double[] eigenvalues(int n, RandomGenerator random);
    }

    private final int[] sizes;
    private final double[] levy;
    private final double[] wasserstein;

    private FiniteSizeScaling(int[] sizes, double[] levy, double[] wasserstein) {
        this.sizes = sizes;
        this.levy = levy;
        this.wasserstein = wasserstein;
    }

    /**
     * @param predicted the law
     * @param sizes     at least two increasing sizes
     * @param sampler   draws a sample at each size
     * @param random    the source of randomness, passed on to the sampler
     * @return Lévy and W₁ distances at each size
     * @throws IllegalArgumentException if fewer than two sizes are given or they do not increase
     */
    public static FiniteSizeScaling measure(Spectrum predicted, int[] sizes, Sampler sampler,
                                            RandomGenerator random) {
        Checks.atLeast("number of sizes", sizes.length, 2);
        for (int i = 1; i < sizes.length; i++) {
            if (sizes[i] <= sizes[i - 1]) {
                throw new IllegalArgumentException("sizes must increase, but " + sizes[i] + " follows "
                        + sizes[i - 1]);
            }
        }
        double[] levy = new double[sizes.length];
        double[] w = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            double[] e = sampler.eigenvalues(sizes[i], random);
            levy[i] = Distances.levy(predicted, e);
            w[i] = Distances.wasserstein(predicted, e);
        }
        return new FiniteSizeScaling(sizes.clone(), levy, w);
    }

    /** @return the sizes (a copy) */
    public int[] sizes() {
        return sizes.clone();
    }

    /** @return the Lévy distances, one per size (a copy) */
    public double[] levy() {
        return levy.clone();
    }

    /** @return the W₁ distances, one per size (a copy) */
    public double[] wasserstein() {
        return wasserstein.clone();
    }

    /** @return the least-squares slope of log(Lévy) against log N */
    public double levySlope() {
        return slope(levy);
    }

    /** @return the least-squares slope of log(W₁) against log N */
    public double wassersteinSlope() {
        return slope(wasserstein);
    }

    private double slope(double[] d) {
        int n = sizes.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(sizes[i]) / n;
            my += Math.log(d[i]) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(sizes[i]) - mx;
            sxy += dx * (Math.log(d[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            s.append(String.format(Locale.ROOT, "N = %d: Levy %.4g, W1 %.4g%n", sizes[i], levy[i], wasserstein[i]));
        }
        s.append(String.format(Locale.ROOT, "slopes: Levy %.3f, W1 %.3f", levySlope(), wassersteinSlope()));
        return s.toString();
    }
}
