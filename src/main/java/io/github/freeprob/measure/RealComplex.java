package io.github.freeprob.measure;

/** Complex arithmetic on (re, im) pairs for the hot loops of the compact pieces. */
final class RealComplex {

    private RealComplex() {
    }

    /** Principal square root of x + iy; on the negative axis the sign of y (including −0) picks ±i√|x|. */
    static double[] sqrt(double x, double y) {
        if (x == 0 && y == 0) {
            return new double[] {0, 0};
        }
        double modulus = Math.hypot(x, y);
        if (x >= 0) {
            double re = Math.sqrt(0.5 * (modulus + x));
            return new double[] {re, y / (2 * re)};
        }
        double imAbs = Math.sqrt(0.5 * (modulus - x));
        boolean negative = y < 0 || (y == 0 && Double.doubleToRawLongBits(y) != 0);
        return new double[] {Math.abs(y) / (2 * imAbs), negative ? -imAbs : imAbs};
    }

    /** (a + ib)/(c + id), scaled to avoid overflow. */
    static double[] divide(double a, double b, double c, double d) {
        if (Math.abs(c) >= Math.abs(d)) {
            double ratio = d / c;
            double denominator = c + d * ratio;
            return new double[] {(a + b * ratio) / denominator, (b - a * ratio) / denominator};
        }
        double ratio = c / d;
        double denominator = c * ratio + d;
        return new double[] {(a * ratio + b) / denominator, (b * ratio - a) / denominator};
    }
}
