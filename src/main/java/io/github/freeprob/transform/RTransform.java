package io.github.freeprob.transform;

import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.Complexes;
import io.github.freeprob.numerics.ConvergenceException;
import org.hipparchus.complex.Complex;

/**
 * Voiculescu's R-transform R(w) = G⁻¹(w) − 1/w = Σ κ_{n+1} wⁿ, by numerical inversion of G.
 *
 * <p><b>Domain and branch.</b> G⁻¹ is the inverse of G on a neighbourhood of ∞ (where G(ζ) ≈ 1/ζ), so R is defined on a
 * neighbourhood of 0 inside G(ℂ⁺) ∪ G(ℂ⁻) (for compact support: a disc around 0, cut along the real axis only where
 * real values of G are not taken outside the support). The inverse is followed by continuation along the ray s·w from
 * s = 10⁻³, where ζ ≈ 1/w + m₁, to s = 1, so the branch returned is the one continued from 0; the returned ζ is checked
 * to lie on the side of the real axis opposite to w (G maps ℂ⁺ to ℂ⁻), as it must. A w outside the domain fails with a
 * {@link ConvergenceException} rather than returning another branch. (The seed's 𝓡 is w R(w).)
 */
public final class RTransform {

    private final Measure measure;
    private final double mean;

    private RTransform(Measure measure) {
        this.measure = measure;
        this.mean = measure.mean();
    }

    /** @return the R-transform of μ */
    public static RTransform of(Measure measure) {
        return new RTransform(measure);
    }

    /**
     * @param w a nonzero point of the domain
     * @return G⁻¹(w), the point ζ with G(ζ) = w on the branch through ∞
     * @throws ConvergenceException if w is outside the domain reached by continuation
     */
    public Complex inverseCauchy(Complex w) {
        Complexes.requireFinite("w", w);
        if (w.isZero()) {
            throw new IllegalArgumentException("G^-1 is not defined at w = 0 (it is the point at infinity)");
        }
        Complex zeta = InverseByContinuation.solve("inverse of G for " + measure,
                z -> new Complex[] {measure.cauchy(z), measure.cauchyDerivative(z)},
                v -> v.reciprocal().add(mean), w);
        if (w.getImaginary() != 0 && Math.signum(zeta.getImaginary()) == Math.signum(w.getImaginary())
                && Math.abs(zeta.getImaginary()) > 1e-12 * (1 + zeta.norm())) {
            throw new ConvergenceException("inverse of G for " + measure + " at w = " + w
                    + ": the continuation left the branch through infinity (Im G^-1(w) has the sign of Im w)",
                    zeta.norm(), Double.NaN, InverseByContinuation.TOLERANCE, 0);
        }
        return zeta;
    }

    /**
     * @param w a nonzero point of the domain
     * @return R(w) = G⁻¹(w) − 1/w
     */
    public Complex at(Complex w) {
        return inverseCauchy(w).subtract(w.reciprocal());
    }

    /** @return R(w) at a real w (both G⁻¹(w) and R(w) real) */
    public double at(double w) {
        Checks.finite("w", w);
        return at(new Complex(w, 0)).getReal();
    }
}
