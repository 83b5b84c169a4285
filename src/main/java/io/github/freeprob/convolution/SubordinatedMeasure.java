package io.github.freeprob.convolution;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.measure.Support;
import io.github.freeprob.numerics.Complexes;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;
import java.util.function.DoubleFunction;
import org.hipparchus.complex.Complex;

/**
 * A measure whose Cauchy transform comes from a subordination equation: the result of a free convolution or a free
 * power. G is solved at each point it is asked for (a cold solve), and on grids with solutions carried from point to
 * point; atoms come from the theory of the operation, moments from the exact engine, and the support from Stieltjes
 * inversion (computed once, on first use).
 *
 * <p>A convolution has two subordination functions, one per factor, and either determines G. Where G is small (in a
 * gap of the support) the one whose factor carries G in the primary equation runs off toward infinity (ω₁ ≈ 1/G), and
 * the equation for the other one is then the well-conditioned choice: the dual equation, when given, is used wherever
 * the primary one fails or its solution exceeds {@value #LARGE} times the scale.
 */
abstract class SubordinatedMeasure implements Measure {

    /** Digits used when moments in double precision are taken from the exact engine. */
    static final Precision DOUBLE_MOMENTS = Precision.ofDigits(34);

    /** Largest first-order correction w'·Δx, relative to |w| + scale, used as a start on a grid. */
    static final double PREDICTION_LIMIT = 0.1;

    /** A subordination function beyond this multiple of the scale hands the point to the dual equation. */
    static final double LARGE = 1e3;

    private final FixedPointEquation equation;
    private final Subordination solver;
    private final FixedPointEquation dualEquation;
    private final Subordination dualSolver;
    private volatile Spectrum spectrum;

    SubordinatedMeasure(FixedPointEquation equation) {
        this(equation, null);
    }

    SubordinatedMeasure(FixedPointEquation equation, FixedPointEquation dual) {
        this.equation = equation;
        this.solver = new Subordination(equation);
        this.dualEquation = dual;
        this.dualSolver = dual == null ? null : new Subordination(dual);
    }

    /** A solution together with the equation it solves. */
    private record Solved(FixedPointEquation equation, Subordination.Solution solution) {
        Complex cauchy(Complex z) {
            return equation.cauchy(z, solution.w());
        }
    }

    private boolean large(Complex z, Subordination.Solution solution) {
        return solution.w().norm() > LARGE * (equation.scale() + z.norm());
    }

    /** Cold solve with the primary equation, or the dual one where the primary fails or runs off. */
    private Solved solvePoint(Complex z) {
        Subordination.Solution primary = null;
        io.github.freeprob.numerics.ConvergenceException failure = null;
        try {
            primary = solver.solve(z);
            if (dualSolver == null || !large(z, primary)) {
                return new Solved(equation, primary);
            }
        } catch (io.github.freeprob.numerics.ConvergenceException e) {
            if (dualSolver == null) {
                throw e;
            }
            failure = e;
        }
        try {
            return new Solved(dualEquation, dualSolver.solve(z));
        } catch (io.github.freeprob.numerics.ConvergenceException e) {
            if (primary != null) {
                return new Solved(equation, primary);
            }
            throw failure;
        }
    }

