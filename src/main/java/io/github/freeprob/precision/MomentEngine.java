package io.github.freeprob.precision;

/**
 * The exact moment engine: free probability on moment sequences alone, in arbitrary precision.
 *
 * <p>Conventions ({@code docs/conventions.md}): ψ(z) = Σ_{n≥1} m_n z^n, M = 1 + ψ, η = ψ / (1 + ψ); the R-series
 * 𝓡(w) = Σ κ_n w^n satisfies M(z) = 1 + 𝓡(z M(z)); the S-transform is S(w) = χ(w)(1 + w)/w with χ = ψ^{-1}.
 *
 * <p>Every operation maps the first n moments of its inputs to the first n moments of its output: the moment
 * m_n of μ ⊞ ν or μ ⊠ ν depends only on the moments of order ≤ n of μ and ν. This route shares no code with the
 * numerical (Cauchy-transform) route, and serves as its oracle.
 *
 * <p>Costs (n moments): moments ↔ cumulants and the S-transform are one series reversion each, O(n³)
 * multiplications; see {@code docs/algorithms.md}.
 */
public final class MomentEngine {

    private MomentEngine() {
    }

    /**
     * Free cumulants from moments: with y(z) = z M(z), z = y / C(y) where C = 1 + 𝓡, so C(y) = y / y^{-1}(y).
     *
     * @param moments m_0..m_n
     * @return κ_1..κ_n
     */
    public static FreeCumulants freeCumulants(MomentSequence moments) {
        int n = moments.order();
        Precision precision = moments.precision();
        if (n == 0) {
            return FreeCumulants.wrap(new BigFloat[0], precision);
        }
        BigFloat[] m = moments.raw();
        BigFloat[] y = Series.zeros(n + 1, precision.bits());
        for (int k = 0; k <= n; k++) {
            y[k + 1] = m[k];
        }
        BigFloat[] inverse = Series.revert(y, n + 1);
        BigFloat[] h = new BigFloat[n + 1];
        for (int k = 0; k <= n; k++) {
            h[k] = inverse[k + 1];
        }
        BigFloat[] c = Series.reciprocal(h, n);
        BigFloat[] kappa = new BigFloat[n];
        System.arraycopy(c, 1, kappa, 0, n);
        return FreeCumulants.wrap(kappa, precision);
    }

    /**
     * Moments from free cumulants: y = z C(y), so y(z) is the inverse of y / C(y) and M(z) = y(z)/z.
     *
     * @param cumulants κ_1..κ_n
     * @return m_0..m_n
     */
    public static MomentSequence moments(FreeCumulants cumulants) {
        int n = cumulants.order();
        Precision precision = cumulants.precision();
        int bits = precision.bits();
        BigFloat[] c = Series.zeros(n, bits);
        c[0] = precision.one();
        BigFloat[] kappa = cumulants.raw();
        for (int k = 1; k <= n; k++) {
            c[k] = kappa[k - 1];
        }
        if (n == 0) {
            return MomentSequence.wrap(new BigFloat[] {precision.one()}, precision);
        }
        BigFloat[] r = Series.reciprocal(c, n);
        BigFloat[] f = Series.zeros(n + 1, bits);
        for (int k = 0; k <= n; k++) {
            f[k + 1] = r[k];
        }
        BigFloat[] y = Series.revert(f, n + 1);
        BigFloat[] m = new BigFloat[n + 1];
        for (int k = 0; k <= n; k++) {
            m[k] = y[k + 1];
        }
        return MomentSequence.wrap(m, precision);
    }

    /**
     * The S-transform series S(w) = s_0 + s_1 w + … + s_{n−1} w^{n−1}, from χ = ψ^{-1}: S(w) = χ(w)(1 + w)/w.
     *
     * @param moments m_0..m_n with m_1 ≠ 0
     * @return s_0..s_{n−1}; s_0 = 1/m_1
     * @throws IllegalArgumentException if m_1 = 0 (the S-transform does not exist)
     */
    public static BigFloat[] sTransform(MomentSequence moments) {
        int n = moments.order();
        BigFloat[] chi = psiInverse(moments);
        BigFloat[] s = new BigFloat[n];
        for (int k = 0; k < n; k++) {
            s[k] = k == 0 ? chi[1] : chi[k + 1].add(chi[k]);
        }
        return s;
    }

