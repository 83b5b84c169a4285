package io.github.freeprob.cli;

import io.github.freeprob.network.EffectiveWidth;
import io.github.freeprob.network.Mixer;
import io.github.freeprob.network.MixerSpectrum;
import io.github.freeprob.network.Mixing;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.Precision;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of {@code spectrum mixer} and {@code validate mixer}: the steps' mean field ({@link NetworkOptions},
 * without {@code --depth}), {@code --weights}, {@code --tokens}, {@code --channels}, {@code --blocks},
 * {@code --prediction} and the expansion factor of the effective-width arithmetic; and the prediction both report.
 */
final class MixerOptions {

    /** Largest S·C accepted: the sampled steps are dense N×N matrices (as {@link SamplingOptions#MAX_WIDTH}). */
    static final int MAX_WIDTH = SamplingOptions.MAX_WIDTH;

    /** Which law is predicted. */
    enum Prediction {
        /** The free product (dense MLP, random-permuted mixer). */
        FREE,
        /** The classical product of the two tensor legs (plain mixer, exact for a linear activation). */
        TENSOR;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Mixin
    NetworkOptions networkOptions;

    @Option(names = "--weights", required = true, converter = NetworkOptions.WeightsConverter.class,
            paramLabel = "orthogonal|gaussian",
            description = "token weights W (S x S) and channel weights V (C x C): sigma_w O (O Haar) or i.i.d."
                    + " N(0, sigma_w^2/S), N(0, sigma_w^2/C)")
    WeightDistribution weights;

    @Option(names = "--tokens", paramLabel = "S", required = true, description = "tokens S >= 1 (rows of X)")
    int tokens;

    @Option(names = "--channels", paramLabel = "C", required = true, description = "channels C >= 1 (columns of X)")
    int channels;

    @Option(names = "--blocks", paramLabel = "B", required = true,
            description = "mixer blocks B >= 1, each two token steps then two channel steps (L = 4B steps)")
    int blocks;

    @Option(names = "--expansion", paramLabel = "GAMMA", defaultValue = "1",
            description = "expansion factor gamma > 0 of the effective-width arithmetic Omega = gamma (C S^2 + S C^2)/2"
                    + " (reported only; the spectral model has square steps; default ${DEFAULT-VALUE})")
    double expansion;

    /**
     * @return the mixer, its steps started at q* unless --q1 was given
     * @throws IllegalArgumentException naming the option whose value is out of range
     */
    Mixer mixer() {
        if (networkOptions.depth != null) {
            throw new IllegalArgumentException("a mixer's depth is 4 * --blocks; --depth is not an option of the mixer"
                    + " (was " + networkOptions.depth + ")");
        }
        Checks.atLeast("--tokens", tokens, 1);
        Checks.atLeast("--channels", channels, 1);
        if ((long) tokens * channels > MAX_WIDTH) {
            throw new IllegalArgumentException("effective width --tokens * --channels must be at most " + MAX_WIDTH
                    + ", but was " + (long) tokens * channels);
        }
        Checks.positive("--expansion", expansion);
        int depth;
        try {
            depth = Mixer.depthOf(blocks);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--blocks: " + e.getMessage(), e);
        }
        networkOptions.depth = depth;
        try {
            Network network = networkOptions.network(weights);
            return Mixer.of(network, tokens, channels);
        } finally {
            networkOptions.depth = null;
        }
    }

    /** @return the mixer's shape and the effective-width arithmetic, as a JSON object */
    Map<String, Object> describe(Mixer mixer) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("tokens", mixer.tokens());
        map.put("channels", mixer.channels());
        map.put("blocks", mixer.blocks());
        map.put("steps", mixer.steps());
        map.put("effectiveWidth", mixer.effectiveWidth());
        double omega = EffectiveWidth.connections(mixer.tokens(), mixer.channels(), expansion);
        map.put("expansion", expansion);
        map.put("connectionsOmega", omega);
        map.put("optimalSide", EffectiveWidth.optimalSide(omega, expansion));
        map.put("maximalWidth", EffectiveWidth.maximalWidth(omega, expansion));
        return map;
    }

    /**
     * The report of a prediction, shared by {@code spectrum mixer} and {@code validate mixer}.
     *
     * @param prediction the law: free (dense MLP, permuted mixer) or tensor (plain mixer)
     */
    SpectrumReport predict(Mixer mixer, Prediction prediction, Grid grid, long start) {
        MixerSpectrum spectrum = MixerSpectrum.of(mixer);
        Mixing kind = prediction == Prediction.TENSOR ? Mixing.PLAIN : Mixing.PERMUTED;
        double[] exact = spectrum.exactMoments(kind, SpectrumReport.MOMENTS,
                Precision.ofDigits(SpectrumReport.EXACT_DIGITS)).toDoubleArray();
        String law = prediction == Prediction.TENSOR
                ? "eigenvalues of JJ^T, tensor (classical) product of the token and channel legs: " + mixer
                : "eigenvalues of JJ^T, free product (dense MLP of width S*C): " + mixer;
        SpectrumReport report = SpectrumReport.of(law, spectrum.spectrum(kind), exact, SpectrumReport.EXACT_SOURCE,
                NetworkSpectrumCommand.ROUTE, grid, start);
        report.extra.put("network", NetworkOptions.describe(mixer.network()));
        report.extra.put("meanField", NetworkOptions.meanFieldSummary(mixer.network()));
        report.extra.put("mixer", describe(mixer));
        report.extra.put("prediction", prediction.label());
        report.extra.put("lambdaMax", prediction == Prediction.TENSOR
                ? spectrum.tensorLambdaMax() : spectrum.free().lambdaMax());
        return report;
    }

    /** Parses --prediction. */
    static final class PredictionConverter implements ITypeConverter<Prediction> {
        @Override
        public Prediction convert(String value) {
            try {
                return Prediction.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--prediction must be free or tensor, but was '" + value + "'");
            }
        }
    }

    /** Parses --mixer. */
    static final class MixingConverter implements ITypeConverter<Mixing> {
        @Override
        public Mixing convert(String value) {
            try {
                return Mixing.named(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
