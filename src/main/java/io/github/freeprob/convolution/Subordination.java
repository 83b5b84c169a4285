package io.github.freeprob.convolution;

import io.github.freeprob.numerics.Complexes;
import io.github.freeprob.numerics.ConvergenceException;
import org.hipparchus.complex.Complex;

/**
 * Solver of a subordination equation w = T(w; z) ({@link FixedPointEquation}) on the closed upper half-plane.
 *
 * <p><b>Method.</b> For Im z &gt; 0 the solution is the Denjoy–Wolff point of T(·; z), the attracting fixed point of an
 * analytic self-map of a half-plane, so plain iteration converges from any start (Belinschi and Bercovici, "A new
 * approach to subordination results in free probability", J. Anal. Math. 2007); its rate degrades as z nears the real
 * axis. A cold solve therefore iterates at z + iη₀ (η₀ the problem's scale, where it converges fast), then walks η down
 * geometrically to the target, each step solved by Newton's method on w − T(w; z) from a first-order predictor
 * w + w'(z)·Δz (the step is shortened when Newton fails, as it can next to an edge where w' blows up). On a grid of real points, the solution at one point starts Newton at the next.
 * Each Newton result is accepted only if it is admissible (the right half-plane) and attracting, |∂T/∂w| ≤ 1 + 10⁻⁶;
 * otherwise the point is solved cold. Boundary values at an edge, where |∂T/∂w| = 1 and Newton stalls, are the limit
 * of the continuation (η = 10⁻¹⁵ η₀).
 */
final class Subordination {

    /** Relative tolerance on Newton's step. */
    static final double TOLERANCE = 1e-14;
    /** A residual |w − T(w)| below this, relative to |w| + scale, is rounding: the solve has converged. */
    static final double ROUNDING = 4e-16;
    /** Iteration budget of the plain fixed-point iteration. */
    static final int ITERATION_BUDGET = 20_000;
    /**
     * Iteration budget of a start at a local scale below the global one (next to λ = 0 of a multiplicative equation),
     * after which the start moves to the global scale: where a density at 0 makes the iteration crawl there, the
     * full budget cost ~10⁵ evaluations of the factors' transforms for one point (a GELU product at |λ| = 10⁻³²),
     * against a few hundred for the continuation down from the global scale.
     */
    static final int LOCAL_ITERATION_BUDGET = 200;
    /** Newton steps that stop shrinking below this (relative) size are rounding, and the solve has converged. */
    static final double STAGNATION = 1e-11;
    /**
     * Residuals |T(w) − w| below this relative size that keep coming ({@link #STAGNANT_STEPS} Newton steps in a row,
     * none of them shrinking the step by half)
     * are the rounding noise of T (a deep power raises a transform to the power t − 1, multiplying its rounding error
     * by t); next to an edge, where 1 − ∂T/∂w → 0, Newton's steps amplify that noise and wander without settling. The
     * point with the smallest residual is then the solution, with an error of about the residual / |1 − ∂T/∂w|.
     */
    static final double NOISE = 1e-12;
    /** Consecutive Newton steps with residuals below {@link #NOISE} after which the best point so far is taken. */
    static final int STAGNANT_STEPS = 6;
    /** Newton's method is tried after every this many plain iterations. */
    static final int NEWTON_EVERY = 50;
    /** Newton budget per solve. */
    static final int NEWTON_BUDGET = 60;
    /** Ratio η_next/η of a continuation step when all goes well. */
    static final double INITIAL_STRIDE = 0.2;
    /** A step is refined (its ratio moved toward 1) when Newton fails; beyond this ratio the solve fails. */
    static final double MAX_STRIDE = 0.9999;
    /** Below this η (relative to the scale) two solutions are kept for extrapolating a degenerate point. */
    static final double EXTRAPOLATION_ETA = 1e-7;
    /** |1 − ∂T/∂w| below this at the end of the continuation marks a degenerate fixed point. */
    static final double DEGENERATE = 1e-9;
    /**
     * When Newton cannot go on toward the axis next to an edge (where ∂T/∂w → 1, see {@link #EDGE_SLOPE}), a
     * solution already this close (relative to the scale) is the boundary value; its error is η |G'|, small except
     * within ~η of the edge itself.
     */
    static final double ACCEPTED_ETA = 1e-11;
    /**
     * Below this η (relative to the local scale |z|) a stalled continuation next to λ = 0 of a multiplicative
     * equation is accepted when its first-order error is below {@link #EDGE_ERROR} (free powers of laws spread over
     * many decades above 0 stall there at 1.3·10⁻¹¹ |z|).
     */
    static final double NEAR_ZERO_ACCEPTED_ETA = 1e-10;
    /** |1 − ∂T/∂w| below this marks the neighbourhood of an edge (the multiplier tends to 1 there). */
    static final double EDGE_SLOPE = 1e-3;
    /** Largest first-order error η |dw/dz| of an accepted stalled continuation, relative to |w| + scale. */
    static final double EDGE_ERROR = 1e-9;
    /** Smallest η of the continuation, relative to the scale. */
    static final double SMALLEST_ETA = 1e-15;
    /**
     * |1 − ∂T/∂w| above this at a Newton solution on the axis: the fixed point is well separated (no edge near, where
     * it meets a second one), so a neighbour's solution is a safe start there ({@code SubordinatedMeasure}'s walk).
     */
    static final double WELL_SEPARATED = 1e-2;
    /** Height, in units of the distance to a solved neighbour, at which {@link #solveNear} starts its continuation. */
    static final double NEAR_HEIGHT = 4;