    /**
     * The compositional inverse χ = ψ^{-1} of the moment series, χ(w) = w/m_1 + …, to order n.
     *
     * @param moments m_0..m_n with m_1 ≠ 0
     * @return χ_0 = 0, χ_1, …, χ_n
     * @throws IllegalArgumentException if m_1 = 0
     */
    public static BigFloat[] psiInverse(MomentSequence moments) {
        requireNonzeroMean(moments, "psi inverse");
        BigFloat[] psi = psi(moments);
        return Series.revert(psi, moments.order());
    }

    /**
     * Moments from an S-transform series: χ(w) = w S(w) / (1 + w), ψ = χ^{-1}.
     *
     * @param s         s_0..s_{n−1} with s_0 ≠ 0
     * @param precision working precision
     * @return m_0..m_n
     */
    public static MomentSequence fromSTransform(BigFloat[] s, Precision precision) {
        int n = s.length;
        int bits = precision.bits();
        BigFloat[] chi = Series.zeros(n, bits);
        BigFloat running = BigFloat.zero(bits);
        for (int k = 0; k < n; k++) {
            running = s[k].subtract(running);
            chi[k + 1] = running;
        }
        BigFloat[] psi = Series.revert(chi, n);
        BigFloat[] m = new BigFloat[n + 1];
        m[0] = precision.one();
        System.arraycopy(psi, 1, m, 1, n);
        return MomentSequence.wrap(m, precision);
    }

    /**
     * Moments of μ ⊞ ν: free cumulants add.
     *
     * @return m_0..m_n with n the smaller order of the two
     */
    public static MomentSequence additive(MomentSequence mu, MomentSequence nu) {
        int n = Math.min(mu.order(), nu.order());
        FreeCumulants a = freeCumulants(mu.truncate(n));
        FreeCumulants b = freeCumulants(nu.truncate(n));
        BigFloat[] sum = new BigFloat[n];
        for (int k = 0; k < n; k++) {
            sum[k] = a.raw()[k].add(b.raw()[k]);
        }
        return moments(FreeCumulants.wrap(sum, precision(mu, nu)));
    }

    /**
     * Moments of the free additive power μ^{⊞t}: free cumulants scale by t.
     *
     * @param t the power; the moments exist as a formal operation for every real t, and are those of a measure
     *          for t ≥ 1
     */
    public static MomentSequence additivePower(MomentSequence mu, double t) {
        FreeCumulants a = freeCumulants(mu);
        BigFloat factor = mu.precision().of(t);
        BigFloat[] scaled = new BigFloat[a.order()];
        for (int k = 0; k < scaled.length; k++) {
            scaled[k] = a.raw()[k].multiply(factor);
        }
        return moments(FreeCumulants.wrap(scaled, mu.precision()));
    }

    /**
     * Moments of μ ⊠ ν. Where both means are nonzero this is the S-transform route S_{μ⊠ν} = S_μ S_ν; where one mean
     * is zero it uses {@link #multiplicativeBySubordination} with the other measure (whose S-transform exists).
     *
     * @throws IllegalArgumentException if both means are zero and neither measure is δ_0
     */
    public static MomentSequence multiplicative(MomentSequence mu, MomentSequence nu) {
        int n = Math.min(mu.order(), nu.order());
        MomentSequence a = mu.truncate(n);
        MomentSequence b = nu.truncate(n);
        if (isPointMassAtZero(a) || isPointMassAtZero(b)) {
            BigFloat[] m = Series.zeros(n, precision(a, b).bits());
            m[0] = precision(a, b).one();
            return MomentSequence.wrap(m, precision(a, b));
        }
        boolean meanA = n == 0 || !a.get(1).isZero();
        boolean meanB = n == 0 || !b.get(1).isZero();
        if (n == 0) {
            return a;
        }
        if (meanA && meanB) {
            BigFloat[] product = Series.multiply(sTransform(a), sTransform(b), n - 1);
            return fromSTransform(product, precision(a, b));
        }
        if (meanB) {
            return multiplicativeBySubordination(a, b);
        }
        if (meanA) {
            return multiplicativeBySubordination(b, a);
        }
        throw new IllegalArgumentException(
                "free multiplicative convolution needs one factor with nonzero mean, but both means are zero");
    }

