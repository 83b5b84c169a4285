package io.github.freeprob.cli;

import io.github.freeprob.network.Network;
import io.github.freeprob.sampling.SampledNetwork;
import io.github.freeprob.validation.FiniteSizeRule;
import picocli.CommandLine.Command;

/** {@code freeprob validate ntk}: the law of the eigenvalues of the one-input NTK Θ_L against sampled networks. */
@Command(name = "ntk", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the spectrum of the one-input NTK Theta_L (NTK parameterisation) against S sampled"
                + " networks of width N.",
            "Exit status: 0 all within thresholds, 3 a threshold exceeded, 2 bad input, 1 numerical failure."},
        footer = {"", "Example: freeprob validate ntk --activation tanh --weights orthogonal --sigma-w2 1.5"
                + " --sigma-b2 0.1 --depth 3 --width 500"})
final class ValidateNtkCommand extends ValidateNetworkCommand {

    @Override
    SpectrumReport predict(Network network, long start) {
        return NtkCommand.predict(network, false, grid.grid().geometric(sampling.logX), start);
    }

    @Override
    String sampled() {
        return "Theta_L of sampled networks (SampledNetwork, exact finite-N identity coefficients)";
    }

    @Override
    FiniteSizeRule rule(int depth) {
        return FiniteSizeRule.ntk(depth);
    }

    @Override
    double[] eigenvalues(SampledNetwork sample) {
        return sample.ntkEigenvalues();
    }
}
