package io.github.freeprob.cli;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options every command that prints a result shares: {@code --format} and {@code --output}. */
final class OutputOptions {

    @Option(names = "--format", defaultValue = "table", converter = FormatConverter.class,
            description = "table, csv or json (default ${DEFAULT-VALUE})")
    OutputFormat format;

    @Option(names = "--output", paramLabel = "FILE", description = "write the result to FILE instead of the console")
    Path output;

    /** Parses --format. */
    static final class FormatConverter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--format must be table, csv or json, but was '" + value + "'");
            }
        }
    }
}
