package io.github.freeprob.cli;

import io.github.freeprob.convolution.Route;
import io.github.freeprob.validation.FiniteSizeRule;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob validate '<expression>'}: the law of an expression against the eigenvalues of sampled matrices that
 * realise it ({@link MatrixModel}); {@code freeprob validate jacobian|ntk ...}: a network's predicted spectrum against
 * sampled networks of width N. Exit status 0 when every distance is within its threshold, {@value Validation#BREACH}
 * when one exceeds it, 2 for bad input, 1 for a numerical failure.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {ValidateJacobianCommand.class, ValidateNtkCommand.class,
            ValidateConjugateKernelCommand.class, ValidateMixerCommand.class},
        description = {"Check a predicted spectrum against sampled matrices: the Levy distance, Wasserstein-1, relative"
                + " moment errors and lambda_max against the predicted edge, each next to its finite-size threshold.",
            "Expressions are realised as matrices: semicircle(v) as a GOE, mp(lambda) as a Wishart matrix, other laws"
                    + " as O diag(quantiles) O^T, A (+) B as A + O B O^T, A (*) B as sqrt(A) O B O^T sqrt(A) (O Haar),"
                    + " scale/shift as affine maps, pow_plus/pow_times for integer t as t free copies.",
            "Exit status: 0 all within thresholds, 3 a threshold exceeded, 2 bad input, 1 numerical failure."},
        footer = {"", "Example: freeprob validate 'semicircle(1) (+) mp(0.5)' --width 1000",
            "         freeprob validate jacobian --activation relu --weights orthogonal --sigma-w2 2 --sigma-b2 0"
                    + " --q1 1 --depth 3 --width 500 --samples 2 --plot relu.png"})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPRESSION",
            description = "the expression, quoted (or a subcommand: jacobian, ntk)")
    private String expression;

    @Mixin
    private SamplingOptions sampling;

    @Mixin
    private GridOptions grid;

    @Mixin
    private OutputOptions outputOptions;

    @Option(names = "--route", defaultValue = "subordination", converter = SpectrumCommand.RouteConverter.class,
            description = "subordination (default) or transform, as for spectrum")
    private Route route;

    @Override
    public Integer call() {
        if (expression == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'EXPRESSION' (or a"
                    + " subcommand: jacobian, ntk)");
        }
        sampling.check();
        grid.check();
        if (route == Route.MOMENTS) {
            throw new IllegalArgumentException("the moments route gives no density to compare; use --route"
                    + " subordination or --route transform");
        }
        ExpressionParser.Term term = ExpressionParser.parseTerm(expression, route);
        if (term.model().obstacle() != null) {
            throw new IllegalArgumentException("cannot sample " + term.model().obstacle());
        }
        long start = System.nanoTime();
        SpectrumReport prediction = SpectrumReport.compute(expression, term.law(), route.name().toLowerCase(
                Locale.ROOT), grid.grid().geometric(sampling.logX));
        Validation validation = new Validation(expression, term.model().description(), Map.of(), prediction,
                sampling, "ensemble", FiniteSizeRule.ENSEMBLE, Validation.Scope.WIDTH, false);
        int n = sampling.width;
        return validation.run(spec, random -> term.model().sampleEigenvalues(n, random), outputOptions.format,
                outputOptions.output, grid.plot, start);
    }
}