    /**
     * Moments of μ ⊠ ν from the η-subordination identity η_{μ⊠ν}(z) = η_μ(z / Σ_ν(η_{μ⊠ν}(z))), with
     * Σ_ν(u) = η_ν^{-1}(u)/u, solved order by order (each coefficient of the output needs only lower ones). It needs
     * only m_1(ν) ≠ 0; μ may have mean zero.
     *
     * @param mu any moment sequence
     * @param nu a moment sequence with m_1 ≠ 0
     * @return m_0..m_n of μ ⊠ ν
     */
    public static MomentSequence multiplicativeBySubordination(MomentSequence mu, MomentSequence nu) {
        int n = Math.min(mu.order(), nu.order());
        Precision precision = precision(mu, nu);
        int bits = precision.bits();
        requireNonzeroMean(nu, "the subordination route of free multiplicative convolution");
        BigFloat[] etaMu = eta(mu.truncate(n));
        BigFloat[] etaNuInverse = Series.revert(eta(nu.truncate(n)), n);
        BigFloat[] sigma = new BigFloat[n];
        for (int k = 0; k < n; k++) {
            sigma[k] = etaNuInverse[k + 1];
        }
        BigFloat[] t = Series.reciprocal(sigma, n - 1);
        // Power tables: wPow[j][k] = [z^k] w^j, ePow[j][k] = [z^k] η_out^j, with w = z T(η_out).
        BigFloat[][] wPow = new BigFloat[n + 1][n + 1];
        BigFloat[][] ePow = new BigFloat[n + 1][n + 1];
        BigFloat zero = BigFloat.zero(bits);
        for (BigFloat[] row : wPow) {
            java.util.Arrays.fill(row, zero);
        }
        for (BigFloat[] row : ePow) {
            java.util.Arrays.fill(row, zero);
        }
        wPow[0][0] = precision.one();
        ePow[0][0] = precision.one();
        BigFloat[] etaOut = Series.zeros(n, bits);
        for (int k = 1; k <= n; k++) {
            BigFloat wk = zero;
            for (int j = 0; j <= k - 1; j++) {
                if (j < t.length && !ePow[j][k - 1].isZero()) {
                    wk = wk.add(t[j].multiply(ePow[j][k - 1]));
                }
            }
            fillPowerColumn(wPow, k, wk);
            BigFloat ek = zero;
            for (int j = 1; j <= k; j++) {
                if (!etaMu[j].isZero() && !wPow[j][k].isZero()) {
                    ek = ek.add(etaMu[j].multiply(wPow[j][k]));
                }
            }
            etaOut[k] = ek;
            fillPowerColumn(ePow, k, ek);
        }
        return fromEta(etaOut, precision);
    }

    /** Sets pow[1][k] = value and pow[j][k] = Σ_i pow[1][i] pow[j−1][k−i] for j = 2..k. */
    private static void fillPowerColumn(BigFloat[][] pow, int k, BigFloat value) {
        pow[1][k] = value;
        for (int j = 2; j <= k; j++) {
            BigFloat sum = BigFloat.zero(value.bits());
            for (int i = 1; i <= k - j + 1; i++) {
                if (!pow[1][i].isZero() && !pow[j - 1][k - i].isZero()) {
                    sum = sum.add(pow[1][i].multiply(pow[j - 1][k - i]));
                }
            }
            pow[j][k] = sum;
        }
    }

