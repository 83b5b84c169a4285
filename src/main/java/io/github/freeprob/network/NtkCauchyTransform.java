package io.github.freeprob.network;

import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.Complexes;
import io.github.freeprob.numerics.ConvergenceException;
import io.github.freeprob.numerics.GridEvaluation;
import io.github.freeprob.precision.Precision;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.hipparchus.complex.Complex;

/**
 * The Cauchy transform G_L of the last layer's NTK law μ_L, and its density on a grid, without inverting the layers
 * in between: the L − 1 subordination equations of the recursion μ_{ℓ+1} = (q^{ℓ+1} + ·)_*(F_ℓ ⊠ μ_ℓ) (F_ℓ the layer
 * factor (σ_w²·)_*ν_ℓ [⊠ mp(1)], see {@link NtkSpectrum}) are solved at each point z as one system, by Newton's method
 * on its block-tridiagonal Jacobian. The cost per point is linear in L and needs only the Cauchy transforms of the
 * layer factors (each distinct factor compacted once); {@link NtkSpectrum} instead compacts every layer's law by
 * Stieltjes inversion, which gives the per-layer summaries (edges, atoms, moments) but costs thousands of evaluations
 * per layer.
 *
 * <p><b>The system.</b> For a law on [0, ∞) write W_μ(Λ) = Λ G_μ(Λ) = 1 + ψ_μ(1/Λ). Multiplicative subordination
 * (Biane 1998; Belinschi and Bercovici 2007) gives, for P = F ⊠ μ at a point s, two points Λ₁ (for μ) and Λ₂ (for F)
 * with W_P(s) = W_μ(Λ₁) = W_F(Λ₂) and Λ₁Λ₂ = s W/(W − 1). Along the recursion μ_ℓ is evaluated at λ_ℓ = Λ₁ of the
 * layer above, and the shift gives G_{μ_ℓ}(λ_ℓ) = G_{P_{ℓ−1}}(λ_ℓ − q^ℓ). With the unknowns (λ_ℓ, g_ℓ = G_{μ_ℓ}(λ_ℓ)),
 * ℓ = 1 … L − 1, and λ_L = z, the equations are
 * <pre>
 *     λ_{ℓ−1} g_{ℓ−1} = (λ_ℓ − q^ℓ) g_ℓ                      (λ₀g₀ = 1: μ₁ = δ_{q¹})
 *     W_{F_ℓ}(Λ_ℓ) = λ_ℓ g_ℓ,   Λ_ℓ = (λ_{ℓ+1} − q^{ℓ+1}) g_ℓ / (λ_ℓ g_ℓ − 1),
 * </pre>
 * and G_L(z) = λ_{L−1} g_{L−1}/(z − q^L). Each equation couples a layer only to its neighbours, so a Newton step is a
 * block-tridiagonal solve in O(L). These variables stay finite where λ_ℓ crosses 0 (which the η-form of the
 * equations does not). The chain carries h_ℓ = λ_ℓg_ℓ − 1 = H_{μ_ℓ}(λ_ℓ) in place of g_ℓ, and reads
 * W_F − 1 = H_F(Λ) = ∫ t dF(t)/(Λ − t) from the factor's own cancellation-free form: far from criticality the λ_ℓ
 * run geometrically down the layers (λ_ℓ ≈ λ_{ℓ+1}/χ; in the ordered phase at L = 1000 by 10⁵⁶), h_ℓ ≈ m₁(μ_ℓ)/λ_ℓ
 * is tiny, and λg − 1 computed from g cancelled to nothing. In these unknowns the equations read
 * λ_ℓ(h_{ℓ−1} − h_ℓ) + q^ℓ(1 + h_ℓ) = 0 (h₀ = 0) and H_{F_ℓ}(Λ_ℓ) = h_ℓ with Λ_ℓ = (λ_{ℓ+1} − q^{ℓ+1})(1 + h_ℓ)/(λ_ℓh_ℓ),
 * and G_L(z) = (1 + h_{L−1})/(z − q^L).
 *
 * <p><b>Branches.</b> The solution is the one continued from far above the axis, where λ_ℓ ≈ (λ_{ℓ+1} − q^{ℓ+1})/m₁(F_ℓ)
 * and h_ℓ ≈ m₁(μ_ℓ)/(λ_ℓ − m₁(μ_ℓ)). A point is reached from a solved one along a straight path, halving the step whenever
 * Newton does not reach the tolerance within its budget or a λ_ℓ leaves the closed upper half-plane; a grid is
 * walked from its first point (reached by descending from above) at the height {@value #HEIGHT} × scale above the
 * axis, and a point the walk cannot reach within {@value #WALK_BUDGET} Newton iterations (next to an edge, where the
 * solution has a branch point) is reached by a fresh descent. Failure of both is a {@link ConvergenceException}. The
 * sorted grid is walked in fixed blocks ({@link GridEvaluation#blockSize(int)} points), each from its own descent, so
 * that threads can share them with results identical to one thread's.
 */
