package io.github.freeprob.precision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact moment engine against closed forms. Expected values are exact integers or rationals (Catalan, Narayana and
 * Fuss–Catalan numbers; the free cumulants of the semicircle and free Poisson laws; the S-transform of mp(λ)). At 50
 * digits a series reversion of order 30 loses a few digits to rounding, so agreement is asked to 1e-40 relative.
 */
class MomentEngineTest {

    private static final Precision P = Precision.ofDigits(50);
    private static final double TOLERANCE = 1e-40;

    static BigInteger binomial(int n, int k) {
        BigInteger result = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            result = result.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return result;
    }

    /** Semicircle of variance v: m_{2k} = Catalan(k) v^k. */
    static MomentSequence semicircle(double v, int n) {
        BigFloat[] m = new BigFloat[n + 1];
        for (int k = 0; k <= n; k++) {
            if (k % 2 == 1) {
                m[k] = P.zero();
            } else {
                int half = k / 2;
                BigInteger catalan = binomial(2 * half, half).divide(BigInteger.valueOf(half + 1));
                m[k] = BigFloat.of(catalan, P.bits()).multiply(P.of(v).pow(half));
            }
        }
        return MomentSequence.of(m, P);
    }

    /** Marchenko–Pastur of ratio λ: m_n = Σ_k Narayana(n, k) λ^{k−1}, Narayana(n,k) = C(n,k) C(n,k−1)/n. */
    static MomentSequence marchenkoPastur(double lambda, int n) {
        BigFloat[] m = new BigFloat[n + 1];
        m[0] = P.one();
        for (int order = 1; order <= n; order++) {
            BigFloat sum = P.zero();
            for (int k = 1; k <= order; k++) {
                BigInteger narayana = binomial(order, k).multiply(binomial(order, k - 1))
                        .divide(BigInteger.valueOf(order));
                sum = sum.add(BigFloat.of(narayana, P.bits()).multiply(P.of(lambda).pow(k - 1)));
            }
            m[order] = sum;
        }
        return MomentSequence.of(m, P);
    }

    static void assertRelativelyClose(BigFloat actual, BigFloat expected, double tolerance, String what) {
        double difference = actual.subtract(expected).abs().doubleValue();
        double scale = Math.max(expected.abs().doubleValue(), 1e-300);
        assertThat(difference / scale).as("%s: %s vs %s", what, actual, expected).isLessThanOrEqualTo(tolerance);
    }

    static void assertAbsolutelyClose(BigFloat actual, double expected, double tolerance, String what) {
        assertAbsolutelyClose(actual, P.of(expected), tolerance, what);
    }

