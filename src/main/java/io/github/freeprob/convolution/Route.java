package io.github.freeprob.convolution;

/** The three independent ways freeprob computes a free convolution; tests compare them. */
public enum Route {
    /**
     * Subordination fixed points (the default): Denjoy–Wolff points of analytic self-maps of the upper half-plane,
     * by iteration and Newton's method with continuation to the real axis. Robust; gives boundary values, hence
     * densities.
     */
    SUBORDINATION,
    /**
     * The R- and S-transform route of the literature: G_{μ⊞ν} = (R_μ + R_ν + 1/w)⁻¹ and ψ_{μ⊠ν}⁻¹ = χ_μ χ_ν (1 + w)/w,
     * each transform obtained by numerical inversion. Valid where the inverses exist (large |z|, and continued toward
     * the axis); may fail near the support.
     */
    TRANSFORM,
    /**
     * The exact moment engine: moments in arbitrary precision, and G off the real axis from the continued fraction of
     * their Jacobi matrix (the Gauss rule). No density: a discrete approximation whose G converges only away from the
     * support.
     */
    MOMENTS
}
