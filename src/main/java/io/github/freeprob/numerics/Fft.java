package io.github.freeprob.numerics;

import org.hipparchus.transform.DftNormalization;
import org.hipparchus.transform.FastFourierTransformer;
import org.hipparchus.transform.TransformType;

/** In-place forward complex FFT of power-of-two length through Hipparchus. */
final class Fft {

    private Fft() {
    }

    static void transform(double[] re, double[] im) {
        double[][] data = {re, im};
        FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.FORWARD);
    }
}
