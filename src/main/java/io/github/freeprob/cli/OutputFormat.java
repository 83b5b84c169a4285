package io.github.freeprob.cli;

/** How a command prints its result. */
enum OutputFormat {
    /** A human-readable summary and a coarse table. */
    TABLE,
    /** The grid as CSV columns x, density, cdf. */
    CSV,
    /** One JSON object with atoms, support, x, density, cdf, moments and diagnostics. */
    JSON
}
