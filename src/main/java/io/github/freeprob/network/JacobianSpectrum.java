package io.github.freeprob.network;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.GridEvaluation;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.complex.Complex;

/**
 * The limit spectrum of JJᵀ for the input–output Jacobian J = D_L W_L ⋯ D_1 W_1 of a {@link Network}: the free
 * product μ_J = ⊠_ℓ (σ_w²·)_*ν_ℓ, with mp(1) ⊠ in every layer for Gaussian weights (Pennington, Schoenholz and
 * Ganguli, "Resurrecting the sigmoid in deep learning through dynamical isometry", 2017).
 *
 * <p><b>Depth.</b> Layers whose pre-activation variance has settled at q* (to {@value #SETTLED} relative) share one
 * law, and enter as a free multiplicative power of it: the cost of those layers does not depend on how many there are
 * (L = 10⁴ costs what L = 10 does). Earlier layers (q¹ ≠ q*, while q^ℓ approaches q*) are multiplied in one at a
 * time, each product compacted into a {@link io.github.freeprob.measure.ChebyshevMeasure} by Stieltjes inversion (with
 * Gaussian weights the transient's factors mp(1) are gathered into one free power, multiplied in after the layers' ν),
 * so their cost grows with the length of that transient, not with L; the power of the settled layers is compacted too
 * before it multiplies them.
 * Homogeneous activations (linear, relu, leaky_relu) have the same ν at every variance: their Jacobian is always a
 * single power.
 *
 * <p><b>Exact moments.</b> {@link #exactMoments} multiplies the moment sequences of all L layers, each at its own q^ℓ
 * (runs of equal q^ℓ as one free power), in the arbitrary-precision moment engine: an independent check of the
 * numerical law, including the treatment of settled layers.
 */
public final class JacobianSpectrum {

    /** Layers with |q^ℓ − q*| ≤ this·q* (and all later ones) are taken at q*. */
    public static final double SETTLED = 1e-12;

    private final Network network;
    private final Measure law;
    private final int transientLayers;
    private final double largestNeglected;
    private volatile Spectrum spectrum;

    private JacobianSpectrum(Network network, Measure law, int transientLayers, double largestNeglected) {
        this.network = network;
        this.law = law;
        this.transientLayers = transientLayers;
        this.largestNeglected = largestNeglected;
    }

    /**
     * @param network the network
     * @return its Jacobian spectrum
     * @throws IllegalArgumentException if the network has no fixed point to start from, or its spectrum overflows
     */
    public static JacobianSpectrum of(Network network) {
        double[] q = network.variances();
        int depth = q.length;
        Activation activation = network.activation();
        int transientEnd;
        double settled;
        if (activation.isHomogeneous() || network.startsAtFixedPoint()) {
            transientEnd = 0;
            settled = q[0];
        } else {
            settled = settledVariance(network);
            transientEnd = Double.isNaN(settled) ? depth : transientEnd(q, settled);
        }
        double neglected = 0;
        for (int l = transientEnd; l < depth; l++) {
            neglected = Math.max(neglected, Math.abs(q[l] - settled) / settled);
        }
        Measure product = null;
        for (int l = 0; l < transientEnd; l++) {
            Measure factor = network.derivativeFactor(q[l]);
            product = product == null ? factor : compact(FreeConvolution.multiplicative(product, factor));
        }
        if (network.weights() == WeightDistribution.GAUSSIAN && transientEnd > 0) {
            // The transient's T factors mp(1) are gathered into one power: the factors of a free product of free
            // elements commute in law, so ⊠_{ℓ≤T} (σ_w²ν_ℓ ⊠ mp(1)) = (⊠_{ℓ≤T} σ_w²ν_ℓ) ⊠ mp(1)^{⊠T}, and the transient
            // multiplies the layers' ν as for orthogonal weights instead of compacting each σ_w²ν_ℓ ⊠ mp(1) first (tanh
            // from q¹ = 0.6, L = 1000: 146 s instead of 1438 s). The settled layers keep their mp(1) inside their power:
            // gathered into mp(1)^{⊠L} at L = 10⁴, most of the mass lies below the double range, and the last product
            // failed to invert.
            Measure weights = transientEnd == 1 ? Laws.marchenkoPastur(1)
                    : compact(FreeConvolution.multiplicativePower(Laws.marchenkoPastur(1), transientEnd));
            Measure layers = transientEnd == 1 ? compact(product) : product;
            product = compact(FreeConvolution.multiplicative(layers, weights));
        }
        int rest = depth - transientEnd;
        if (rest > 0) {
            Measure power = FreeConvolution.multiplicativePower(layer(network, settled), rest);
            // After a transient the power is compacted before it is multiplied in: every evaluation of an uncompacted
            // power solves its own equation inside the product's subordination (tanh from q¹ = 0.6: a compacted layer
            // times the power of 9 settled layers took 38 s to invert, 1.6 s + 1.6 s compacted; with the power of 999
            // it did not finish in 5 minutes, and the 76-layer transient times it threw at the upper edge).
            product = product == null ? power : FreeConvolution.multiplicative(product, compact(power));
        }
        return new JacobianSpectrum(network, product, transientEnd, neglected);
    }

    /**
     * The layer law at variance q, compacted first for Gaussian weights, so that powers and products of it are one
     * subordination, not one nested inside another (erf off the fixed point: the first product of two uncompacted
     * layers took more than 10 minutes to invert, against 10 s to compact both and 6 s for their product).
     */
    private static Measure layer(Network network, double q) {
        Measure factor = network.layerFactor(q);
        return network.weights() == WeightDistribution.GAUSSIAN && !isPointMass(factor) ? compact(factor) : factor;
    }

