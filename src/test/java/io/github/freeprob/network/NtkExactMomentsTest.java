package io.github.freeprob.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.freeprob.measure.Laws;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NtkSpectrum#exactMoments(Network, int, Precision)}, which runs the recursion on χ-series, against closed forms
 * (linear networks) and against the same recursion on moment sequences ({@link MomentEngine#multiplicative} then
 * {@link MomentEngine#affine}: three reversions and a binomial transform per layer, the route it replaced).
 */
class NtkExactMomentsTest {

    private static final Precision P = Precision.ofDigits(60);

    private static double relative(BigFloat actual, BigFloat expected) {
        return actual.subtract(expected).abs().doubleValue() / expected.abs().doubleValue();
    }

    /** The route on moment sequences, layer by layer. */
    static MomentSequence bySequences(Network network, int n, Precision precision) {
        double[] q = network.variances();
        Map<Double, MomentSequence> factors = new HashMap<>();
        MomentSequence exact = Laws.dirac(q[0]).exactMoments(n, precision);
        for (int l = 1; l < q.length; l++) {
            MomentSequence factor = factors.computeIfAbsent(q[l - 1],
                    v -> network.exactLayerFactorMoments(v, n, precision));
            exact = MomentEngine.affine(MomentEngine.multiplicative(factor, exact), q[l], 1);
        }
        return exact;
    }

    /**
     * Linear activation, orthogonal weights: ν = δ₁, so every μ_ℓ is a point mass at a_ℓ, a_1 = q¹,
     * a_{ℓ+1} = q^{ℓ+1} + σ_w² a_ℓ (summed here in BigFloat, no series), and m_k = a_L^k. 50 layers, 40 moments at
     * 60 digits (about 70 working digits): the chain does 49 Lagrange–Bürmann passes of order 40 and two
     * reversions, which lose digits in the high moments (measured 3e-58 at worst); bound 1e-50 relative.
     */
    @Test
    void linearOrthogonalNetworkStaysAPointMass() {
        Network network = Network.of(Activation.linear(), WeightDistribution.ORTHOGONAL, 0.75, 0.125, 50)
                .withFirstVariance(0.5);
        double[] q = network.variances();
        BigFloat a = P.of(q[0]);
        for (int l = 1; l < q.length; l++) {
            a = P.of(q[l]).add(P.of(0.75).multiply(a));
        }
        MomentSequence moments = NtkSpectrum.exactMoments(network, 40, P);
        for (int k = 1; k <= 40; k++) {
            assertThat(relative(moments.get(k), a.pow(k))).as("m_%d", k).isLessThanOrEqualTo(1e-50);
        }
    }

    /**
     * Linear activation, Gaussian weights, depth 2: μ₂ = (q² + σ_w² q¹ ·)_* mp(1), whose moments are
     * Σ_j C(n, j) (q²)^{n−j} (σ_w² q¹)^j Cat(j) (mp(1) has the Catalan numbers as moments). Bound 1e-50 relative,
     * as above.
     */
    @Test
    void linearGaussianDepthTwoIsAShiftedFreePoissonLaw() {
        double weights = 1.5;
        Network network = Network.of(Activation.linear(), WeightDistribution.GAUSSIAN, weights, 0.25, 2)
                .withFirstVariance(0.5);
        double[] q = network.variances();
        MomentSequence moments = NtkSpectrum.exactMoments(network, 40, P);
        BigFloat scale = P.of(weights).multiply(P.of(q[0]));
        for (int n = 1; n <= 40; n++) {
            BigFloat expected = P.zero();
            for (int j = 0; j <= n; j++) {
                BigInteger catalan = binomial(2 * j, j).divide(BigInteger.valueOf(j + 1));
                expected = expected.add(BigFloat.of(binomial(n, j).multiply(catalan), P.bits())
                        .multiply(P.of(q[1]).pow(n - j)).multiply(scale.pow(j)));
            }
            assertThat(relative(moments.get(n), expected)).as("m_%d", n).isLessThanOrEqualTo(1e-50);
        }
    }

    static Stream<Arguments> networks() {
        double[] tanh = MeanField.criticalPoint(Activation.tanh(), 1.0 / 64);
        double[] erf = MeanField.criticalPoint(Activation.erf(), 0.25);
        return Stream.of(
                Arguments.of(Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, tanh[0], tanh[1], 100)),
                Arguments.of(Network.of(Activation.relu(), WeightDistribution.GAUSSIAN, 2, 0.1, 12).withFirstVariance(1)),
                Arguments.of(Network.of(Activation.hardTanh(), WeightDistribution.ORTHOGONAL, 1.2, 0.05, 12)
                        .withFirstVariance(2)),
                Arguments.of(Network.of(Activation.erf(), WeightDistribution.GAUSSIAN, erf[0], erf[1], 8)));
    }

    /**
     * The χ-series route against the moment-sequence route, 32 moments at 60 digits. The routes share the series
     * product and reciprocal kernels but not their algorithm (one Lagrange–Bürmann pass per layer against three
     * reversions and a binomial transform), so a wrong coefficient or sign would show at 1e-3 or worse; what is
     * left is rounding, which both routes amplify in the high moments: measured against a 120-digit run, the χ route
     * is off by at most 2e-62 and the sequence route by at most 2e-61 over these four networks, and the routes
     * differ by at most 2e-61. Bound 1e-55 relative. A given q¹ (hard tanh) makes the layer factors
     * differ from layer to layer.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void routesAgree(Network network) {
        int n = 32;
        MomentSequence chi = NtkSpectrum.exactMoments(network, n, P);
        MomentSequence sequences = bySequences(network, n, P);
        for (int k = 1; k <= n; k++) {
            assertThat(relative(chi.get(k), sequences.get(k))).as("m_%d of %s", k, network)
                    .isLessThanOrEqualTo(1e-55);
        }
    }

    /**
     * The issue's case (critical tanh, q* = 1/64, orthogonal weights, depth 100, 64 moments at 100 digits) against
     * the same run at 130 digits. Measured against a 160-digit run: m_1 is off by 5e-109, m_64 by 2e-92 (the
     * reversions at both ends and the 99 passes lose up to 17 of the 109 working digits in the highest moments; the
     * moment-sequence route it replaced lost 20, 9e-90), and the 130-digit run by 6e-123. Bound 1e-90.
     */
    @Test
    void issueCaseHoldsNinetyDigitsAtOneHundred() {
        double[] point = MeanField.criticalPoint(Activation.tanh(), 1.0 / 64);
        Network network = Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, point[0], point[1], 100);
        MomentSequence working = NtkSpectrum.exactMoments(network, 64, Precision.ofDigits(100));
        MomentSequence finer = NtkSpectrum.exactMoments(network, 64, Precision.ofDigits(130));
        for (int k = 1; k <= 64; k++) {
            assertThat(relative(working.get(k), finer.get(k))).as("m_%d", k).isLessThanOrEqualTo(1e-90);
        }
    }

    @Test
    void orderZeroIsTheTotalMass() {
        Network network = Network.of(Activation.relu(), WeightDistribution.ORTHOGONAL, 2, 0.1, 3).withFirstVariance(1);
        MomentSequence moments = NtkSpectrum.exactMoments(network, 0, P);
        assertThat(moments.order()).isZero();
        assertThat(moments.get(0).doubleValue()).isEqualTo(1.0);
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger result = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            result = result.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return result;
    }
}
