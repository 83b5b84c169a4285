package io.github.freeprob.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.ConvergenceException;
import io.github.freeprob.numerics.GaussianIntegrals;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;
import java.util.stream.Stream;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Activations, ν and the mean-field quantities. Closed forms: for relu E[φ(h)²] = q/2 and the arc-cosine kernel
 * E[φ(u)φ(v)] = q(sin θ + (π − θ) cos θ)/(2π) with c = cos θ (Cho and Saul 2009); for φ = erf,
 * E[φ(u)φ(v)] = (2/π) arcsin(2c/(1 + 2q)) at equal variances q and covariance c, and E[φ'(h)²] = (4/π)/√(1 + 4q)
 * (Williams 1997). Quadrature is at rounding level for these integrands, so the tolerances are a few hundred ulps.
 */
class MeanFieldTest {

    static Stream<Activation> activations() {
        return Activation.builtIns().stream();
    }

    @Test
    void reluMeanFieldHasClosedForms() {
        MeanField field = new MeanField(Activation.relu(), 1.5, 0.2);
        assertThat(field.map(0.8)).isCloseTo(1.5 * 0.4 + 0.2, offset(1e-14));
        // q* = 0.75 q* + 0.2 → q* = 0.8; χ = σ_w²/2.
        assertThat(field.fixedPoint()).isCloseTo(0.8, offset(1e-13));
        assertThat(field.chi()).isCloseTo(0.75, offset(1e-14));
        assertThat(field.mapSlope(0.8)).isCloseTo(0.75, offset(1e-13));
        assertThat(field.varianceDepthScale()).isCloseTo(-1 / Math.log(0.75), offset(1e-11));
        double c = 0.3;
        double theta = Math.acos(c);
        double arcCosine = 0.8 * (Math.sin(theta) + (Math.PI - theta) * c) / (2 * Math.PI);
        assertThat(field.correlationMap(c)).isCloseTo((1.5 * arcCosine + 0.2) / 0.8, offset(1e-13));
    }

    @Test
    void erfMeanFieldHasClosedForms() {
        MeanField field = new MeanField(Activation.erf(), 2.0, 0.05);
        double q = 0.7;
        double second = 2 / Math.PI * Math.asin(2 * q / (1 + 2 * q));
        assertThat(field.map(q)).isCloseTo(2.0 * second + 0.05, offset(1e-14));
        assertThat(field.chi(q)).isCloseTo(2.0 * 4 / Math.PI / Math.sqrt(1 + 4 * q), offset(1e-14));
        double qStar = field.fixedPoint();
        assertThat(field.map(qStar)).isCloseTo(qStar, offset(1e-13 * qStar));
        double c = -0.4;
        double cross = 2 / Math.PI * Math.asin(2 * c * qStar / (1 + 2 * qStar));
        assertThat(field.correlationMap(c)).isCloseTo((2.0 * cross + 0.05) / qStar, offset(1e-13));
    }

    /** The slope of the map from integration by parts against a centred difference of the map itself. */
    @ParameterizedTest
    @MethodSource("activations")
    void mapSlopeIsTheDerivativeOfTheMap(Activation activation) {
        MeanField field = new MeanField(activation, 1.3, 0.1);
        double q = 0.9;
        double step = 1e-4;
        double difference = (field.map(q + step) - field.map(q - step)) / (2 * step);
        // Central difference: truncation ~ step²·|map'''| ≈ 1e-8, rounding 1e-16/1e-4 = 1e-12.
        assertThat(field.mapSlope(q)).as("%s", activation).isCloseTo(difference, offset(1e-7));
    }

    static Stream<Activation> activationsWithCriticalPointAtHalf() {
        // sigmoid (φ(0) = ½) needs σ_b² < 0 for q* = 0.5: refused, tested below.
        return activations().filter(a -> !a.name().equals("sigmoid"));
    }

    /** On the critical line: the target q* is a fixed point, and χ = 1 there. */
    @ParameterizedTest
    @MethodSource("activationsWithCriticalPointAtHalf")
    void criticalPointHasChiOne(Activation activation) {
        double target = 0.5;
        double[] point = MeanField.criticalPoint(activation, target);
        MeanField field = new MeanField(activation, point[0], point[1]);
        assertThat(field.chi(target)).as("%s", activation).isCloseTo(1, offset(1e-13));
        assertThat(field.map(target)).as("%s", activation).isCloseTo(target, offset(1e-13));
    }

    @Test
    void unreachableCriticalPointIsRefused() {
        // sigmoid: σ_b² = q* − E[φ²]/E[φ'²] ≈ −4.9 at q* = 0.5 (φ(0) = ½ keeps E[φ²] ≥ ~¼ while E[φ'²] ≤ 1/16).
        assertThatThrownBy(() -> MeanField.criticalPoint(Activation.sigmoid(), 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma_b^2");
    }

    @Test
    void sequenceFollowsTheMapAndConvergesToTheFixedPoint() {
        MeanField field = new MeanField(Activation.tanh(), 1.7, 0.3);
        double[] q = field.sequence(3.0, 60);
        assertThat(q[0]).isEqualTo(3.0);
        for (int l = 1; l < q.length; l++) {
            assertThat(q[l]).isEqualTo(field.map(q[l - 1]));
        }
        assertThat(q[59]).isCloseTo(field.fixedPoint(), offset(1e-12));
        // The approach is geometric with the slope at q* (≈ 0.32): at layer 12 the deviation is ~1e-6, so the ratio
        // differs from the slope by ~1e-6 (curvature of the map) plus ~1e-9 (rounding of q over the deviation).
        double ratio = (q[13] - field.fixedPoint()) / (q[12] - field.fixedPoint());
        assertThat(ratio).isCloseTo(field.mapSlope(field.fixedPoint()), offset(1e-5));
    }

    @Test
    void correlationScalesDivergeOnlyAtCriticality() {
        double[] point = MeanField.criticalPoint(Activation.tanh(), 0.3);
        MeanField critical = new MeanField(Activation.tanh(), point[0], point[1]);
        assertThat(critical.correlationFixedPoint()).isEqualTo(1);
        // At χ = 1 the slope of the correlation map at c* = 1 is χ itself: ξ_c = −1/log χ_c is infinite (or ≥ 1e12).
        assertThat(critical.correlationSlope(1)).isCloseTo(1, offset(1e-13));
        MeanField chaotic = new MeanField(Activation.tanh(), 2.5, 0.01);
        assertThat(chaotic.chi()).isGreaterThan(1);
        double cStar = chaotic.correlationFixedPoint();
        assertThat(cStar).isLessThan(1);
        assertThat(chaotic.correlationMap(cStar)).isCloseTo(cStar, offset(1e-12));
        assertThat(chaotic.correlationDepthScale()).isFinite().isPositive();
    }

    @Test
    void reluAboveTheCriticalLineDiverges() {
        assertThatThrownBy(() -> new MeanField(Activation.relu(), 2.5, 0.1).fixedPoint())
                .isInstanceOf(ConvergenceException.class).hasMessageContaining("grows without bound");
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> new MeanField(Activation.tanh(), -1, 0)).hasMessageContaining("sigma_w^2")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new MeanField(Activation.tanh(), 1, Double.NaN)).hasMessageContaining("sigma_b^2");
        assertThatThrownBy(() -> Activation.named("softplusx")).hasMessageContaining("softplusx")
                .hasMessageContaining("known");
        assertThatThrownBy(() -> Activation.named("leaky_relu(x)")).hasMessageContaining("alpha");
    }

    @Test
    void namesRoundTrip() {
        for (Activation activation : Activation.builtIns()) {
            assertThat(Activation.named(activation.name()).name()).isEqualTo(activation.name());
        }
        assertThat(Activation.named("leaky_relu(0.2)").derivative(-1)).isEqualTo(0.2);
    }

    /** ν for the piecewise-linear activations: the conventions' atoms. */
    @Test
    void piecewiseLinearActivationsGiveAtoms() {
        assertThat(Activation.relu().derivativeSquaredLaw(0.7).atoms())
                .containsExactly(Atom.of(0, 0.5), Atom.of(1, 0.5));
        List<Atom> leaky = Activation.leakyRelu(0.1).derivativeSquaredLaw(2).atoms();
        assertThat(leaky).hasSize(2);
        assertThat(leaky.get(0).location()).isCloseTo(0.01, offset(1e-17));
        assertThat(leaky.get(0).mass()).isCloseTo(0.5, offset(1e-15));
        double q = 0.6;
        double p = Erf.erf(1 / Math.sqrt(2 * q));
        List<Atom> hard = Activation.hardTanh().derivativeSquaredLaw(q).atoms();
        assertThat(hard).hasSize(2);
        assertThat(hard.get(0).mass()).isCloseTo(1 - p, offset(1e-15));
        assertThat(hard.get(1).mass()).isCloseTo(p, offset(1e-15));
        assertThat(Activation.linear().derivativeSquaredLaw(1).atoms()).containsExactly(Atom.of(1, 1));
    }

    /**
     * ν's moments three ways: the measure's double moments and its exact (arbitrary-precision) moments against
     * E[φ'(h)^{2k}] by the independent composite quadrature.
     */
    @ParameterizedTest
    @MethodSource("activations")
    void nuMomentsMatchGaussianExpectations(Activation activation) {
        double q = 0.8;
        Measure nu = activation.derivativeSquaredLaw(q);
        double[] moments = nu.moments(6);
        MomentSequence exact = nu.exactMoments(6, Precision.ofDigits(40));
        for (int k = 1; k <= 6; k++) {
            int power = 2 * k;
            double expected = GaussianIntegrals.expectation(h -> Math.pow(activation.derivative(h), power), q,
                    activation.kinks());
            assertThat(moments[k]).as("%s m%d", activation, k).isCloseTo(expected, offset(1e-13 * expected));
            assertThat(exact.get(k).doubleValue()).as("%s exact m%d", activation, k)
                    .isCloseTo(expected, offset(1e-13 * expected));
        }
    }

    /** A user-supplied φ' gets the same ν as the built-in (its constant pieces found numerically). */
    @Test
    void userSuppliedActivationMatchesBuiltIn() {
        Activation custom = Activation.of("my_relu", h -> Math.max(0, h), h -> h > 0 ? 1 : 0);
        assertThat(custom.derivativeSquaredLaw(1).atoms()).hasSize(2);
        Activation smooth = Activation.of("my_tanh", Math::tanh, h -> 1 / (Math.cosh(h) * Math.cosh(h)));
        double[] expected = Activation.tanh().derivativeSquaredLaw(1).moments(4);
        double[] actual = smooth.derivativeSquaredLaw(1).moments(4);
        for (int k = 1; k <= 4; k++) {
            assertThat(actual[k]).isCloseTo(expected[k], offset(1e-13));
        }
        assertThat(smooth.hasExactDerivative()).isFalse();
        assertThat(Activation.tanh().hasExactDerivative()).isTrue();
    }
}
