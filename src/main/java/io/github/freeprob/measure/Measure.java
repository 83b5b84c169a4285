package io.github.freeprob.measure;

import io.github.freeprob.numerics.Complexes;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;
import java.util.function.DoubleFunction;
import org.hipparchus.complex.Complex;

/**
 * A probability measure μ on the real line, known through its Cauchy transform and its moments.
 *
 * <p>Conventions ({@code docs/conventions.md}): the Cauchy transform is G(z) = ∫ dμ(t)/(z − t), so G(z) ~ 1/z at
 * infinity and Im G &lt; 0 on the upper half-plane; m_n = ∫ tⁿ dμ(t). On the real axis, G means its boundary value
 * from above, G(x + i0) = −iπρ(x) + p.v.∫ dμ(t)/(x − t): finite inside the support where the density ρ is finite,
 * real outside the support, and infinite at an atom.
 *
 * <p>Implementations are immutable values. They may cache derived data (a support found by Stieltjes inversion),
 * but never change observable results.
 */
public interface Measure {

    /**
     * The Cauchy transform on the closed upper half-plane.
     *
     * @param z a finite point with Im z ≥ 0 (a zero imaginary part, of either sign, means the limit from above)
     * @return G(z); infinite at an atom, and at an edge where the density blows up
     */
    Complex cauchyUpper(Complex z);

    /**
     * The Cauchy transform anywhere: G(z̄) = conj G(z) below the real axis, boundary values from above on it.
     *
     * @param z a finite complex number
     * @return G(z)
     * @throws IllegalArgumentException if z is NaN or infinite
     */
    default Complex cauchy(Complex z) {
        Complexes.requireFinite("z", z);
        if (z.getImaginary() < 0) {
            return cauchyUpper(z.conjugate()).conjugate();
        }
        return cauchyUpper(Complexes.upper(z));
    }

    /**
     * G'(z) on the closed upper half-plane. The default is a fourth-order central difference along the real
     * direction (which stays on the same side of the real axis), with step 10^-3 of the distance to the axis, or of
     * the width of {@link #bounds()} on the axis itself; measures with closed forms override it.
     */
    default Complex cauchyDerivativeUpper(Complex z) {
        double width = Math.max(bounds().width(), 1e-8 * (1 + Math.abs(z.getReal())));
        double distance = z.getImaginary() > 0 ? Math.min(z.getImaginary(), width) : 1e-3 * width;
        double h = 1e-3 * distance;
        Complex plus1 = cauchyUpper(new Complex(z.getReal() + h, z.getImaginary()));
        Complex minus1 = cauchyUpper(new Complex(z.getReal() - h, z.getImaginary()));
        Complex plus2 = cauchyUpper(new Complex(z.getReal() + 2 * h, z.getImaginary()));
        Complex minus2 = cauchyUpper(new Complex(z.getReal() - 2 * h, z.getImaginary()));
        return plus1.subtract(minus1).multiply(8).subtract(plus2.subtract(minus2)).divide(12 * h);
    }

    /**
     * G'(z) anywhere, with G'(z̄) = conj G'(z).
     *
     * @throws IllegalArgumentException if z is NaN or infinite
     */
    default Complex cauchyDerivative(Complex z) {
        Complexes.requireFinite("z", z);
        if (z.getImaginary() < 0) {
            return cauchyDerivativeUpper(z.conjugate()).conjugate();
        }
        return cauchyDerivativeUpper(Complexes.upper(z));
    }

    /**
     * The reduced Cauchy transform H(z) = z G(z) − 1 = ∫ t dμ(t)/(z − t) on the closed upper half-plane. The default
     * subtracts, which loses accuracy at large |z| where zG(z) ≈ 1; representations override it with a form free of
     * that cancellation. Subordination needs it: h(w) = 1/G(w) − w = −H(w)/G(w).
     */
    default Complex cauchyReducedUpper(Complex z) {
        return z.multiply(cauchyUpper(z)).subtract(1);
    }

    /** H(z) = z G(z) − 1 anywhere, with H(z̄) = conj H(z). */
    default Complex cauchyReduced(Complex z) {
        Complexes.requireFinite("z", z);
        if (z.getImaginary() < 0) {
            return cauchyReducedUpper(z.conjugate()).conjugate();
        }
        return cauchyReducedUpper(Complexes.upper(z));
    }

    /**
     * G, G' and H at one point of the closed upper half-plane: what a subordination step needs. The default makes the
     * three calls; a representation whose three transforms share work (the roots of f(h) = z of a Gaussian
     * push-forward) computes it once.
     *
     * @return {G(z), G'(z), H(z)}
     */
    default Complex[] cauchyTermsUpper(Complex z) {
        return new Complex[] {cauchyUpper(z), cauchyDerivativeUpper(z), cauchyReducedUpper(z)};
    }

    /**
     * G, G' and H anywhere, with conjugate symmetry below the axis.
     *
     * @return {G(z), G'(z), H(z)}
     * @throws IllegalArgumentException if z is NaN or infinite
     */
    default Complex[] cauchyTerms(Complex z) {
        Complexes.requireFinite("z", z);
        if (z.getImaginary() < 0) {
            Complex[] upper = cauchyTermsUpper(z.conjugate());
            return new Complex[] {upper[0].conjugate(), upper[1].conjugate(), upper[2].conjugate()};
        }
        return cauchyTermsUpper(Complexes.upper(z));
    }

