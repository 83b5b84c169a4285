package io.github.freeprob.inversion;

import io.github.freeprob.numerics.Checks;

/**
 * Settings of Stieltjes inversion. Defaults: {@link #DEFAULT}.
 *
 * @param scanPoints         points of the scan grid over the measure's bounds (atoms and support intervals narrower
 *                           than its spacing may be missed)
 * @param densityThreshold   a point is in the support where ρ(x) &gt; densityThreshold / (width of the bounds); for a
 *                           square-root edge the edge error this causes is of order its square
 * @param chebyshevTolerance relative size of the Chebyshev tail at which an interval's density counts as resolved
 * @param maxCoefficients    the largest Chebyshev length tried per interval
 * @param useAtomHints       whether the atoms that the measure reports are checked as candidates besides the scan
 */
public record InversionOptions(int scanPoints, double densityThreshold, double chebyshevTolerance,
                               int maxCoefficients, boolean useAtomHints) {

    /** 2049 scan points, threshold 1e-13, tolerance 1e-13, up to 8192 coefficients, with atom hints. */
    public static final InversionOptions DEFAULT = new InversionOptions(2049, 1e-13, 1e-13, 8192, true);

    /** Validates the settings. */
    public InversionOptions {
        Checks.atLeast("scan points", scanPoints, 16);
        Checks.positive("density threshold", densityThreshold);
        Checks.positive("Chebyshev tolerance", chebyshevTolerance);
        Checks.atLeast("max coefficients", maxCoefficients, 16);
    }

    /** @return these options with atom hints on or off */
    public InversionOptions withAtomHints(boolean use) {
        return new InversionOptions(scanPoints, densityThreshold, chebyshevTolerance, maxCoefficients, use);
    }

    /** @return these options with another scan size */
    public InversionOptions withScanPoints(int points) {
        return new InversionOptions(points, densityThreshold, chebyshevTolerance, maxCoefficients, useAtomHints);
    }
}
