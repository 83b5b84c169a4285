package io.github.freeprob.measure;

import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.Precision;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.complex.Complex;

/**
 * One piece of the continuous part of a {@link ChebyshevMeasure}: a density on an interval given by a Chebyshev
 * series, with its mass, CDF, Cauchy transform and moments in closed form.
 */
public sealed interface DensityPiece permits WeightedPiece, PolynomialPanel, EdgePanel, LogPanel, PowerTail {

    /** @return the interval of the real line the piece covers */
    Interval interval();

    /** @return its mass */
    double mass();

    /** @return the density at x (0 outside the interval) */
    double density(double x);

    /** @return the mass of the piece left of x */
    double cumulative(double x);

    /**
     * @param z a point with Im z ≥ 0 (on the real axis: the limit from above)
     * @return its contribution to G(z)
     */
    Complex cauchy(Complex z);

    /**
     * @return its contribution to H(z) = zG(z) − 1, that is ∫ x ρ(x) dx/(z − x) over the piece, free of the
     *         cancellation of z G − mass at large |z|
     */
    Complex cauchyReduced(Complex z);

    /** @return its contribution to G'(z), Im z ≥ 0 */
    Complex cauchyDerivative(Complex z);

    /**
     * @param z a point with Im z ≥ 0
     * @return its contributions {G, G', H} at once (pieces that can share work between the three override this)
     */
    default Complex[] cauchyTerms(Complex z) {
        Complex g = cauchy(z);
        // Within two widths H = z G − mass has no cancellation to fear; farther out the piece's own H avoids it.
        Complex reduced = FarField.applies(interval(), z) ? cauchyReduced(z) : z.multiply(g).subtract(mass());
        return new Complex[] {g, cauchyDerivative(z), reduced};
    }

    /** @return ∫ x^k dμ_piece for k = 0..n, in double precision */
    double[] moments(int n);

    /** @return the same, exactly for this approximant, in arbitrary precision */
    BigFloat[] exactMoments(int n, Precision precision);

    /**
     * @param f a function smooth on the piece (in the piece's own variable)
     * @return ∫ f(x) ρ(x) dx over the piece, by a Gauss rule in the piece's variable with 32 points beyond what the
     *         density itself needs
     */
    double integrate(DoubleUnaryOperator f);

    /** @return the number of Chebyshev coefficients */
    int length();
}
