package io.github.freeprob.cli;

import io.github.freeprob.numerics.Checks;
import picocli.CommandLine.Option;

/**
 * The options of {@code validate}: the matrix size, the number of draws, the seed, a factor on the thresholds and the
 * histogram of the picture.
 */
final class SamplingOptions {

    /** The seed when --seed is not given. */
    static final long DEFAULT_SEED = 1;
    /** Largest N: a matrix holds N² doubles, and a network L of them (8000² doubles = 512 MB). */
    static final int MAX_WIDTH = 8000;

    // Not required = true: the expression form shares the parent command with the jacobian and ntk subcommands.
    @Option(names = "--width", paramLabel = "N", description = "matrix size N (network width), 1 <= N <= "
            + MAX_WIDTH + " (required)")
    Integer width;

    @Option(names = "--samples", paramLabel = "S", defaultValue = "1",
            description = "independent matrices drawn, their eigenvalues pooled (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "" + DEFAULT_SEED,
            description = "seed >= 0 of the random generator, SplittableRandom(K) (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threshold-scale", paramLabel = "F", defaultValue = "1",
            description = "multiply every threshold by F > 0 (F < 1: a stricter test; default ${DEFAULT-VALUE})")
    double thresholdScale;

    @Option(names = "--bins", paramLabel = "B", description = "histogram bins of the picture (default: sqrt of the"
            + " number of eigenvalues, within [20, 120])")
    Integer bins;

    @Option(names = "--log-y", description = "logarithmic density axis in the picture (for spectra spread over"
            + " decades, e.g. deep Jacobians)")
    boolean logY;

    @Option(names = "--log-x", description = "for a law on [0, inf) spread over decades: the prediction on a geometric"
            + " grid, and a picture against log10 x (histogram bins uniform in log10 x, densities of log10 x; values"
            + " and atoms at or below 0 are counted, not drawn)")
    boolean logX;

    /** @throws IllegalArgumentException naming the option whose value is out of range */
    void check() {
        NetworkOptions.require("--width", width);
        if (width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("--width must be in [1, " + MAX_WIDTH + "], but was " + width);
        }
        Checks.atLeast("--samples", samples, 1);
        if (seed < 0) {
            throw new IllegalArgumentException("--seed must be >= 0, but was " + seed);
        }
        Checks.positive("--threshold-scale", thresholdScale);
        if (bins != null) {
            Checks.atLeast("--bins", bins, 1);
        }
    }
}
