package io.github.freeprob.cli;

import picocli.CommandLine.Option;

/** The {@code --log-x} option of the {@code spectrum} forms: a geometric grid and a picture against log₁₀ x. */
final class LogAxisOption {

    @Option(names = "--log-x", description = "for a law on [0, inf) spread over decades: a geometric grid, and a"
            + " picture of the density of log10 x, ln(10) x rho(x), against log10 x (atoms at 0 are named, not"
            + " drawn)")
    boolean logX;
}
