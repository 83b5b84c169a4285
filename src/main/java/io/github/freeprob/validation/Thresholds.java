package io.github.freeprob.validation;

import io.github.freeprob.numerics.Checks;

/**
 * The largest distances a sample of size N may show from its predicted law and still count as agreeing.
 *
 * @param levy                Lévy distance
 * @param relativeWasserstein W₁ / E_μ|X|
 * @param relativeMoment      each relative moment error, orders 1 … {@code moments}
 * @param relativeEdge        |λ_max − edge| / max(|edge|, E_μ|X|)
 * @param moments             K, the number of moments compared (≥ 1)
 */
public record Thresholds(double levy, double relativeWasserstein, double relativeMoment, double relativeEdge,
                         int moments) {

    /** @throws IllegalArgumentException if a threshold is not positive or K &lt; 1 */
    public Thresholds {
        Checks.positive("Levy threshold", levy);
        Checks.positive("relative Wasserstein threshold", relativeWasserstein);
        Checks.positive("relative moment threshold", relativeMoment);
        Checks.positive("relative edge threshold", relativeEdge);
        Checks.atLeast("moments K", moments, 1);
    }

    /** @return every threshold times the factor (a looser or tighter test, with the reason stated at the call) */
    public Thresholds scaled(double factor) {
        Checks.positive("threshold factor", factor);
        return new Thresholds(levy * factor, relativeWasserstein * factor, relativeMoment * factor,
                relativeEdge * factor, moments);
    }

    /** @return the same thresholds comparing another number of moments */
    public Thresholds withMoments(int k) {
        return new Thresholds(levy, relativeWasserstein, relativeMoment, relativeEdge, k);
    }
}