    static void assertAbsolutelyClose(BigFloat actual, BigFloat expected, double tolerance, String what) {
        double difference = actual.subtract(expected).abs().doubleValue();
        assertThat(difference).as("%s: %s vs %s", what, actual, expected).isLessThanOrEqualTo(tolerance);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.25, 1.0, 3.0})
    void semicircleHasOnlySecondCumulant(double v) {
        FreeCumulants kappa = MomentEngine.freeCumulants(semicircle(v, 30));
        for (int k = 1; k <= 30; k++) {
            double expected = k == 2 ? v : 0;
            assertAbsolutelyClose(kappa.get(k), expected, TOLERANCE * Math.pow(Math.max(v, 1), k), "kappa_" + k);
        }
    }

    /**
     * Rounding errors of the reversion are relative to the size of the moments involved, not of the (possibly much
     * smaller) cumulant, so the bound is 1e-40 · (1 + m_k).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void marchenkoPasturCumulantsArePowersOfRatio(double lambda) {
        MomentSequence moments = marchenkoPastur(lambda, 30);
        FreeCumulants kappa = MomentEngine.freeCumulants(moments);
        for (int k = 1; k <= 30; k++) {
            assertAbsolutelyClose(kappa.get(k), P.of(lambda).pow(k - 1),
                    TOLERANCE * (1 + moments.get(k).doubleValue()), "kappa_" + k);
        }
    }

    @Test
    void cumulantsRoundTrip() {
        MomentSequence moments = marchenkoPastur(0.7, 40);
        MomentSequence back = MomentEngine.moments(MomentEngine.freeCumulants(moments));
        for (int k = 0; k <= 40; k++) {
            assertRelativelyClose(back.get(k), moments.get(k), TOLERANCE, "m_" + k);
        }
    }

    /** mp(λ) has S(w) = 1/(1 + λw), so s_k = (−λ)^k. */
    @Test
    void sTransformOfMarchenkoPastur() {
        double lambda = 0.6;
        BigFloat[] s = MomentEngine.sTransform(marchenkoPastur(lambda, 25));
        for (int k = 0; k < 25; k++) {
            assertRelativelyClose(s[k], P.of(-lambda).pow(k), TOLERANCE, "s_" + k);
        }
        MomentSequence back = MomentEngine.fromSTransform(s, P);
        MomentSequence expected = marchenkoPastur(lambda, 25);
        for (int k = 1; k <= 25; k++) {
            assertRelativelyClose(back.get(k), expected.get(k), TOLERANCE, "m_" + k);
        }
    }

    /** S(w) = 𝓡^{-1}(w)/w: the S-transform from ψ^{-1} and from the cumulant series agree. */
    @Test
    void sTransformEqualsInverseOfRSeriesOverW() {
        MomentSequence moments = marchenkoPastur(0.4, 20).truncate(20);
        MomentSequence shifted = MomentEngine.affine(moments, 0.5, 2.0);
        BigFloat[] s = MomentEngine.sTransform(shifted);
        FreeCumulants kappa = MomentEngine.freeCumulants(shifted);
        BigFloat[] r = new BigFloat[21];
        r[0] = P.zero();
        for (int k = 1; k <= 20; k++) {
            r[k] = kappa.get(k);
        }
        BigFloat[] inverse = Series.revert(r, 20);
        for (int k = 0; k < 20; k++) {
            assertRelativelyClose(s[k], inverse[k + 1], TOLERANCE, "s_" + k);
        }
    }

    @Test
    void semicirclesAddTheirVariances() {
        MomentSequence sum = MomentEngine.additive(semicircle(0.5, 24), semicircle(1.5, 24));
        MomentSequence expected = semicircle(2.0, 24);
        for (int k = 0; k <= 24; k++) {
            assertAbsolutelyClose(sum.get(k), expected.get(k),
                    TOLERANCE * Math.max(1, expected.get(k).abs().doubleValue()), "m_" + k);
        }
    }

    /** mp(1) ⊠ mp(1) is the Fuss–Catalan law of order 2: m_n = C(3n, n)/(2n + 1). */
    @Test
    void marchenkoPasturSquaredIsFussCatalan() {
        MomentSequence product = MomentEngine.multiplicative(marchenkoPastur(1, 20), marchenkoPastur(1, 20));
        MomentSequence bySubordination = MomentEngine.multiplicativeBySubordination(marchenkoPastur(1, 20),
                marchenkoPastur(1, 20));
        for (int n = 1; n <= 20; n++) {
            BigFloat expected = BigFloat.of(binomial(3 * n, n), P.bits()).divide(2L * n + 1);
            assertRelativelyClose(product.get(n), expected, TOLERANCE, "S route m_" + n);
            assertRelativelyClose(bySubordination.get(n), expected, TOLERANCE, "subordination route m_" + n);
        }
    }

    /** mp(1)^{⊠s} is the Fuss–Catalan law of order s + 1: m_n = C((s+1)n, n)/(s n + 1). */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void freeMultiplicativePowerOfMarchenkoPastur(int s) {
        MomentSequence power = MomentEngine.multiplicativePower(marchenkoPastur(1, 16), s);
        for (int n = 1; n <= 16; n++) {
            BigFloat expected = BigFloat.of(binomial((s + 1) * n, n), P.bits()).divide((long) s * n + 1);
            assertRelativelyClose(power.get(n), expected, TOLERANCE, "m_" + n);
        }
    }

    /** mp(λ)^{⊞t} has cumulants t λ^{n−1}. */
    @Test
    void freeAdditivePowerScalesCumulants() {
        double lambda = 0.5;
        double t = 2.75;
        FreeCumulants kappa = MomentEngine.freeCumulants(MomentEngine.additivePower(marchenkoPastur(lambda, 20), t));
        for (int k = 1; k <= 20; k++) {
            assertRelativelyClose(kappa.get(k), P.of(lambda).pow(k - 1).multiply(P.of(t)), TOLERANCE, "kappa_" + k);
        }
    }

    /** A symmetric law times a positive one: the subordination route needs only the positive factor's mean. */
    @Test
    void productWithAZeroMeanFactorUsesSubordination() {
        // semicircle(1) ⊠ dirac(2) = semicircle(4): moments of 2·X with X semicircle(1).
        BigFloat[] dirac = new BigFloat[13];
        for (int k = 0; k <= 12; k++) {
            dirac[k] = P.of(2).pow(k);
        }
        MomentSequence product = MomentEngine.multiplicative(semicircle(1, 12), MomentSequence.of(dirac, P));
        MomentSequence expected = semicircle(4, 12);
        for (int k = 1; k <= 12; k++) {
            assertAbsolutelyClose(product.get(k), expected.get(k),
                    TOLERANCE * Math.max(1, expected.get(k).abs().doubleValue()), "m_" + k);
        }
    }

    @Test
    void productOfTwoZeroMeanLawsIsRefused() {
        assertThatThrownBy(() -> MomentEngine.multiplicative(semicircle(1, 6), semicircle(2, 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonzero mean");
    }

    /** Semicircle(1) has Jacobi coefficients α_k = 0, β_k = 1; mp(λ): α_0 = 1, α_k = 1 + λ, β_k = λ. */
    @Test
    void jacobiCoefficientsOfNamedLaws() {
        JacobiMatrix semicircle = JacobiMatrix.fromMoments(semicircle(1, 40));
        assertThat(semicircle.size()).isEqualTo(20);
        for (int k = 0; k < 20; k++) {
            assertAbsolutelyClose(semicircle.alpha(k), 0, 1e-30, "alpha_" + k);
            assertAbsolutelyClose(semicircle.beta(k), 1, 1e-30, "beta_" + k);
        }
        double lambda = 0.5;
        JacobiMatrix mp = JacobiMatrix.fromMoments(marchenkoPastur(lambda, 30));
        for (int k = 0; k < mp.size(); k++) {
            assertAbsolutelyClose(mp.alpha(k), k == 0 ? 1 : 1 + lambda, 1e-30, "alpha_" + k);
            assertAbsolutelyClose(mp.beta(k), k == 0 ? 1 : lambda, 1e-30, "beta_" + k);
        }
    }

    @Test
    void gaussRuleReproducesItsMoments() {
        MomentSequence moments = marchenkoPastur(0.5, 24);
        GaussRule rule = JacobiMatrix.fromMoments(moments).gaussRule();
        assertThat(rule.size()).isEqualTo(12);
        MomentSequence reproduced = rule.moments(24);
        BigFloat weightSum = rule.weights().stream().reduce(P.zero(), BigFloat::add);
        assertRelativelyClose(weightSum, P.one(), 1e-35, "sum of weights");
        for (int k = 1; k < 24; k++) {
            assertRelativelyClose(reproduced.get(k), moments.get(k), 1e-35, "m_" + k);
        }
    }

    @Test
    void discreteLawHasAFiniteJacobiMatrix() {
        double[] x = {-1, 0.5, 2};
        double[] p = {0.2, 0.5, 0.3};
        BigFloat[] m = new BigFloat[13];
        for (int k = 0; k <= 12; k++) {
            BigFloat sum = P.zero();
            for (int i = 0; i < 3; i++) {
                sum = sum.add(P.of(p[i]).multiply(P.of(x[i]).pow(k)));
            }
            m[k] = sum;
        }
        m[0] = P.one();
        JacobiMatrix jacobi = JacobiMatrix.fromMoments(MomentSequence.of(m, P));
        assertThat(jacobi.size()).isEqualTo(3);
        GaussRule rule = jacobi.gaussRule();
        for (int i = 0; i < 3; i++) {
            assertAbsolutelyClose(rule.nodes().get(i), x[i], 1e-30, "node " + i);
            assertAbsolutelyClose(rule.weights().get(i), p[i], 1e-30, "weight " + i);
        }
    }

    /** Continued fraction of semicircle(1) vs its closed form G(z) = (z − √(z−2)√(z+2))/2 at z = 0.3 + 1.0i. */
    @Test
    void continuedFractionConvergesToTheCauchyTransform() {
        JacobiMatrix jacobi = JacobiMatrix.fromMoments(semicircle(1, 80));
        org.hipparchus.complex.Complex z = new org.hipparchus.complex.Complex(0.3, 1.0);
        org.hipparchus.complex.Complex exact = z.subtract(z.subtract(2).sqrt().multiply(z.add(2).sqrt())).divide(2);
        org.hipparchus.complex.Complex approx = jacobi.continuedFraction(z);
        assertThat(approx.subtract(exact).norm()).isLessThan(1e-13);
    }

    /** revert(revert(f)) = f and f(revert(f)(w)) = w for a random series, as formal power series to order 30. */
    @Test
    void seriesReversionRoundTrips() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        int n = 30;
        BigFloat[] f = new BigFloat[n + 1];
        f[0] = P.zero();
        f[1] = P.of(0.5 + random.nextDouble());
        for (int k = 2; k <= n; k++) {
            f[k] = P.of(random.nextDouble(-1, 1));
        }
        BigFloat[] g = Series.revert(f, n);
        BigFloat[] back = Series.revert(g, n);
        for (int k = 1; k <= n; k++) {
            assertAbsolutelyClose(back[k], f[k], 1e-38, "coefficient " + k);
        }
        // Composition f(g(w)) by Horner: must be w.
        BigFloat[] composition = Series.zeros(n, P.bits());
        for (int k = n; k >= 1; k--) {
            composition = Series.multiply(composition, g, n);
            composition[0] = composition[0].add(f[k]);
        }
        composition = Series.multiply(composition, g, n);
        for (int k = 0; k <= n; k++) {
            assertAbsolutelyClose(composition[k], k == 1 ? 1 : 0, 1e-38, "f(g(w)) coefficient " + k);
        }
    }
}
