package io.github.freeprob.network;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Support;
import java.util.Arrays;
import java.util.List;

/**
 * What the NTK recursion reports about one layer's law μ_ℓ (see {@link NtkSpectrum}): its support, atoms, extreme
 * eigenvalues and first moments, and how far those moments are from the exact moment engine's: the stated accuracy
 * of this layer, which includes everything the earlier layers' compactions left behind.
 *
 * @param layer            ℓ, from 1
 * @param variance         q^ℓ, the pre-activation variance of the layer (μ_ℓ ≥ q^ℓ: Θ_ℓ = q^ℓ I + a positive part)
 * @param support          the support of the continuous part
 * @param atoms            the atoms, with their masses
 * @param lambdaMax        the largest eigenvalue: the right end of the support or the largest atom
 * @param lambdaMin        the smallest eigenvalue: the left end of the support or the smallest atom (> 0 since
 *                         Θ_ℓ ≥ q^ℓ I)
 * @param momentError      the largest relative error of m_1 … m_k of the numerical law against the exact engine
 */
public record NtkLayer(int layer, double variance, Support support, List<Atom> atoms, double lambdaMax,
                       double lambdaMin, double[] moments, double momentError) {

    /** Copies the atoms and moments. */
    public NtkLayer {
        atoms = List.copyOf(atoms);
        moments = moments.clone();
    }

    /** @return m_0 … m_k of the numerical law (a copy) */
    @Override
    public double[] moments() {
        return moments.clone();
    }

    /** @return λ_max/λ_min, the condition number of Θ_ℓ in the limit */
    public double conditionNumber() {
        return lambdaMax / lambdaMin;
    }

    /**
     * The largest stable learning rate of gradient descent on the squared loss ½‖f − y‖² linearised around
     * initialisation: f_{t+1} − y = (I − ηΘ)(f_t − y) contracts every eigendirection iff |1 − ηλ| < 1 for all
     * eigenvalues λ, that is η < 2/λ_max. (With the loss averaged over the n outputs, ½n⁻¹‖f − y‖², the bound is
     * 2n/λ_max; the seed's η < 1/λ_max is the bound for monotone, non-oscillating convergence.)
     *
     * @return 2/λ_max
     */
    public double learningRateBound() {
        return 2 / lambdaMax;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NtkLayer that && layer == that.layer && variance == that.variance
                && support.equals(that.support) && atoms.equals(that.atoms) && lambdaMax == that.lambdaMax
                && lambdaMin == that.lambdaMin && Arrays.equals(moments, that.moments)
                && momentError == that.momentError;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(moments) + Double.hashCode(lambdaMax) + layer;
    }

    @Override
    public String toString() {
        return "NtkLayer[layer=" + layer + ", q=" + variance + ", support=" + support + ", atoms=" + atoms
                + ", lambdaMax=" + lambdaMax + ", lambdaMin=" + lambdaMin + ", momentError=" + momentError + "]";
    }
}