public final class NtkCauchyTransform {

    /** Newton stops when every equation holds to this relative residual. */
    public static final double RESIDUAL_TOLERANCE = 1e-13;
    /** Newton iterations per continuation step before the step is halved. */
    static final int STEP_BUDGET = 6;
    /** Halvings of one continuation step before it is given up. */
    static final int MAX_HALVINGS = 40;
    /** The descent starts this many times (|x| + m₁(μ_L)) above the axis. */
    static final double FAR = 4;
    /** Iterations allowed for the first solve, far above the axis. */
    static final int FAR_BUDGET = 100;
    /**
     * Newton iterations allowed for reaching one grid point from the previous one, halvings included: about the cost
     * of a fresh descent, which takes over when the walk fails (a budget of 300 let failing walks next to an inverse
     * square-root edge cost several descents each: at L = 2 the grid took 2.3 s instead of 0.8 s).
     */
    static final int WALK_BUDGET = 40;
    /** Newton iterations allowed for one descent from far above to the axis. */
    static final int DESCENT_BUDGET = 5000;
    /** Beyond this many times a factor's mean, H' of the factor is taken as −H/Λ (G + ΛG' cancels there). */
    static final double FAR_FIELD = 1e6;
    /** Boundary values are taken this far (relative to the law's scale) above the real axis. */
    static final double HEIGHT = 1e-15;

    private final Network network;
    private final double[] q;
    private final Measure[] factors;
    /** m₁(μ_ℓ), ℓ = 1 … L (index ℓ). */
    private final double[] means;
    /** m₁ of the layer factors (index ℓ = 1 … L − 1), read at every Newton step. */
    private final double[] factorMeans;
    private final double scale;

    private NtkCauchyTransform(Network network, double[] q, Measure[] factors, double[] factorMeans, double[] means) {
        this.network = network;
        this.q = q;
        this.factors = factors;
        this.factorMeans = factorMeans;
        this.means = means;
        this.scale = Math.max(Math.abs(means[q.length]), Double.MIN_NORMAL);
    }

    /**
     * @param network the network (its depth L is the layer whose law is transformed)
     * @return G of μ_L, the layer factors compacted (one Stieltjes inversion per distinct q^ℓ)
     * @throws io.github.freeprob.numerics.ConvergenceException if a factor's inversion fails
     */
    public static NtkCauchyTransform of(Network network) {
        double[] q = network.variances();
        int depth = q.length;
        Measure[] factors = new Measure[depth];
        double[] factorMeans = new double[depth];
        Map<Double, Measure> distinct = new HashMap<>();
        double[] means = new double[depth + 1];
        means[1] = q[0];
        for (int l = 1; l < depth; l++) {
            factors[l] = distinct.computeIfAbsent(q[l - 1], v -> NtkSpectrum.compact(network.layerFactor(v)));
            factorMeans[l] = factors[l].mean();
            means[l + 1] = q[l] + factorMeans[l] * means[l];
        }
        return new NtkCauchyTransform(network, q, factors, factorMeans, means);
    }