    private final FixedPointEquation equation;

    Subordination(FixedPointEquation equation) {
        this.equation = equation;
    }

    /** The solution w(z) and its derivative, and how it was found. */
    record Solution(Complex w, Complex derivative, int iterations) {
    }

    /**
     * Cold solve at z (Im z ≥ 0).
     *
     * @throws ConvergenceException if the iteration or the continuation fails
     */
    Solution solve(Complex z) {
        double scale = equation.scaleAt(z);
        // Start at the height of the local scale: near λ = 0 a multiplicative equation is scale-invariant (when the
        // law has an atom at 0), and the iteration converges as fast at λ + i|λ| as at λ + i·scale elsewhere.
        // Where it does not (a density at 0 makes the solution grow like a power of 1/|λ|), start at the global scale.
        double eta0 = Math.max(z.getImaginary(), scale);
        Complex w;
        try {
            w = coldStart(new Complex(z.getReal(), eta0),
                    scale < equation.scale() ? LOCAL_ITERATION_BUDGET : ITERATION_BUDGET);
        } catch (ConvergenceException e) {
            if (scale >= equation.scale()) {
                throw e;
            }
            eta0 = Math.max(z.getImaginary(), equation.scale());
            w = coldStart(new Complex(z.getReal(), eta0), ITERATION_BUDGET);
        }
        return descend(z, eta0, w, scale);
    }

    /**
     * The solution at a real point z next to a point at distance {@code distance} whose solution {@code start} is
     * known (the previous midpoint of a bisection): the continuation of {@link #solve(Complex)}, started at height
     * η₀ = {@value #NEAR_HEIGHT} × distance by Newton from {@code start} instead of at the problem's scale by iteration.
     * The way down to the axis is the cold solve's, so next to an edge (where a real fixed point and the complex one
     * both have |∂T/∂w| ≈ 1 on the axis, and Newton on the axis from a neighbour can take the wrong one) the result is
     * the cold solve's to its tolerance.
     *
     * @return the solution, or null where the first Newton step or the continuation fails (solve cold then)
     */
    Solution solveNear(Complex z, Complex start, double distance) {
        double scale = equation.scaleAt(z);
        double eta0 = Math.max(z.getImaginary(), NEAR_HEIGHT * distance);
        if (!(eta0 < scale) || !Double.isFinite(start.getReal()) || !Double.isFinite(start.getImaginary())) {
            return null;
        }
        Complex w = newton(new Complex(z.getReal(), eta0), start);
        if (w == null) {
            return null;
        }
        try {
            return descend(z, eta0, w, scale);
        } catch (ConvergenceException e) {
            return null;
        }
    }

