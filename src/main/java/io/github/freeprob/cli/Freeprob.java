package io.github.freeprob.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code freeprob} command line: spectra of random matrices and deep networks by free probability.
 */
@Command(name = "freeprob", mixinStandardHelpOptions = true, version = "freeprob 0.1.0",
        description = "Spectra of large random matrices and of deep networks at initialisation, by free probability.",
        subcommands = {SpectrumCommand.class, MeanFieldCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
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
            commandLine.getErr().println("freeprob: " + exception.getMessage());
            return exception instanceof IllegalArgumentException ? 2 : 1;
        });
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