    /**
     * A point above which at most {@code mass} of μ_L lies, from Markov's inequality on the exact 40th moment:
     * μ_L((t, ∞)) ≤ m₄₀/t⁴⁰, so t = (m₄₀/mass)^{1/40} (the engine's recursion, no numerical law needed). A grid on
     * [0, t] then holds all but {@code mass} of the spectrum.
     *
     * @param network the network
     * @param mass    the mass allowed above t, in (0, 1)
     * @return t
     * @throws IllegalArgumentException if mass is not in (0, 1)
     */
    public static double upperBound(Network network, double mass) {
        Checks.inClosedRange("mass", mass, Double.MIN_NORMAL, 1);
        double m40 = NtkSpectrum.exactMoments(network, TAIL_MOMENT, Precision.ofDigits(30)).toDoubleArray()[TAIL_MOMENT];
        return Math.pow(m40 / mass, 1.0 / TAIL_MOMENT);
    }

    /** The moment behind {@link #upperBound}: high enough that the bound sits close to λ_max. */
    static final int TAIL_MOMENT = 40;

    /** @return the network */
    public Network network() {
        return network;
    }

    /** @return m₁(μ_L), the mean eigenvalue of Θ_L */
    public double mean() {
        return means[q.length];
    }

    /**
     * G_L at one point, reached by descending from far above it.
     *
     * @param z a point with Im z ≥ 0 (on the axis: the boundary value from above, taken {@value #HEIGHT} × scale
     *          above it)
     * @return G_L(z)
     * @throws IllegalArgumentException if z is not finite or lies below the axis
     * @throws ConvergenceException     if the system is not solved there
     */
    public Complex cauchy(Complex z) {
        Complexes.requireFinite("z", z);
        if (z.getImaginary() < 0) {
            throw new IllegalArgumentException("z must lie in the closed upper half-plane, but was " + z);
        }
        Complex target = new Complex(z.getReal(), Math.max(z.getImaginary(), HEIGHT * scale));
        if (q.length == 1) {
            return target.subtract(q[0]).reciprocal();
        }
        Chain chain = new Chain();
        chain.descend(target);
        return chain.cauchy(target);
    }

    /**
     * The density −Im G_L(x + i0)/π on a grid (atoms are not included: they are the poles of G_L), on the calling
     * thread; the same values, to the last bit, as {@link #density(double[], GridEvaluation)} on any number of threads.
     *
     * @param xs finite points, in any order
     * @return the density at each point
     * @throws IllegalArgumentException if a point is not finite
     * @throws ConvergenceException     if the system is not solved at some point
     */
    public double[] density(double[] xs) {
        return density(xs, GridEvaluation.sequential());
    }

    /**
     * The density −Im G_L(x + i0)/π on a grid, evaluated as {@code evaluation} says. The points are sorted, and the
     * sorted grid is cut into blocks of {@link GridEvaluation#blockSize(int)}; each block is walked from its first
     * point, which is reached by a descent from far above it (about 60 walk steps: 0.11 s against 1.8 ms per walked
     * point at L = 100), so every value is the same for any number of threads.
     *
     * @param xs         finite points, in any order
     * @param evaluation one thread or several
     * @return the density at each point
     * @throws IllegalArgumentException if a point is not finite
     * @throws ConvergenceException     if the system is not solved at some point (the lowest block's failure)
     */
    public double[] density(double[] xs, GridEvaluation evaluation) {
        return density(xs, evaluation, GridEvaluation.blockSize(xs.length));
    }

    /** The density with blocks of {@code blockSize} sorted points ({@code xs.length}: one walk over the whole grid). */
    double[] density(double[] xs, GridEvaluation evaluation, int blockSize) {
        double[] out = new double[xs.length];
        Integer[] order = new Integer[xs.length];
        for (int i = 0; i < xs.length; i++) {
            Checks.finite("xs[" + i + "]", xs[i]);
            order[i] = i;
        }
        if (xs.length == 0 || q.length == 1) {
            return out;
        }
        Arrays.sort(order, (a, b) -> Double.compare(xs[a], xs[b]));
        evaluation.forEachBlock(order.length, blockSize, (from, to) -> walk(xs, order, from, to, out));
        return out;
    }

