package io.github.freeprob.measure;

import io.github.freeprob.numerics.GaussLegendre;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.complex.Complex;

/**
 * A density piece seen from afar: the nodes x_j and weights w_j = w^{GL}_j ρ(x(t_j)) x'(t_j) of a Gauss–Legendre
 * rule in the piece's own variable t ∈ [−1, 1], computed once. Two widths or more away from the piece the integrand
 * x ρ(x)/(z − x) is analytic in a Bernstein ellipse of parameter ≥ 5 about the piece, so n nodes give an error of
 * order 5^{−2n}; the sum Σ w_j x_j/(z − x_j) is H over the piece without the cancellation of z G − mass.
 */
final class FarField {

    private final double[] points;
    private final double[] weights;

    /**
     * @param nodes  the rule's size
     * @param point  t ↦ x(t)
     * @param weight t ↦ ρ(x(t)) x'(t)
     */
    FarField(int nodes, DoubleUnaryOperator point, DoubleUnaryOperator weight) {
        GaussLegendre rule = GaussLegendre.of(nodes);
        this.points = new double[nodes];
        this.weights = new double[nodes];
        double[] t = rule.nodes();
        double[] w = rule.weights();
        for (int j = 0; j < nodes; j++) {
            points[j] = point.applyAsDouble(t[j]);
            weights[j] = w[j] * weight.applyAsDouble(t[j]);
        }
    }

    /**
     * G, G' and H over the piece in one pass: Σ w_j/(z − x_j), −Σ w_j/(z − x_j)², Σ w_j x_j/(z − x_j).
     *
     * @return {G, G', H}
     */
    Complex[] terms(Complex z) {
        double gr = 0;
        double gi = 0;
        double dr2 = 0;
        double di2 = 0;
        double hr = 0;
        double hi = 0;
        double zr = z.getReal();
        double zi = z.getImaginary();
        for (int j = 0; j < points.length; j++) {
            double dr = zr - points[j];
            double norm = dr * dr + zi * zi;
            // 1/(z − x) = (dr − i zi)/norm
            double ir = dr / norm;
            double ii = -zi / norm;
            double w = weights[j];
            gr += w * ir;
            gi += w * ii;
            dr2 -= w * (ir * ir - ii * ii);
            di2 -= w * 2 * ir * ii;
            hr += w * points[j] * ir;
            hi += w * points[j] * ii;
        }
        return new Complex[] {new Complex(gr, gi), new Complex(dr2, di2), new Complex(hr, hi)};
    }

    /**
     * @param span  the piece's interval
     * @param z     a point
     * @return whether z is at least two widths away from the piece, where this rule is accurate
     */
    static boolean applies(Interval span, Complex z) {
        double distance = Math.hypot(Math.max(0, Math.max(span.lo() - z.getReal(), z.getReal() - span.hi())),
                z.getImaginary());
        return distance > 2 * span.width();
    }

    /** @return Σ_j w_j x_j/(z − x_j) */
    Complex reduced(Complex z) {
        double re = 0;
        double im = 0;
        double zr = z.getReal();
        double zi = z.getImaginary();
        for (int j = 0; j < points.length; j++) {
            double dr = zr - points[j];
            double norm = dr * dr + zi * zi;
            double wx = weights[j] * points[j];
            re += wx * dr / norm;
            im -= wx * zi / norm;
        }
        return new Complex(re, im);
    }
}