    /**
     * {@link #cauchyTerms(Complex)} in primitive doubles, the form a subordination step reads without allocating:
     * (Re G, Im G, Re G', Im G', Re H, Im H) at z = x + iy into out[0..5]. The default unpacks
     * {@link #cauchyTerms(Complex)}; the named laws compute it directly.
     *
     * @param out at least 6 doubles
     * @throws IllegalArgumentException if x or y is NaN or infinite
     */
    default void cauchyTerms(double x, double y, double[] out) {
        Complex[] terms = cauchyTerms(new Complex(x, y));
        for (int k = 0; k < 3; k++) {
            out[2 * k] = terms[k].getReal();
            out[2 * k + 1] = terms[k].getImaginary();
        }
    }

    /**
     * G at many points given by their real and imaginary parts (the batch form behind {@link #cauchy(Complex[])} and
     * grid evaluations): outRe[i] + i·outIm[i] = G(re[i] + i·im[i]), with the conventions of {@link #cauchy(Complex)}
     * (conjugate symmetry below the axis, boundary values from above on it). The points are checked once, before any
     * is evaluated. The named laws evaluate it in primitive doubles, without allocation per point; the default makes
     * one {@link #cauchy(Complex)} call per point. The output arrays may be the input arrays.
     *
     * @throws IllegalArgumentException if the four lengths differ, or a point is NaN or infinite
     */
    default void cauchy(double[] re, double[] im, double[] outRe, double[] outIm) {
        Complexes.requireFinite(re, im, outRe, outIm);
        for (int i = 0; i < re.length; i++) {
            Complex g = cauchy(new Complex(re[i], im[i]));
            outRe[i] = g.getReal();
            outIm[i] = g.getImaginary();
        }
    }

    /**
     * G at many points (batch form for grids).
     *
     * @param zs finite points
     * @return G(z) for each
     */
    default Complex[] cauchy(Complex[] zs) {
        Complex[] out = new Complex[zs.length];
        for (int i = 0; i < zs.length; i++) {
            out[i] = cauchy(zs[i]);
        }
        return out;
    }

    /**
     * Boundary values G(x + i0) on a grid of real points, in the grid's order. Implementations that solve equations
     * for G (free convolutions) override this to carry solutions from one point to the next.
     *
     * @param xs finite real points
     * @return G(x + i0) for each
     */
    default Complex[] cauchyBoundary(double[] xs) {
        Complex[] out = new Complex[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = cauchyUpper(new Complex(xs[i], 0.0));
        }
        return out;
    }

    /**
     * An evaluator of boundary values G(x + i0) for points visited one after another in small steps (the bisections
     * of Stieltjes inversion), which may start each point's solve from the previous point's solution: its values are
     * those of {@link #cauchyUpper(Complex)} at (x, 0) to the solver's tolerance. The default evaluates each point on
     * its own; measures that solve equations for G (free convolutions) carry their solutions, as
     * {@link #cauchyBoundary(double[])} does along a grid. An evaluator holds state: use one per walk and thread.
     *
     * @return x ↦ G(x + i0)
     */
    default DoubleFunction<Complex> boundaryWalk() {
        return x -> cauchyUpper(new Complex(x, 0.0));
    }

    /**
     * Moments in double precision.
     *
     * @param n highest order, ≥ 0
     * @return m_0 = 1, m_1, …, m_n (index k holds m_k)
     */
    double[] moments(int n);

    /**
     * Moments in arbitrary precision, exact up to the working precision where the representation allows.
     *
     * @param n         highest order, ≥ 0
     * @param precision working precision
     * @return m_0..m_n
     * @throws UnsupportedOperationException where the representation cannot give them beyond double precision
     */
    MomentSequence exactMoments(int n, Precision precision);

    /** @return the atoms, sorted by location (empty when there are none) */
    List<Atom> atoms();

    /** @return the support of the absolutely continuous part (empty for a purely atomic measure) */
    Support support();

    /** @return a closed interval that contains the whole support, atoms included: the hull where it is known */
    Interval bounds();

    /**
     * Points inside the support where the density may be singular or non-smooth (a jump, an inverse square root):
     * the edges of a mixture's components, the critical values and kinks of f for the law of f(h). Stieltjes
     * inversion cuts its panels there. The default is none.
     *
     * @return such points, in any order
     */
    default List<Double> singularPoints() {
        return List.of();
    }

    /** @return m_1 */
    default double mean() {
        return moments(1)[1];
    }

    /** @return m_2 − m_1² */
    default double variance() {
        double[] m = moments(2);
        return Math.max(0, m[2] - m[1] * m[1]);
    }

    /** @return the total mass of the atoms */
    default double atomMass() {
        double sum = 0;
        for (Atom atom : atoms()) {
            sum += atom.mass();
        }
        return sum;
    }

    /** @return whether the measure lives on [0, ∞) */
    default boolean isNonNegative() {
        return bounds().lo() >= 0;
    }
}