    /** Walks the sorted points order[from … to − 1], starting with a descent to the first. */
    private void walk(double[] xs, Integer[] order, int from, int to, double[] out) {
        double height = HEIGHT * scale;
        Chain chain = new Chain();
        Complex previous = null;
        for (int i = from; i < to; i++) {
            int k = order[i];
            Complex z = new Complex(xs[k], height);
            chain.budget = WALK_BUDGET;
            if (previous == null || !chain.advance(previous, z, 0)) {
                chain = new Chain();
                chain.descend(z);
            }
            out[k] = Math.max(0, -chain.cauchy(z).getImaginary() / Math.PI);
            previous = z;
        }
    }

    /** The unknowns of the system at the current point, and Newton's method on it. */
    private final class Chain {

        /** Unknown pairs: layers 1 … n, n = L − 1. */
        private final int n = q.length - 1;
        private Complex[] lambda = new Complex[n + 1];
        /** h_ℓ = λ_ℓ g_ℓ − 1 = H_{μ_ℓ}(λ_ℓ), kept itself: it is tiny where λ_ℓ is large, and λg − 1 would cancel. */
        private Complex[] h = new Complex[n + 1];
        private int iterations;
        /** Newton iterations left for the current continuation. */
        private int budget = DESCENT_BUDGET;

        /** Starts far above z, where every layer's law looks like a point mass at its mean, and comes down. */
        void descend(Complex z) {
            budget = DESCENT_BUDGET;
            double far = FAR * (Math.abs(z.getReal()) + scale);
            Complex top = new Complex(z.getReal(), far);
            guess(top);
            double residual = solve(top, FAR_BUDGET);
            if (!(residual <= RESIDUAL_TOLERANCE)) {
                throw failure(top, residual);
            }
            Complex from = top;
            for (double y = far / 2; y > z.getImaginary(); y /= 2) {
                Complex to = new Complex(z.getReal(), y);
                if (!advance(from, to, 0)) {
                    throw failure(to, Double.NaN);
                }
                from = to;
            }
            if (!advance(from, z, 0)) {
                throw failure(z, Double.NaN);
            }
        }

        /** Far from the spectrum every layer's law looks like a point mass at its mean. */
        void guess(Complex z) {
            Complex next = z;
            for (int l = n; l >= 1; l--) {
                lambda[l] = next.subtract(q[l]).divide(factorMeans[l]);
                h[l] = lambda[l].subtract(means[l]).reciprocal().multiply(means[l]);
                next = lambda[l];
            }
        }

        private ConvergenceException failure(Complex z, double residual) {
            return new ConvergenceException("NTK layer chain (" + n + " layers) at z = " + z, residual, residual,
                    RESIDUAL_TOLERANCE, iterations);
        }

        /** Moves the solution at {@code from} to {@code to}, halving the step where Newton does not converge. */
        boolean advance(Complex from, Complex to, int halvings) {
            Complex[] savedLambda = lambda.clone();
            Complex[] savedH = h.clone();
            if (solve(to, STEP_BUDGET) <= RESIDUAL_TOLERANCE && inUpperHalfPlane()) {
                return true;
            }
            lambda = savedLambda;
            h = savedH;
            if (halvings >= MAX_HALVINGS || budget <= 0) {
                return false;
            }
            Complex mid = from.add(to).multiply(0.5);
            return advance(from, mid, halvings + 1) && advance(mid, to, halvings + 1);
        }

        private boolean inUpperHalfPlane() {
            for (int l = 1; l <= n; l++) {
                if (!(lambda[l].getImaginary() >= -RESIDUAL_TOLERANCE * lambda[l].norm())) {
                    return false;
                }
            }
            return true;
        }

        Complex cauchy(Complex z) {
            return h[n].add(1).divide(z.subtract(q[n]));
        }

