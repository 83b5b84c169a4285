package io.github.freeprob.convolution;

import org.hipparchus.complex.Complex;

/**
 * A subordination equation w = T(w; z) whose solution w(z), for z in the upper half-plane, is the Denjoy–Wolff point
 * of the analytic self-map T(·; z), and from which G(z) follows.
 */
interface FixedPointEquation {

    /**
     * @param z the spectral point
     * @param w the unknown
     * @return {T(w; z), ∂T/∂w, ∂T/∂z}
     */
    Complex[] map(Complex z, Complex w);

    /** @return a start for large |z| or Im z (the asymptotic solution) */
    Complex start(Complex z);

    /**
     * @return whether w lies where the physical solution must (its half-plane), within rounding
     */
    boolean admissible(Complex z, Complex w);

    /** @return G(z) from the solution w */
    Complex cauchy(Complex z, Complex w);

    /** @return H(z) = z G(z) − 1 from the solution w, without cancellation at large |z| */
    Complex cauchyReduced(Complex z, Complex w);

    /**
     * @param derivative dw/dz at the solution
     * @return G'(z) from the solution w and its derivative
     */
    Complex cauchyDerivative(Complex z, Complex w, Complex derivative);

    /** @return a length scale of the spectral variable (the width of the result's bounds) */
    double scale();

    /**
     * @return the length scale of the spectral variable that matters at z: by default {@link #scale()}; an equation
     *         that is scale-invariant near a point (a multiplicative one near λ = 0) returns the distance to it when
     *         smaller, so that a continuation toward the axis goes down to a fraction of that distance
     */
    default double scaleAt(Complex z) {
        return scale();
    }

    /** @return the natural size of the unknown, for absolute tolerances (by default the spectral scale) */
    default double unknownScale() {
        return scale();
    }

    /** @return a name for messages */
    String name();

    /**
     * @return whether the solution is known to be the attracting (Denjoy–Wolff) fixed point, so that a Newton
     *         result with |∂T/∂w| &gt; 1 is rejected as another branch
     */
    default boolean attracting() {
        return true;
    }
}
