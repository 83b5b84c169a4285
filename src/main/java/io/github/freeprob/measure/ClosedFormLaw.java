package io.github.freeprob.measure;

import io.github.freeprob.numerics.Complexes;
import org.hipparchus.complex.Complex;

/**
 * A law whose Cauchy transform has a closed form, evaluated in primitive doubles: the named laws (semicircle,
 * Marchenko–Pastur, uniform, arcsine) and the finite discrete and empirical laws.
 *
 * <p>Each law writes two kernels for a point z = x + iy of the closed upper half-plane: G alone, and G, G', H together
 * (what a subordination step needs, sharing the square root or the sum over atoms). Everything else is a thin
 * adapter: the {@link Complex} API, the batch form on arrays of real and imaginary parts (no allocation per point,
 * one finiteness check per array), boundary values on grids, and conjugate symmetry below the axis. A zero imaginary
 * part of either sign means the limit from above: the adapters pass y + 0.0, which turns −0 into +0.
 */
abstract class ClosedFormLaw implements Measure {

    /** Scratch doubles a kernel may use (a square root, a quotient). */
    static final int WORK = 8;

    /**
     * G(x + iy) for y ≥ 0 (never −0), into out[at] (real part) and out[at + 1] (imaginary part); both parts +∞ at a
     * pole (an atom on the axis).
     *
     * @param work {@value #WORK} scratch doubles
     */
    abstract void cauchyAt(double x, double y, double[] work, double[] out, int at);

    /**
     * G, G' and H = zG − 1 (free of cancellation at large |z|) at x + iy, y ≥ 0 (never −0), into out[0..5] as
     * (Re G, Im G, Re G', Im G', Re H, Im H); infinite parts where the transform is.
     *
     * @param work {@value #WORK} scratch doubles
     */
    abstract void termsAt(double x, double y, double[] work, double[] out);

    @Override
    public final Complex cauchyUpper(Complex z) {
        double[] out = new double[2];
        cauchyAt(z.getReal(), z.getImaginary() + 0.0, new double[WORK], out, 0);
        return new Complex(out[0], out[1]);
    }

    @Override
    public final Complex[] cauchyTermsUpper(Complex z) {
        double[] out = new double[6];
        termsAt(z.getReal(), z.getImaginary() + 0.0, new double[WORK], out);
        return new Complex[] {new Complex(out[0], out[1]), new Complex(out[2], out[3]), new Complex(out[4], out[5])};
    }

    @Override
    public final Complex cauchyDerivativeUpper(Complex z) {
        return cauchyTermsUpper(z)[1];
    }

    @Override
    public final Complex cauchyReducedUpper(Complex z) {
        return cauchyTermsUpper(z)[2];
    }

    @Override
    public final void cauchyTerms(double x, double y, double[] out) {
        if (!(Math.abs(x) < Double.POSITIVE_INFINITY && Math.abs(y) < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("z must be finite, but was (" + x + ", " + y + ")");
        }
        double[] work = new double[WORK];
        if (y < 0) {
            termsAt(x, -y, work, out);
            out[1] = -out[1];
            out[3] = -out[3];
            out[5] = -out[5];
        } else {
            termsAt(x, y + 0.0, work, out);
        }
    }

    @Override
    public final void cauchy(double[] re, double[] im, double[] outRe, double[] outIm) {
        Complexes.requireFinite(re, im, outRe, outIm);
        double[] work = new double[WORK];
        double[] value = new double[2];
        for (int i = 0; i < re.length; i++) {
            double y = im[i];
            if (y < 0) {
                cauchyAt(re[i], -y, work, value, 0);
                outRe[i] = value[0];
                outIm[i] = -value[1];
            } else {
                cauchyAt(re[i], y + 0.0, work, value, 0);
                outRe[i] = value[0];
                outIm[i] = value[1];
            }
        }
    }

    /** The check once per array, then the kernel point by point (no intermediate arrays of parts). */
    @Override
    public final Complex[] cauchy(Complex[] zs) {
        for (int i = 0; i < zs.length; i++) {
            if (!Complexes.isFinite(zs[i])) {
                throw new IllegalArgumentException("z[" + i + "] must be finite, but was " + zs[i]);
            }
        }
        double[] work = new double[WORK];
        double[] value = new double[2];
        Complex[] out = new Complex[zs.length];
        for (int i = 0; i < zs.length; i++) {
            double y = zs[i].getImaginary();
            if (y < 0) {
                cauchyAt(zs[i].getReal(), -y, work, value, 0);
                out[i] = new Complex(value[0], -value[1]);
            } else {
                cauchyAt(zs[i].getReal(), y + 0.0, work, value, 0);
                out[i] = new Complex(value[0], value[1]);
            }
        }
        return out;
    }

    @Override
    public final Complex[] cauchyBoundary(double[] xs) {
        double[] work = new double[WORK];
        double[] value = new double[2];
        Complex[] out = new Complex[xs.length];
        for (int i = 0; i < xs.length; i++) {
            cauchyAt(xs[i], 0.0, work, value, 0);
            out[i] = new Complex(value[0], value[1]);
        }
        return out;
    }

    /** Sets out[at], out[at + 1] to z·(g) − 1 for z = x + iy and g = (gr, gi). */
    static void reducedDirect(double x, double y, double gr, double gi, double[] out, int at) {
        out[at] = x * gr - y * gi - 1;
        out[at + 1] = x * gi + y * gr;
    }

    /** Sets all six parts of a terms array to +∞ (a pole of G). */
    static void pole(double[] out) {
        java.util.Arrays.fill(out, 0, 6, Double.POSITIVE_INFINITY);
    }
}
