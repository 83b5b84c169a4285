package io.github.freeprob.network;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import java.util.Locale;

/**
 * How the weight matrices are drawn: W = σ_w O with O Haar-orthogonal, or i.i.d. N(0, σ_w²/N) entries. In the limit
 * law of a layer's contribution to JJᵀ (and to the NTK) the Gaussian ensemble adds a free factor mp(1), the limit law
 * of WᵀW/σ_w²; its S-transform 1/(1 + w) makes s₁ = −1 in the variance formula of Pennington, Schoenholz and Ganguli
 * (2017), against s₁ = 0 for orthogonal weights.
 */
public enum WeightDistribution {

    /** W = σ_w O, O Haar-distributed. */
    ORTHOGONAL("orthogonal", 0),
    /** (W)_{ij} ~ N(0, σ_w²/N) i.i.d. */
    GAUSSIAN("gaussian", -1);

    private final String label;
    private final int s1;

    WeightDistribution(String label, int s1) {
        this.label = label;
        this.s1 = s1;
    }

    /** @return the name as the CLI takes it */
    public String label() {
        return label;
    }

    /** @return s₁, the first coefficient of the S-transform of WᵀW/σ_w² expanded about 0 (0 or −1) */
    public int s1() {
        return s1;
    }

    /**
     * @param law a law on [0, ∞)
     * @return the law itself (orthogonal) or law ⊠ mp(1) (Gaussian)
     */
    public Measure withWeights(Measure law) {
        return this == ORTHOGONAL ? law : FreeConvolution.multiplicative(law, Laws.marchenkoPastur(1));
    }

    /**
     * @param text orthogonal or gaussian (any case)
     * @return the distribution
     * @throws IllegalArgumentException for anything else
     */
    public static WeightDistribution named(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "orthogonal" -> ORTHOGONAL;
            case "gaussian" -> GAUSSIAN;
            default -> throw new IllegalArgumentException("weights must be orthogonal or gaussian, but was '" + text
                    + "'");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
