package io.github.freeprob.numerics;

import org.hipparchus.complex.Complex;

/**
 * Small complex-analysis helpers with the branches chosen explicitly.
 *
 * <p>Boundary values: a point on the real axis stands for the limit from the upper half-plane. Java's signed zero
 * would otherwise pick a branch by accident ({@code sqrt(-1 - 0i) = -i}), so {@link #upper(Complex)} replaces any
 * zero imaginary part by +0 before a branch-sensitive function is applied.
 */
public final class Complexes {

    private Complexes() {
    }

    /**
     * @param z a point with Im z ≥ 0 or Im z = −0
     * @return z with a zero imaginary part replaced by +0, so that principal branches see the limit from above
     */
    public static Complex upper(Complex z) {
        double im = z.getImaginary();
        return im == 0 && Double.doubleToRawLongBits(im) != 0 ? new Complex(z.getReal(), 0.0) : z;
    }

    /**
     * The product √(z − a) √(z − b) of principal square roots, the branch of √((z−a)(z−b)) that behaves like z at
     * infinity and has its cut on [min(a,b), max(a,b)]. On the cut, the value is the limit from above.
     */
    public static Complex sqrtProduct(Complex z, double a, double b) {
        Complex w = upper(z);
        return upper(w.subtract(a)).sqrt().multiply(upper(w.subtract(b)).sqrt());
    }

    /**
     * The inverse Joukowski map J(ζ) = ζ − √(ζ − 1)√(ζ + 1): the branch with |J(ζ)| &lt; 1 off [−1, 1] and
     * J(cos θ + i0) = e^{−iθ} on it.
     */
    public static Complex inverseJoukowski(Complex zeta) {
        return zeta.subtract(sqrtProduct(zeta, 1, -1));
    }

    /**
     * log(1 + w) accurate for small |w| (Kahan's trick), principal branch.
     */
    public static Complex log1p(Complex w) {
        Complex u = w.add(1);
        Complex shifted = u.subtract(1);
        if (shifted.isZero()) {
            return w;
        }
        return u.log().multiply(w).divide(shifted);
    }

    /** @return whether both parts are finite */
    public static boolean isFinite(Complex z) {
        return Double.isFinite(z.getReal()) && Double.isFinite(z.getImaginary());
    }

    /**
     * @param name the parameter's name
     * @param z    a complex number
     * @return {@code z}
     * @throws IllegalArgumentException if a part is NaN or infinite
     */
    public static Complex requireFinite(String name, Complex z) {
        if (!isFinite(z)) {
            throw new IllegalArgumentException(name + " must be finite, but was " + z);
        }
        return z;
    }
}