        /** Newton with backtracking; returns the largest relative residual reached. */
        double solve(Complex z, int steps) {
            Equations current = new Equations(z, lambda, h);
            if (current.merit == Double.POSITIVE_INFINITY) {
                return current.residual;
            }
            for (int it = 0; it < steps && current.residual > RESIDUAL_TOLERANCE; it++) {
                iterations++;
                this.budget--;
                Complex[][] step = current.newtonStep();
                Equations next = null;
                for (double t = 1; t > 1e-6; t /= 2) {
                    Complex[] trialLambda = new Complex[n + 1];
                    Complex[] trialH = new Complex[n + 1];
                    for (int l = 1; l <= n; l++) {
                        trialLambda[l] = lambda[l].add(step[l][0].multiply(t));
                        trialH[l] = h[l].add(step[l][1].multiply(t));
                    }
                    Equations trial = new Equations(z, trialLambda, trialH);
                    if (trial.merit < current.merit) {
                        next = trial;
                        break;
                    }
                }
                if (next == null) {
                    return current.residual;
                }
                lambda = next.lambda;
                h = next.h;
                current = next;
            }
            return current.residual;
        }

        /**
         * Residuals and Jacobian blocks at (λ, g). Row ℓ holds the two equations of layer ℓ; its blocks act on the
         * unknowns of layers ℓ − 1 (lower), ℓ (diagonal) and ℓ + 1 (upper). Blocks are row-major {a, b, c, d}.
         */
        private final class Equations {
            final Complex[] lambda;
            final Complex[] h;
            final Complex[][] residuals = new Complex[n + 1][];
            final Complex[][] lower = new Complex[n + 1][];
            final Complex[][] diagonal = new Complex[n + 1][];
            final Complex[][] upper = new Complex[n + 1][];
            /** The largest relative residual: the convergence test. */
            final double residual;
            /**
             * The sum of the squared relative residuals: the merit function of the backtracking, for which the Newton
             * direction is a descent direction (the largest residual is not, and stalls Newton over many layers).
             */
            final double merit;

            /**
             * The equations of layer ℓ in the unknowns (λ_ℓ, h_ℓ = λ_ℓg_ℓ − 1), h₀ = 0:
             * λ_ℓ(h_{ℓ−1} − h_ℓ) + q^ℓ(1 + h_ℓ) = 0 (λ_{ℓ−1}g_{ℓ−1} = (λ_ℓ − q^ℓ)g_ℓ times λ_ℓ), and
             * H_{a_ℓ}(Λ_ℓ) − h_ℓ = 0 with Λ_ℓ = s_ℓ(1 + h_ℓ)/(λ_ℓh_ℓ), s_ℓ = λ_{ℓ+1} − q^{ℓ+1} (z − q^L for the last),
             * H(Λ) = ΛG(Λ) − 1 taken from the factor's own cancellation-free form.
             */
            Equations(Complex z, Complex[] lambda, Complex[] h) {
                this.lambda = lambda;
                this.h = h;
                double worst = 0;
                double sum = 0;
                for (int l = 1; l <= n; l++) {
                    Complex below = l == 1 ? Complex.ZERO : h[l - 1];
                    Complex onePlus = h[l].add(1);
                    Complex first = lambda[l].multiply(below.subtract(h[l])).add(onePlus.multiply(q[l - 1]));
                    double firstScale = lambda[l].norm() * (below.norm() + h[l].norm()) + q[l - 1] * onePlus.norm();
                    Complex s = (l == n ? z : lambda[l + 1]).subtract(q[l]);
                    Complex lambdaH = lambda[l].multiply(h[l]);
                    Complex point = s.multiply(onePlus).divide(lambdaH);
                    if (!Double.isFinite(point.getReal()) || !Double.isFinite(point.getImaginary())) {
                        worst = Double.NaN;
                        sum = Double.NaN;
                        break;
                    }
                    Complex[] terms = factors[l].cauchyTerms(point);
                    Complex second = terms[2].subtract(h[l]);
                    residuals[l] = new Complex[] {first, second};
                    double firstRelative = first.norm() / firstScale;
                    double secondRelative = second.norm() / h[l].norm();
                    worst = Math.max(worst, Math.max(firstRelative, secondRelative));
                    sum += firstRelative * firstRelative + secondRelative * secondRelative;
                    // H' = G + ΛG', which cancels where |Λ| is far beyond the factor's support; there H' = −H/Λ to
                    // relative O(m₂/(m₁Λ)), enough for Newton's Jacobian (the residual uses H itself).
                    Complex slope = point.norm() > FAR_FIELD * factorMeans[l]
                            ? terms[2].divide(point).negate()
                            : terms[0].add(point.multiply(terms[1]));
                    // dΛ/dλ_ℓ = −Λ/λ_ℓ, dΛ/dh_ℓ = −s/(λ_ℓh_ℓ²), dΛ/dλ_{ℓ+1} = (1 + h_ℓ)/(λ_ℓh_ℓ).
                    Complex dPointDLambda = point.divide(lambda[l]).negate();
                    Complex dPointDh = s.divide(lambdaH.multiply(h[l])).negate();
                    diagonal[l] = new Complex[] {below.subtract(h[l]), lambda[l].negate().add(q[l - 1]),
                        slope.multiply(dPointDLambda), slope.multiply(dPointDh).subtract(1)};
                    lower[l] = l == 1 ? null : new Complex[] {Complex.ZERO, lambda[l], Complex.ZERO, Complex.ZERO};
                    upper[l] = l == n ? null
                            : new Complex[] {Complex.ZERO, Complex.ZERO, slope.multiply(onePlus).divide(lambdaH),
                                Complex.ZERO};
                }
                this.residual = Double.isNaN(worst) ? Double.POSITIVE_INFINITY : worst;
                this.merit = Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum;
            }

