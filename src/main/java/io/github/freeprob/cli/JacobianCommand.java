package io.github.freeprob.cli;

import io.github.freeprob.network.JacobianSpectrum;
import io.github.freeprob.network.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code freeprob spectrum jacobian}: the limit law of the eigenvalues of JJᵀ for the input–output Jacobian
 * J = D_L W_L ⋯ D_1 W_1 of a network at initialisation, or of the singular values of J.
 */
@Command(name = "jacobian", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The spectrum of JJ^T, J = D_L W_L ... D_1 W_1 the input-output Jacobian of a deep network at"
                + " initialisation (or of the singular values of J).",
            "Without --q1 the network starts at its mean-field fixed point q*."},
        footer = {"", "Example: freeprob spectrum jacobian --activation tanh --weights orthogonal --sigma-w2 1.1"
                + " --sigma-b2 0.05 --depth 10 --format json"})
final class JacobianCommand extends NetworkSpectrumCommand {

    @Option(names = "--singular-values", description = "report the law of the singular values s of J (s^2 are the"
            + " eigenvalues of JJ^T)")
    boolean singularValues;

    @Override
    SpectrumReport report(Network network, long start) {
        return predict(network, singularValues, reportGrid(), start);
    }

    /** The prediction of {@code spectrum jacobian}, shared with {@code validate jacobian}. */
    static SpectrumReport predict(Network network, boolean singularValues, Grid grid, long start) {
        JacobianSpectrum jacobian = JacobianSpectrum.of(network);
        double[] exact = jacobian.exactMoments(SpectrumReport.MOMENTS, exactPrecision()).toDoubleArray();
        SpectrumReport report = singularValues
                ? SpectrumReport.ofSingularValues("singular values of J: " + network, jacobian.singularValues(),
                        exact, ROUTE, grid, start)
                : SpectrumReport.of("eigenvalues of JJ^T: " + network, jacobian.spectrum(), exact,
                        SpectrumReport.EXACT_SOURCE, ROUTE, grid, start);
        double lambdaMax = jacobian.lambdaMax();
        report.extra.put("lambdaMax", lambdaMax);
        if (singularValues) {
            report.extra.put("singularValueMax", Math.sqrt(lambdaMax));
        }
        report.extra.put("variance", jacobian.variance());
        report.extra.put("predictedVariance", jacobian.predictedVariance());
        return report;
    }
}
