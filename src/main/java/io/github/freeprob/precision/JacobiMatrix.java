package io.github.freeprob.precision;

import io.github.freeprob.numerics.ConvergenceException;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.complex.Complex;

/**
 * The three-term recurrence (Jacobi) coefficients of a probability measure, in arbitrary precision.
 *
 * <p>The monic orthogonal polynomials of μ satisfy π_{k+1}(x) = (x − α_k) π_k(x) − β_k π_{k−1}(x), with β_0 = 1 (the
 * total mass). From the first 2K moments the coefficients α_0..α_{K−1}, β_0..β_{K−1} follow by Chebyshev's algorithm
 * (Gautschi, <i>Orthogonal Polynomials: Computation and Approximation</i>, 2004, §2.1.7). The map from moments to
 * recurrence coefficients is exponentially ill-conditioned, which is why it runs in arbitrary precision here.
 *
 * <p>A measure supported on exactly k points has β_k = 0; the algorithm stops there and the matrix has size k.
 */
public final class JacobiMatrix {

    private final BigFloat[] alpha;
    private final BigFloat[] beta;
    private final Precision precision;

    private JacobiMatrix(BigFloat[] alpha, BigFloat[] beta, Precision precision) {
        this.alpha = alpha;
        this.beta = beta;
        this.precision = precision;
    }

    /**
     * Chebyshev's algorithm on m_0..m_{2K−1} (an odd last moment is ignored).
     *
     * @param moments m_0..m_n, n ≥ 1
     * @return the K × K Jacobi matrix, K = ⌊(n + 1)/2⌋, or smaller when the measure has fewer support points
     * @throws IllegalArgumentException if the moments are not those of a positive measure (some β_k &lt; 0 beyond
     *                                  rounding)
     */
    public static JacobiMatrix fromMoments(MomentSequence moments) {
        int n = moments.order();
        if (n < 1) {
            throw new IllegalArgumentException("need at least m_0 and m_1, but the order was " + n);
        }
        Precision precision = moments.precision();
        int size = (n + 1) / 2;
        int length = 2 * size;
        BigFloat[] mu = moments.raw();
        BigFloat scale = BigFloat.of(1, precision.bits());
        BigFloat[] previous = new BigFloat[length];
        BigFloat[] current = new BigFloat[length];
        java.util.Arrays.fill(previous, precision.zero());
        System.arraycopy(mu, 0, current, 0, length);
        List<BigFloat> alphas = new ArrayList<>();
        List<BigFloat> betas = new ArrayList<>();
        alphas.add(mu[1].divide(mu[0]));
        betas.add(mu[0]);
        // A β below this relative size means the measure has no more support points than found so far.
        BigFloat negligible = BigFloat.of(10, precision.bits()).pow(precision.digits() / 2 + 2).reciprocal();
        BigFloat secondMomentScale = mu.length > 2 ? mu[2].abs().add(mu[1].multiply(mu[1])).add(scale) : scale;
        for (int k = 1; k < size; k++) {
            BigFloat[] next = new BigFloat[length];
            java.util.Arrays.fill(next, precision.zero());
            BigFloat a = alphas.get(k - 1);
            BigFloat b = betas.get(k - 1);
            for (int l = k; l <= length - k - 1; l++) {
                next[l] = current[l + 1].subtract(a.multiply(current[l])).subtract(b.multiply(previous[l]));
            }
            BigFloat sigmaKK = next[k];
            BigFloat betaK = sigmaKK.divide(current[k - 1]);
            BigFloat product = betaK.abs();
            if (product.compareTo(negligible.multiply(secondMomentScale)) < 0) {
                break;
            }
            if (betaK.signum() < 0) {
                throw new IllegalArgumentException("the moments are not those of a positive measure: beta_" + k
                        + " = " + betaK.doubleValue() + " < 0");
            }
            BigFloat alphaK = next[k + 1].divide(sigmaKK).subtract(current[k].divide(current[k - 1]));
            alphas.add(alphaK);
            betas.add(betaK);
            previous = current;
            current = next;
        }
        return new JacobiMatrix(alphas.toArray(new BigFloat[0]), betas.toArray(new BigFloat[0]), precision);
    }

    /** @return the size K of the matrix */
    public int size() {
        return alpha.length;
    }

