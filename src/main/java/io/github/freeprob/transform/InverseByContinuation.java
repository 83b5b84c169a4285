package io.github.freeprob.transform;

import io.github.freeprob.numerics.ConvergenceException;
import java.util.function.Function;
import org.hipparchus.complex.Complex;

/**
 * Solves f(ζ) = w for an analytic f whose inverse is known near w = 0 by an asymptotic start ζ₀(w): Newton's method
 * along the ray s·w, s from {@value #FIRST} up to 1 in steps of ratio at most {@value #MAX_STRIDE}, each started from a
 * first-order predictor, so that the branch followed is the one continued from 0.
 */
final class InverseByContinuation {

    /** The first point of the ray, where the asymptotic start is accurate. */
    static final double FIRST = 1e-3;
    /** Largest ratio between successive points of the ray. */
    static final double MAX_STRIDE = 1.5;
    /** Newton iterations allowed per step. */
    static final int NEWTON_STEPS = 40;
    /** Relative tolerance of each solve. */
    static final double TOLERANCE = 1e-14;

    /** f(ζ) and f'(ζ). */
    interface Function2 {
        Complex[] valueAndDerivative(Complex zeta);
    }

    private InverseByContinuation() {
    }

    /**
     * @param name  what is being inverted, for messages
     * @param f     f and f'
     * @param start ζ₀(w), accurate for small |w|
     * @param w     the target value
     * @return ζ with f(ζ) = w on the branch continued from 0
     * @throws ConvergenceException if a step does not converge
     */
    static Complex solve(String name, Function2 f, Function<Complex, Complex> start, Complex w) {
        double s = FIRST;
        double solvedAt = 0;
        double factor = MAX_STRIDE;
        Complex zeta = start.apply(w.multiply(s));
        Complex slope = null;
        while (true) {
            // First-order predictor along the ray: f(ζ(s)) = s w, so ζ'(s) = w/f'(ζ).
            Complex predicted = slope == null ? zeta : zeta.add(w.divide(slope).multiply(s - solvedAt));
            Complex solved = newton(f, predicted, w.multiply(s));
            if (solved == null && slope != null) {
                solved = newton(f, zeta, w.multiply(s));
            }
            if (solved == null) {
                factor = Math.sqrt(factor);
                if (solvedAt == 0 || factor < 1.0001) {
                    throw new ConvergenceException(name + " at w = " + w + " (continuation stalled at s = " + s
                            + ")", zeta.norm(), Double.NaN, TOLERANCE, NEWTON_STEPS);
                }
                s = Math.min(1, solvedAt * factor);
                continue;
            }
            zeta = solved;
            slope = f.valueAndDerivative(zeta)[1];
            solvedAt = s;
            if (s >= 1) {
                return zeta;
            }
            factor = Math.min(MAX_STRIDE, factor * factor);
            s = Math.min(1, s * factor);
        }
    }

    private static Complex newton(Function2 f, Complex start, Complex target) {
        Complex zeta = start;
        for (int i = 0; i < NEWTON_STEPS; i++) {
            if (!Double.isFinite(zeta.getReal()) || !Double.isFinite(zeta.getImaginary())) {
                return null;
            }
            Complex[] value = f.valueAndDerivative(zeta);
            if (!Double.isFinite(value[0].norm()) || !Double.isFinite(value[1].norm()) || value[1].isZero()) {
                return null;
            }
            Complex step = value[0].subtract(target).divide(value[1]);
            zeta = zeta.subtract(step);
            if (!Double.isFinite(zeta.getReal()) || !Double.isFinite(zeta.getImaginary())) {
                return null;
            }
            if (step.norm() <= TOLERANCE * (1 + zeta.norm())) {
                return zeta;
            }
        }
        return null;
    }
}
