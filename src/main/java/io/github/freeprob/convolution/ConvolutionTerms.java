package io.github.freeprob.convolution;

import io.github.freeprob.measure.Measure;
import org.hipparchus.complex.Complex;

/**
 * The building blocks of the subordination equations, from a measure's G and G':
 * h(w) = F(w) − w with F = 1/G (additive), K(Ω) = Ω − F(Ω) = −h(Ω) (multiplicative, spectral variable).
 */
final class ConvolutionTerms {

    private ConvolutionTerms() {
    }

    /** @return {G(w), G'(w)} */
    static Complex[] cauchy(Measure measure, Complex w) {
        return new Complex[] {measure.cauchy(w), measure.cauchyDerivative(w)};
    }

    /** @return {h(w), h'(w)} with h = 1/G − w = −H/G (H = wG − 1, without cancellation), h' = −G'/G² − 1 */
    static Complex[] h(Measure measure, Complex w) {
        if (!Double.isFinite(w.getReal()) || !Double.isFinite(w.getImaginary())) {
            return new Complex[] {Complex.NaN, Complex.NaN};
        }
        Complex[] terms = measure.cauchyTerms(w);
        Complex g = terms[0];
        Complex dg = terms[1];
        Complex f = g.reciprocal();
        Complex h = terms[2].multiply(f).negate();
        return new Complex[] {h, dg.multiply(f).multiply(f).negate().subtract(1)};
    }

    /** @return {K(Ω), K'(Ω)} with K = Ω − 1/G, K' = 1 + G'/G² */
    static Complex[] k(Measure measure, Complex omega) {
        Complex[] h = h(measure, omega);
        return new Complex[] {h[0].negate(), h[1].negate()};
    }

    static boolean upper(Complex w, double scale) {
        return w.getImaginary() >= -1e-10 * scale;
    }
}