    /** The continuation from the solution w at height η₀ above z down to z (see the class comment). */
    private Solution descend(Complex z, double eta0, Complex start, double scale) {
        Complex w = start;
        int steps = 0;
        double eta = eta0;
        double target = z.getImaginary();
        double stride = INITIAL_STRIDE;
        // Two solutions at moderate η (below EXTRAPOLATION_ETA·scale), kept for a linear extrapolation to the axis.
        Complex first = null;
        double firstEta = 0;
        Complex second = null;
        double secondEta = 0;
        while (eta > target) {
            double next = Math.max(target, eta * stride);
            if (next < SMALLEST_ETA * scale) {
                next = target;
            }
            Complex point = new Complex(z.getReal(), next);
            // First-order predictor along the vertical line: w + (dw/dz)·i(next − eta).
            Complex here = new Complex(z.getReal(), eta);
            Complex predicted = w.add(derivative(here, w).multiply(new Complex(0, next - eta)));
            Complex candidate = newton(point, predicted);
            if (candidate == null) {
                candidate = newton(point, w);
            }
            if (candidate == null) {
                if (target == 0 && eta <= ACCEPTED_ETA * scale) {
                    double slope = equation.map(here, w)[1].subtract(1).norm();
                    if (slope <= EDGE_SLOPE) {
                        return new Solution(limit(z, w, first, firstEta, second, secondEta), derivative(z, w), steps);
                    }
                }
                if (target == 0 && eta <= NEAR_ZERO_ACCEPTED_ETA * scale) {
                    if (scale < equation.scale()
                            && eta * derivative(here, w).norm() <= EDGE_ERROR * (w.norm() + equation.unknownScale())) {
                        // Next to λ = 0 of a multiplicative equation (local scale |λ| far below the global one),
                        // Newton can fail this close to the axis when Im Ω rounds to the wrong sign; the solution
                        // at this height already is the boundary value to EDGE_ERROR.
                        return new Solution(w, derivative(here, w), steps);
                    }
                }
                if (next == 0 && eta <= 10 * SMALLEST_ETA * scale) {
                    return new Solution(limit(z, w, first, firstEta, second, secondEta), derivative(z, w), steps);
                }
                stride = Math.sqrt(stride);
                if (stride > MAX_STRIDE) {
                    throw new ConvergenceException("continuation of " + equation.name() + " toward z = " + z
                            + " (stalled at Im z = " + eta + ")", w.norm(), Double.NaN, TOLERANCE, steps);
                }
                continue;
            }
            w = candidate;
            eta = next;
            steps++;
            stride = Math.max(INITIAL_STRIDE, stride * stride);
            if (eta > 0 && eta <= EXTRAPOLATION_ETA * scale) {
                if (first == null) {
                    first = w;
                    firstEta = eta;
                } else if (second == null) {
                    second = w;
                    secondEta = eta;
                }
            }
        }
        if (target == 0 && degenerate(z, w)) {
            w = limit(z, w, first, firstEta, second, secondEta);
        }
        return new Solution(w, derivative(z, w), steps);
    }

    /** Whether 1 − ∂T/∂w vanishes at w (to {@value #DEGENERATE}): w is then not determined by the equation. */
    private boolean degenerate(Complex z, Complex w) {
        return equation.map(z, w)[1].subtract(1).norm() <= DEGENERATE;
    }