            /** The Newton step: block-tridiagonal elimination (block Thomas), forward then back. */
            Complex[][] newtonStep() {
                Complex[][] pivots = new Complex[n + 1][];
                Complex[][] rhs = new Complex[n + 1][];
                for (int l = 1; l <= n; l++) {
                    Complex[] block = diagonal[l];
                    Complex[] right = {residuals[l][0].negate(), residuals[l][1].negate()};
                    if (l > 1) {
                        Complex[] factor = product(lower[l], inverse(pivots[l - 1]));
                        block = difference(block, product(factor, upper[l - 1]));
                        right = difference(right, apply(factor, rhs[l - 1]));
                    }
                    pivots[l] = block;
                    rhs[l] = right;
                }
                Complex[][] step = new Complex[n + 1][];
                for (int l = n; l >= 1; l--) {
                    Complex[] right = l < n ? difference(rhs[l], apply(upper[l], step[l + 1])) : rhs[l];
                    step[l] = apply(inverse(pivots[l]), right);
                }
                return step;
            }
        }
    }

    private static Complex[] inverse(Complex[] m) {
        Complex det = m[0].multiply(m[3]).subtract(m[1].multiply(m[2]));
        return new Complex[] {m[3].divide(det), m[1].negate().divide(det), m[2].negate().divide(det),
            m[0].divide(det)};
    }

    private static Complex[] product(Complex[] a, Complex[] b) {
        return new Complex[] {a[0].multiply(b[0]).add(a[1].multiply(b[2])), a[0].multiply(b[1]).add(a[1].multiply(b[3])),
            a[2].multiply(b[0]).add(a[3].multiply(b[2])), a[2].multiply(b[1]).add(a[3].multiply(b[3]))};
    }

    private static Complex[] apply(Complex[] a, Complex[] v) {
        return new Complex[] {a[0].multiply(v[0]).add(a[1].multiply(v[1])), a[2].multiply(v[0]).add(a[3].multiply(v[1]))};
    }

    private static Complex[] difference(Complex[] a, Complex[] b) {
        Complex[] out = new Complex[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].subtract(b[i]);
        }
        return out;
    }
}
