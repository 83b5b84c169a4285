package io.github.freeprob.cli;

import io.github.freeprob.convolution.Route;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.Checks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob spectrum '<expression>'}: the law of an expression of named laws and free convolutions, its atoms,
 * support, density, CDF and moments.
 */
@Command(name = "spectrum", mixinStandardHelpOptions = true,
        description = {"The spectrum of an expression of named laws and free convolutions.",
            "Laws: semicircle(v), mp(lambda), atoms(x1:p1, ...), uniform(a, b), arcsine(a, b), dirac(x).",
            "Operators: ⊞ or (+), ⊠ or (*) (binds tighter), parentheses; scale(e, s), shift(e, c), pow_plus(e, t),"
                    + " pow_times(e, t)."},
        footer = {"", "Example: freeprob spectrum 'mp(0.5) (+) semicircle(1)' --format json"})
final class SpectrumCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPRESSION", description = "the expression, quoted")
    private String expression;

    @Option(names = "--points", defaultValue = "1000", description = "grid size (default ${DEFAULT-VALUE})")
    private int points;

    @Option(names = "--format", defaultValue = "table", converter = FormatConverter.class,
            description = "table, csv or json (default ${DEFAULT-VALUE})")
    private OutputFormat format;

    @Option(names = "--plot", paramLabel = "FILE", description = "write a picture of the density (.png or .svg)")
    private Path plot;

    @Option(names = "--output", paramLabel = "FILE", description = "write the result to FILE instead of the console")
    private Path output;

    @Option(names = "--route", defaultValue = "subordination", converter = RouteConverter.class,
            description = "subordination (default) or transform (the R/S-transform route)")
    private Route route;

    @Override
    public Integer call() {
        Checks.atLeast("--points", points, 2);
        if (route == Route.MOMENTS) {
            throw new IllegalArgumentException("the moments route gives moments and G off the real axis only, not a"
                    + " density; use --route subordination or --route transform");
        }
        Measure law = ExpressionParser.parse(expression, route);
        SpectrumReport report = SpectrumReport.compute(expression, law, route.name().toLowerCase(Locale.ROOT), points);
        Outputs.emit(spec, report, format, output, plot, expression);
        return 0;
    }

    /** Parses --format. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "--format must be table, csv or json, but was '" + value + "'");
            }
        }
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
