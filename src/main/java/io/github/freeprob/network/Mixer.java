package io.github.freeprob.network;

import io.github.freeprob.numerics.Checks;

/**
 * A stack of MLP-Mixer blocks seen as a wide sparse MLP on x = vec(X) ∈ ℝ^{SC} (Hayase and Karakida, "Understanding
 * MLP-Mixer as a wide and sparse MLP", ICML 2024), at initialisation; {@code docs/mixer.md} states the model.
 *
 * <p>Each of the B blocks is a token MLP followed by a channel MLP, each of two square mixing steps, so the stack has
 * L = 4B steps; step ℓ is a token step when ℓ mod 4 is 1 or 2 and a channel step when it is 3 or 0. Every step is
 * h_ℓ = M_ℓ x_{ℓ−1} + b_ℓ, x_ℓ = φ(h_ℓ), with D_ℓ = diag(φ′(h_ℓ)); the Jacobian is J = D_L M_L ⋯ D_1 M_1. A token step
 * is M = I_C ⊗ W with W an S×S weight, a channel step Vᵀ ⊗ I_S (plain) or J₁(I_S ⊗ V)J₂ (permuted) with V a C×C
 * weight; weights are σ_w O (O Haar) or have i.i.d. N(0, σ_w²/S) (W) and N(0, σ_w²/C) (V) entries, so that every step
 * has the mean field of a dense layer of width N = SC: the q^ℓ and ν_ℓ of {@link #network()}.
 *
 * <p>Immutable.
 */
public final class Mixer {

    /** Steps per block: two token steps, then two channel steps. */
    public static final int STEPS_PER_BLOCK = 4;

    private final Network network;
    private final int tokens;
    private final int channels;

    private Mixer(Network network, int tokens, int channels) {
        this.network = network;
        this.tokens = tokens;
        this.channels = channels;
    }

    /**
     * @param network  the mean field and weights of every step: φ, the weight ensemble, σ_w², σ_b², q¹, and the depth
     *                 L = 4B (a multiple of {@value #STEPS_PER_BLOCK})
     * @param tokens   S ≥ 1
     * @param channels C ≥ 1
     * @return the mixer
     * @throws IllegalArgumentException if L is not a multiple of 4, or S or C is below 1, or SC overflows an int
     */
    public static Mixer of(Network network, int tokens, int channels) {
        if (network.depth() % STEPS_PER_BLOCK != 0) {
            throw new IllegalArgumentException("a mixer has L = 4B steps (B blocks of two token and two channel"
                    + " steps), but the depth was " + network.depth());
        }
        Checks.atLeast("tokens S", tokens, 1);
        Checks.atLeast("channels C", channels, 1);
        if ((long) tokens * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("effective width S*C = " + (long) tokens * channels + " is too large");
        }
        return new Mixer(network, tokens, channels);
    }

    /**
     * @param blocks B, 1 … {@link Network#MAX_DEPTH}/4
     * @return the depth L = 4B of a stack of B blocks
     * @throws IllegalArgumentException if B is out of range
     */
    public static int depthOf(int blocks) {
        if (blocks < 1 || blocks > Network.MAX_DEPTH / STEPS_PER_BLOCK) {
            throw new IllegalArgumentException("blocks B must be in [1, " + Network.MAX_DEPTH / STEPS_PER_BLOCK
                    + "], but was " + blocks);
        }
        return STEPS_PER_BLOCK * blocks;
    }

    /** @return the dense MLP of width N = SC and depth L with the same steps' mean field (the free prediction's) */
    public Network network() {
        return network;
    }

    /** @return S */
    public int tokens() {
        return tokens;
    }

    /** @return C */
    public int channels() {
        return channels;
    }

    /** @return B */
    public int blocks() {
        return network.depth() / STEPS_PER_BLOCK;
    }

    /** @return L = 4B */
    public int steps() {
        return network.depth();
    }

    /** @return the effective width N = SC */
    public int effectiveWidth() {
        return tokens * channels;
    }

    /**
     * @param step ℓ, 1 … L
     * @return whether step ℓ mixes tokens (I_C ⊗ W) rather than channels
     */
    public boolean isTokenStep(int step) {
        if (step < 1 || step > steps()) {
            throw new IllegalArgumentException("step must be in [1, " + steps() + "], but was " + step);
        }
        return (step - 1) % STEPS_PER_BLOCK < 2;
    }

    @Override
    public String toString() {
        return "mixer(S = " + tokens + ", C = " + channels + ", B = " + blocks() + ", steps " + network + ")";
    }
}
