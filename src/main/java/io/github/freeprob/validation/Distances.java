package io.github.freeprob.validation;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.GaussLegendre;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Distances between a predicted law (a {@link Spectrum}: atoms plus density, with its CDF F) and the empirical
 * eigenvalue distribution of one sampled matrix, G(x) = #{i : λ_i ≤ x}/N. Both distances below tolerate atoms on
 * either side, which KS-type sup-distances on densities would not.
 *
 * <ul>
 *   <li>Lévy distance L(F, G) = inf{ε &gt; 0 : F(x − ε) − ε ≤ G(x) ≤ F(x + ε) + ε for all x}; it metrises weak
 *       convergence and lies in [0, 1].</li>
 *   <li>Wasserstein-1 W₁ = ∫₀¹ |Q_F(u) − Q_G(u)| du = ∫ |F(x) − G(x)| dx (the two forms are equal on ℝ: both are the
 *       area between the graphs of F and G); it is computed by the second form, which needs no quantile inversion.
 *       Relative W₁ divides by E_μ|X| = W₁(μ, δ₀).</li>
 *   <li>Relative moment errors |m̂_k − m_k| / s_k with s_k = m_k for even k and s_k = m_{k+1}^{k/(k+1)} ≥ E|X|^k
 *       (Lyapunov) for odd k, so that odd moments of symmetric laws (m_k = 0) are measured on their natural
 *       scale.</li>
 * </ul>
 */
public final class Distances {

    /** Bisection steps for the Lévy distance: 2^-40 of the unit interval, far below any threshold. */
    static final int LEVY_BISECTIONS = 40;
    /** Gauss–Legendre nodes per interval between breakpoints in ∫|F − G|. */
    static final int QUADRATURE_NODES = 5;
    /** Largest quadrature interval, as a fraction of the whole range. */
    static final double MAX_PANEL_FRACTION = 1.0 / 512;

    private Distances() {
    }

