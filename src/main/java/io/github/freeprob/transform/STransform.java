package io.github.freeprob.transform;

import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.Complexes;
import io.github.freeprob.numerics.ConvergenceException;
import org.hipparchus.complex.Complex;

/**
 * The S-transform S(w) = χ(w)(1 + w)/w with χ = ψ⁻¹ the compositional inverse of the moment series near 0, by
 * numerical inversion of ψ; S_{μ⊠ν} = S_μ S_ν.
 *
 * <p><b>Domain and branch.</b> It needs m₁ ≠ 0, so that ψ(z) ≈ m₁ z is invertible at 0. χ is the branch through 0,
 * followed by continuation along the ray s·w from s = 10⁻³ (where χ ≈ w/m₁) to 1. In spectral terms ψ(z) = ΛG(Λ) − 1
 * with Λ = 1/z, so the equation solved is ΛG(Λ) − 1 = w from Λ ≈ m₁/w (with ΛG(Λ) − 1 the reduced transform
 * {@link Measure#cauchyReduced}, free of cancellation at the large Λ where the continuation starts). For a measure on [0, ∞) that is not δ₀,
 * ψ maps (−∞, 0) onto (−(1 − μ({0})), 0), so S is real there; elsewhere the domain is the neighbourhood of 0 that
 * continuation reaches, and a w outside it fails with a {@link ConvergenceException}.
 */
public final class STransform {

    private final Measure measure;
    private final double mean;

    private STransform(Measure measure) {
        this.measure = measure;
        this.mean = measure.mean();
        if (mean == 0) {
            throw new IllegalArgumentException("the S-transform needs a nonzero mean, but " + measure
                    + " has mean 0");
        }
    }

    /**
     * @return the S-transform of μ
     * @throws IllegalArgumentException if μ has mean 0
     */
    public static STransform of(Measure measure) {
        return new STransform(measure);
    }

    /**
     * @param w a nonzero point of the domain
     * @return χ(w) = ψ⁻¹(w)
     * @throws ConvergenceException if w is outside the domain reached by continuation
     */
    public Complex psiInverse(Complex w) {
        Complexes.requireFinite("w", w);
        if (w.isZero()) {
            return Complex.ZERO;
        }
        Complex spectral = InverseByContinuation.solve("inverse of psi for " + measure, lambda -> {
            Complex g = measure.cauchy(lambda);
            Complex dg = measure.cauchyDerivative(lambda);
            return new Complex[] {measure.cauchyReduced(lambda), g.add(lambda.multiply(dg))};
        }, v -> v.reciprocal().multiply(mean), w);
        return spectral.reciprocal();
    }

    /**
     * @param w a nonzero point of the domain
     * @return S(w) = χ(w)(1 + w)/w
     */
    public Complex at(Complex w) {
        if (w.isZero()) {
            return Complex.valueOf(1 / mean);
        }
        return psiInverse(w).multiply(w.add(1)).divide(w);
    }

    /** @return S at a real w */
    public double at(double w) {
        return at(new Complex(w, 0)).getReal();
    }
}