    /**
     * Moments of the free multiplicative power μ^{⊠t}: S_{μ^{⊠t}} = S_μ^t.
     *
     * @param mu moments with m_1 &gt; 0
     * @param t  the power (a measure for t ≥ 1 when μ lives on [0, ∞))
     * @throws IllegalArgumentException if m_1 ≤ 0
     */
    public static MomentSequence multiplicativePower(MomentSequence mu, double t) {
        if (mu.order() >= 1 && mu.get(1).signum() <= 0) {
            throw new IllegalArgumentException(
                    "free multiplicative power needs a positive mean, but m_1 was " + mu.get(1));
        }
        if (mu.order() == 0) {
            return mu;
        }
        BigFloat[] s = sTransform(mu);
        BigFloat[] powered = Series.power(s, mu.precision().of(t), s.length - 1);
        return fromSTransform(powered, mu.precision());
    }

    /**
     * Moments of the affine push-forward (q + s·)_*μ: m'_n = Σ_j C(n, j) q^{n−j} s^j m_j.
     */
    public static MomentSequence affine(MomentSequence mu, double shift, double scale) {
        Precision precision = mu.precision();
        int n = mu.order();
        BigFloat q = precision.of(shift);
        BigFloat s = precision.of(scale);
        BigFloat[] scaled = new BigFloat[n + 1];
        BigFloat power = precision.one();
        for (int j = 0; j <= n; j++) {
            scaled[j] = mu.get(j).multiply(power);
            power = power.multiply(s);
        }
        BigFloat[] out = new BigFloat[n + 1];
        BigFloat[] qPowers = new BigFloat[n + 1];
        qPowers[0] = precision.one();
        for (int j = 1; j <= n; j++) {
            qPowers[j] = qPowers[j - 1].multiply(q);
        }
        java.math.BigInteger[] row = new java.math.BigInteger[n + 1];
        row[0] = java.math.BigInteger.ONE;
        for (int k = 0; k <= n; k++) {
            if (k > 0) {
                row[k] = java.math.BigInteger.ONE;
                for (int j = k - 1; j >= 1; j--) {
                    row[j] = row[j].add(row[j - 1]);
                }
            }
            BigFloat sum = precision.zero();
            for (int j = 0; j <= k; j++) {
                if (!scaled[j].isZero() && !qPowers[k - j].isZero()) {
                    sum = sum.add(BigFloat.of(row[j], precision.bits()).multiply(scaled[j]).multiply(qPowers[k - j]));
                }
            }
            out[k] = sum;
        }
        out[0] = precision.one();
        return MomentSequence.wrap(out, precision);
    }

    /** @return ψ coefficients: 0, m_1, …, m_n */
    static BigFloat[] psi(MomentSequence moments) {
        BigFloat[] psi = moments.raw().clone();
        psi[0] = moments.precision().zero();
        return psi;
    }

    /** @return η = ψ/(1 + ψ) = 1 − 1/M coefficients: 0, η_1, …, η_n */
    static BigFloat[] eta(MomentSequence moments) {
        BigFloat[] inverse = Series.reciprocal(moments.raw(), moments.order());
        BigFloat[] eta = new BigFloat[inverse.length];
        eta[0] = moments.precision().zero();
        for (int k = 1; k < inverse.length; k++) {
            eta[k] = inverse[k].negate();
        }
        return eta;
    }

    /** Moments from η: M = 1/(1 − η). */
    private static MomentSequence fromEta(BigFloat[] eta, Precision precision) {
        BigFloat[] oneMinus = new BigFloat[eta.length];
        oneMinus[0] = precision.one();
        for (int k = 1; k < eta.length; k++) {
            oneMinus[k] = eta[k].negate();
        }
        BigFloat[] m = Series.reciprocal(oneMinus, eta.length - 1);
        m[0] = precision.one();
        return MomentSequence.wrap(m, precision);
    }

    private static boolean isPointMassAtZero(MomentSequence m) {
        for (int k = 1; k <= m.order(); k++) {
            if (!m.get(k).isZero()) {
                return false;
            }
        }
        return true;
    }

    private static void requireNonzeroMean(MomentSequence moments, String what) {
        if (moments.order() < 1 || moments.get(1).isZero()) {
            throw new IllegalArgumentException(what + " needs a nonzero mean m_1, but m_1 was "
                    + (moments.order() < 1 ? "absent" : "0"));
        }
    }

    private static Precision precision(MomentSequence a, MomentSequence b) {
        return a.precision().digits() >= b.precision().digits() ? a.precision() : b.precision();
    }
}
