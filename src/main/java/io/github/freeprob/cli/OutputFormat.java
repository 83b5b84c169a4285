package io.github.freeprob.cli;

/** How a command prints its result. */
enum OutputFormat {
    /** A human-readable summary and a coarse table. */
    TABLE,
    /** spectrum: the grid as CSV columns x (or s), density, cdf; meanfield: layer, q, chi or quantity, value rows. */
    CSV,
    /** One JSON object with every field (spectrum: atoms, support, x, density, cdf, moments, diagnostics, …). */
    JSON
}
