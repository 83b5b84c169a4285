package io.github.freeprob.validation;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.ConvergenceException;
import io.github.freeprob.numerics.GaussLegendre;
import org.hipparchus.analysis.solvers.LaguerreSolver;
import org.hipparchus.complex.Complex;

/**
 * Densities of three free-probability laws computed without the library's convolution, inversion or network code:
 * the references that {@link TimeToAccuracy} holds freeprob's densities against. Each comes from an algebraic or
 * one-variable equation for G(x + i0) written out here (conventions of docs/conventions.md: Im G &lt; 0 on ℂ⁺,
 * ρ(x) = −Im G(x + i0)/π).
 *
 * <ul>
 *   <li>{@link #semicircleFreeSumMarchenkoPastur}: semicircle(1) ⊞ mp(λ). R(w) = w + 1/(1 − λw) (free cumulants 1 of
 *       the semicircle at order 2, λ^{n−1} of mp(λ)), and G(R(G) + 1/G) = G gives the cubic
 *       λG³ − (1 + λz)G² + (z − 1 + λ)G − 1 = 0, solved by Laguerre's method and polished by Newton's.</li>
 *   <li>{@link #marchenkoPasturTimesProjection}: mp(λ) ⊠ ((1 − p)δ₀ + pδ₁). With S_{mp(λ)}(w) = 1/(1 + λw) and
 *       S(w) = (1 + w)/(p + w) for the projection, S(zG − 1) = G/(zG − 1) reduces to λw² + (1 + λp − z)w + p = 0 for
 *       w = zG − 1: the continuous part is p·mp(λp), ρ(x) = √(4λp − (x − 1 − λp)²)/(2πλx) on
 *       [(1 − √(λp))², (1 + √(λp))²], plus an atom 1 − p at 0.</li>
 *   <li>{@link #tanhJacobian}: ν^{⊠L} for ν the law of s(h) = σ_w² sech⁴(h), h ~ N(0, q): the eigenvalues of JJᵀ
 *       for a tanh network with orthogonal weights started at its fixed point q. S_{ν^{⊠L}} = S_ν^L and
 *       S_ν(w) = u(1 + w)/w with ψ_ν(u) = w give one equation in u, η_ν(u)^{L−1} = z u^L (η = ψ/(1 + ψ)), and then
 *       G(z) = (1 + ψ_ν(u))/z. It is solved by damped Newton steps along a descent z = x + iy, y multiplied by
 *       {@value #DESCENT_FACTOR} from 2 + |x| down to the axis, which keeps u on the branch that behaves like
 *       m₁^{L−1}/z at infinity.</li>
 * </ul>
 */
public final class ReferenceDensities {

    /** Gauss–Legendre nodes for ψ_ν over [−H, H]. */
    static final int LEGENDRE_NODES = 256;
    /** H = this × √q: the Gaussian mass beyond is below 1e-30. */
    static final double GAUSSIAN_WIDTH = 12;
    /**
     * Poles ±h₀ of the integrand are subtracted only within this fraction of H from the real axis: farther ones cost
     * Gauss–Legendre little (a pole at distance 0.1 H from the middle of [−H, H] leaves an error of order
     * 1.1^{−512} ≈ 1e-21 with 256 nodes), while the Gaussian continued to them grows like exp((Im h₀)²/2q) (about 2
     * at 0.1 H) and would cancel catastrophically farther out.
     */
    static final double POLE_BAND = 0.1;
    /** Relative step of the central difference for ψ_ν′. */
    static final double DERIVATIVE_STEP = 1e-6;
    /** Factor by which Im z shrinks per step of a descent. */
    static final double DESCENT_FACTOR = 0.25;
    /** Newton steps allowed per point of a descent. */
    static final int NEWTON_BUDGET = 100;
    /** Newton stops when the step is below this relative to |u|. */
    static final double NEWTON_TOLERANCE = 1e-15;
    /**
     * Where |u| is large (next to z = 0) the step stalls at rounding level above {@link #NEWTON_TOLERANCE}; a step
     * below this that no longer halves is accepted as converged.
     */
    static final double ROUNDING_STALL = 1e-10;
    /** The descent stops this far above the axis (relative to 1 + |x|) and then steps onto it. */
    static final double DESCENT_FLOOR = 1e-13;
    /** Halvings of a Newton step allowed before the iteration is declared stalled. */
    static final int MAX_HALVINGS = 40;
    /** A root of the cubic with |Im G| below this (relative to |G|) is real: the point is outside the support. */
    static final double REAL_ROOT = 1e-13;

