package io.github.freeprob.transform;

import io.github.freeprob.measure.Measure;
import org.hipparchus.complex.Complex;

/**
 * The transforms of a measure that follow from its Cauchy transform in closed form (see {@code docs/conventions.md}):
 * F = 1/G, the moment series ψ(z) = z⁻¹ G(1/z) − 1 and η(z) = ψ(z)/(1 + ψ(z)) = 1 − z F(1/z).
 */
public final class Transforms {

    private Transforms() {
    }

    /** @return F(z) = 1/G(z) */
    public static Complex reciprocalCauchy(Measure measure, Complex z) {
        return measure.cauchy(z).reciprocal();
    }

    /**
     * @param z a point with 1/z off the support
     * @return ψ(z) = Σ m_n zⁿ = z⁻¹ G(1/z) − 1
     */
    public static Complex psi(Measure measure, Complex z) {
        if (z.isZero()) {
            return Complex.ZERO;
        }
        return measure.cauchy(z.reciprocal()).divide(z).subtract(1);
    }

    /**
     * @return η(z) = ψ(z)/(1 + ψ(z)) = 1 − z F(1/z)
     */
    public static Complex eta(Measure measure, Complex z) {
        if (z.isZero()) {
            return Complex.ZERO;
        }
        return Complex.ONE.subtract(z.multiply(reciprocalCauchy(measure, z.reciprocal())));
    }
}
