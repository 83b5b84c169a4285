package io.github.freeprob.network;

import io.github.freeprob.numerics.Checks;

/**
 * The effective-width arithmetic of Hayase and Karakida (ICML 2024, §"effective width"; seed 000): an MLP-Mixer with
 * S tokens, C channels and expansion factor γ (hidden widths γS and γC) acts on vec(X) like an MLP of width m = SC
 * whose token-mixing weights have γCS² non-zero entries and channel-mixing weights γSC², so the average number of
 * non-zero weights per layer is
 * <pre>
 *   Ω = γ(CS² + SC²)/2.
 * </pre>
 * At fixed Ω and γ, S = (√(C² + 8Ω/(γC)) − C)/2 (the positive root of S² + CS − 2Ω/(γC) = 0), and the width m = SC
 * is largest at C* = S* = (Ω/γ)^{1/3}, where m = (Ω/γ)^{2/3}.
 */
public final class EffectiveWidth {

    private EffectiveWidth() {
    }

    /**
     * @return Ω = γ(CS² + SC²)/2
     * @throws IllegalArgumentException if S, C or γ is not positive
     */
    public static double connections(double tokens, double channels, double expansion) {
        Checks.positive("tokens S", tokens);
        Checks.positive("channels C", channels);
        Checks.positive("expansion gamma", expansion);
        return expansion * (channels * tokens * tokens + tokens * channels * channels) / 2;
    }

    /**
     * @return S with γ(CS² + SC²)/2 = Ω for the given C: (√(C² + 8Ω/(γC)) − C)/2, written as
     *         4Ω/(γC)/(√(C² + 8Ω/(γC)) + C) to avoid cancellation when C² ≫ Ω/(γC)
     * @throws IllegalArgumentException if Ω, C or γ is not positive
     */
    public static double tokensFor(double channels, double connections, double expansion) {
        Checks.positive("channels C", channels);
        Checks.positive("connections Omega", connections);
        Checks.positive("expansion gamma", expansion);
        double a = 2 * connections / (expansion * channels);
        return 2 * a / (Math.sqrt(channels * channels + 4 * a) + channels);
    }

    /** @return C* = S* = (Ω/γ)^{1/3}, the side that maximises m = SC at fixed Ω */
    public static double optimalSide(double connections, double expansion) {
        Checks.positive("connections Omega", connections);
        Checks.positive("expansion gamma", expansion);
        return Math.cbrt(connections / expansion);
    }

    /** @return the largest effective width at fixed Ω, (Ω/γ)^{2/3} */
    public static double maximalWidth(double connections, double expansion) {
        double side = optimalSide(connections, expansion);
        return side * side;
    }
}