    private ReferenceDensities() {
    }

    /**
     * The density of semicircle(1) ⊞ mp(λ) from its cubic (class comment).
     *
     * @param ratio λ &gt; 0
     * @param xs    points
     * @return ρ at each point (0 outside the support)
     * @throws IllegalArgumentException if λ is not positive or a point is not finite
     */
    public static double[] semicircleFreeSumMarchenkoPastur(double ratio, double[] xs) {
        Checks.positive("Marchenko-Pastur ratio", ratio);
        LaguerreSolver solver = new LaguerreSolver(1e-15, 1e-15, 1e-15);
        double[] rho = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double x = Checks.finite("x", xs[i]);
            double[] coefficients = {-1, x - 1 + ratio, -(1 + ratio * x), ratio};
            Complex best = null;
            for (Complex root : solver.solveAllComplex(coefficients, 1000, 0)) {
                Complex polished = polishCubic(coefficients, root);
                if (best == null || polished.getImaginary() < best.getImaginary()) {
                    best = polished;
                }
            }
            double im = best.getImaginary();
            rho[i] = -im > REAL_ROOT * best.norm() ? -im / Math.PI : 0;
        }
        return rho;
    }

    private static Complex polishCubic(double[] c, Complex g) {
        Complex root = g;
        for (int k = 0; k < 5; k++) {
            Complex p = root.multiply(c[3]).add(c[2]).multiply(root).add(c[1]).multiply(root).add(c[0]);
            Complex dp = root.multiply(3 * c[3]).add(2 * c[2]).multiply(root).add(c[1]);
            if (dp.norm() == 0) {
                break;
            }
            root = root.subtract(p.divide(dp));
        }
        return root;
    }

    /**
     * The density of the continuous part of mp(λ) ⊠ ((1 − p)δ₀ + pδ₁) (class comment); the atom 1 − p at 0 is not
     * included.
     *
     * @param ratio λ &gt; 0
     * @param p     the projection's mass at 1, in (0, 1]
     * @param xs    points
     * @return ρ at each point
     * @throws IllegalArgumentException if λ or p is out of range or a point is not finite
     */
    public static double[] marchenkoPasturTimesProjection(double ratio, double p, double[] xs) {
        Checks.positive("Marchenko-Pastur ratio", ratio);
        Checks.inClosedRange("projection mass p", p, Double.MIN_NORMAL, 1);
        double[] rho = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double x = Checks.finite("x", xs[i]);
            double shifted = x - 1 - ratio * p;
            double discriminant = 4 * ratio * p - shifted * shifted;
            rho[i] = discriminant > 0 && x > 0 ? Math.sqrt(discriminant) / (2 * Math.PI * ratio * x) : 0;
        }
        return rho;
    }

    /**
     * The density of the eigenvalues of JJᵀ for a tanh network with orthogonal weights started at its fixed point q:
     * ν^{⊠L}, ν the law of s(h) = σ_w² sech⁴(h), h ~ N(0, q) (class comment).
     *
     * <p>ψ_ν(u) = ∫ φ_q(h)/(1 − u s(h)) dh − 1 has poles at ±h₀, cosh h₀ = (uσ_w²)^{1/4}, which approach the real
     * axis where the density is small; within {@value #POLE_BAND} H of it they are subtracted,
     * R/(h − h₀) − R/(h + h₀) with R = −φ_q(h₀)/(u s′(h₀)), and integrated in closed form, so that Gauss–Legendre on
     * [−H, H], H = {@value #GAUSSIAN_WIDTH}√q, integrates a function analytic in a wide strip. ψ_ν′ is the central
     * difference of ψ_ν at relative step {@value #DERIVATIVE_STEP}.
     *
     * @param weightVariance σ_w² &gt; 0
     * @param variance       q &gt; 0
     * @param depth          L ≥ 1
     * @param xs             points
     * @return ρ at each point (atoms are not included)
     * @throws IllegalArgumentException if σ_w² or q is not positive, L &lt; 1, or a point is not finite
     * @throws ConvergenceException     if Newton's method fails at some step of a descent
     */
    public static double[] tanhJacobian(double weightVariance, double variance, int depth, double[] xs) {
        Checks.positive("sigma_w^2", weightVariance);
        Checks.positive("variance q", variance);
        Checks.atLeast("depth L", depth, 1);
        TanhLayer layer = new TanhLayer(weightVariance, variance);
        double[] rho = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double x = Checks.finite("x", xs[i]);
            double height = 2 + Math.abs(x);
            Complex z = new Complex(x, height);
            Complex u = new Complex(Math.pow(layer.mean, depth - 1)).divide(z);
            double floor = DESCENT_FLOOR * (1 + Math.abs(x));
            while (true) {
                u = solvePower(layer, depth, z, u);
                if (z.getImaginary() == 0) {
                    break;
                }
                height *= DESCENT_FACTOR;
                z = new Complex(x, height < floor ? 0 : height);
            }
            Complex g = layer.psi(u).add(1).divide(z);
            rho[i] = Math.max(0, -g.getImaginary() / Math.PI);
        }
        return rho;
    }

    /**
     * Damped Newton's method on H(u) = η(u)^{L−1} u^{−L} − z from u: a step that crosses the cut of ψ_ν (u real,
     * u ≥ 1/max s) or does not reduce |H| is halved.
     */
    private static Complex solvePower(TanhLayer layer, int power, Complex z, Complex start) {
        Complex u = start;
        Complex psi = layer.psi(u);
        Complex residual = residual(psi, power, z, u);
        double step = Double.NaN;
        double previous = Double.POSITIVE_INFINITY;
        for (int k = 0; k < NEWTON_BUDGET; k++) {
            Complex onePlus = psi.add(1);
            Complex eta = psi.divide(onePlus);
            Complex etaPrime = layer.psiPrime(u).divide(onePlus.multiply(onePlus));
            Complex dh = power == 1 ? u.pow(-2).negate()
                    : eta.pow(power - 2).divide(u.pow(power))
                            .multiply(etaPrime.multiply(power - 1).subtract(eta.divide(u).multiply(power)));
            Complex delta = residual.divide(dh);
            Complex candidate = u.subtract(delta);
            Complex candidateResidual = null;
            Complex candidatePsi = null;
            for (int halving = 0; halving < MAX_HALVINGS; halving++) {
                if (!crossesCut(u, candidate, layer.top)) {
                    candidatePsi = layer.psi(candidate);
                    candidateResidual = residual(candidatePsi, power, z, candidate);
                    if (candidateResidual.norm() <= residual.norm() || delta.norm() <= ROUNDING_STALL * u.norm()) {
                        break;
                    }
                }
                delta = delta.multiply(0.5);
                candidate = u.subtract(delta);
                candidateResidual = null;
            }
            if (candidateResidual == null) {
                break;
            }
            u = candidate;
            psi = candidatePsi;
            residual = candidateResidual;
            step = delta.norm() / u.norm();
            if (step <= NEWTON_TOLERANCE || step <= ROUNDING_STALL && step >= 0.5 * previous) {
                return u;
            }
            previous = step;
        }
        throw new ConvergenceException("S-transform equation of a free power at z = " + z, residual.norm(), step,
                NEWTON_TOLERANCE, NEWTON_BUDGET);
    }

    /** Whether the segment from a to b crosses the cut [1/s_max, ∞) of ψ_ν on the real axis. */
    private static boolean crossesCut(Complex a, Complex b, double top) {
        double ia = a.getImaginary();
        double ib = b.getImaginary();
        if (ia * ib > 0 || ia == ib) {
            return false;
        }
        double t = ia / (ia - ib);
        double re = a.getReal() + t * (b.getReal() - a.getReal());
        return re * top >= 1;
    }

    /** H(u) = η(u)^{L−1} u^{−L} − z, given ψ_ν(u). */
    private static Complex residual(Complex psi, int power, Complex z, Complex u) {
        Complex eta = psi.divide(psi.add(1));
        return eta.pow(power - 1).divide(u.pow(power)).subtract(z);
    }

    /** The layer law ν of σ_w² sech⁴(h), h ~ N(0, q), through ψ_ν. */
    private static final class TanhLayer {

        private final double weightVariance;
        private final double variance;
        private final double width;
        private final double[] h;
        /** Gauss–Legendre weights on [−H, H] times the Gaussian density: the rule for ∫ f φ_q dh. */
        private final double[] weight;
        /** Gauss–Legendre weights on [−H, H]: the rule for ∫ f dh. */
        private final double[] legendre;
        private final double[] s;
        private final double mean;
        /** max s = σ_w² (at h = 0): ψ_ν is analytic off [1/top, ∞). */
        private final double top;

        TanhLayer(double weightVariance, double variance) {
            this.weightVariance = weightVariance;
            this.variance = variance;
            this.width = GAUSSIAN_WIDTH * Math.sqrt(variance);
            GaussLegendre rule = GaussLegendre.of(LEGENDRE_NODES);
            int n = rule.size();
            h = new double[n];
            weight = new double[n];
            legendre = new double[n];
            s = new double[n];
            double m = 0;
            for (int k = 0; k < n; k++) {
                h[k] = width * rule.nodes()[k];
                legendre[k] = width * rule.weights()[k];
                weight[k] = legendre[k] * Math.exp(-h[k] * h[k] / (2 * variance))
                        / Math.sqrt(2 * Math.PI * variance);
                double c = 1 / Math.cosh(h[k]);
                s[k] = weightVariance * c * c * c * c;
                m += weight[k] * s[k];
            }
            mean = m;
            top = weightVariance;
        }

        /** ψ_ν(u), the poles ±h₀ subtracted and integrated in closed form when they are near [−H, H]. */
        Complex psi(Complex u) {
            Complex h0 = u.multiply(weightVariance).pow(0.25).acosh();
            if (!(Math.abs(h0.getImaginary()) < POLE_BAND * width && Math.abs(h0.getReal()) < width)) {
                return plainPsi(u);
            }
            return subtractedPsi(u, h0);
        }

        /** ψ_ν(u) with the poles ±h₀ subtracted. */
        Complex subtractedPsi(Complex u, Complex h0) {
            Complex sech = h0.cosh().reciprocal();
            Complex s0 = sech.multiply(sech).multiply(sech).multiply(sech).multiply(weightVariance);
            Complex sPrime = s0.multiply(h0.tanh()).multiply(-4);
            Complex phi0 = h0.multiply(h0).divide(-2 * variance).exp().divide(Math.sqrt(2 * Math.PI * variance));
            Complex residue = phi0.divide(u.multiply(sPrime)).negate();
            // Σ weight/(1 − u s) − legendre R (1/(h − h₀) − 1/(h + h₀)), in doubles (the hot loop)
            double ur = u.getReal();
            double ui = u.getImaginary();
            double pr = h0.getReal();
            double pi = h0.getImaginary();
            double rr = residue.getReal();
            double ri = residue.getImaginary();
            double re = 0;
            double im = 0;
            for (int k = 0; k < h.length; k++) {
                double ar = 1 - s[k] * ur;
                double ai = -s[k] * ui;
                double an = ar * ar + ai * ai;
                double mr = h[k] - pr;
                double mn = mr * mr + pi * pi;
                double qr = h[k] + pr;
                double qn = qr * qr + pi * pi;
                // 1/(h − h₀) − 1/(h + h₀) = (mr + i pi)/mn − (qr − i pi)/qn
                double dr = mr / mn - qr / qn;
                double di = pi / mn + pi / qn;
                re += weight[k] * ar / an - legendre[k] * (rr * dr - ri * di);
                im += -weight[k] * ai / an - legendre[k] * (rr * di + ri * dr);
            }
            Complex hi = new Complex(width);
            Complex lo = new Complex(-width);
            Complex logs = hi.subtract(h0).log().subtract(lo.subtract(h0).log())
                    .subtract(hi.add(h0).log().subtract(lo.add(h0).log()));
            return new Complex(re, im).add(residue.multiply(logs)).subtract(1);
        }

        /** ψ_ν(u) by the rule alone. */
        Complex plainPsi(Complex u) {
            double ur = u.getReal();
            double ui = u.getImaginary();
            double re = 0;
            double im = 0;
            for (int k = 0; k < h.length; k++) {
                double ar = 1 - s[k] * ur;
                double ai = -s[k] * ui;
                double an = ar * ar + ai * ai;
                re += weight[k] * ar / an;
                im -= weight[k] * ai / an;
            }
            return new Complex(re - 1, im);
        }

        /** ψ_ν′(u) by a central difference. */
        Complex psiPrime(Complex u) {
            Complex step = new Complex(DERIVATIVE_STEP * u.norm());
            return psi(u.add(step)).subtract(psi(u.subtract(step))).divide(step.multiply(2));
        }
    }
}
