package io.github.freeprob.cli;

import io.github.freeprob.network.Mixer;
import io.github.freeprob.network.Mixing;
import io.github.freeprob.sampling.SampledMixer;
import io.github.freeprob.validation.FiniteSizeRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob validate mixer}: a mixer's predicted Jacobian spectrum against sampled plain, random-permuted or
 * dense mixers of effective width N = SC, under {@link FiniteSizeRule#MIXER} at the pooled count S·N.
 */
@Command(name = "mixer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the spectrum of JJ^T of B MLP-Mixer blocks against sampled mixers of effective width"
                + " N = S*C (--width, if given, must equal S*C).",
            "--mixer plain (channel steps V^T (x) I_S), permuted (J1 (I_S (x) V) J2, uniform permutations) or dense"
                    + " (an N x N MLP); --prediction defaults to tensor for plain and free otherwise.",
            "Exit status: 0 all within thresholds, 3 a threshold exceeded, 2 bad input, 1 numerical failure."},
        footer = {"", "Example: freeprob validate mixer --activation relu --weights gaussian --sigma-w2 2 --sigma-b2 0"
                + " --q1 1 --tokens 16 --channels 16 --blocks 1 --mixer permuted --samples 4 --plot permuted.png",
            "         (--mixer plain --prediction free shows the free law failing for the plain mixer: exit 3)"})
final class ValidateMixerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    MixerOptions mixerOptions;

    @Option(names = "--mixer", required = true, converter = MixerOptions.MixingConverter.class,
            paramLabel = "plain|permuted|dense", description = "the sampled mixer")
    Mixing mixing;

    @Option(names = "--prediction", converter = MixerOptions.PredictionConverter.class, paramLabel = "free|tensor",
            description = "the law compared with (default: tensor for --mixer plain, free otherwise)")
    MixerOptions.Prediction prediction;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    GridOptions grid;

    @Mixin
    OutputOptions outputOptions;

    @Override
    public Integer call() {
        Mixer mixer = mixerOptions.mixer();
        int n = mixer.effectiveWidth();
        if (sampling.width != null && sampling.width != n) {
            throw new IllegalArgumentException("--width must equal --tokens * --channels = " + n + " for a mixer, but"
                    + " was " + sampling.width);
        }
        sampling.width = n;
        sampling.check();
        grid.check();
        MixerOptions.Prediction law = prediction != null ? prediction
                : mixing == Mixing.PLAIN ? MixerOptions.Prediction.TENSOR : MixerOptions.Prediction.FREE;
        long start = System.nanoTime();
        SpectrumReport report = mixerOptions.predict(mixer, law, grid.grid().geometric(sampling.logX), start);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("network", report.extra.get("network"));
        context.put("meanField", report.extra.get("meanField"));
        context.put("mixer", report.extra.get("mixer"));
        context.put("sampledMixer", mixing.label());
        context.put("predictedLaw", law.label());
        Validation validation = new Validation(report.name, "JJ^T of sampled " + mixing.label() + " mixers"
                + " (SampledMixer, docs/mixer.md)", context, report, sampling, "mixer", FiniteSizeRule.MIXER,
                Validation.Scope.POOLED, false);
        return validation.run(spec, random -> SampledMixer.sample(mixer, mixing, random).jacobianEigenvalues(),
                outputOptions.format, outputOptions.output, grid.plot, start);
    }
}
