package io.github.freeprob.network;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.ChebyshevMeasure;
import io.github.freeprob.measure.DensityPiece;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.GaussRule;
import io.github.freeprob.precision.JacobiMatrix;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * The two predictions for the spectrum of JJᵀ of a {@link Mixer} ({@code docs/mixer.md}).
 *
 * <p><b>Free</b> ({@link #free()}): μ_free = ⊠_{ℓ=1..L} a_ℓ, a_ℓ = (σ_w²·)_*ν_ℓ [⊠ mp(1) for Gaussian weights], the
 * Jacobian law of the dense MLP of width SC and depth L = 4B ({@link JacobianSpectrum} of {@link Mixer#network()}):
 * M_ℓM_ℓᵀ has the law of WWᵀ (or VVᵀ) for every kind of step, so only freeness between the steps and the D's is
 * assumed. It predicts the dense MLP (Hayase and Collins 2023) and the random-permuted mixer, whose uniform
 * permutations put the token and channel blocks in general position.
 *
 * <p><b>Tensor</b> ({@link #tensorLaw()}): the plain mixer's token steps act on one tensor leg and its channel steps on
 * the other, so with a linear activation J = (V_L ⋯)ᵀ ⊗ (⋯ W_1) and JJᵀ = A ⊗ B: its eigenvalues are the products
 * of the eigenvalues of the two legs, each leg a free product of its own 2B steps. The prediction is the law of XY for
 * <em>independent</em> X ~ μ_token = ⊠_{token steps} a_ℓ and Y ~ μ_channel = ⊠_{channel steps} a_ℓ, a classical
 * (commutative) product with m_n = m_n(X)·m_n(Y). It is exact for a linear activation; with a nonlinear φ the D's
 * vary along both legs at once and neither law is exact for the plain mixer (docs/mixer.md has the measured
 * distances).
 *
 * <p>Numerically, Y is discretised by a Gauss rule of {@value #NODES} nodes from its exact moments (after removing
 * its atom at 0), so the tensor law is the mixture p₀δ₀ + (1 − p₀)Σ_k w_k (y_k·)_*X of scaled copies of X's compact
 * law: its moments m_1 … m_{2·NODES−1} are exactly those of XY up to the compaction of X (checked against the exact
 * engine by the tests), its CDF is the Gauss approximation of E F_X(t/Y).
 */
public final class MixerSpectrum {

    /** Gauss nodes discretising the channel leg in the tensor law. */
    public static final int NODES = 24;
    /** Working precision (decimal digits) of the leg's moments and its Gauss rule. */
    static final int RULE_DIGITS = 160;

    private final Mixer mixer;
    private volatile JacobianSpectrum free;
    private volatile JacobianSpectrum leg;
    private volatile Measure tensor;
    private volatile Spectrum tensorSpectrum;

    private MixerSpectrum(Mixer mixer) {
        this.mixer = mixer;
    }

    /**
     * @param mixer the mixer
     * @return its predictions, each computed on first use
     */
    public static MixerSpectrum of(Mixer mixer) {
        return new MixerSpectrum(mixer);
    }

    /** @return the mixer */
    public Mixer mixer() {
        return mixer;
    }

    /** @return the free prediction: the Jacobian spectrum of the dense MLP of width SC and depth L */
    public JacobianSpectrum free() {
        JacobianSpectrum known = free;
        if (known == null) {
            known = JacobianSpectrum.of(mixer.network());
            free = known;
        }
        return known;
    }

    /**
     * The law of one tensor leg, a free product of 2B step factors. The token and channel legs have the same law
     * when every step has the same a_ℓ, which this requires.
     *
     * @return the leg's spectrum (a depth-2B Jacobian spectrum)
     * @throws IllegalArgumentException if the pre-activation variances q^ℓ differ between steps (a network started
     *                                  away from q* with a non-homogeneous activation)
     */
    public JacobianSpectrum leg() {
        JacobianSpectrum known = leg;
        if (known == null) {
            Network network = mixer.network();
            boolean constant = network.activation().isHomogeneous() || network.startsAtFixedPoint();
            if (!constant) {
                throw new IllegalArgumentException("the tensor prediction needs the same layer law in every step: start"
                        + " the network at its fixed point q* or use a homogeneous activation, but got " + network);
            }
            known = JacobianSpectrum.of(network.withDepth(2 * mixer.blocks()));
            leg = known;
        }
        return known;
    }

    /** @return the tensor prediction, the law of XY with X, Y independent copies of {@link #leg()}'s law */
    public Measure tensorLaw() {
        Measure known = tensor;
        if (known == null) {
            known = buildTensorLaw();
            tensor = known;
        }
        return known;
    }

    /**
     * The largest eigenvalue of the tensor prediction: λ_max(leg)², since XY with X, Y ≥ 0 independent reaches the
     * product of their upper edges. The {@value #NODES}-node mixture of {@link #tensorLaw()} ends lower, at the largest
     * Gauss node times λ_max(leg) (linear Gaussian, one block: 45.37 against (27/4)² = 45.5625), so its inverted
     * support is not the place to read λ_max from.
     *
     * @return λ_max of the tensor law
     */
    public double tensorLambdaMax() {
        double edge = leg().lambdaMax();
        return edge * edge;
    }

    /** @return the Stieltjes inversion of {@link #tensorLaw()} (computed on first use) */
    public Spectrum tensorSpectrum() {
        Spectrum known = tensorSpectrum;
        if (known == null) {
            known = StieltjesInversion.invert(tensorLaw());
            tensorSpectrum = known;
        }
        return known;
    }

    /**
     * The density of the tensor law by direct quadrature, ρ_XY(t) = Σ_{atoms y &gt; 0 of Y} p_y ρ_X(t/y)/y
     * + ∫ ρ_X(t/y)/y ρ_Y(y) dy, with X's and Y's compact laws and the Gauss rules of Y's density pieces
     * ({@link DensityPiece#integrate}). It is free of the kinks that the {@value #NODES}-node
     * discretisation of {@link #tensorLaw()} shows at the scaled edges y_k·b_X (whose CDF and moments are nevertheless
     * accurate), and is what pictures should draw.
     *
     * @param ts points t &gt; 0 (0 or below gives 0: the atom at 0 is not a density)
     * @return ρ_XY at each point
     */
    public double[] tensorDensity(double[] ts) {
        JacobianSpectrum side = leg();
        ChebyshevMeasure x = side.spectrum().compact();
        double[] rho = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            double t = ts[i];
            if (!(t > 0)) {
                continue;
            }
            double sum = 0;
            for (Atom atom : x.atoms()) {
                double y = atom.location();
                if (y > 0) {
                    sum += atom.mass() * x.density(t / y) / y;
                }
            }
            for (DensityPiece piece : x.pieces()) {
                sum += piece.integrate(y -> y > 0 ? x.density(t / y) / y : 0);
            }
            rho[i] = sum;
        }
        return rho;
    }

    /**
     * @param mixing the kind of mixer
     * @return the spectrum predicted for it: the tensor law for {@link Mixing#PLAIN}, the free law otherwise
     */
    public Spectrum spectrum(Mixing mixing) {
        return mixing == Mixing.PLAIN ? tensorSpectrum() : free().spectrum();
    }

    /**
     * @param mixing    the kind of mixer
     * @param n         highest order
     * @param precision working precision
     * @return the exact moments m_0 … m_n of the law predicted for it: the free product's, or m_n(X)² for the tensor
     *         law
     */
    public MomentSequence exactMoments(Mixing mixing, int n, Precision precision) {
        if (mixing != Mixing.PLAIN) {
            return free().exactMoments(n, precision);
        }
        MomentSequence x = leg().exactMoments(n, precision);
        BigFloat[] m = new BigFloat[n + 1];
        for (int k = 0; k <= n; k++) {
            m[k] = x.get(k).multiply(x.get(k));
        }
        m[0] = precision.one();
        return MomentSequence.of(m, precision);
    }

    private Measure buildTensorLaw() {
        JacobianSpectrum side = leg();
        Measure x = side.spectrum().compact();
        List<Atom> atoms = side.atoms();
        if (atoms.size() == 1 && atoms.get(0).mass() == 1) {
            return Laws.scale(x, atoms.get(0).location());
        }
        double p0 = 0;
        for (Atom atom : atoms) {
            if (atom.location() == 0) {
                p0 = atom.mass();
            }
        }
        Precision precision = Precision.ofDigits(RULE_DIGITS);
        MomentSequence y = side.exactMoments(2 * NODES, precision);
        BigFloat[] rest = new BigFloat[2 * NODES + 1];
        BigFloat scale = precision.of(1 - p0);
        rest[0] = precision.one();
        for (int k = 1; k <= 2 * NODES; k++) {
            rest[k] = y.get(k).divide(scale);
        }
        GaussRule rule = JacobiMatrix.fromMoments(MomentSequence.of(rest, precision)).gaussRule();
        double[] nodes = rule.nodesAsDoubles();
        double[] weights = rule.weightsAsDoubles();
        List<Measure> components = new ArrayList<>();
        List<Double> masses = new ArrayList<>();
        if (p0 > 0) {
            components.add(Laws.dirac(0));
            masses.add(p0);
        }
        for (int k = 0; k < nodes.length; k++) {
            if (weights[k] > 0 && nodes[k] > 0) {
                components.add(Laws.scale(x, nodes[k]));
                masses.add((1 - p0) * weights[k]);
            }
        }
        double total = 0;
        for (double m : masses) {
            total += m;
        }
        double[] w = new double[masses.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = masses.get(k) / total;
        }
        return Laws.mixture(w, components);
    }
}
