package io.github.freeprob.validation;

import io.github.freeprob.numerics.Checks;

/**
 * Thresholds as functions of N, one {@link Scaling} per distance. The two presets were measured as
 * {@code docs/validation.md} describes: for each family, the distances of several seeds at N = 250, 500, 1000 were
 * fitted to c·N^(−p) with the exponent fixed by theory, and the threshold constant is about three times the largest
 * measured c, so that a correct prediction fails with negligible probability while an error of a few percent in a
 * law (a wrong parameter, a missing atom) is caught at N ≥ 250.
 *
 * @param levy                the Lévy threshold
 * @param relativeWasserstein the relative W₁ threshold
 * @param relativeMoment      the relative moment threshold
 * @param relativeEdge        the relative edge threshold
 * @param moments             K, the number of moments compared
 */
public record FiniteSizeRule(Scaling levy, Scaling relativeWasserstein, Scaling relativeMoment, Scaling relativeEdge,
                             int moments) {

    /**
     * Matrix ensembles: GOE, Wishart, and O diag(x) Oᵀ sums and products with deterministic quantile spectra x.
     * Their linear statistics fluctuate by O(1/N) (no √N: eigenvalue repulsion) and the edge by O(N^(−2/3)).
     */
    public static final FiniteSizeRule ENSEMBLE = new FiniteSizeRule(new Scaling(9, 1), new Scaling(16, 1),
            new Scaling(60, 1), new Scaling(6, 2.0 / 3), 4);

    /**
     * Networks at initialisation (JJᵀ and the NTK). Their D_ℓ are built from N Gaussian-like pre-activations, so the
     * empirical ν_ℓ (e.g. the fraction of active ReLUs) and q^ℓ fluctuate by O(N^(−1/2)), and so do all distances.
     */
    public static final FiniteSizeRule NETWORK = new FiniteSizeRule(new Scaling(8, 0.5), new Scaling(4, 0.5),
            new Scaling(6, 0.5), new Scaling(6, 0.5), 4);

    /** @throws IllegalArgumentException if K &lt; 1 */
    public FiniteSizeRule {
        Checks.atLeast("moments K", moments, 1);
    }

    /** @return the thresholds at size N */
    public Thresholds at(int n) {
        return new Thresholds(levy.at(n), relativeWasserstein.at(n), relativeMoment.at(n), relativeEdge.at(n),
                moments);
    }
}
