package io.github.freeprob.cli;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.GridEvaluation;

/**
 * The grid a report evaluates its law on: how many points, how they are evaluated, and whether they are spaced
 * uniformly in x or geometrically (uniformly in log x, for {@code --log-x}).
 *
 * @param points     the number of grid points, at least 2
 * @param evaluation one thread or several (the same values)
 * @param geometric  spaced uniformly in log x instead of x
 */
record Grid(int points, GridEvaluation evaluation, boolean geometric) {

    Grid {
        Checks.atLeast("--points", points, 2);
    }

    /** A uniform grid of {@code points} points, evaluated on one thread. */
    static Grid uniform(int points) {
        return new Grid(points, GridEvaluation.sequential(), false);
    }

    /** @return this grid, spaced geometrically if {@code geometric} */
    Grid geometric(boolean geometric) {
        return new Grid(points, evaluation, geometric);
    }
}
