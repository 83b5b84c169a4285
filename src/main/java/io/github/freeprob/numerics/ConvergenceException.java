package io.github.freeprob.numerics;

import java.util.Locale;

/**
 * Thrown when an iterative numerical routine runs out of its budget before reaching its tolerance.
 *
 * <p>This is the project's single exception for numerical failure. It carries what was achieved, so that a caller
 * can report it or decide to continue: the best estimate found, its error estimate, the tolerance asked for and the
 * budget spent. Misuse of an API (bad parameters) is reported with {@link IllegalArgumentException} instead.
 */
public final class ConvergenceException extends RuntimeException {

    private final String routine;
    private final double bestEstimate;
    private final double errorEstimate;
    private final double tolerance;
    private final int iterations;

    /**
     * @param routine       what was being computed, in words (e.g. "additive subordination at z = 1.0+0.0i")
     * @param bestEstimate  the best value reached (a real summary such as |residual| where the value is complex)
     * @param errorEstimate the error estimate of that value
     * @param tolerance     the tolerance that was asked for
     * @param iterations    the iterations (or evaluations) spent, which is the budget
     */
    public ConvergenceException(String routine, double bestEstimate, double errorEstimate, double tolerance,
                                int iterations) {
        super(String.format(Locale.ROOT,
                "%s did not converge: best estimate %s with error estimate %s > tolerance %s after %d iterations",
                routine, Checks.format(bestEstimate), Checks.format(errorEstimate), Checks.format(tolerance),
                iterations));
        this.routine = routine;
        this.bestEstimate = bestEstimate;
        this.errorEstimate = errorEstimate;
        this.tolerance = tolerance;
        this.iterations = iterations;
    }

    /** @return what was being computed */
    public String routine() {
        return routine;
    }

    /** @return the best estimate reached before the budget ran out */
    public double bestEstimate() {
        return bestEstimate;
    }

    /** @return the error estimate of {@link #bestEstimate()} */
    public double errorEstimate() {
        return errorEstimate;
    }

    /** @return the tolerance that was asked for */
    public double tolerance() {
        return tolerance;
    }

    /** @return the iterations spent: the whole budget */
    public int iterations() {
        return iterations;
    }
}
