package io.github.freeprob.precision;

/**
 * A probability measure with nonzero mean, held by χ = ψ^{-1}, the compositional inverse of its moment series
 * ψ(z) = Σ_{n≥1} m_n z^n, to order n: χ(w) = χ_1 w + … + χ_n w^n with χ_1 = 1/m_1. The coefficients χ_1..χ_n and
 * the moments m_1..m_n determine each other (see {@code docs/conventions.md}: S(w) = χ(w)(1 + w)/w).
 *
 * <p>This is the representation in which a chain of products and affine maps, such as the NTK recursion
 * μ_{ℓ+1} = (q + s·)_*(ν ⊠ μ_ℓ), costs least: ⊠ is one series product and (q + s·)_* one Lagrange–Bürmann pass,
 * so a step costs about n³/6 fused multiply-adds, against three series reversions (n³/6 each) plus a binomial
 * transform on moment sequences ({@link MomentEngine#multiplicative} then {@link MomentEngine#affine}). Converting
 * from and to moments is one reversion each, paid once per chain.
 *
 * <p>Instances are immutable.
 */
public final class ChiSeries {

    private final BigFloat[] chi;
    private final Precision precision;

    private ChiSeries(BigFloat[] chi, Precision precision) {
        this.chi = chi;
        this.precision = precision;
    }

    /**
     * χ = ψ^{-1} from the moments, by one series reversion.
     *
     * @param moments m_0..m_n with n ≥ 1 and m_1 ≠ 0
     * @return χ_1..χ_n of the measure
     * @throws IllegalArgumentException if n = 0 or m_1 = 0 (then χ does not exist)
     */
    public static ChiSeries of(MomentSequence moments) {
        if (moments.order() < 1 || moments.get(1).isZero()) {
            throw new IllegalArgumentException("the chi-series needs a nonzero mean m_1, but m_1 was "
                    + (moments.order() < 1 ? "absent" : "0"));
        }
        return new ChiSeries(MomentEngine.psiInverse(moments), moments.precision());
    }

    /** @return the order n: χ_1..χ_n are held, and determine m_1..m_n */
    public int order() {
        return chi.length - 1;
    }

    /** @return the working precision */
    public Precision precision() {
        return precision;
    }

    /**
     * @param k the order, 1 ≤ k ≤ {@link #order()}
     * @return χ_k, the coefficient of w^k in χ
     */
    public BigFloat get(int k) {
        if (k < 1 || k > order()) {
            throw new IllegalArgumentException("chi-series order must be in [1, " + order() + "], but was " + k);
        }
        return chi[k];
    }

    /** @return the moments m_0..m_n, ψ = χ^{-1} by one series reversion */
    public MomentSequence moments() {
        BigFloat[] psi = Series.revert(chi, order());
        psi[0] = precision.one();
        return MomentSequence.wrap(psi, precision);
    }

    /**
     * The free multiplicative convolution μ ⊠ ν of this μ and {@code other} ν: S_{μ⊠ν} = S_μ S_ν, and
     * χ = w S/(1 + w), so χ_{μ⊠ν} = χ_μ · S_ν with S_ν(w) = χ_ν(w)(1 + w)/w, coefficients s_k = χ_{ν,k+1} + χ_{ν,k}.
     * One truncated series product.
     *
     * @param other ν
     * @return χ of μ ⊠ ν, to the smaller order of the two, at the finer precision
     */
    public ChiSeries multiplicative(ChiSeries other) {
        int n = Math.min(order(), other.order());
        Precision finer = precision.digits() >= other.precision.digits() ? precision : other.precision;
        BigFloat[] s = new BigFloat[n];
        for (int k = 0; k < n; k++) {
            s[k] = k == 0 ? other.chi[1] : other.chi[k + 1].add(other.chi[k]);
        }
        BigFloat[] a = java.util.Arrays.copyOf(chi, n + 1);
        return new ChiSeries(Series.multiply(a, s, n), finer);
    }

    /**
     * The affine push-forward (q + s·)_*μ, the law of q + sX for X ~ μ.
     *
     * <p>With u = s z/(1 − q z), the moment series of the image is 1 + ψ'(z) = (1 + ψ(u))(1 + (q/s) u). Writing
     * u = χ(v) (so v = ψ(u)), its inverse is χ'(w) = H(F^{-1}(w)) with
     * <pre>
     *     F(v) = v + (q/s) χ(v)(1 + v),    H(v) = χ(v) / (s + q χ(v)),
     * </pre>
     * one Lagrange–Bürmann pass ({@code Series.lagrange}) with P(v) = v/F(v) = s / (s + q (χ(v)/v)(1 + v)). For
     * s = 0 the image is δ_q, χ(w) = w/(q(1 + w)).
     *
     * @param shift q
     * @param scale s
     * @return χ of (q + s·)_*μ
     * @throws IllegalArgumentException if q or s is not finite, or the image has mean q + s m_1 = 0 (then its χ
     *                                  does not exist)
     */
    public ChiSeries affine(double shift, double scale) {
        if (!Double.isFinite(shift) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("affine map needs a finite shift and scale, but was shift = " + shift
                    + ", scale = " + scale);
        }
        int n = order();
        int bits = precision.bits();
        BigFloat q = precision.of(shift);
        BigFloat s = precision.of(scale);
        if (scale == 0) {
            if (shift == 0) {
                throw new IllegalArgumentException("affine map with shift 0 and scale 0 gives delta_0, of mean 0,"
                        + " which has no chi-series");
            }
            BigFloat[] point = Series.zeros(n, bits);
            BigFloat inverse = q.reciprocal();
            for (int k = 1; k <= n; k++) {
                point[k] = k % 2 == 1 ? inverse : inverse.negate();
            }
            return new ChiSeries(point, precision);
        }
        // E(v) = s + q c(v)(1 + v), c(v) = χ(v)/v: coefficients 0..n−1.
        BigFloat[] e = new BigFloat[n];
        for (int i = 0; i < n; i++) {
            BigFloat ci = chi[i + 1];
            e[i] = (i == 0 ? s.add(q.multiply(ci)) : q.multiply(ci.add(chi[i])));
        }
        if (e[0].isZero()) {
            throw new IllegalArgumentException("the image of the affine map (shift " + shift + ", scale " + scale
                    + ") has mean 0, so it has no chi-series");
        }
        BigFloat[] p = Series.reciprocal(e, n - 1);
        for (int i = 0; i < n; i++) {
            p[i] = p[i].multiply(s);
        }
        // H = χ / (s + q χ).
        BigFloat[] denominator = new BigFloat[n + 1];
        denominator[0] = s;
        for (int k = 1; k <= n; k++) {
            denominator[k] = q.multiply(chi[k]);
        }
        BigFloat[] h = Series.multiply(chi, Series.reciprocal(denominator, n), n);
        return new ChiSeries(Series.lagrange(h, p, n), precision);
    }
}
