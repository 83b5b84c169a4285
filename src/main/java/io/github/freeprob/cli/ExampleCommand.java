package io.github.freeprob.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob example}: reproductions of figures from the literature, each writing its pictures and the CSV
 * behind them to a folder (see {@code examples/README.md}).
 */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Reproduce figures from papers: pictures (PNG) and the CSV behind each.",
        subcommands = {DynamicalIsometryExample.class, SpectralUniversalityExample.class, NtkExample.class,
            GalleryExample.class, SpectralErgodicityExample.class, ConjugateKernelExample.class, MixerExample.class})
final class ExampleCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
