package io.github.freeprob.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The depth-aware network rules: the measured anchors, log–log interpolation, monotone growth, bad depths. */
class FiniteSizeRuleTest {

    static double[] constants(FiniteSizeRule rule) {
        return new double[] {rule.levy().constant(), rule.relativeWasserstein().constant(),
            rule.relativeMoment().constant(), rule.relativeEdge().constant()};
    }

    @Test
    void shallowNetworksUseTheRulesMeasuredAtDepthTwoAndThree() {
        assertThat(FiniteSizeRule.jacobian(1)).isEqualTo(FiniteSizeRule.JACOBIAN);
        assertThat(FiniteSizeRule.jacobian(3)).isEqualTo(FiniteSizeRule.JACOBIAN);
        assertThat(FiniteSizeRule.ntk(2)).isEqualTo(FiniteSizeRule.NTK);
    }

    /** At an anchor the interpolation returns exp(log c): c to rounding (c ≤ 10⁴ here, so within 10⁻⁹). */
    @Test
    void measuredDepthsGiveTheirMeasuredConstants() {
        for (int i = 0; i < FiniteSizeRule.JACOBIAN_DEPTHS.length; i++) {
            assertThat(constants(FiniteSizeRule.jacobian(FiniteSizeRule.JACOBIAN_DEPTHS[i])))
                    .containsExactly(FiniteSizeRule.JACOBIAN_CONSTANTS[i], within(1e-9));
        }
        for (int i = 0; i < FiniteSizeRule.NTK_DEPTHS.length; i++) {
            assertThat(constants(FiniteSizeRule.ntk(FiniteSizeRule.NTK_DEPTHS[i])))
                    .containsExactly(FiniteSizeRule.NTK_CONSTANTS[i], within(1e-9));
        }
    }

    /** log c is linear in log L between anchors: at L = 16, the geometric middle of 8 and 32, c is the geometric mean. */
    @Test
    void betweenAnchorsTheConstantsAreGeometricMeans() {
        double[] at16 = constants(FiniteSizeRule.jacobian(16));
        for (int i = 0; i < 4; i++) {
            double expected = Math.sqrt(FiniteSizeRule.JACOBIAN_CONSTANTS[1][i] * FiniteSizeRule.JACOBIAN_CONSTANTS[2][i]);
            assertThat(at16[i]).isCloseTo(expected, within(1e-12 * expected));
        }
        assertThat(FiniteSizeRule.jacobian(16).levy().exponent()).isEqualTo(0.5);
    }

    @Test
    void thresholdsNeverShrinkWithDepth() {
        for (IntFunction<FiniteSizeRule> rule : java.util.List.<IntFunction<FiniteSizeRule>>of(FiniteSizeRule::jacobian,
                FiniteSizeRule::ntk)) {
            double[] previous = constants(rule.apply(1));
            for (int depth = 2; depth <= 1024; depth++) {
                double[] current = constants(rule.apply(depth));
                for (int i = 0; i < 4; i++) {
                    assertThat(current[i]).as("depth %d, distance %d", depth, i).isGreaterThanOrEqualTo(previous[i]);
                }
                previous = current;
            }
        }
    }

    @Test
    void aDepthBelowOneIsNamed() {
        assertThatThrownBy(() -> FiniteSizeRule.jacobian(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("depth");
    }
}