    /**
     * The Lévy distance between the predicted CDF and the empirical one, by bisection on ε: the condition is monotone
     * in ε and, G being a step function, it suffices to check it at the eigenvalues, i/N ≤ F(λ_i + ε) + ε and
     * F(λ_{i+1} − ε) − ε ≤ i/N.
     *
     * @param predicted   the predicted law
     * @param eigenvalues the sample, ascending
     * @return L(F, G), to 2^-40
     */
    public static double levy(Spectrum predicted, double[] eigenvalues) {
        double[] e = sorted(eigenvalues);
        double lo = 0;
        double hi = 1;
        for (int k = 0; k < LEVY_BISECTIONS; k++) {
            double mid = 0.5 * (lo + hi);
            if (levyHolds(predicted, e, mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static boolean levyHolds(Spectrum f, double[] e, double eps) {
        int n = e.length;
        for (int i = 0; i < n; i++) {
            double below = (double) i / n;
            double at = (double) (i + 1) / n;
            if (at > f.cdf(e[i] + eps) + eps) {
                return false;
            }
            if (f.cdf(e[i] - eps) - eps > below) {
                return false;
            }
        }
        return true;
    }

    /**
     * W₁ between the predicted law and the sample, ∫ |F(x) − G(x)| dx: Gauss–Legendre on every interval between
     * consecutive breakpoints (eigenvalues, atoms, support edges), where G is constant and F smooth, with intervals
     * longer than {@value #MAX_PANEL_FRACTION} of the range subdivided.
     *
     * @param predicted   the predicted law
     * @param eigenvalues the sample
     * @return W₁
     */
    public static double wasserstein(Spectrum predicted, double[] eigenvalues) {
        double[] e = sorted(eigenvalues);
        TreeSet<Double> breaks = new TreeSet<>();
        for (double x : e) {
            breaks.add(x);
        }
        for (Atom atom : predicted.atoms()) {
            breaks.add(atom.location());
        }
        for (Interval interval : predicted.support().intervals()) {
            breaks.add(interval.lo());
            breaks.add(interval.hi());
        }
        Interval bounds = predicted.compact().bounds();
        breaks.add(bounds.lo());
        breaks.add(bounds.hi());
        double[] b = breaks.stream().mapToDouble(Double::doubleValue).toArray();
        double maxPanel = (b[b.length - 1] - b[0]) * MAX_PANEL_FRACTION;
        GaussLegendre rule = GaussLegendre.of(QUADRATURE_NODES);
        double[] nodes = rule.nodes();
        double[] weights = rule.weights();
        double sum = 0;
        int below = 0;
        int n = e.length;
        for (int k = 0; k + 1 < b.length; k++) {
            double a = b[k];
            while (below < n && e[below] <= a) {
                below++;
            }
            double g = (double) below / n;
            int pieces = (int) Math.ceil((b[k + 1] - a) / maxPanel);
            double h = (b[k + 1] - a) / pieces;
            for (int p = 0; p < pieces; p++) {
                double left = a + p * h;
                for (int j = 0; j < nodes.length; j++) {
                    double x = left + 0.5 * h * (nodes[j] + 1);
                    sum += 0.5 * h * weights[j] * Math.abs(predicted.cdf(x) - g);
                }
            }
        }
        return sum;
    }

    /**
     * E_μ|X| = W₁(μ, δ₀), the scale that {@link #relativeWasserstein} divides by.
     *
     * @param predicted the law
     * @return ∫ |x| dμ
     */
    public static double meanAbsolute(Spectrum predicted) {
        return wasserstein(predicted, new double[] {0});
    }

    /** @return W₁ / E_μ|X| */
    public static double relativeWasserstein(Spectrum predicted, double[] eigenvalues) {
        return wasserstein(predicted, eigenvalues) / meanAbsolute(predicted);
    }

    /**
     * Relative errors of the empirical moments m̂_k = (1/N) Σ λ_iᵏ against predicted ones, k = 1 … K.
     *
     * @param predictedMoments m_0 … m_M with M ≥ K + 1 when K is odd, M ≥ K when even
     * @param eigenvalues      the sample
     * @param k                K ≥ 1, the highest order compared
     * @return errors, index k − 1 for order k
     * @throws IllegalArgumentException if too few predicted moments are given or a scale s_k is not positive
     */
    public static double[] relativeMomentErrors(double[] predictedMoments, double[] eigenvalues, int k) {
        Checks.atLeast("moment order K", k, 1);
        int needed = k % 2 == 0 ? k : k + 1;
        if (predictedMoments.length <= needed) {
            throw new IllegalArgumentException("relative errors up to order " + k + " need predicted moments up to m_"
                    + needed + ", but got up to m_" + (predictedMoments.length - 1));
        }
        double[] sample = empiricalMoments(eigenvalues, k);
        double[] errors = new double[k];
        for (int order = 1; order <= k; order++) {
            double scale = order % 2 == 0 ? predictedMoments[order]
                    : Math.pow(predictedMoments[order + 1], (double) order / (order + 1));
            if (!(scale > 0)) {
                throw new IllegalArgumentException("moment scale s_" + order + " must be > 0, but was "
                        + Checks.format(scale));
            }
            errors[order - 1] = Math.abs(sample[order] - predictedMoments[order]) / scale;
        }
        return errors;
    }

    /** @return relative moment errors against the measure's own moments */
    public static double[] relativeMomentErrors(Measure predicted, double[] eigenvalues, int k) {
        return relativeMomentErrors(predicted.moments(k % 2 == 0 ? k : k + 1), eigenvalues, k);
    }

    /**
     * @param eigenvalues the sample
     * @param k           highest order
     * @return m̂_0 = 1, m̂_1 … m̂_k
     */
    public static double[] empiricalMoments(double[] eigenvalues, int k) {
        Checks.atLeast("number of eigenvalues", eigenvalues.length, 1);
        double[] m = new double[k + 1];
        for (double x : eigenvalues) {
            double p = 1;
            for (int order = 0; order <= k; order++) {
                m[order] += p;
                p *= x;
            }
        }
        for (int order = 0; order <= k; order++) {
            m[order] /= eigenvalues.length;
        }
        return m;
    }

    /**
     * @return the upper edge of the predicted law: the largest of the support's right end and the atoms' locations
     */
    public static double upperEdge(Spectrum predicted) {
        double edge = Double.NEGATIVE_INFINITY;
        for (Interval interval : predicted.support().intervals()) {
            edge = Math.max(edge, interval.hi());
        }
        for (Atom atom : predicted.atoms()) {
            edge = Math.max(edge, atom.location());
        }
        return edge;
    }

    /**
     * @param predicted   the law
     * @param eigenvalues the sample
     * @return (λ_max − edge) / max(|edge|, E_μ|X|): the largest eigenvalue against the predicted upper edge
     */
    public static double relativeEdgeError(Spectrum predicted, double[] eigenvalues) {
        double edge = upperEdge(predicted);
        double max = Arrays.stream(eigenvalues).max().orElseThrow();
        return (max - edge) / Math.max(Math.abs(edge), meanAbsolute(predicted));
    }

    private static double[] sorted(double[] eigenvalues) {
        Checks.atLeast("number of eigenvalues", eigenvalues.length, 1);
        double[] e = eigenvalues.clone();
        for (double x : e) {
            Checks.finite("eigenvalue", x);
        }
        Arrays.sort(e);
        return e;
    }
}
