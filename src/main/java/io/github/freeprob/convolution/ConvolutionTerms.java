package io.github.freeprob.convolution;

import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.Complexes;
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

    /**
     * @return {h(w), h'(w)} with h = 1/G − w = −H/G (H = wG − 1, without cancellation), h' = −G'/G² − 1; computed in
     *         primitive doubles from {@link Measure#cauchyTerms(double, double, double[])} (this is the inner loop of
     *         every subordination solve)
     */
    static Complex[] h(Measure measure, Complex w) {
        double x = w.getReal();
        double y = w.getImaginary();
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return new Complex[] {Complex.NaN, Complex.NaN};
        }
        double[] t = new double[8];
        measure.cauchyTerms(x, y, t);
        // F = 1/G, into t[6..7]; a pole of G (infinite parts) makes F, h and h' NaN, as a failed point.
        Complexes.divide(1, 0, t[0], t[1], t, 6);
        double fr = t[6];
        double fi = t[7];
        double hr = -(t[4] * fr - t[5] * fi);
        double hi = -(t[4] * fi + t[5] * fr);
        double f2r = fr * fr - fi * fi;
        double f2i = 2 * fr * fi;
        double dr = -(t[2] * f2r - t[3] * f2i) - 1;
        double di = -(t[2] * f2i + t[3] * f2r);
        return new Complex[] {new Complex(hr, hi), new Complex(dr, di)};
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
