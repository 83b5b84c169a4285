package io.github.freeprob.cli;

import io.github.freeprob.numerics.ConvergenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code freeprob} command line: spectra of random matrices and deep networks by free probability.
 *
 * <p>Exit status: 0 on success ({@code validate}: every distance within its threshold; 3 when one is not), 2 for
 * bad input (an {@link IllegalArgumentException} or a picocli parameter error, with the option and value named), 1 for a numerical failure ({@link ConvergenceException}) or an I/O error. Files
 * are written only once everything is computed, and atomically.
 */
@Command(name = "freeprob", mixinStandardHelpOptions = true, version = "freeprob 0.1.0",
        description = "Spectra of large random matrices and of deep networks at initialisation, by free probability.",
        subcommands = {SpectrumCommand.class, ValidateCommand.class, MeanFieldCommand.class, ErgodicityCommand.class,
            DemoCommand.class, ExampleCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Freeprob implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Entry point; exits with the command's status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line (also used by the tests) */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Freeprob());
        line.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            String kind = exception instanceof ConvergenceException ? "numerical failure: " : "";
            commandLine.getErr().println("freeprob: " + kind + exception.getMessage());
            return exception instanceof IllegalArgumentException ? 2 : 1;
        });
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
