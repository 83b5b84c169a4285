package io.github.freeprob.cli;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.network.JacobianSpectrum;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.NtkCauchyTransform;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.GridEvaluation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob bench scaling}: how the cost grows with the grid size and with the depth, as a table of medians and a
 * fitted exponent per series (the slope b of the least-squares line log t = a + b log n), and what a second thread
 * buys at the largest grid. Wall-clock medians of a few runs after one warm-up, like {@code bench}.
 *
 * <p>The series (critical tanh is the network of {@code bench}: orthogonal weights, q* = 1/64 on the critical line):
 * <ul>
 *   <li>grid: the density of semicircle(1) ⊞ mp(0.5) (inverted once, outside the timing) on n points of its support;
 *       the density of the critical-tanh Jacobian at depth 1000 (law built once; the depth of {@code bench}) on n
 *       points of [0, λ_max];</li>
 *   <li>depth: the critical-tanh Jacobian at depth L (law, λ_max and density on 1000 points); the last layer's NTK
 *       density ({@link NtkCauchyTransform}, factors compacted, on 1000 points of [0, t], t the 10⁻⁶ Markov bound
 *       computed outside the timing);</li>
 *   <li>threads: the two grid series at their largest n as one continuation over the whole grid (what a grid cost
 *       before {@link GridEvaluation} cut it into blocks), in blocks on one thread, and in blocks on
 *       {@code --threads}: the speed-up, and what the block restarts cost on one thread.</li>
 * </ul>
 */
@Command(name = "scaling", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the cost against grid size (100 ... 10^5 points) and depth (Jacobian 1 ... 10^4, NTK"
                + " 2 ... 1000), with the fitted exponent of each series, and one thread against --threads at the"
                + " largest grid (3-4 minutes; --quick: about 30 s)."})
