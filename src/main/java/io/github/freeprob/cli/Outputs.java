package io.github.freeprob.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Writing a report: to the console or a file, and its picture; all files atomically, and all computed first. */
final class Outputs {

    private Outputs() {
    }

    static void emit(CommandSpec spec, SpectrumReport report, OutputFormat format, Path output, Path plot,
                     String title) {
        if (plot != null) {
            Charts.checkExtension(plot);
        }
        String text = report.render(format);
        org.knowm.xchart.XYChart chart = plot == null ? null
                : Charts.densityChart(title, report.axis, report.x, report.density, report.atoms,
                        report.geometric, report.massBelowGrid());
        emit(spec, text, output, chart, plot);
    }

    /**
     * Writes computed results: the text to the file (atomically) or to the console, then the chart, if any, to the
     * plot file (atomically).
     */
    static void emit(CommandSpec spec, String text, Path output, org.knowm.xchart.XYChart chart, Path plot) {
        if (output != null) {
            AtomicFiles.writeString(output, text);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        }
        if (chart != null) {
            Charts.write(chart, plot);
        }
    }
}