    /** @return the precision of the coefficients */
    public Precision precision() {
        return precision;
    }

    /** @return α_k, 0 ≤ k &lt; K */
    public BigFloat alpha(int k) {
        return alpha[k];
    }

    /** @return β_k, 0 ≤ k &lt; K (β_0 = 1) */
    public BigFloat beta(int k) {
        return beta[k];
    }

    /**
     * The Cauchy transform of the K-point Gauss rule, as the continued fraction
     * G_K(z) = β_0 / (z − α_0 − β_1 / (z − α_1 − … − β_{K−1}/(z − α_{K−1}))), evaluated from the bottom in double
     * precision. G_K(z) → G(z) geometrically in K for z off the convex hull of the support.
     *
     * @param z any complex number off the real axis or outside the rule's nodes
     * @return G_K(z)
     */
    public Complex continuedFraction(Complex z) {
        Complex tail = Complex.ZERO;
        for (int k = size() - 1; k >= 0; k--) {
            Complex denominator = z.subtract(alpha[k].doubleValue()).subtract(tail);
            tail = Complex.valueOf(k == 0 ? beta[0].doubleValue() : beta[k].doubleValue()).divide(denominator);
        }
        return tail;
    }

    /**
     * The K-point Gauss rule: nodes x_i (eigenvalues of the Jacobi matrix) and weights w_i = 1 / Σ_k p_k(x_i)², with
     * p_k the orthonormal polynomials. It is the discrete law whose first 2K moments equal those of μ.
     *
     * <p>Each node is bracketed in double precision by bisection on Sturm counts, refined by Newton's method on π_K
     * in full precision, and then checked by a full-precision Sturm count on either side; a node that fails the
     * check is found by full-precision bisection instead.
     *
     * @return the rule, nodes ascending
     * @throws ConvergenceException if a node cannot be resolved to the working precision
     */
    public GaussRule gaussRule() {
        int k = size();
        BigFloat[] nodes = new BigFloat[k];
        BigFloat[] weights = new BigFloat[k];
        double radius = gershgorinRadius();
        for (int i = 0; i < k; i++) {
            double[] bracket = bisectInDouble(i, -radius, radius);
            BigFloat node = newtonNode(i, bracket);
            if (node == null) {
                node = bisectNode(i, precision.of(bracket[0] - radius * 1e-12), precision.of(bracket[1] + radius * 1e-12));
            }
            nodes[i] = node;
            weights[i] = weight(node);
        }
        return new GaussRule(nodes, weights, precision);
    }

    private double gershgorinRadius() {
        double radius = 0;
        for (int i = 0; i < size(); i++) {
            double off = 0;
            if (i > 0) {
                off += Math.sqrt(beta[i].doubleValue());
            }
            if (i + 1 < size()) {
                off += Math.sqrt(beta[i + 1].doubleValue());
            }
            radius = Math.max(radius, Math.abs(alpha[i].doubleValue()) + off);
        }
        return radius * (1 + 1e-9) + Double.MIN_NORMAL;
    }

    /**
     * Number of eigenvalues below x (double precision). With q_j = π_j(x)/π_{j−1}(x) and π_j monic, the count of
     * negative q_j is the number of eigenvalues above x.
     */
    private int sturmCount(double x, double tiny) {
        int count = 0;
        double q = 1;
        for (int j = 0; j < size(); j++) {
            double b = j == 0 ? 0 : beta[j].doubleValue();
            q = (x - alpha[j].doubleValue()) - (j == 0 ? 0 : b / q);
            if (q == 0) {
                q = -tiny;
            }
            if (q < 0) {
                count++;
            }
        }
        return size() - count;
    }

    /** Number of eigenvalues below x, in full precision (see the double version). */
    private int sturmCount(BigFloat x, BigFloat tiny) {
        int count = 0;
        BigFloat q = precision.one();
        for (int j = 0; j < size(); j++) {
            BigFloat next = x.subtract(alpha[j]);
            if (j > 0) {
                next = next.subtract(beta[j].divide(q));
            }
            if (next.isZero()) {
                next = tiny.negate();
            }
            if (next.signum() < 0) {
                count++;
            }
            q = next;
        }
        return size() - count;
    }

