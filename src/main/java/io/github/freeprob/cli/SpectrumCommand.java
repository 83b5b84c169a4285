package io.github.freeprob.cli;

import io.github.freeprob.convolution.Route;
import io.github.freeprob.measure.Measure;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob spectrum '<expression>'}: the law of an expression of named laws and free convolutions, its atoms,
 * support, density, CDF and moments; {@code freeprob spectrum jacobian|ntk ...}: the spectra of a deep network at
 * initialisation (subcommands, so that the word before the options decides which form runs).
 */
@Command(name = "spectrum", mixinStandardHelpOptions = true,
        subcommands = {JacobianCommand.class, NtkCommand.class, ConjugateKernelCommand.class, MixerCommand.class},
        description = {"The spectrum of an expression of named laws and free convolutions, or (spectrum jacobian,"
                + " spectrum ntk) of a deep network at initialisation.",
            "Laws: semicircle(v), mp(lambda), atoms(x1:p1, ...), uniform(a, b), arcsine(a, b), dirac(x).",
            "Operators: ⊞ or (+), ⊠ or (*) (binds tighter), parentheses; scale(e, s), shift(e, c), pow_plus(e, t),"
                    + " pow_times(e, t)."},
        footer = {"", "Example: freeprob spectrum 'mp(0.5) (+) semicircle(1)' --format json",
            "         freeprob spectrum jacobian --help"})
final class SpectrumCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPRESSION",
            description = "the expression, quoted (or a subcommand: jacobian, ntk)")
    private String expression;

    @Mixin
    private GridOptions grid;

    @Mixin
    private LogAxisOption axis;

    @Mixin
    private OutputOptions outputOptions;

    @Option(names = "--route", defaultValue = "subordination", converter = RouteConverter.class,
            description = "subordination (default) or transform (the R/S-transform route)")
    private Route route;

    @Override
    public Integer call() {
        if (expression == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'EXPRESSION' (or a"
                    + " subcommand: jacobian, ntk)");
        }
        grid.check();
        if (route == Route.MOMENTS) {
            throw new IllegalArgumentException("the moments route gives moments and G off the real axis only, not a"
                    + " density; use --route subordination or --route transform");
        }
        Measure law = ExpressionParser.parse(expression, route);
        SpectrumReport report = SpectrumReport.compute(expression, law, route.name().toLowerCase(Locale.ROOT),
                grid.grid().geometric(axis.logX));
        Outputs.emit(spec, report, outputOptions.format, outputOptions.output, grid.plot, expression);
        return 0;
    }

    /** Parses --route. */
    static final class RouteConverter implements picocli.CommandLine.ITypeConverter<Route> {
        @Override
        public Route convert(String value) {
            try {
                return Route.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "--route must be subordination, transform or moments, but was '" + value + "'");
            }
        }
    }
}
