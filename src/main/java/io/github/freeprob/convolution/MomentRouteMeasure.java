package io.github.freeprob.convolution;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.measure.Support;
import io.github.freeprob.precision.JacobiMatrix;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;
import org.hipparchus.complex.Complex;

/**
 * A free convolution by the exact moment engine alone: its moments in arbitrary precision, and its Cauchy transform
 * off the real axis from the continued fraction of the Jacobi matrix of its first {@value #MOMENTS} moments (the
 * Cauchy transform of their Gauss rule), computed with {@value #DIGITS} digits because the map from moments to
 * recurrence coefficients loses digits exponentially in their number. The continued fraction converges geometrically for z away from the support
 * (the rate is the Bernstein ellipse through z), but it is the transform of a discrete law: it gives no boundary
 * values and no density. Atoms, bounds and support are those of the operation's theory.
 */
final class MomentRouteMeasure implements Measure {

    /** Number of exact moments behind the continued fraction. */
    static final int MOMENTS = 80;
    /** Their working precision. */
    static final int DIGITS = 160;
    static final Precision PRECISION = Precision.ofDigits(DIGITS);

    private final Measure reference;
    private final JacobiMatrix jacobi;
    private final String name;

    private MomentRouteMeasure(Measure reference, String name) {
        this.reference = reference;
        this.jacobi = JacobiMatrix.fromMoments(reference.exactMoments(MOMENTS, PRECISION));
        this.name = name;
    }

    static Measure additive(Measure mu, Measure nu) {
        return new MomentRouteMeasure(new FreeAdditiveConvolution(mu, nu), "(" + mu + " ⊞ " + nu + ") [moment route]");
    }

    static Measure multiplicative(Measure mu, Measure nu) {
        return new MomentRouteMeasure(new FreeMultiplicativeConvolution(mu, nu),
                "(" + mu + " ⊠ " + nu + ") [moment route]");
    }

    /** @return the continued fraction G_K(z); for Im z = 0 this is the transform of the Gauss rule, not of μ */
    @Override
    public Complex cauchyUpper(Complex z) {
        return jacobi.continuedFraction(z);
    }

    @Override
    public double[] moments(int n) {
        return reference.moments(n);
    }

    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        return reference.exactMoments(n, precision);
    }

    @Override
    public List<Atom> atoms() {
        return reference.atoms();
    }

    @Override
    public Support support() {
        return reference.support();
    }

    @Override
    public Interval bounds() {
        return reference.bounds();
    }

    @Override
    public String toString() {
        return name;
    }
}
