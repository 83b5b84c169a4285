package io.github.freeprob.validation;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.JacobianSpectrum;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.NtkCauchyTransform;
import io.github.freeprob.network.NtkSpectrum;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.sampling.Ensembles;
import io.github.freeprob.sampling.SampledNetwork;
import io.github.freeprob.sampling.SymmetricEigenvalues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Time to accuracy: the wall time freeprob needs to produce a density on a grid within {@value #DENSITY_GOAL} of a
 * reference, against the time the sampling route (eigenvalues of sampled N × N matrices, pooled over seeds) needs to
 * reach its best Lévy distance to the law. The protocol (docs/performance.md, "Time to accuracy against sampling"):
 *
 * <ol>
 *   <li><b>freeprob</b>: the route a user runs ({@link Target#freeprob}), {@code warmups} untimed runs, then the
 *       median wall time of {@code runs}; its error is sup over the grid of |ρ − ρ_ref| divided by max ρ_ref.</li>
 *   <li><b>sampling</b> at width N: seeds 1, 2, … drawn from one {@link SplittableRandom}, eigenvalues pooled; at the
 *       checkpoints S = 1, 2, 4, … the Lévy distance of the pooled empirical CDF to the law's CDF
 *       ({@link Distances#levy}); it stops when a doubling improves the distance by less than
 *       {@value #PLATEAU_IMPROVEMENT} of it (the finite-N bias dominates: more seeds do not help), or at the seed cap.
 *       Its best distance is the smallest at a checkpoint, its time the sampling and eigenvalue time spent up to that
 *       checkpoint (computing distances is not counted).</li>
 *   <li>ratio = sampling time to its best / freeprob's median.</li>
 * </ol>
 * Wall-clock times: this is a measurement protocol, not a hot path.
 */
public final class TimeToAccuracy {

    /** The density error freeprob must reach, relative to the peak of the reference density. */
    public static final double DENSITY_GOAL = 1e-6;
    /** Points of the density grid. */
    public static final int GRID_POINTS = 1000;
    /** A doubling of the seeds that improves the distance by less than this fraction ends the sampling run. */
    public static final double PLATEAU_IMPROVEMENT = 0.1;

    /** Seed cap of an ensemble target at N = 250 ({@link #seedCap}). */
    public static final int ENSEMBLE_SEEDS = 32;
    /** Seed cap of a network target at N = 250 ({@link #seedCap}). */
    public static final int NETWORK_SEEDS = 16;

    private TimeToAccuracy() {
    }

    /** A density on a grid. */
    public record GridDensity(double[] points, double[] density) {

        /** Copies the arrays. */
        public GridDensity {
            points = points.clone();
            density = density.clone();
        }

        @Override
        public double[] points() {
            return points.clone();
        }

        @Override
        public double[] density() {
            return density.clone();
        }
    }

    /**
     * One target of the comparison.
     *
     * @param name      short name (the CLI's {@code --targets})
     * @param law       what it is, in words
     * @param reference how the reference density is computed, in words
     * @param route     what freeprob's timed route does, in words
     * @param freeprob  freeprob's route: the density on a grid of {@value #GRID_POINTS} points
     * @param truth     the reference density at given points
     * @param cdf       the law for the Lévy distances of the samples (its accuracy only needs to be far below them)
     * @param sampler   eigenvalues of one sampled matrix of width N
     * @param network   whether a sample is a network (L weight matrices: about L times the cost of an ensemble's)
     */
    public record Target(String name, String law, String reference, String route, Supplier<GridDensity> freeprob,
                         Function<double[], double[]> truth, Supplier<Spectrum> cdf,
                         BiFunction<Integer, SplittableRandom, double[]> sampler, boolean network) {
    }

    /**
     * The default cap on the seeds pooled at width N, chosen to keep {@code bench time-to-accuracy} to minutes:
     * ⌊c (250/N)²⌋, at least 1, c = {@value #ENSEMBLE_SEEDS} for ensembles and {@value #NETWORK_SEEDS} for networks
     * (32, 8, 2, 1 and 16, 4, 1, 1 at N = 250, 500, 1000, 2000; an eigenvalue problem costs N³, so the time spent
     * per width grows about like N; one depth-8 network sample at N = 2000 costs a minute or more). A cap ends a run
     * before the plateau rule does: the sampling time is then a lower bound of its time to its best distance, and the
     * ratio a lower bound too.
     *
     * @param target the target
     * @param width  N ≥ 1
     * @return the cap
     */
    public static int seedCap(Target target, int width) {
        Checks.atLeast("width N", width, 1);
        double base = target.network() ? NETWORK_SEEDS : ENSEMBLE_SEEDS;
        return Math.max(1, (int) Math.floor(base * (250.0 / width) * (250.0 / width)));
    }

    /** The four targets of issue 7, in order. */
    public static List<Target> targets() {
        return List.of(freeSum(), freeProductWithAtoms(), tanhJacobian(8), reluNtk(8));
    }

    /** semicircle(1) ⊞ mp(0.5); samples GOE + Wishart; reference: the cubic for G ({@link ReferenceDensities}). */
    public static Target freeSum() {
        Supplier<Measure> law = () -> FreeConvolution.additive(Laws.semicircle(1), Laws.marchenkoPastur(0.5));
        return new Target("sum", "semicircle(1) + mp(0.5) (free sum)",
                "closed form: cubic equation for G from R = w + 1/(1 - w/2), Laguerre + Newton",
                "Stieltjes inversion + density on 1000 points", () -> invertedDensity(law.get()),
                xs -> ReferenceDensities.semicircleFreeSumMarchenkoPastur(0.5, xs),
                () -> StieltjesInversion.invert(law.get()),
                (n, random) -> SymmetricEigenvalues.of(Ensembles.goe(n, 1, random)
                        .add(Ensembles.wishart(n, 0.5, random))), false);
    }

    /**
     * mp(0.5) ⊠ (½δ₀ + ½δ₁); samples P W P with W Wishart and P the diagonal projection onto the first N/2
     * coordinates (W is orthogonally invariant, so no Haar matrix is needed); reference: ½δ₀ + ½ mp(¼).
     */
    public static Target freeProductWithAtoms() {
        Supplier<Measure> law = () -> FreeConvolution.multiplicative(Laws.marchenkoPastur(0.5),
                Laws.atoms(new double[] {0, 1}, new double[] {0.5, 0.5}));
        return new Target("product", "mp(0.5) x (1/2 d0 + 1/2 d1) (free product, atom 1/2 at 0)",
                "closed form: 1/2 d0 + 1/2 mp(1/4) from the S-transforms",
                "Stieltjes inversion + density on 1000 points", () -> invertedDensity(law.get()),
                xs -> ReferenceDensities.marchenkoPasturTimesProjection(0.5, 0.5, xs),
                () -> StieltjesInversion.invert(law.get()),
                (n, random) -> {
                    double[] projection = new double[n];
                    Arrays.fill(projection, 0, n / 2, 1);
                    return SymmetricEigenvalues.of(Ensembles.wishart(n, 0.5, random).scaleBothSides(projection));
                }, false);
    }

    /**
     * JJᵀ of a critical tanh network (q* = 1/64, orthogonal weights, started at q*) of the given depth; samples
     * {@link SampledNetwork#jacobianEigenvalues}; reference: {@link ReferenceDensities#tanhJacobian}.
     */
    public static Target tanhJacobian(int depth) {
        Network network = criticalTanh(depth);
        return new Target("jacobian", "JJ^T, critical tanh (q* = 1/64, orthogonal), L = " + depth,
                "S-transform equation eta(u)^(L-1) = z u^L solved by Newton, psi by pole-subtracted quadrature",
                "law (free power) + lambda_max + density on 1000 points", () -> {
                    JacobianSpectrum jacobian = JacobianSpectrum.of(network);
                    double[] xs = grid(0, jacobian.lambdaMax());
                    return new GridDensity(xs, jacobian.density(xs));
                },
                xs -> ReferenceDensities.tanhJacobian(network.weightVariance(), network.variances()[0], depth, xs),
                () -> JacobianSpectrum.of(network).spectrum(),
                (n, random) -> SampledNetwork.sample(network, n, random).jacobianEigenvalues(), true);
    }

    /**
     * The one-sample NTK of a critical relu network (σ_w² = 2, σ_b² = 0, q¹ = 1, orthogonal weights) of the given
     * depth; samples {@link SampledNetwork#ntkEigenvalues}; freeprob's route is {@link NtkCauchyTransform} (all
     * layers' subordination equations at once), the reference {@link NtkSpectrum} (layer by layer, each law
     * compacted by a Stieltjes inversion).
     */
    public static Target reluNtk(int depth) {
        Network network = Network.of(Activation.relu(), WeightDistribution.ORTHOGONAL, 2, 0, depth)
                .withFirstVariance(1);
        return new Target("ntk", "NTK, relu (sigma_w^2 = 2, sigma_b^2 = 0, q1 = 1, orthogonal), L = " + depth,
                "NtkSpectrum: layer by layer, each layer's law compacted by Stieltjes inversion",
                "NtkCauchyTransform: density of the last layer on 1000 points", () -> {
                    double[] xs = grid(0, NtkCauchyTransform.upperBound(network, 1e-6));
                    return new GridDensity(xs, NtkCauchyTransform.of(network).density(xs));
                },
                xs -> NtkSpectrum.of(network).density(xs),
                () -> NtkSpectrum.of(network).spectrum(),
                (n, random) -> SampledNetwork.sample(network, n, random).ntkEigenvalues(), true);
    }

    /** The critical tanh network of the examples: q* = 1/64, orthogonal weights, started at q*. */
    static Network criticalTanh(int depth) {
        double[] point = MeanField.criticalPoint(Activation.tanh(), 1.0 / 64);
        return Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, point[0], point[1], depth);
    }

    private static GridDensity invertedDensity(Measure law) {
        Spectrum spectrum = StieltjesInversion.invert(law);
        Interval bounds = spectrum.compact().bounds();
        double[] xs = grid(bounds.lo(), bounds.hi());
        return new GridDensity(xs, spectrum.density(xs));
    }

    /** Midpoints of {@value #GRID_POINTS} equal cells of [lo, hi]. */
    static double[] grid(double lo, double hi) {
        double[] x = new double[GRID_POINTS];
        for (int i = 0; i < GRID_POINTS; i++) {
            x[i] = lo + (hi - lo) * (i + 0.5) / GRID_POINTS;
        }
        return x;
    }

    /**
     * sup_i |ρ_i − ρ_ref,i| / max_i ρ_ref,i.
     *
     * @param density   computed values
     * @param reference reference values at the same points, not all 0
     * @return the relative sup error
     * @throws IllegalArgumentException if the lengths differ or the reference is 0 everywhere
     */
    public static double relativeSupError(double[] density, double[] reference) {
        if (density.length != reference.length) {
            throw new IllegalArgumentException("density and reference must have the same length, but had "
                    + density.length + " and " + reference.length);
        }
        double error = 0;
        double peak = 0;
        for (int i = 0; i < density.length; i++) {
            error = Math.max(error, Math.abs(density[i] - reference[i]));
            peak = Math.max(peak, reference[i]);
        }
        if (!(peak > 0)) {
            throw new IllegalArgumentException("reference density must be positive somewhere, but its peak was "
                    + Checks.format(peak));
        }
        return error / peak;
    }

    /**
     * freeprob's side of one target.
     *
     * @param target         the target
     * @param medianSeconds  median wall time of the route
     * @param runs           timed runs
     * @param densityError   {@link #relativeSupError} of the last run's density against the reference
     * @param referenceSeconds time the reference took (once)
     */
    public record FreeprobResult(Target target, double medianSeconds, int runs, double densityError,
                                 double referenceSeconds) {

        /** @return whether the density error is at most {@value #DENSITY_GOAL} */
        public boolean meetsGoal() {
            return densityError <= DENSITY_GOAL;
        }
    }

    /**
     * Times freeprob's route and measures its error against the reference.
     *
     * @param target  the target
     * @param warmups untimed runs first, ≥ 0
     * @param runs    timed runs, ≥ 1
     * @return the median time and the error
     */
    public static FreeprobResult freeprob(Target target, int warmups, int runs) {
        Checks.atLeast("warm-up runs", warmups, 0);
        Checks.atLeast("timed runs", runs, 1);
        for (int i = 0; i < warmups; i++) {
            target.freeprob().get();
        }
        double[] seconds = new double[runs];
        GridDensity last = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            last = target.freeprob().get();
            seconds[i] = (System.nanoTime() - start) * 1e-9;
        }
        long start = System.nanoTime();
        double[] reference = target.truth().apply(last.points());
        double referenceSeconds = (System.nanoTime() - start) * 1e-9;
        return new FreeprobResult(target, median(seconds), runs, relativeSupError(last.density(), reference),
                referenceSeconds);
    }

    /**
     * A checkpoint of a sampling run.
     *
     * @param seeds   matrices pooled so far
     * @param seconds sampling and eigenvalue time spent so far
     * @param levy    Lévy distance of the pooled eigenvalues to the law
     */
    public record Checkpoint(int seeds, double seconds, double levy) {
    }

    /**
     * The sampling side at one width.
     *
     * @param width       N
     * @param checkpoints the checkpoints, in order
     * @param plateau     whether the run stopped on the plateau rule (false: at the seed cap)
     */
    public record SamplingResult(int width, List<Checkpoint> checkpoints, boolean plateau) {

        /** Copies the list. */
        public SamplingResult {
            checkpoints = List.copyOf(checkpoints);
        }

        /** @return the checkpoint with the smallest distance (the first of equals) */
        public Checkpoint best() {
            Checkpoint best = checkpoints.get(0);
            for (Checkpoint c : checkpoints) {
                if (c.levy() < best.levy()) {
                    best = c;
                }
            }
            return best;
        }
    }

    /**
     * Samples the target at width N, seeds doubling from 1 to {@code maxSeeds}, until the plateau rule stops it.
     *
     * @param target   the target
     * @param law      the law its samples are compared with ({@link Target#cdf}, computed once by the caller)
     * @param width    N ≥ 2
     * @param maxSeeds the cap, ≥ 1
     * @param seed     the seed of the generator
     * @return the checkpoints
     */
    public static SamplingResult sampling(Target target, Spectrum law, int width, int maxSeeds, long seed) {
        Checks.atLeast("width N", width, 2);
        Checks.atLeast("maximum seeds", maxSeeds, 1);
        SplittableRandom random = new SplittableRandom(seed);
        List<Checkpoint> checkpoints = new ArrayList<>();
        double[] pooled = new double[0];
        double seconds = 0;
        int drawn = 0;
        int next = 1;
        boolean plateau = false;
        while (drawn < maxSeeds) {
            int goal = Math.min(next, maxSeeds);
            while (drawn < goal) {
                long start = System.nanoTime();
                double[] eigenvalues = target.sampler().apply(width, random);
                seconds += (System.nanoTime() - start) * 1e-9;
                double[] joined = Arrays.copyOf(pooled, pooled.length + eigenvalues.length);
                System.arraycopy(eigenvalues, 0, joined, pooled.length, eigenvalues.length);
                pooled = joined;
                drawn++;
            }
            Checkpoint checkpoint = new Checkpoint(drawn, seconds, Distances.levy(law, pooled));
            if (!checkpoints.isEmpty()
                    && checkpoint.levy() > (1 - PLATEAU_IMPROVEMENT) * checkpoints.get(checkpoints.size() - 1).levy()) {
                checkpoints.add(checkpoint);
                plateau = true;
                break;
            }
            checkpoints.add(checkpoint);
            next *= 2;
        }
        return new SamplingResult(width, checkpoints, plateau);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