final class BenchScalingCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "grids to 10^4, the NTK to L = 100 on 200 points, fewer runs (about 30 s)")
    boolean quick;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "threads compared with one at the largest grid (default ${DEFAULT-VALUE})")
    int threads;

    @Spec
    private CommandSpec spec;

    /**
     * What is measured: the grid sizes, the depths of each network series, the grid of the depth series, the depth of
     * the grid series' Jacobian, and the time each case may take for its repeated runs.
     */
    record Plan(int[] gridSizes, int[] jacobianDepths, int[] ntkDepths, int depthGrid, int gridJacobianDepth,
                double secondsPerCase, int maxRuns) {

        /** The full plan: the sizes of issue 7 (3.5 minutes on the 2-core build machine under heavy load). */
        static final Plan FULL = new Plan(new int[] {100, 1000, 10_000, 100_000},
                new int[] {1, 10, 100, 1000, 10_000}, new int[] {2, 10, 100, 1000}, 1000, 1000, 10, 5);
        /** {@code --quick}: the NTK to depth 100 on 200 points, grids to 10⁴. */
        static final Plan QUICK = new Plan(new int[] {100, 1000, 10_000},
                new int[] {1, 10, 100, 1000, 10_000}, new int[] {2, 10, 100}, 200, 1000, 1.5, 3);
        /** A few seconds, for the tests. */
        static final Plan TINY = new Plan(new int[] {50, 200}, new int[] {1, 10}, new int[] {2, 4}, 50, 10, 0.2, 1);
    }

    /** The plan in force, set by the tests; null: {@code --quick} decides. */
    private final Plan fixedPlan;

    BenchScalingCommand() {
        this(null);
    }

    BenchScalingCommand(Plan plan) {
        this.fixedPlan = plan;
    }

    /** One measured point of a series. */
    record Point(int size, double seconds) {
    }

    /** A measured series: its name, what its size counts, and its points. */
    record Series(String name, String size, List<Point> points) {
    }

    /**
     * The least-squares line log t = log a + b log n through the points (natural logarithms).
     *
     * @param exponent b
     * @param factor   a
     * @param from     the smallest n fitted
     * @param to       the largest n fitted
     */
    record Fit(double exponent, double factor, double from, double to) {
    }

    /**
     * Fits t = a nᵇ by least squares on the logarithms.
     *
     * @param sizes n, at least two distinct values, all &gt; 0
     * @param times t, as many, all &gt; 0
     * @return the fit
     * @throws IllegalArgumentException if a value is not positive and finite, the lengths differ, or fewer than two
     *                                  sizes are distinct
     */
    static Fit fit(double[] sizes, double[] times) {
        if (sizes.length != times.length) {
            throw new IllegalArgumentException("sizes and times must have the same length, but had " + sizes.length
                    + " and " + times.length);
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < sizes.length; i++) {
            Checks.positive("sizes[" + i + "]", sizes[i]);
            Checks.positive("times[" + i + "]", times[i]);
            meanX += Math.log(sizes[i]) / sizes.length;
            meanY += Math.log(times[i]) / sizes.length;
        }
        double sxx = 0;
        double sxy = 0;
        double from = Double.POSITIVE_INFINITY;
        double to = 0;
        for (int i = 0; i < sizes.length; i++) {
            double dx = Math.log(sizes[i]) - meanX;
            sxx += dx * dx;
            sxy += dx * (Math.log(times[i]) - meanY);
            from = Math.min(from, sizes[i]);
            to = Math.max(to, sizes[i]);
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("a fit needs at least two distinct sizes, but had "
                    + Arrays.toString(sizes));
        }
        double exponent = sxy / sxx;
        return new Fit(exponent, Math.exp(meanY - exponent * meanX), from, to);
    }

    @Override
    public Integer call() {
        Checks.atLeast("--threads", threads, 1);
        Plan plan = fixedPlan != null ? fixedPlan : quick ? Plan.QUICK : Plan.FULL;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Series> series = new ArrayList<>();
        Spectrum sum = StieltjesInversion.invert(FreeConvolution.additive(Laws.semicircle(1),
                Laws.marchenkoPastur(0.5)));
        Interval sumBounds = sum.compact().bounds();
        JacobianSpectrum gridJacobian = JacobianSpectrum.of(BenchCommand.criticalTanh(plan.gridJacobianDepth()));
        double lambdaMax = gridJacobian.lambdaMax();
        IntFunction<Supplier<Object>> sumDensity = n -> {
            double[] x = grid(sumBounds.lo(), sumBounds.hi(), n);
            return () -> GridEvaluation.sequential().blocks(x, sum::density);
        };
        IntFunction<Supplier<Object>> jacobianDensity = n -> {
            double[] x = grid(0, lambdaMax, n);
            return () -> gridJacobian.density(x);
        };
        series.add(measure(err, plan, "semicircle(1) + mp(0.5): density on n points (inverted once)", "n",
                plan.gridSizes(), sumDensity));
        series.add(measure(err, plan, "Jacobian, critical tanh, L = " + plan.gridJacobianDepth()
                + ": density on n points (law built once)", "n", plan.gridSizes(), jacobianDensity));
        series.add(measure(err, plan, "Jacobian, critical tanh: law, lambda_max, density on " + plan.depthGrid()
                + " points", "L", plan.jacobianDepths(), depth -> () -> {
                    JacobianSpectrum jacobian = JacobianSpectrum.of(BenchCommand.criticalTanh(depth));
                    return jacobian.density(grid(0, jacobian.lambdaMax(), plan.depthGrid()));
                }));
        series.add(measure(err, plan, "NTK chain, critical tanh: last layer's density on " + plan.depthGrid()
                + " points", "L", plan.ntkDepths(), depth -> {
                    Network network = BenchCommand.criticalTanh(depth);
                    double[] x = grid(0, NtkCauchyTransform.upperBound(network, 1e-6), plan.depthGrid());
                    return () -> NtkCauchyTransform.of(network).density(x);
                }));
        int largest = plan.gridSizes()[plan.gridSizes().length - 1];
        int last = plan.gridSizes().length - 1;
        List<double[]> speedUps = new ArrayList<>();
        GridEvaluation parallel = GridEvaluation.parallel(threads);
        double[] sumX = grid(sumBounds.lo(), sumBounds.hi(), largest);
        double[] jacobianX = grid(0, lambdaMax, largest);
        progress(err, "semicircle(1) + mp(0.5) on " + largest + " points: one walk, and " + parallel);
        speedUps.add(new double[] {median(plan, () -> sum.density(sumX)), series.get(0).points().get(last).seconds(),
            median(plan, () -> parallel.blocks(sumX, sum::density))});
        progress(err, "Jacobian on " + largest + " points: one walk, and " + parallel);
        speedUps.add(new double[] {median(plan, () -> gridJacobian.law().cauchyBoundary(jacobianX)),
            series.get(1).points().get(last).seconds(), median(plan, () -> gridJacobian.density(jacobianX, parallel))});
        out.print(table(series, largest, threads, speedUps));
        out.flush();
        return 0;
    }

    private static void progress(PrintWriter err, String what) {
        err.printf(Locale.ROOT, "freeprob bench scaling: %s ...%n", what);
        err.flush();
    }

    private static Series measure(PrintWriter err, Plan plan, String name, String size, int[] sizes,
                                  IntFunction<Supplier<Object>> cases) {
        List<Point> points = new ArrayList<>();
        for (int n : sizes) {
            progress(err, name + ", " + size + " = " + n);
            points.add(new Point(n, median(plan, cases.apply(n))));
        }
        return new Series(name, size, points);
    }

    /**
     * The median of a few runs after one warm-up: as many runs as fit in the plan's time per case (at least one, at
     * most its maximum); a case whose warm-up takes longer than that is timed by its warm-up alone (its own work then
     * dwarfs the compilation).
     */
    private static double median(Plan plan, Supplier<Object> run) {
        long start = System.nanoTime();
        run.get();
        double first = (System.nanoTime() - start) * 1e-9;
        int runs = (int) Math.min(plan.maxRuns(), Math.floor(plan.secondsPerCase() / first));
        if (runs < 1) {
            return first;
        }
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            run.get();
            times[i] = (System.nanoTime() - t) * 1e-9;
        }
        Arrays.sort(times);
        return runs % 2 == 1 ? times[runs / 2] : 0.5 * (times[runs / 2 - 1] + times[runs / 2]);
    }

    /**
     * The table: each series with its points and fitted exponent, then the thread comparison.
     *
     * @param speedUps per grid series (the first ones of {@code series}): {one walk, blocks on 1 thread, blocks on
     *                 {@code threads}}, in seconds
     */
    static String table(List<Series> series, int largest, int threads, List<double[]> speedUps) {
        StringBuilder text = new StringBuilder();
        for (Series s : series) {
            text.append(s.name()).append('\n');
            text.append(String.format(Locale.ROOT, "  %8s %12s %14s%n", s.size(), "median", "per " + s.size()));
            double[] sizes = new double[s.points().size()];
            double[] times = new double[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                Point p = s.points().get(i);
                sizes[i] = p.size();
                times[i] = p.seconds();
                text.append(String.format(Locale.ROOT, "  %8d %12s %14s%n", p.size(), duration(p.seconds()),
                        duration(p.seconds() / p.size())));
            }
            Fit fit = fit(sizes, times);
            text.append(String.format(Locale.ROOT, "  fitted exponent %.3f (least squares of log t on log %s,"
                    + " %s = %d ... %d)%n%n", fit.exponent(), s.size(), s.size(), (long) fit.from(), (long) fit.to()));
        }
        text.append(String.format(Locale.ROOT, "at n = %d: one walk over the whole grid, blocks of %d on 1 thread and"
                + " on %d threads%n", largest, GridEvaluation.blockSize(largest), threads));
        text.append(String.format(Locale.ROOT, "  %-40s %12s %12s %12s %10s %10s%n", "", "one walk", "1 thread",
                threads + " threads", "speed-up", "blocks/walk"));
        for (int i = 0; i < speedUps.size(); i++) {
            double[] t = speedUps.get(i);
            text.append(String.format(Locale.ROOT, "  %-40s %12s %12s %12s %10.2f %10.2f%n",
                    series.get(i).name().replaceFirst(":.*", ""), duration(t[0]), duration(t[1]), duration(t[2]),
                    t[1] / t[2], t[1] / t[0]));
        }
        return text.toString();
    }

    /** A duration in s, ms, µs or ns, four significant digits. */
    static String duration(double seconds) {
        if (seconds >= 1) {
            return String.format(Locale.ROOT, "%.4g s", seconds);
        }
        if (seconds >= 1e-3) {
            return String.format(Locale.ROOT, "%.4g ms", seconds * 1e3);
        }
        if (seconds >= 1e-6) {
            return String.format(Locale.ROOT, "%.4g us", seconds * 1e6);
        }
        return String.format(Locale.ROOT, "%.4g ns", seconds * 1e9);
    }

    private static double[] grid(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * (i + 0.5) / n;
        }
        return x;
    }
}
