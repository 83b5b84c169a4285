package io.github.freeprob.cli;

import io.github.freeprob.numerics.Checks;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of commands that print a density on a grid: {@code --points} and {@code --plot}. */
final class GridOptions {

    @Option(names = "--points", defaultValue = "1000", description = "grid size (default ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--plot", paramLabel = "FILE", description = "write a picture of the density (.png or .svg)")
    Path plot;

    /** @throws IllegalArgumentException for fewer than 2 points or a plot file that is not .png or .svg */
    void check() {
        Checks.atLeast("--points", points, 2);
        if (plot != null) {
            Charts.checkExtension(plot);
        }
    }
}