    private static boolean isPointMass(Measure measure) {
        List<Atom> atoms = measure.atoms();
        return atoms.size() == 1 && atoms.get(0).mass() == 1;
    }

    private static Measure compact(Measure measure) {
        return isPointMass(measure) ? measure : StieltjesInversion.invert(measure).compact();
    }

    /** q*, or NaN where the mean-field map has no fixed point (then every layer is transient). */
    private static double settledVariance(Network network) {
        try {
            return network.meanField().fixedPoint();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The first layer index from which every q^ℓ is within {@value #SETTLED} of q*. */
    private static int transientEnd(double[] q, double settled) {
        int end = q.length;
        while (end > 0 && Math.abs(q[end - 1] - settled) <= SETTLED * settled) {
            end--;
        }
        return end;
    }

    /** @return the network */
    public Network network() {
        return network;
    }

    /** @return the limit law of the eigenvalues of JJᵀ */
    public Measure law() {
        return law;
    }

    /** @return how many leading layers were multiplied in one at a time (0 at the fixed point) */
    public int transientLayers() {
        return transientLayers;
    }

    /** @return the largest |q^ℓ − q*|/q* among the layers taken at q* */
    public double largestNeglectedDeviation() {
        return largestNeglected;
    }

    /** @return the Stieltjes inversion of the law (density, atoms, support, CDF, quantiles), computed on first use */
    public Spectrum spectrum() {
        Spectrum result = spectrum;
        if (result == null) {
            synchronized (this) {
                result = spectrum;
                if (result == null) {
                    result = StieltjesInversion.invert(law);
                    spectrum = result;
                }
            }
        }
        return result;
    }

    /**
     * The density of the eigenvalues of JJᵀ on a grid, −Im G(x + i0)/π straight from the law's Cauchy transform
     * (with solutions carried along the grid; no inversion needed), on the calling thread: the same values, to the last
     * bit, as {@link #density(double[], GridEvaluation)} on any number of threads.
     *
     * @param xs points, best in increasing order
     * @return ρ at each point (0 at an atom, whose mass {@link #atoms()} reports)
     */
    public double[] density(double[] xs) {
        return density(xs, GridEvaluation.sequential());
    }

    /**
     * The density on a grid, evaluated as {@code evaluation} says: the grid is cut into blocks of
     * {@link GridEvaluation#blockSize(int)} points, and solutions are carried along each block from a cold solve at its
     * first point, so every value is the same for any number of threads.
     *
     * @param xs         points, best in increasing order
     * @param evaluation one thread or several
     * @return ρ at each point (0 at an atom)
     */
    public double[] density(double[] xs, GridEvaluation evaluation) {
        return evaluation.blocks(xs, this::densityOfBlock);
    }

    private double[] densityOfBlock(double[] xs) {
        Complex[] g = law.cauchyBoundary(xs);
        double[] rho = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double value = -g[i].getImaginary() / Math.PI;
            rho[i] = Double.isFinite(value) ? Math.max(0, value) : 0;
        }
        return rho;
    }

    /** @return the atoms (relu: mass ½ at 0 in every depth) */
    public List<Atom> atoms() {
        return law.atoms();
    }

    /**
     * @return λ_max, the right edge of the support: exact from the power's real branch at the fixed point, from the
     *         inversion otherwise
     */
    public double lambdaMax() {
        if (transientLayers == 0) {
            return law.bounds().hi();
        }
        return spectrum().compact().bounds().hi();
    }

    /** @return m_1 … m_n in double precision (from the exact engine through the law) */
    public double[] moments(int n) {
        return law.moments(n);
    }

    /** @return the variance of the spectrum, m₂ − m₁² */
    public double variance() {
        double[] m = exactMoments(2, Precision.ofDigits(40)).toDoubleArray();
        return m[2] - m[1] * m[1];
    }

    /**
     * The variance predicted by Pennington, Schoenholz and Ganguli (2017) at criticality: L(μ₂/μ₁² − 1 − s₁), μ_k
     * the moments of ν at q*, s₁ = 0 (orthogonal) or −1 (Gaussian). It equals {@link #variance()} when χ = 1 and the
     * network starts at its fixed point (then the mean is 1 and variances add over layers).
     */
    public double predictedVariance() {
        double[] mu = network.activation().derivativeSquaredLaw(network.variances()[network.depth() - 1]).moments(2);
        return network.depth() * (mu[2] / (mu[1] * mu[1]) - 1 - network.weights().s1());
    }

    /**
     * The moments of μ_J by the exact engine, layer by layer at each layer's own q^ℓ (runs of equal q^ℓ as one free
     * power).
     *
     * @param n         highest order
     * @param precision working precision
     * @return m_0 … m_n
     */
    public MomentSequence exactMoments(int n, Precision precision) {
        double[] q = network.variances();
        Map<Double, MomentSequence> layerMoments = new HashMap<>();
        MomentSequence product = null;
        int l = 0;
        while (l < q.length) {
            int run = 1;
            while (l + run < q.length && q[l + run] == q[l]) {
                run++;
            }
            MomentSequence layer = layerMoments.computeIfAbsent(q[l], v -> network.exactLayerFactorMoments(v, n, precision));
            MomentSequence block = run == 1 ? layer : MomentEngine.multiplicativePower(layer, run);
            product = product == null ? block : MomentEngine.multiplicative(product, block);
            l += run;
        }
        return product;
    }

    /** @return the law of the singular values of J, from the spectrum of JJᵀ */
    public SingularValues singularValues() {
        return new SingularValues(spectrum());
    }
}
