package io.github.freeprob.cli;

import io.github.freeprob.convolution.Route;
import io.github.freeprob.inversion.StieltjesInversion;
import java.util.ArrayList;
import java.util.List;
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
 * {@code freeprob ergodicity '<expression>'}: the spectral ergodicity measure of an ensemble of M sampled matrices
 * that realise the expression ({@link MatrixModel}), their mean bin fractions against the free-probability limit law,
 * and with {@code --versus} or {@code --versus-width} the spectral ergodicity distance to a second ensemble;
 * {@code ergodicity jacobian ...} the same for the JJᵀ of sampled networks, {@code ergodicity cpse ...} the cascade
 * across the layers of one sampled network. Definitions: {@code docs/spectral-ergodicity.md}.
 */
@Command(name = "ergodicity", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {ErgodicityJacobianCommand.class, CpseCommand.class},
        description = {"Spectral ergodicity (Suzen et al. 2017, 2019): the measure Omega_k = (1/M) sum_i (p_ik -"
                + " mean_k)^2 of the bin fractions p_ik of M sampled matrices, their mean against the limit law's bin"
                + " masses, and with --versus or --versus-width the distance D = KL(Omega_1|Omega_2) +"
                + " KL(Omega_2|Omega_1) (bits) to a second ensemble.",
            "Expressions are realised as matrices as in validate; ergodicity jacobian takes networks, ergodicity"
                    + " cpse the layers of one network."},
        footer = {"", "Example: freeprob ergodicity 'semicircle(1)' --width 200 --members 20 --versus-width 50",
            "         freeprob ergodicity 'mp(0.5)' --width 200 --mixing 0.7 --plot mixed.png",
            "         freeprob ergodicity cpse --activation hard_tanh --weights gaussian --sigma-w2 1.5"
                    + " --sigma-b2 0.05 --q1 3 --depth 8 --width 200"})
final class ErgodicityCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPRESSION",
            description = "the expression, quoted (or a subcommand: jacobian, cpse)")
    private String expression;

    @Option(names = "--versus", paramLabel = "EXPRESSION", description = "a second ensemble: this expression at the"
            + " same N")
    private String versus;

    @Option(names = "--versus-width", paramLabel = "N2", description = "a second ensemble: the same expression at"
            + " size N2")
    private Integer versusWidth;

    @Mixin
    private ErgodicityOptions options;

    @Mixin
    private OutputOptions outputOptions;

    @Override
    public Integer call() {
        if (expression == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'EXPRESSION' (or a"
                    + " subcommand: jacobian, cpse)");
        }
        options.check(true);
        if (versus != null && versusWidth != null) {
            throw new IllegalArgumentException("give --versus or --versus-width, not both");
        }
        if (versusWidth != null && (versusWidth < 2 || versusWidth > SamplingOptions.MAX_WIDTH)) {
            throw new IllegalArgumentException("--versus-width must be in [2, " + SamplingOptions.MAX_WIDTH
                    + "], but was " + versusWidth);
        }
        List<EnsembleErgodicity.Ensemble> ensembles = new ArrayList<>();
        ensembles.add(ensemble(expression, options.width));
        if (versus != null) {
            ensembles.add(ensemble(versus, options.width));
        } else if (versusWidth != null) {
            ensembles.add(ensemble(expression, versusWidth));
        }
        return EnsembleErgodicity.run(spec, ensembles, options, outputOptions, Map.of());
    }

    private static EnsembleErgodicity.Ensemble ensemble(String text, int width) {
        ExpressionParser.Term term = ExpressionParser.parseTerm(text, Route.SUBORDINATION);
        if (term.model().obstacle() != null) {
            throw new IllegalArgumentException("cannot sample " + term.model().obstacle());
        }
        return new EnsembleErgodicity.Ensemble(text, term.model().description(), width,
                StieltjesInversion.invert(term.law()), term.model()::sampleEigenvalues);
    }
}