    /** @return whether x is exactly one of the theoretical atoms */
    private boolean atAtom(double x) {
        for (Atom atom : atoms()) {
            if (atom.location() == x) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Complex cauchyUpper(Complex z) {
        if (z.getImaginary() == 0 && atAtom(z.getReal())) {
            return Complex.INF;
        }
        Complex point = regular(z);
        return solvePoint(point).cauchy(point);
    }

    @Override
    public Complex cauchyReducedUpper(Complex z) {
        Complex point = regular(z);
        Solved solved = solvePoint(point);
        return solved.equation().cauchyReduced(point, solved.solution().w());
    }

    @Override
    public Complex cauchyDerivativeUpper(Complex z) {
        Complex point = regular(z);
        Solved solved = solvePoint(point);
        return solved.equation().cauchyDerivative(point, solved.solution().w(), solved.solution().derivative());
    }

    /** G, G' and H from one solve. */
    @Override
    public Complex[] cauchyTermsUpper(Complex z) {
        if (z.getImaginary() == 0 && atAtom(z.getReal())) {
            return new Complex[] {Complex.INF, Complex.INF, Complex.INF};
        }
        Complex point = regular(z);
        Solved solved = solvePoint(point);
        FixedPointEquation used = solved.equation();
        Complex w = solved.solution().w();
        return new Complex[] {used.cauchy(point, w), used.cauchyDerivative(point, w, solved.solution().derivative()),
            used.cauchyReduced(point, w)};
    }

    /** Moves a point where the equation itself is singular (z = 0 for multiplicative ones) by a rounding error. */
    Complex regular(Complex z) {
        return z;
    }

    /**
     * Boundary values on a grid: each point starts Newton from the previous point's solution (of the same equation),
     * and is solved cold where that fails; atoms and singular points of the equation are evaluated on their own.
     */
    @Override
    public Complex[] cauchyBoundary(double[] xs) {
        GridWalk walk = new GridWalk();
        Complex[] out = new Complex[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = walk.apply(xs[i]);
        }
        return out;
    }

    /**
     * Boundary values along a grid: Newton on the axis from the last solution of the primary equation, then of the
     * dual one, then a cold solve. Newton starts from the first-order prediction w + w'·Δx where that correction is
     * small (below {@value #PREDICTION_LIMIT} of |w| + scale), which saves about one Newton step a point, and from w
     * itself where the prediction fails.
     */
    private final class GridWalk implements DoubleFunction<Complex> {

        private Subordination.Solution previous;
        private double previousX;
        private Subordination.Solution previousDual;
        private double previousDualX;

        @Override
        public Complex apply(double x) {
            Complex z = new Complex(x, 0.0);
            if (atAtom(x) || regular(z).getImaginary() != 0) {
                return cauchyUpper(z);
            }
            Subordination.Solution warm = previous == null ? null
                    : warm(solver, equation, z, previous, x - previousX);
            if (warm != null && (dualSolver == null || !large(z, warm))) {
                previous = warm;
                previousX = x;
                return equation.cauchy(z, warm.w());
            }
            if (dualSolver != null && previousDual != null) {
                Subordination.Solution dual = warm(dualSolver, dualEquation, z, previousDual, x - previousDualX);
                if (dual != null) {
                    previousDual = dual;
                    previousDualX = x;
                    return dualEquation.cauchy(z, dual.w());
                }
            }
            Solved cold = solvePoint(z);
            if (cold.equation() == equation) {
                previous = cold.solution();
                previousX = x;
            } else {
                previousDual = cold.solution();
                previousDualX = x;
            }
            return cold.cauchy(z);
        }

        /** Newton from the predicted start, then from the last solution itself. */
        private Subordination.Solution warm(Subordination solver, FixedPointEquation solved, Complex z,
                                            Subordination.Solution last, double step) {
            Complex w = last.w();
            Complex correction = last.derivative().multiply(step);
            double size = Complexes.modulus(correction.getReal(), correction.getImaginary());
            if (size > 0 && size <= PREDICTION_LIMIT * (Complexes.modulus(w.getReal(), w.getImaginary())
                    + solved.unknownScale())) {
                Subordination.Solution predicted = solver.solveFrom(z, w.add(correction));
                if (predicted != null) {
                    return predicted;
                }
            }
            return solver.solveFrom(z, w);
        }
    }

    /**
     * For the midpoints of a bisection, which close in on an edge or a pole: Newton on the axis from the previous
     * point's solution where the fixed point is well separated (|1 − ∂T/∂w| ≥ {@value Subordination#WELL_SEPARATED});
     * elsewhere, next to an edge, the continuation toward the axis starts a few times the distance to the previous
     * point above it, from that point's solution ({@link Subordination#solveNear}), and comes down as a cold solve
     * does. Newton on the axis next to an edge, as on a grid, is not used: there it is at the mercy of rounding
     * (measured: with it, the upper edge of mp(1) ⊠ mp(1) found by inversion was 7e-13 from 27/4; with cold solves
     * 2e-14, with this walk 9e-14), while a cold solve's way down decides inside or outside the support the same way
     * here.
     */
    @Override
    public DoubleFunction<Complex> boundaryWalk() {
        return new NearWalk();
    }

    /** The walk of {@link #boundaryWalk()}: the last point and its solution, with the equation that gave it. */
    private final class NearWalk implements DoubleFunction<Complex> {

        private double previousX = Double.NaN;
        private Solved previous;

        @Override
        public Complex apply(double x) {
            Complex z = new Complex(x, 0.0);
            if (atAtom(x) || regular(z).getImaginary() != 0) {
                return cauchyUpper(z);
            }
            Solved solved = null;
            if (previous != null) {
                FixedPointEquation used = previous.equation();
                Subordination near = used == equation ? solver : dualSolver;
                Complex start = previous.solution().w();
                // Away from edges (|1 − ∂T/∂w| not small) Newton on the axis is safe and cheapest; next to one, the
                // continuation from a little above.
                Subordination.Solution warm = near.solveFrom(z, start, Subordination.WELL_SEPARATED);
                if (warm == null) {
                    warm = near.solveNear(z, start, Math.abs(x - previousX));
                }
                // The primary equation's solution is kept where a cold solve would keep it (not running off).
                if (warm != null && (used != equation || dualSolver == null || !large(z, warm))) {
                    solved = new Solved(used, warm);
                }
            }
            if (solved == null) {
                solved = solvePoint(z);
            }
            previous = solved;
            previousX = x;
            return solved.cauchy(z);
        }
    }

    @Override
    public double[] moments(int n) {
        return exactMoments(n, DOUBLE_MOMENTS).toDoubleArray();
    }

    @Override
    public abstract MomentSequence exactMoments(int n, Precision precision);

    /** @return the Stieltjes inversion of this measure, computed on first use */
    Spectrum spectrum() {
        Spectrum result = spectrum;
        if (result == null) {
            synchronized (this) {
                result = spectrum;
                if (result == null) {
                    result = StieltjesInversion.invert(this);
                    spectrum = result;
                }
            }
        }
        return result;
    }

    @Override
    public Support support() {
        return spectrum().support();
    }

    @Override
    public abstract List<Atom> atoms();

    @Override
    public abstract Interval bounds();
}
