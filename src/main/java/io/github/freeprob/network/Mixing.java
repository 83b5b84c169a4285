package io.github.freeprob.network;

import java.util.Locale;

/**
 * How the mixing steps of a {@link Mixer} act on the effective vector x = vec(X) ∈ ℝ^{SC} (X an S×C matrix, S tokens
 * as rows, C channels as columns, vec stacking columns: x_{(j−1)S+i} = X_ij). A token step is always
 * I_C ⊗ W (X ↦ WX, W an S×S weight). The kinds differ in the channel steps and in which prediction applies
 * ({@code docs/mixer.md}):
 */
public enum Mixing {

    /**
     * The MLP-Mixer: channel steps Vᵀ ⊗ I_S (X ↦ XV, V a C×C weight). Token and channel factors act on different
     * tensor legs and commute: with a linear activation JJᵀ = A ⊗ B and its law is the classical product of the two
     * legs' laws ({@link MixerSpectrum#tensorLaw()}), not the free one.
     */
    PLAIN("plain"),
    /**
     * The random-permuted mixer of Hayase and Karakida (2024): channel steps J₁(I_S ⊗ V)J₂ with J₁, J₂ independent
     * uniformly random N×N permutation matrices, fresh for every step. Predicted by the free product
     * ({@link MixerSpectrum#free()}).
     */
    PERMUTED("permuted"),
    /** The dense MLP of width N = SC with the same depth: every step an N×N weight. Predicted by the free product. */
    DENSE("dense");

    private final String label;

    Mixing(String label) {
        this.label = label;
    }

    /** @return the name as the CLI takes it */
    public String label() {
        return label;
    }

    /**
     * @param text plain, permuted or dense (any case)
     * @return the kind
     * @throws IllegalArgumentException for anything else
     */
    public static Mixing named(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "plain" -> PLAIN;
            case "permuted" -> PERMUTED;
            case "dense" -> DENSE;
            default -> throw new IllegalArgumentException("mixer must be plain, permuted or dense, but was '" + text
                    + "'");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