    private double[] bisectInDouble(int index, double lo, double hi) {
        double a = lo;
        double b = hi;
        double tiny = Math.ulp(hi) * 1e-3;
        for (int iteration = 0; iteration < 2200; iteration++) {
            double mid = 0.5 * (a + b);
            if (mid <= a || mid >= b) {
                break;
            }
            if (sturmCount(mid, tiny) > index) {
                b = mid;
            } else {
                a = mid;
            }
        }
        return new double[] {a, b};
    }

    /** Newton on π_K from the double bracket; null when the result fails the full-precision Sturm check. */
    private BigFloat newtonNode(int index, double[] bracket) {
        BigFloat x = precision.of(0.5 * (bracket[0] + bracket[1]));
        double scale = Math.max(Math.abs(bracket[0]), Math.abs(bracket[1])) + Double.MIN_NORMAL;
        BigFloat tolerance = precision.of(scale).scaleByPowerOfTwo(-(precision.bits() - 4));
        for (int iteration = 0; iteration < 12; iteration++) {
            BigFloat[] value = characteristic(x);
            if (value[1].isZero()) {
                break;
            }
            BigFloat step = value[0].divide(value[1]);
            x = x.subtract(step);
            if (step.abs().compareTo(tolerance) <= 0) {
                BigFloat delta = tolerance.multiply(16L);
                BigFloat tiny = tolerance.scaleByPowerOfTwo(-40);
                if (sturmCount(x.subtract(delta), tiny) == index && sturmCount(x.add(delta), tiny) == index + 1) {
                    return x;
                }
                return null;
            }
        }
        return null;
    }

    /** π_K(x) and π_K'(x) by the recurrence, scaled by a common positive factor to avoid overflow. */
    private BigFloat[] characteristic(BigFloat x) {
        BigFloat p0 = precision.zero();
        BigFloat p1 = precision.one();
        BigFloat d0 = precision.zero();
        BigFloat d1 = precision.zero();
        for (int j = 0; j < size(); j++) {
            BigFloat shifted = x.subtract(alpha[j]);
            BigFloat p2 = shifted.multiply(p1);
            BigFloat d2 = p1.add(shifted.multiply(d1));
            if (j > 0) {
                p2 = p2.subtract(beta[j].multiply(p0));
                d2 = d2.subtract(beta[j].multiply(d0));
            }
            p0 = p1;
            p1 = p2;
            d0 = d1;
            d1 = d2;
        }
        return new BigFloat[] {p1, d1};
    }

    private BigFloat bisectNode(int index, BigFloat lo, BigFloat hi) {
        BigFloat a = lo;
        BigFloat b = hi;
        BigFloat half = BigFloat.ratio(1, 2, precision.bits());
        BigFloat tiny = a.abs().add(b.abs()).scaleByPowerOfTwo(-(precision.bits() + 40));
        int maxIterations = precision.bits() + 200;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            BigFloat mid = a.add(b).multiply(half);
            BigFloat width = b.subtract(a).abs();
            BigFloat size = a.abs().add(b.abs());
            if (mid.compareTo(a) == 0 || mid.compareTo(b) == 0
                    || width.compareTo(size.scaleByPowerOfTwo(-(precision.bits() - 2))) < 0) {
                return mid;
            }
            if (sturmCount(mid, tiny) > index) {
                b = mid;
            } else {
                a = mid;
            }
        }
        throw new ConvergenceException("Gauss node " + index + " by bisection", a.doubleValue(),
                b.subtract(a).doubleValue(), precision.epsilon(), maxIterations);
    }

    /** w = 1 / Σ_k p_k(x)², orthonormal p_k from √β_{k+1} p_{k+1} = (x − α_k) p_k − √β_k p_{k−1}, p_0 = 1. */
    private BigFloat weight(BigFloat x) {
        BigFloat pPrevious = precision.zero();
        BigFloat p = precision.one();
        BigFloat sum = precision.one();
        for (int j = 0; j < size() - 1; j++) {
            BigFloat sqrtBetaJ = j == 0 ? precision.zero() : beta[j].sqrt();
            BigFloat next = x.subtract(alpha[j]).multiply(p).subtract(sqrtBetaJ.multiply(pPrevious))
                    .divide(beta[j + 1].sqrt());
            pPrevious = p;
            p = next;
            sum = sum.add(p.multiply(p));
        }
        return sum.reciprocal();
    }
}
