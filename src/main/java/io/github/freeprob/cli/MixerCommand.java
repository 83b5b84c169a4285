package io.github.freeprob.cli;

import io.github.freeprob.network.Mixer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob spectrum mixer}: the predicted law of the eigenvalues of JJᵀ for a stack of MLP-Mixer blocks seen as
 * a wide sparse MLP of width SC (docs/mixer.md): the free product (random-permuted mixer, dense MLP) or the tensor
 * product of the two legs (plain mixer).
 */
@Command(name = "mixer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The spectrum of JJ^T for B MLP-Mixer blocks on vec(X), X an S x C matrix (Hayase and Karakida,"
                + " ICML 2024): each block two token steps I_C (x) W and two channel steps, every step followed by phi.",
            "--prediction free: the free product of the steps' laws, the law of the dense MLP of width S*C and of the"
                    + " random-permuted mixer; tensor: the law of XY for independent X, Y from the token and channel"
                    + " legs, the plain mixer's law (exact for a linear activation).",
            "Without --q1 the steps start at their mean-field fixed point q*."},
        footer = {"", "Example: freeprob spectrum mixer --activation relu --weights gaussian --sigma-w2 2 --sigma-b2 0"
                + " --q1 1 --tokens 16 --channels 16 --blocks 1 --prediction tensor --format json"})
final class MixerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    MixerOptions mixerOptions;

    @Option(names = "--prediction", defaultValue = "free", converter = MixerOptions.PredictionConverter.class,
            paramLabel = "free|tensor", description = "free (default) or tensor")
    MixerOptions.Prediction prediction;

    @Mixin
    GridOptions grid;

    @Mixin
    LogAxisOption axis;

    @Mixin
    OutputOptions outputOptions;

    @Override
    public Integer call() {
        grid.check();
        Mixer mixer = mixerOptions.mixer();
        long start = System.nanoTime();
        SpectrumReport report = mixerOptions.predict(mixer, prediction, grid.grid().geometric(axis.logX), start);
        Outputs.emit(spec, report, outputOptions.format, outputOptions.output, grid.plot, report.name);
        return 0;
    }
}