    /**
     * The boundary value where Newton fails on the axis itself. At an edge, the continuation's last solution (at
     * η ≈ 10⁻¹⁵ of the scale) is the best estimate. Where instead the fixed point is degenerate (1 − ∂T/∂w vanishes
     * like η, as inside the support of Bernoulli ⊞ Bernoulli at 0, where T(·; 0) is the identity), that last solution
     * has lost its accuracy (an error ε/η), and the linear extrapolation from two moderate η is returned instead.
     */
    private Complex limit(Complex z, Complex last, Complex first, double firstEta, Complex second, double secondEta) {
        if (first == null || second == null) {
            return last;
        }
        if (!degenerate(z, last)) {
            return last;
        }
        double r = secondEta / firstEta;
        return second.subtract(first.multiply(r)).divide(1 - r);
    }

    /**
     * Newton from a start (a neighbouring solution); null when it does not converge to an admissible attracting
     * fixed point.
     */
    Solution solveFrom(Complex z, Complex start) {
        return solveFrom(z, start, DEGENERATE);
    }

    /**
     * Newton from a start, accepted only where |1 − ∂T/∂w| exceeds {@code smallestSlope} (besides being admissible and
     * attracting); null otherwise.
     */
    Solution solveFrom(Complex z, Complex start, double smallestSlope) {
        Accepted accepted = accept(z, start);
        if (accepted == null) {
            return null;
        }
        // The map at the solution, evaluated once by the acceptance check, gives both the degeneracy test and w'.
        Complex[] t = accepted.map();
        if (t[1].subtract(1).norm() <= smallestSlope) {
            return null;
        }
        return new Solution(accepted.w(), t[2].divide(Complex.ONE.subtract(t[1])), 0);
    }

    /** Solves on a grid of real points, carrying solutions from one point to the next. */
    Complex[] boundary(double[] xs) {
        Complex[] out = new Complex[xs.length];
        Complex previous = null;
        for (int i = 0; i < xs.length; i++) {
            Complex z = new Complex(xs[i], 0.0);
            Solution solution = previous == null ? null : solveFrom(z, previous);
            if (solution == null) {
                solution = solve(z);
            }
            previous = solution.w();
            out[i] = equation.cauchy(z, solution.w());
        }
        return out;
    }

    /**
     * The solution at a point far above the axis: by iteration from the asymptotic start, or, where the iteration
     * does not converge (the map need not be a contraction when one law charges (−∞, 0)), by Newton's method from the
     * asymptotic start 10⁴ times higher, continued down.
     */
    private Complex coldStart(Complex high, int budget) {
        try {
            return iterate(high, equation.start(high), budget);
        } catch (ConvergenceException e) {
            double eta = 1e4 * high.getImaginary();
            Complex w = equation.start(new Complex(high.getReal(), eta));
            while (eta > high.getImaginary()) {
                double next = Math.max(high.getImaginary(), eta * 0.5);
                Complex solved = newton(new Complex(high.getReal(), next), w);
                if (solved == null) {
                    throw e;
                }
                w = solved;
                eta = next;
            }
            return w;
        }
    }

    private Complex iterate(Complex z, Complex start, int budget) {
        Complex w = start;
        double scale = equation.unknownScale();
        double error = Double.NaN;
        for (int i = 0; i < budget; i++) {
            Complex next = equation.map(z, w)[0];
            error = next.subtract(w).norm();
            if (!Double.isFinite(error)) {
                break;
            }
            w = next;
            if (error <= TOLERANCE * (w.norm() + scale)) {
                Complex polished = newton(z, w);
                return polished == null ? w : polished;
            }
            if (i % NEWTON_EVERY == NEWTON_EVERY - 1) {
                // Iteration converges linearly, slowly where the multiplier is near 1: Newton finishes the job.
                Complex polished = newton(z, w);
                if (polished != null) {
                    return polished;
                }
            }
        }
        throw new ConvergenceException("subordination fixed point of " + equation.name() + " at z = " + z,
                w.norm(), error, TOLERANCE * (w.norm() + scale), budget);
    }

