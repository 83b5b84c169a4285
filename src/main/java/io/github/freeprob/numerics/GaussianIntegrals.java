package io.github.freeprob.numerics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Gaussian expectations in double precision by composite Gauss–Legendre quadrature: E[g(h)] for h ~ N(0, q), and
 * E[g(u, v)] for a centred Gaussian pair. The line is cut at ±{@value #SIGMAS}σ (the mass outside is 1.5·10⁻²³), at
 * the given breakpoints (kinks of g, where a polynomial rule loses its order), and into panels of a
 * {@value #POINTS}-point rule no wider than σ (so the Gaussian weight is resolved) and, inside |h| ≤
 * {@value #FEATURE_RANGE}, no wider than {@value #FEATURE_WIDTH} (so are the features of an activation on its own
 * scale of 1, such as tanh's saturation, even when σ is large). For an integrand analytic in a strip of half-width
 * π/2 about each panel (tanh, the logistic function, and the entire erf, GELU, …) the error is at rounding level:
 * Gauss–Legendre's error on a panel of half-width 1 decays like ρ^{−2n} with ρ = π/2 + √(π²/4 + 1) ≈ 3.4, so
 * about 10⁻²⁵ for n = {@value #POINTS}.
 */
public final class GaussianIntegrals {

    static final double SIGMAS = 10;
    static final int POINTS = 24;
    static final double FEATURE_RANGE = 16;
    static final double FEATURE_WIDTH = 2;

    private GaussianIntegrals() {
    }

    /** Nodes and weights (Gaussian weight included) of the composite rule for N(0, q). */
    static double[][] rule(double variance, double[] breakpoints) {
        Checks.nonNegative("Gaussian variance q", variance);
        if (variance == 0) {
            return new double[][] {{0}, {1}};
        }
        double sigma = Math.sqrt(variance);
        double window = SIGMAS * sigma;
        List<Double> cuts = new ArrayList<>();
        cuts.add(-window);
        cuts.add(window);
        if (FEATURE_RANGE < window) {
            cuts.add(-FEATURE_RANGE);
            cuts.add(FEATURE_RANGE);
        }
        for (double b : breakpoints) {
            if (Math.abs(b) < window) {
                cuts.add(b);
            }
        }
        cuts.sort(null);
        GaussLegendre gl = GaussLegendre.of(POINTS);
        List<double[]> nodes = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            double a = cuts.get(i);
            double b = cuts.get(i + 1);
            boolean feature = Math.max(Math.abs(a), Math.abs(b)) <= FEATURE_RANGE;
            double widest = feature ? Math.min(sigma, FEATURE_WIDTH) : sigma;
            int panels = Math.max(1, (int) Math.ceil((b - a) / widest));
            double width = (b - a) / panels;
            for (int k = 0; k < panels; k++) {
                double lo = a + k * width;
                double half = 0.5 * width;
                double mid = lo + half;
                for (int j = 0; j < POINTS; j++) {
                    double h = mid + half * gl.node(j);
                    double w = gl.weight(j) * half * Math.exp(-h * h / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
                    nodes.add(new double[] {h, w});
                }
            }
        }
        double[][] out = new double[2][nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            out[0][i] = nodes.get(i)[0];
            out[1][i] = nodes.get(i)[1];
        }
        return out;
    }

    /**
     * @param g           the integrand
     * @param variance    q ≥ 0 (q = 0 gives g(0))
     * @param breakpoints kinks of g
     * @return E[g(h)], h ~ N(0, q)
     */
    public static double expectation(DoubleUnaryOperator g, double variance, double... breakpoints) {
        double[][] rule = rule(variance, breakpoints);
        double sum = 0;
        for (int i = 0; i < rule[0].length; i++) {
            sum += rule[1][i] * g.applyAsDouble(rule[0][i]);
        }
        return sum;
    }

    /**
     * E[g(u, v)] for (u, v) centred Gaussian with variances a, b and covariance c, by writing v = (c/a) u + w with
     * w ~ N(0, b − c²/a) independent, and the rule above in u (cut at the breakpoints) and in w (cut where v crosses
     * them).
     *
     * @throws IllegalArgumentException if the covariance matrix is not positive semi-definite
     */
    public static double expectation(DoubleBinaryOperator g, double a, double b, double c, double... breakpoints) {
        Checks.nonNegative("variance a", a);
        Checks.nonNegative("variance b", b);
        double residual = b - (a == 0 ? 0 : c * c / a);
        if (!(residual >= -1e-12 * (a + b + 1e-300))) {
            throw new IllegalArgumentException("covariance matrix [[" + a + ", " + c + "], [" + c + ", " + b
                    + "]] is not positive semi-definite");
        }
        residual = Math.max(0, residual);
        double[][] outer = rule(a, breakpoints);
        double[][] plain = rule(residual, new double[0]);
        double slope = a == 0 ? 0 : c / a;
        double sd = Math.sqrt(residual);
        double sum = 0;
        for (int i = 0; i < outer[0].length; i++) {
            double u = outer[0][i];
            double[][] inner = plain;
            if (breakpoints.length > 0 && sd > 0) {
                // v = slope·u + w crosses a kink of g at w = kink − slope·u: cut the inner rule there.
                double[] shifted = new double[breakpoints.length];
                for (int k = 0; k < breakpoints.length; k++) {
                    shifted[k] = breakpoints[k] - slope * u;
                }
                inner = rule(residual, shifted);
            }
            double partial = 0;
            for (int j = 0; j < inner[0].length; j++) {
                partial += inner[1][j] * g.applyAsDouble(u, slope * u + inner[0][j]);
            }
            sum += outer[1][i] * partial;
        }
        return sum;
    }
}
