package io.github.freeprob.cli;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.sampling.SpectralErgodicity;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of {@code freeprob ergodicity}: matrix size, ensemble size, mixing coefficient, bins, the shift of the
 * symmetric KL sum, the seed and the picture.
 */
final class ErgodicityOptions {

    @Option(names = "--width", paramLabel = "N", description = "matrix size N (network width), 2 <= N <= "
            + SamplingOptions.MAX_WIDTH + " (required)")
    Integer width;

    /** Ensemble size when --members is not given. */
    static final int DEFAULT_MEMBERS = 20;

    @Option(names = "--members", paramLabel = "M",
            description = "ensemble size M >= 2: independent matrices drawn (default " + DEFAULT_MEMBERS + ")")
    private Integer membersOption;

    @Option(names = "--mixing", paramLabel = "P",
            description = "mixing coefficient p in (0, 1]: member sizes ~ Binomial(N, p), spectra extended"
                    + " periodically to N (default 1: every member of size N)")
    private Double mixingOption;

    /** M, after {@link #check}. */
    int members;
    /** p, after {@link #check}. */
    double mixing;

    @Option(names = "--bins", paramLabel = "B", defaultValue = "" + SpectralErgodicity.DEFAULT_BINS,
            description = "equal-width bins spanning the pooled eigenvalues (default ${DEFAULT-VALUE})")
    int bins;

    @Option(names = "--shift", paramLabel = "EPS", defaultValue = "" + SpectralErgodicity.DEFAULT_SHIFT,
            description = "shift eps >= 0 inside the logarithms of the symmetric KL sum (default ${DEFAULT-VALUE})")
    double shift;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "" + SamplingOptions.DEFAULT_SEED,
            description = "seed >= 0 of the random generator, SplittableRandom(K) (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--plot", paramLabel = "FILE", description = "write a picture (.png or .svg)")
    Path plot;

    /**
     * Checks the options and sets {@link #members} and {@link #mixing}.
     *
     * @param ensemble whether the command draws an ensemble (else --members and --mixing are refused: cpse samples
     *                 one network and its layers are the members)
     * @throws IllegalArgumentException naming the option whose value is out of range
     */
    void check(boolean ensemble) {
        if (!ensemble && (membersOption != null || mixingOption != null)) {
            throw new IllegalArgumentException("--members and --mixing do not apply here: the layers of one sampled"
                    + " network are the ensemble");
        }
        members = membersOption == null ? DEFAULT_MEMBERS : membersOption;
        mixing = mixingOption == null ? 1 : mixingOption;
        int n = NetworkOptions.require("--width", width);
        if (n < 2 || n > SamplingOptions.MAX_WIDTH) {
            throw new IllegalArgumentException("--width must be in [2, " + SamplingOptions.MAX_WIDTH + "], but was "
                    + n);
        }
        Checks.atLeast("--members", members, 2);
        if (!(mixing > 0 && mixing <= 1)) {
            throw new IllegalArgumentException("--mixing must be in (0, 1], but was " + Checks.format(mixing));
        }
        Checks.atLeast("--bins", bins, 1);
        Checks.nonNegative("--shift", shift);
        if (seed < 0) {
            throw new IllegalArgumentException("--seed must be >= 0, but was " + seed);
        }
        if (plot != null) {
            Charts.checkExtension(plot);
        }
    }
}
