package io.github.freeprob.cli;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.GridEvaluation;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of commands that print a density on a grid: {@code --points}, {@code --threads} and {@code --plot}.
 */
final class GridOptions {

    @Option(names = "--points", defaultValue = "1000", description = "grid size (default ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "threads for the grid's density and"
            + " CDF (default ${DEFAULT-VALUE}); the same values, bit for bit, for any N")
    int threads;

    @Option(names = "--plot", paramLabel = "FILE", description = "write a picture of the density (.png or .svg)")
    Path plot;

    /** @throws IllegalArgumentException for fewer than 2 points or 1 thread, or a plot file that is not .png or .svg */
    void check() {
        Checks.atLeast("--points", points, 2);
        Checks.atLeast("--threads", threads, 1);
        if (plot != null) {
            Charts.checkExtension(plot);
        }
    }

    /** @return how the grid is evaluated: on {@code --threads} threads */
    GridEvaluation evaluation() {
        return GridEvaluation.parallel(threads);
    }

    /** @return the uniform grid of {@code --points} points, evaluated on {@code --threads} threads */
    Grid grid() {
        return new Grid(points, evaluation(), false);
    }
}