    /**
     * Newton on w − T(w; z). It stops when the step is below the tolerance, or when the residual is at rounding level
     * (next to an edge 1 − ∂T/∂w is small and the steps stay at rounding/|1 − ∂T/∂w|: that is the conditioning of w,
     * not a failure). The result must be admissible and, where the equation says so, attracting.
     */
    private Complex newton(Complex z, Complex start) {
        Accepted accepted = accept(z, start);
        return accepted == null ? null : accepted.w();
    }

    /** A Newton solution with the map {T, ∂T/∂w, ∂T/∂z} at it. */
    private record Accepted(Complex w, Complex[] map) {
    }

    private Accepted accept(Complex z, Complex start) {
        if (!Double.isFinite(start.getReal()) || !Double.isFinite(start.getImaginary())) {
            return null;
        }
        Complex w = start;
        double scale = equation.unknownScale();
        double previousStep = Double.POSITIVE_INFINITY;
        Complex best = w;
        double bestResidual = Double.POSITIVE_INFINITY;
        int stagnantSteps = 0;
        for (int i = 0; i < NEWTON_BUDGET; i++) {
            Complex[] t = equation.map(z, w);
            Complex residual = t[0].subtract(w);
            // Each modulus once per step (they are the bulk of a step's cost besides the map).
            double residualNorm = norm(residual);
            double wNorm = norm(w);
            if (!Double.isFinite(residualNorm) || !Double.isFinite(norm(t[1]))) {
                return null;
            }
            boolean settled = residualNorm <= ROUNDING * (wNorm + scale);
            Complex slope = t[1].subtract(1);
            if (slope.isZero()) {
                return null;
            }
            // The step is taken even at a rounding-level residual: it removes what the linear model can (a
            // spurious imaginary part left by the continuation, for instance).
            Complex step = residual.divide(slope);
            double size = norm(step);
            double limit = 0.5 * (wNorm + scale);
            if (size > limit) {
                step = step.multiply(limit / size);
                size = limit;
            }
            w = w.subtract(step);
            if (!Double.isFinite(w.getReal()) || !Double.isFinite(w.getImaginary())) {
                return null;
            }
            wNorm = norm(w);
            settled |= size <= TOLERANCE * (wNorm + scale);
            // Rounding-limited: the steps no longer shrink, at a level far below the solution (intermediate
            // quantities of T can be much larger than w, and their rounding sets this floor).
            boolean stagnant = size <= STAGNATION * (wNorm + scale);
            boolean stalled = size >= 0.5 * previousStep;
            settled |= stagnant && stalled;
            previousStep = size;
            // Rounding noise in T can also make Newton cycle among nearby points without its steps ever growing:
            // after a few such steps the point with the smallest residual is the solution.
            if (residualNorm < bestResidual) {
                bestResidual = residualNorm;
                best = w.add(step);
            }
            stagnantSteps = residualNorm <= NOISE * (wNorm + scale) ? stagnantSteps + 1 : 0;
            if (!settled && stagnantSteps >= STAGNANT_STEPS) {
                w = best;
                settled = true;
            }
            if (settled) {
                Complex[] check = equation.map(z, w);
                boolean attracting = !equation.attracting() || norm(check[1]) <= 1 + 1e-6;
                return attracting && equation.admissible(z, w) ? new Accepted(w, check) : null;
            }
        }
        return null;
    }

    /** |z| without Hipparchus's hypot (√(x² + y²) where that neither overflows nor underflows). */
    private static double norm(Complex z) {
        return Complexes.modulus(z.getReal(), z.getImaginary());
    }

    /** dw/dz = (∂T/∂z)/(1 − ∂T/∂w). */
    private Complex derivative(Complex z, Complex w) {
        Complex[] t = equation.map(z, w);
        return t[2].divide(Complex.ONE.subtract(t[1]));
    }
}
