package io.github.freeprob.cli;

import io.github.freeprob.network.Network;
import io.github.freeprob.sampling.SampledNetwork;
import io.github.freeprob.validation.FiniteSizeRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code freeprob validate jacobian}: the law of the eigenvalues of JJᵀ against sampled networks of width N. */
@Command(name = "jacobian", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the spectrum of JJ^T (J = D_L W_L ... D_1 W_1) against S sampled networks of width N.",
            "Exit status: 0 all within thresholds, 3 a threshold exceeded, 2 bad input, 1 numerical failure."},
        footer = {"", "Example: freeprob validate jacobian --activation relu --weights orthogonal --sigma-w2 2"
                + " --sigma-b2 0 --q1 1 --depth 3 --width 500 --plot relu.png"})
final class ValidateJacobianCommand extends ValidateNetworkCommand {

    @Option(names = "--singular-values", description = "report and draw the singular values s of J (the distances"
            + " are those of the eigenvalues s^2 of JJ^T, where the thresholds were measured)")
    boolean singularValues;

    @Override
    SpectrumReport predict(Network network, long start) {
        return JacobianCommand.predict(network, singularValues, grid.grid().geometric(sampling.logX), start);
    }

    @Override
    String sampled() {
        return "JJ^T of sampled networks (SampledNetwork, exactly the conventions' definitions)";
    }

    @Override
    FiniteSizeRule rule(int depth) {
        return FiniteSizeRule.jacobian(depth);
    }

    @Override
    double[] eigenvalues(SampledNetwork sample) {
        return sample.jacobianEigenvalues();
    }

    @Override
    boolean singularValues() {
        return singularValues;
    }
}
