package io.github.freeprob.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.JacobianSpectrum;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.NtkSpectrum;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.precision.Precision;
import io.github.freeprob.sampling.SampledNetwork;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Re-measures the depth anchors of {@link FiniteSizeRule#jacobian(int)} and {@link FiniteSizeRule#ntk(int)}: the
 * largest c = d·√N over 100 seeds at N = 200 per setting and depth, printed as a table, and checks that each rule's
 * constant covers it (the constants were set at 1.5 times these maxima). Slow (about 10 minutes on 2 cores):
 * {@code mvn test -Dgroups=slow -Dtest=NetworkRuleDepthMeasurementTest}.
 */
@Tag("slow")
class NetworkRuleDepthMeasurementTest {

    static final int N = 200;
    static final int SEEDS = 100;

    static List<Network> settings(WeightDistribution weights, int depth) {
        double[] hard = MeanField.criticalPoint(Activation.hardTanh(), 0.25);
        double[] tanh = MeanField.criticalPoint(Activation.tanh(), 1.0 / 64);
        return List.of(Network.of(Activation.linear(), weights, 1, 0, depth).withFirstVariance(1),
                Network.of(Activation.relu(), weights, 2, 0, depth).withFirstVariance(1),
                Network.of(Activation.hardTanh(), weights, hard[0], hard[1], depth),
                Network.of(Activation.tanh(), weights, tanh[0], tanh[1], depth));
    }

    /** The largest c = d·√N of (Lévy, relative W₁, relative moments, relative edge) over the seeds. */
    static double[] worst(Spectrum spectrum, double[] moments, Network network, boolean ntk, FiniteSizeRule rule) {
        double[] worst = new double[4];
        for (int seed = 1; seed <= SEEDS; seed++) {
            SampledNetwork sample = SampledNetwork.sample(network, N, new SplittableRandom(seed * 7919L
                    + network.depth()));
            Comparison c = Comparison.of(spectrum, moments, ntk ? sample.ntkEigenvalues()
                    : sample.jacobianEigenvalues(), rule);
            double root = Math.sqrt(N);
            worst[0] = Math.max(worst[0], c.levy() * root);
            worst[1] = Math.max(worst[1], c.relativeWasserstein() * root);
            worst[2] = Math.max(worst[2], c.largestMomentError() * root);
            worst[3] = Math.max(worst[3], c.relativeEdgeError() * root);
        }
        return worst;
    }

    static void assertCovered(String row, double[] worst, FiniteSizeRule rule) {
        System.out.printf("%s: max c (Levy, rel W1, moments, edge) = %.2f %.2f %.2f %.2f%n", row, worst[0], worst[1],
                worst[2], worst[3]);
        double[] constants = FiniteSizeRuleTest.constants(rule);
        for (int i = 0; i < 4; i++) {
            assertThat(worst[i]).as("%s, distance %d", row, i).isLessThanOrEqualTo(constants[i]);
        }
    }

    @Test
    void jacobianAnchorsCoverTheMeasuredDistances() {
        for (int depth : new int[] {8, 32}) {
            for (WeightDistribution weights : WeightDistribution.values()) {
                for (Network network : settings(weights, depth)) {
                    JacobianSpectrum jacobian = JacobianSpectrum.of(network);
                    double[] moments = jacobian.exactMoments(4, Precision.ofDigits(40)).toDoubleArray();
                    FiniteSizeRule rule = FiniteSizeRule.jacobian(depth);
                    assertCovered(network.toString(), worst(jacobian.spectrum(), moments, network, false, rule), rule);
                }
            }
        }
    }

    @Test
    void ntkAnchorsCoverTheMeasuredDistances() {
        double[] tanh = MeanField.criticalPoint(Activation.tanh(), 1.0 / 64);
        for (int depth : new int[] {4, 8, 16}) {
            for (Network network : List.of(
                    Network.of(Activation.relu(), WeightDistribution.ORTHOGONAL, 2, 0, depth).withFirstVariance(1),
                    Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, tanh[0], tanh[1], depth))) {
                NtkSpectrum ntk = NtkSpectrum.of(network);
                double[] moments = ntk.exactMoments(4, Precision.ofDigits(40)).toDoubleArray();
                FiniteSizeRule rule = FiniteSizeRule.ntk(depth);
                assertCovered(network.toString(), worst(ntk.spectrum(), moments, network, true, rule), rule);
            }
        }
    }
}
