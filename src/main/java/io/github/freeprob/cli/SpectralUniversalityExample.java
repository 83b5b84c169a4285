package io.github.freeprob.cli;

import io.github.freeprob.network.Activation;
import io.github.freeprob.network.JacobianSpectrum;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.numerics.ConvergenceException;
import io.github.freeprob.precision.Precision;
import io.github.freeprob.sampling.SampledNetwork;
import io.github.freeprob.validation.Comparison;
import io.github.freeprob.validation.Distances;
import io.github.freeprob.validation.FiniteSizeRule;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.exception.MathIllegalStateException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob example spectral-universality}: the second example of issue 6, after Pennington, Schoenholz and
 * Ganguli, "The emergence of spectral universality in deep networks", AISTATS 2018 (PSG18).
 *
 * <p>For critical networks (χ = 1) of several activations and both weight ensembles, writes to the output folder:
 * {@code variance.png} (the variance of the spectrum of JJᵀ against depth, the closed form L(μ₂/μ₁² − 1 − s₁), the
 * exact moment engine and sampled networks), {@code lambda-max.png} (λ_max of JJᵀ against depth, predicted, sampled,
 * and the large-depth asymptote e·L(μ₂/μ₁² − 1 − s₁)), {@code lambda-max-ratio.png} (λ_max / (e·Var) against Var,
 * which tends to 1 for every activation and ensemble), {@code universal-limit.png} (orthogonal erf and hard tanh with
 * q* shrinking so that L(μ₂/μ₁² − 1) = 1: two different limit laws), the CSV behind each, and {@code table.csv}
 * (also printed, with the double-scaling rows after it): per
 * sampled depth the variance three ways, λ_max predicted and sampled, and the comparison with one sampled network
 * under {@link FiniteSizeRule#jacobian(int)} at its depth. A prediction that throws {@link ConvergenceException} is
 * reported in the table and left out of its picture; the run continues.
 */
@Command(name = "spectral-universality", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Spectral universality (Pennington, Schoenholz and Ganguli, AISTATS 2018): the variance of the"
                + " spectrum of JJ^T and its largest eigenvalue against depth for critical linear, relu, hard_tanh,"
                + " tanh and erf networks (orthogonal and Gaussian weights; sigmoid on request), against sampled"
                + " networks, with the large-depth limits Var = L(mu_2/mu_1^2 - 1 - s_1) and"
                + " lambda_max ~ e Var, and the two universal limits of orthogonal erf and hard_tanh networks when q*"
                + " shrinks with the variance held at 1.",
            "Writes PNG pictures, the CSV behind each and table.csv to --out; prints the table."},
        footer = {"", "Example: freeprob example spectral-universality --quick --out /tmp/su"})
final class SpectralUniversalityExample implements Callable<Integer> {

    /**
     * The fixed point of tanh and erf: Pennington, Schoenholz and Ganguli's q* = 1/64 for tanh (2017). At q* = 1/4 the
     * Stieltjes inversion of their Gaussian-weight laws takes 20 s and more per depth, or fails (measured).
     */
    static final double SMOOTH_Q_STAR = 1.0 / 64;
    /**
     * The fixed point of hard tanh: at q* = 1/64 it is linear to within 1e-15 and its fixed-point iteration does not
     * converge (see {@link DynamicalIsometryExample#HARD_TANH_Q_STAR}).
     */
    static final double Q_STAR = DynamicalIsometryExample.HARD_TANH_Q_STAR;
    /**
     * The fixed point of sigmoid: its critical line χ = 1 has no point with q* ≤ 16 (σ_b² would be negative, since
     * φ(0) = 1/2), so the smallest power of 4 on it is used.
     */
    static final double SIGMOID_Q_STAR = 64;
    /**
     * Why sigmoid rows have no comparison with the sample: the comparison needs the Stieltjes inversion of the law, and
     * for sigmoid at q* = 64 (orthogonal, L = 2) it had not finished after 8 minutes of CPU (measured).
     */
    static final String SIGMOID_NOT_COMPARED = "not compared: the Stieltjes inversion of sigmoid's law (q* = 64) had"
            + " not finished after 8 minutes of CPU at L = 2 (measured); lambda_max and the variances need none";
    static final List<String> DEFAULT_ACTIVATIONS = List.of("linear", "relu", "hard_tanh", "tanh", "erf");
    /** Moments handed to the comparison: m_0 … m_{K+1} with K = 4 compared. */
    static final int COMPARED_MOMENTS = 5;
    /** Var = L(μ₂/μ₁² − 1) held fixed in the double-scaling picture (q* shrinks as the depth grows). */
    static final double LIMIT_VARIANCE = 1;
    /** Tolerance (relative, on q*) and budget of the search for q* with a given per-layer variance. */
    static final double Q_TOLERANCE = 1e-12;
    static final int Q_EVALUATIONS = 200;
    static final double Q_MIN = 1e-4;
    static final double Q_MAX = 4;
    static final int LIMIT_POINTS = 600;
    /** The left end of the log λ axis of the double-scaling picture, as a fraction of its right end. */
    static final double LIMIT_AXIS_LOW = 1e-4;
    static final int LIMIT_BINS = 50;
    /** The asymptote e·Var is drawn where Var ≥ this (below, λ_max ≈ 1 + 2√Var and the asymptote means nothing). */
    static final double ASYMPTOTE_FROM = 0.5;
    static final int PANEL_WIDTH = 1050;
    static final int PANEL_HEIGHT = 640;
    static final Color[] PALETTE = {new Color(90, 90, 90), new Color(214, 39, 40), new Color(255, 127, 14),
        new Color(31, 119, 180), new Color(44, 160, 44), new Color(148, 103, 189)};
    static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default out/spectral-universality)")
    Path out = Path.of("out", "spectral-universality");

    @Option(names = "--quick", description = "small run: N = 100, depths 2 and 8 (15 to 20 s of CPU instead of"
            + " about a minute)")
    boolean quick;

    @Option(names = "--width", paramLabel = "N", description = "width N of the sampled networks (default 200, 100"
            + " with --quick)")
    Integer width;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of the sampled networks (default 1)")
    long seed = 1;

    @Option(names = "--activations", paramLabel = "LIST", split = ",", description = "activations, from linear,"
            + " relu, hard_tanh, tanh, erf, sigmoid (default all but sigmoid; sigmoid runs with orthogonal weights"
            + " only, a few seconds per depth, and is not compared with the sample)")
    List<String> activations = DEFAULT_ACTIVATIONS;

    private PrintWriter err;

    /** One critical network setting: φ with its (σ_w², σ_b²), q¹ (NaN: start at q*) and the q at which ν is taken. */
    record Setting(String name, Activation activation, double sigmaW2, double sigmaB2, double q1, double qNu,
                   String description) {

        Network network(WeightDistribution weights, int depth) {
            Network network = Network.of(activation, weights, sigmaW2, sigmaB2, depth);
            return Double.isNaN(q1) ? network : network.withFirstVariance(q1);
        }

        /** μ₂/μ₁² of ν = law of φ′(h)², h ~ N(0, q*). */
        double momentRatio() {
            double[] mu = activation.derivativeSquaredLaw(qNu).moments(2);
            return mu[2] / (mu[1] * mu[1]);
        }

        /** The variance each layer adds at χ = 1: μ₂/μ₁² − 1 − s₁ (PSG 2017, 2018). */
        double perLayerVariance(WeightDistribution weights) {
            return momentRatio() - 1 - weights.s1();
        }
    }

    /** One depth of one (setting, weights): the prediction (or why it failed), and the sample at sampled depths. */
    static final class Point {
        final int depth;
        double lambdaMax = Double.NaN;
        double variance = Double.NaN;
        double closedForm = Double.NaN;
        String failure;
        double[] sampled;
        double sampledVariance = Double.NaN;
        Comparison comparison;

        Point(int depth) {
            this.depth = depth;
        }
    }

    /** All depths of one (setting, weights). */
    static final class Series {
        final Setting setting;
        final WeightDistribution weights;
        final double perLayer;
        final Map<Integer, Point> points = new LinkedHashMap<>();
        String skipped;

        Series(Setting setting, WeightDistribution weights) {
            this.setting = setting;
            this.weights = weights;
            this.perLayer = setting.perLayerVariance(weights);
        }

        String label() {
            return setting.name + " " + weights.label();
        }
    }

    @Override
    public Integer call() throws Exception {
        err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        int n = width != null ? width : quick ? 100 : 200;
        if (n < 2) {
            throw new IllegalArgumentException("--width must be >= 2, but was " + n);
        }
        List<Setting> settings = settings(activations);
        long start = System.nanoTime();
        Path folder = out.toAbsolutePath();
        Files.createDirectories(folder);

        int[] depths = quick ? new int[] {2, 8} : new int[] {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
        int[] sampledDepths = quick ? new int[] {2, 8} : new int[] {2, 8, 32, 128};
        List<Series> all = new ArrayList<>();
        for (Setting setting : settings) {
            for (WeightDistribution weights : WeightDistribution.values()) {
                Series series = new Series(setting, weights);
                if (setting.name.equals("sigmoid") && weights == WeightDistribution.GAUSSIAN) {
                    series.skipped = "skipped: Gaussian sigmoid took over a minute per depth (measured)";
                    progress("%s: %s", series.label(), series.skipped);
                } else {
                    predict(series, depths, sampledDepths, n);
                }
                all.add(series);
            }
        }

        variancePicture(folder, all, n);
        lambdaMaxPicture(folder, all, n);
        ratioPicture(folder, all);
        String limits = universalLimitPicture(folder, n);

        String table = table(all, n);
        AtomicFiles.writeString(folder.resolve("table.csv"), tableCsv(all, n));
        stdout.print(table);
        stdout.print(limits);
        stdout.printf(Locale.ROOT, "wrote variance, lambda-max, lambda-max-ratio, universal-limit (.png and .csv) and"
                + " table.csv to %s"
                + " in %.1f s%n", folder, (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return 0;
    }

    /**
     * The named settings, each at χ = 1: linear σ_w² = 1 and relu σ_w² = 2 (σ_b² = 0, q¹ = 1); hard_tanh at q* = 1/4;
     * tanh and erf at q* = 1/64; sigmoid at q* = {@value #SIGMOID_Q_STAR}.
     *
     * @throws IllegalArgumentException for an unknown or repeated name
     */
    static List<Setting> settings(List<String> names) {
        List<Setting> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (seen.contains(name)) {
                throw new IllegalArgumentException("--activations lists " + name + " twice");
            }
            seen.add(name);
            out.add(switch (name) {
                case "linear" -> new Setting("linear", Activation.linear(), 1, 0, 1, 1, "σ_w² = 1, σ_b² = 0");
                case "relu" -> new Setting("relu", Activation.relu(), 2, 0, 1, 1, "σ_w² = 2, σ_b² = 0");
                case "hard_tanh" -> critical("hard_tanh", Activation.hardTanh(), Q_STAR);
                case "tanh" -> critical("tanh", Activation.tanh(), SMOOTH_Q_STAR);
                case "erf" -> critical("erf", Activation.erf(), SMOOTH_Q_STAR);
                case "sigmoid" -> critical("sigmoid", Activation.sigmoid(), SIGMOID_Q_STAR);
                default -> throw new IllegalArgumentException("--activations: unknown activation '" + raw
                        + "' (expected linear, relu, hard_tanh, tanh, erf or sigmoid)");
            });
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--activations must name at least one activation");
        }
        return out;
    }

    private static Setting critical(String name, Activation activation, double qStar) {
        double[] point = MeanField.criticalPoint(activation, qStar);
        return new Setting(name, activation, point[0], point[1], Double.NaN, qStar,
                String.format(Locale.ROOT, "q* = %s: σ_w² = %.6g, σ_b² = %.3g", qLabel(qStar), point[0], point[1]));
    }

    static String qLabel(double q) {
        if (q < 1 && Math.abs(1 / q - Math.rint(1 / q)) < 1e-9) {
            return "1/" + Math.round(1 / q);
        }
        return q == Math.rint(q) ? String.valueOf((long) q) : String.valueOf(q);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Predictions and samples

    private void predict(Series series, int[] depths, int[] sampledDepths, int n) {
        for (int depth : depths) {
            Point point = new Point(depth);
            series.points.put(depth, point);
            point.closedForm = depth * series.perLayer;
            Network network = series.setting.network(series.weights, depth);
            boolean sampled = contains(sampledDepths, depth);
            long start = System.nanoTime();
            try {
                JacobianSpectrum jacobian = JacobianSpectrum.of(network);
                point.lambdaMax = jacobian.lambdaMax();
                if (sampled) {
                    point.variance = jacobian.variance();
                    point.sampled = sample(network, n);
                    double[] m = Distances.empiricalMoments(point.sampled, 2);
                    point.sampledVariance = m[2] - m[1] * m[1];
                    if (series.setting.name.equals("sigmoid")) {
                        point.failure = SIGMOID_NOT_COMPARED;
                    } else {
                        double[] moments = jacobian.exactMoments(COMPARED_MOMENTS, Precision.ofDigits(40))
                                .toDoubleArray();
                        point.comparison = Comparison.of(jacobian.spectrum(), moments, point.sampled,
                                FiniteSizeRule.jacobian(network.depth()));
                    }
                }
            } catch (ConvergenceException | ArithmeticException e) {
                point.failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                progress("%s L=%d: prediction FAILED: %s", series.label(), depth, point.failure);
                if (sampled && point.sampled == null) {
                    point.sampled = sample(network, n);
                }
                if (point.sampled != null) {
                    double[] m = Distances.empiricalMoments(point.sampled, 2);
                    point.sampledVariance = m[2] - m[1] * m[1];
                }
            }
            progress("%s L=%d: lambda_max %.6g in %.1f s", series.label(), depth, point.lambdaMax,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private double[] sample(Network network, int n) {
        long start = System.nanoTime();
        String key = network + " N=" + n;
        double[] eigenvalues = SampledNetwork.sample(network, n, new SplittableRandom(seed * 1_000_003L
                + key.hashCode())).jacobianEigenvalues();
        progress("  sampled %s in %.1f s", key, (System.nanoTime() - start) / 1e9);
        return eigenvalues;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. The variance against depth

    private void variancePicture(Path folder, List<Series> all, int n) {
        StringBuilder csv = new StringBuilder("activation,weights,depth,kind,variance\n");
        List<BufferedImage> panels = new ArrayList<>();
        for (WeightDistribution weights : WeightDistribution.values()) {
            XYChart chart = depthChart(weights.label() + " weights: Var(λ) = L(μ₂/μ₁² − 1 − s₁), s₁ = "
                    + weights.s1(), "variance of the eigenvalues λ of JJᵀ");
            List<String> zero = new ArrayList<>();
            for (int k = 0; k < all.size(); k++) {
                Series s = all.get(k);
                if (s.weights != weights || s.skipped != null) {
                    continue;
                }
                if (!(s.perLayer > 0)) {
                    zero.add(s.setting.name);   // linear, orthogonal: JJᵀ = I, variance 0 (no place on a log axis)
                }
                Color color = colorOf(s, all);
                List<Double> xs = new ArrayList<>();
                List<Double> closed = new ArrayList<>();
                List<Double> ex = new ArrayList<>();
                List<Double> ey = new ArrayList<>();
                List<Double> sx = new ArrayList<>();
                List<Double> sy = new ArrayList<>();
                for (Point p : s.points.values()) {
                    csv.append(row(s, p.depth, "closed_form", p.closedForm));
                    xs.add((double) p.depth);
                    closed.add(p.closedForm);
                    if (!Double.isNaN(p.variance)) {
                        csv.append(row(s, p.depth, "exact_engine", p.variance));
                        ex.add((double) p.depth);
                        ey.add(p.variance);
                    }
                    if (!Double.isNaN(p.sampledVariance)) {
                        csv.append(row(s, p.depth, "sampled_N" + n, p.sampledVariance));
                        sx.add((double) p.depth);
                        sy.add(p.sampledVariance);
                    }
                }
                if (!(s.perLayer > 0)) {
                    continue;
                }
                XYSeries line = chart.addSeries(String.format(Locale.ROOT, "%s: %.4g L", s.setting.name, s.perLayer),
                        xs, closed);
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(color);
                line.setLineStyle(new BasicStroke(2.2f));   // explicit: XChart cycles dash styles otherwise
                if (!ex.isEmpty()) {
                    XYSeries engine = chart.addSeries(s.setting.name + ": exact moments (engine)", ex, ey);
                    engine.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    engine.setMarker(SeriesMarkers.CIRCLE);
                    engine.setMarkerColor(color);
                    engine.setShowInLegend(false);
                }
                if (!sx.isEmpty()) {
                    XYSeries points = chart.addSeries(String.format(Locale.ROOT, "%s: sampled, N = %d",
                            s.setting.name, n), sx, sy);
                    points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    points.setMarker(markerOf(s, all));
                    points.setMarkerColor(color.darker());
                }
            }
            if (!zero.isEmpty()) {
                chart.setTitle(chart.getTitle() + " (" + String.join(", ", zero) + ": 0, not drawn)");
            }
            panels.add(BitmapEncoder.getBufferedImage(chart));
        }
        ExamplePictures.writeSideBySide(folder.resolve("variance.png"), panels,
                "Variance of the spectrum of JJᵀ against depth at criticality χ = 1 (after Pennington, Schoenholz &"
                        + " Ganguli 2018)",
                "J = D_L W_L ⋯ D_1 W_1; μ_k = E[φ′(h)^{2k}], h ~ N(0, q*); s₁ = first coefficient of σ_w² S_{WᵀW}."
                        + " Lines: the closed form; circles on them: the exact moment engine (40 digits);",
                String.format(Locale.ROOT, "other markers: one sampled network of width N = %d per depth, seed %d"
                        + " (variance of its N eigenvalues).", n, seed),
                "Deep Gaussian networks (L ≥ 32): one sample's variance is carried by its few largest eigenvalues,"
                        + " far out in a thin tail, and scatters by decades below the limit (a finite-N effect).");
        AtomicFiles.writeString(folder.resolve("variance.csv"), csv.toString());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. λ_max against depth, with the asymptote e·Var

    private void lambdaMaxPicture(Path folder, List<Series> all, int n) {
        StringBuilder csv = new StringBuilder("activation,weights,depth,kind,lambda_max\n");
        List<BufferedImage> panels = new ArrayList<>();
        for (WeightDistribution weights : WeightDistribution.values()) {
            XYChart chart = depthChart(weights.label() + " weights", "largest eigenvalue λ_max of JJᵀ");
            for (Series s : all) {
                if (s.weights != weights || s.skipped != null) {
                    continue;
                }
                Color color = colorOf(s, all);
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                List<Double> ax = new ArrayList<>();
                List<Double> ay = new ArrayList<>();
                List<Double> sx = new ArrayList<>();
                List<Double> sy = new ArrayList<>();
                for (Point p : s.points.values()) {
                    if (!Double.isNaN(p.lambdaMax)) {
                        csv.append(row(s, p.depth, "predicted", p.lambdaMax));
                        xs.add((double) p.depth);
                        ys.add(p.lambdaMax);
                    }
                    if (p.closedForm >= ASYMPTOTE_FROM) {
                        double asymptote = Math.E * p.closedForm;
                        csv.append(row(s, p.depth, "asymptote_e_variance", asymptote));
                        ax.add((double) p.depth);
                        ay.add(asymptote);
                    }
                    if (p.sampled != null) {
                        double max = max(p.sampled);
                        csv.append(row(s, p.depth, "sampled_N" + n, max));
                        sx.add((double) p.depth);
                        sy.add(max);
                    }
                }
                if (!xs.isEmpty()) {
                    XYSeries line = chart.addSeries(s.setting.name + ": predicted", xs, ys);
                    line.setMarker(SeriesMarkers.NONE);
                    line.setLineColor(color);
                    line.setLineStyle(new BasicStroke(2.2f));   // explicit: XChart cycles dash styles otherwise
                }
                if (!ax.isEmpty()) {
                    XYSeries asymptote = chart.addSeries(s.setting.name + ": e·L(μ₂/μ₁² − 1 − s₁)", ax, ay);
                    asymptote.setMarker(SeriesMarkers.NONE);
                    asymptote.setLineColor(color);
                    asymptote.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                            new float[] {6f, 4f}, 0f));
                    asymptote.setShowInLegend(false);
                }
                if (!sx.isEmpty()) {
                    XYSeries points = chart.addSeries(String.format(Locale.ROOT, "%s: sampled, N = %d",
                            s.setting.name, n), sx, sy);
                    points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    points.setMarker(markerOf(s, all));
                    points.setMarkerColor(color.darker());
                }
            }
            panels.add(BitmapEncoder.getBufferedImage(chart));
        }
        ExamplePictures.writeSideBySide(folder.resolve("lambda-max.png"), panels,
                "Largest eigenvalue of JJᵀ against depth at criticality χ = 1 (after Pennington, Schoenholz & Ganguli"
                        + " 2018)",
                "Solid lines: the free-probability edge λ_max (JacobianSpectrum.lambdaMax(), one free power per depth);"
                        + " dashed: the large-depth asymptote e·Var = e·L(μ₂/μ₁² − 1 − s₁);",
                String.format(Locale.ROOT, "markers: the largest eigenvalue of one sampled network of width N = %d"
                        + " per depth, seed %d. Linear orthogonal: λ_max = 1 at every depth.",
                        n, seed));
        AtomicFiles.writeString(folder.resolve("lambda-max.csv"), csv.toString());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. λ_max / (e·Var) → 1

    private void ratioPicture(Path folder, List<Series> all) {
        StringBuilder csv = new StringBuilder("activation,weights,depth,kind,lambda_max_over_e_variance\n");
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .xAxisTitle("Var = L(μ₂/μ₁² − 1 − s₁), the variance of the spectrum of JJᵀ (log scale)")
                .yAxisTitle("λ_max / (e·Var) (log scale)").build();
        Charts.style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.getStyler().setMarkerSize(8);
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = 0;
        for (Series s : all) {
            if (s.skipped != null || !(s.perLayer > 0)) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Point p : s.points.values()) {
                if (!Double.isNaN(p.lambdaMax)) {
                    double ratio = p.lambdaMax / (Math.E * p.closedForm);
                    csv.append(row(s, p.depth, "predicted", ratio));
                    xs.add(p.closedForm);
                    ys.add(ratio);
                    xMin = Math.min(xMin, p.closedForm);
                    xMax = Math.max(xMax, p.closedForm);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            Color color = colorOf(s, all);
            XYSeries line = chart.addSeries(s.label(), xs, ys);
            line.setMarker(markerOf(s, all));
            line.setMarkerColor(color);
            line.setLineColor(color);
            line.setLineStyle(new BasicStroke(2f));
            if (s.weights == WeightDistribution.GAUSSIAN) {
                line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {7f, 4f}, 0f));
            }
        }
        if (xMax > 0) {
            XYSeries one = chart.addSeries("limit 1", new double[] {xMin, xMax}, new double[] {1, 1});
            one.setMarker(SeriesMarkers.NONE);
            one.setLineColor(Color.BLACK);
            one.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {2f, 3f}, 0f));
        }
        ExamplePictures.writeWithBanner(folder.resolve("lambda-max-ratio.png"), BitmapEncoder.getBufferedImage(chart),
                "Large depth at χ = 1: λ_max(JJᵀ) / (e·Var) → 1 for every activation and ensemble",
                "Predicted λ_max over e times the closed-form variance, one point per depth L = 1, 2, 4, …, 1024;",
                "solid: orthogonal weights, dashed: Gaussian. The edge of a free power a^⊠L of a mean-1 law a is",
                "min over z > 0 of (1 + z)/(z S_a(z)^L); with S_a(z) = 1 − vz + O(z²) the minimum sits near z = 1/(vL),",
                "so λ_max ≈ e·vL = e·Var once Var ≫ 1 (docs/examples.md). Linear orthogonal (Var = 0, λ_max = 1) is"
                        + " not drawn.");
        AtomicFiles.writeString(folder.resolve("lambda-max-ratio.csv"), csv.toString());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 4. The double-scaling limit: q* → 0 with Var = L(μ₂/μ₁² − 1) fixed, orthogonal weights

    /**
     * Densities of JJᵀ for erf (smooth φ′²) and hard tanh (Bernoulli φ′²) with orthogonal weights at depths L, each at
     * the critical point whose q* gives L(μ₂/μ₁² − 1) = {@value #LIMIT_VARIANCE}: the laws converge as L grows, to a
     * different limit for each class. Returns the printed summary.
     */
    private String universalLimitPicture(Path folder, int n) {
        int[] depths = quick ? new int[] {4, 16} : new int[] {4, 16, 64, 256, 1024};
        int sampledDepth = quick ? 16 : 64;
        StringBuilder csv = new StringBuilder("activation,depth,q_star,sigma_w2,sigma_b2,kind,lambda,value\n");
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "Double scaling, orthogonal weights, q*"
                + " chosen so that Var = L(mu_2/mu_1^2 - 1) = %s:%n", LIMIT_VARIANCE));
        List<BufferedImage> panels = new ArrayList<>();
        for (Activation activation : List.of(Activation.erf(), Activation.hardTanh())) {
            String name = activation.name();
            List<double[]> densities = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            double top = 0;
            List<JacobianSpectrum> laws = new ArrayList<>();
            List<Network> networks = new ArrayList<>();
            for (int depth : depths) {
                double q = qStarWithVariance(activation, LIMIT_VARIANCE / depth);
                double[] point = MeanField.criticalPoint(activation, q);
                Network network = Network.of(activation, WeightDistribution.ORTHOGONAL, point[0], point[1], depth);
                long start = System.nanoTime();
                try {
                    JacobianSpectrum jacobian = JacobianSpectrum.of(network);
                    double lambdaMax = jacobian.lambdaMax();
                    double variance = jacobian.variance();
                    top = Math.max(top, lambdaMax);
                    laws.add(jacobian);
                    networks.add(network);
                    labels.add(String.format(Locale.ROOT, "L = %d (q* = %.4g, λ_max = %.4f)", depth, q, lambdaMax));
                    summary.append(String.format(Locale.ROOT, "  %-9s L = %4d: q* = %.6g, sigma_w^2 = %.6g,"
                            + " sigma_b^2 = %.4g, variance (exact engine) %.10f, lambda_max %.6f%n", name, depth, q,
                            point[0], point[1], variance, lambdaMax));
                    progress("double scaling %s L=%d: q* = %.4g, lambda_max %.6g in %.1f s", name, depth, q,
                            lambdaMax, (System.nanoTime() - start) / 1e9);
                } catch (ConvergenceException | ArithmeticException e) {
                    summary.append(String.format(Locale.ROOT, "  %-9s L = %4d: q* = %.6g FAILED: %s%n", name, depth,
                            q, e.getMessage()));
                    progress("double scaling %s L=%d: FAILED: %s", name, depth, e.getMessage());
                }
            }
            // the densities are singular at 0 and have a thin edge at λ_max: a log λ axis shows both ends
            double hi = 1.3 * top;
            double lo = LIMIT_AXIS_LOW * hi;
            double[] grid = new double[LIMIT_POINTS];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = lo * Math.pow(hi / lo, (double) i / (grid.length - 1));
            }
            XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                    .title(name + (name.equals("erf") ? ": φ′² smooth near its maximum" : ": φ′² ∈ {0, 1} (Bernoulli)"))
                    .xAxisTitle("eigenvalue λ of JJᵀ (log scale)").yAxisTitle("density of log₁₀ λ: ln(10) λ ρ(λ)")
                    .build();
            chart.getStyler().setXAxisLogarithmic(true);
            Charts.style(chart);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);   // small λ: little mass
            chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            double yTop = 0;
            for (int k = 0; k < laws.size(); k++) {
                JacobianSpectrum jacobian = laws.get(k);
                double[] rho = jacobian.density(grid);
                int depth = jacobian.network().depth();
                for (int i = 0; i < grid.length; i++) {
                    rho[i] = Double.isFinite(rho[i]) ? Math.log(10) * grid[i] * rho[i] : 0;
                    csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,density_log10,%s,%s%n", name, depth,
                            jacobian.network().meanField().fixedPoint(), jacobian.network().weightVariance(),
                            jacobian.network().biasVariance(), grid[i], rho[i]));
                    yTop = Math.max(yTop, rho[i]);
                }
                densities.add(rho);
                Color color = PALETTE[(k + 1) % PALETTE.length];
                XYSeries line = chart.addSeries(labels.get(k), grid, rho);
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(color);
                line.setLineStyle(new BasicStroke(k == laws.size() - 1 ? 3f : 1.8f));
                if (depth == sampledDepth) {
                    double[] sampled = sample(networks.get(k), n);
                    double width = Math.log10(hi / lo) / LIMIT_BINS;   // bins of equal width in log₁₀ λ
                    double[] heights = new double[LIMIT_BINS];
                    for (double v : sampled) {
                        int j = (int) Math.floor(Math.log10(v / lo) / width);
                        if (v > 0 && j >= 0 && j < LIMIT_BINS) {
                            heights[j] += 1.0 / sampled.length / width;
                        }
                    }
                    double[] stepX = new double[2 * LIMIT_BINS];
                    double[] stepY = new double[2 * LIMIT_BINS];
                    for (int j = 0; j < LIMIT_BINS; j++) {
                        stepX[2 * j] = lo * Math.pow(10, j * width);
                        stepX[2 * j + 1] = lo * Math.pow(10, (j + 1) * width);
                        stepY[2 * j] = heights[j];
                        stepY[2 * j + 1] = heights[j];
                        csv.append(String.format(Locale.ROOT, "%s,%d,,,,histogram_log10_N%d,%s,%s%n", name, depth,
                                n, lo * Math.pow(10, (j + 0.5) * width), heights[j]));
                    }
                    XYSeries histogram = chart.addSeries(String.format(Locale.ROOT, "L = %d sampled, N = %d", depth,
                            n), stepX, stepY);
                    histogram.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
                    histogram.setMarker(SeriesMarkers.NONE);
                    histogram.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
                    histogram.setLineColor(color);
                    histogram.setLineStyle(new BasicStroke(0.8f));
                }
            }
            for (double[] edge : limitEdges(name.equals("erf"))) {
                XYSeries mark = chart.addSeries(String.format(Locale.ROOT, "limit λ_max = %.4f (L → ∞)", edge[0]),
                        new double[] {edge[0], edge[0]}, new double[] {0, 0.8 * yTop});
                mark.setMarker(SeriesMarkers.NONE);
                mark.setLineColor(Color.BLACK);
                mark.setLineStyle(new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {5f, 4f}, 0f));
                summary.append(String.format(Locale.ROOT, "  %-9s L -> infinity: lambda_max = %.6f%n", name, edge[0]));
            }
            chart.getStyler().setXAxisMin(lo);
            chart.getStyler().setXAxisMax(hi);
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(1.1 * (yTop > 0 ? yTop : 1));
            chart.getStyler().setYAxisDecimalPattern("0.##");
            panels.add(BitmapEncoder.getBufferedImage(chart));
        }
        ExamplePictures.writeSideBySide(folder.resolve("universal-limit.png"), panels,
                String.format(Locale.ROOT, "Universal large-depth limits: orthogonal weights at χ = 1 with q* → 0 such"
                        + " that Var = L(μ₂/μ₁² − 1) = %s (after Pennington, Schoenholz & Ganguli 2018)",
                        LIMIT_VARIANCE),
                "Lines: the free-probability density of the eigenvalues λ of JJᵀ (JacobianSpectrum.density), each depth"
                        + " at its own critical point; filled steps: one sampled network. Both classes have mean 1 and"
                        + " variance 1 at every depth,",
                "yet converge to different laws: S(z) → e^{−z} for smooth φ′² (erf, tanh, …), S(z) → e^{−z/(1+z)} for"
                        + " φ′² ∈ {0, 1} (hard tanh; the atom at 0 has mass 1 − p → 0). See docs/examples.md.");
        AtomicFiles.writeString(folder.resolve("universal-limit.csv"), csv.toString());
        return summary.toString();
    }

    /**
     * The right edge of the limit law at Var = σ² = {@value #LIMIT_VARIANCE}, min over z &gt; 0 of (1 + z)/(z S(z)):
     * for S(z) = e^{−σ²z} (smooth) the minimum is at σ²z² + σ²z = 1; for S(z) = e^{−σ²z/(1+z)} (Bernoulli) at
     * z = 1/(σ² − 1) when σ² &gt; 1, and otherwise the infimum e^{σ²} as z → ∞.
     */
    static double[][] limitEdges(boolean smooth) {
        double v = LIMIT_VARIANCE;
        if (smooth) {
            double z = (-v + Math.sqrt(v * v + 4 * v)) / (2 * v);
            return new double[][] {{(1 + z) / z * Math.exp(v * z)}};
        }
        if (v > 1) {
            double z = 1 / (v - 1);
            return new double[][] {{(1 + z) / z * Math.exp(v * z / (1 + z))}};
        }
        return new double[][] {{Math.exp(v)}};
    }

    /**
     * The q* at which ν's μ₂/μ₁² − 1 equals the target (μ₂/μ₁² grows with q for erf and hard tanh), by Brent's method
     * on ln q in [ln {@value #Q_MIN}, ln {@value #Q_MAX}].
     *
     * @throws ConvergenceException if the target is not bracketed or the budget runs out
     */
    static double qStarWithVariance(Activation activation, double target) {
        DoubleUnaryOperator excess = t -> {
            double[] mu = activation.derivativeSquaredLaw(Math.exp(t)).moments(2);
            return mu[2] / (mu[1] * mu[1]) - 1 - target;
        };
        double lo = Math.log(Q_MIN);
        double hi = Math.log(Q_MAX);
        double fLo = excess.applyAsDouble(lo);
        double fHi = excess.applyAsDouble(hi);
        if (!(fLo < 0 && fHi > 0)) {
            throw new ConvergenceException("q* of " + activation.name() + " with mu_2/mu_1^2 - 1 = " + target
                    + " (not bracketed in [" + Q_MIN + ", " + Q_MAX + "])", Double.NaN, Double.NaN, Q_TOLERANCE, 0);
        }
        try {
            return Math.exp(new BracketingNthOrderBrentSolver(Q_TOLERANCE, 5)
                    .solve(Q_EVALUATIONS, excess::applyAsDouble, lo, hi));
        } catch (MathIllegalStateException e) {
            throw new ConvergenceException("q* of " + activation.name() + " with mu_2/mu_1^2 - 1 = " + target,
                    Double.NaN, Double.NaN, Q_TOLERANCE, Q_EVALUATIONS);
        }
    }

    /** A log-log chart against depth; the quick run's two depths get a linear depth axis (a log one labels decades). */
    private XYChart depthChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle(quick ? "depth L" : "depth L (log scale)").yAxisTitle(yTitle + " (log scale)").build();
        Charts.style(chart);
        chart.getStyler().setXAxisLogarithmic(!quick);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setMarkerSize(9);
        return chart;
    }

    private static Color colorOf(Series s, List<Series> all) {
        return PALETTE[activationIndex(s, all) % PALETTE.length];
    }

    private static Marker markerOf(Series s, List<Series> all) {
        return MARKERS[activationIndex(s, all) % MARKERS.length];
    }

    private static int activationIndex(Series s, List<Series> all) {
        List<String> names = new ArrayList<>();
        for (Series other : all) {
            if (!names.contains(other.setting.name)) {
                names.add(other.setting.name);
            }
        }
        return names.indexOf(s.setting.name);
    }

    private static String row(Series s, int depth, String kind, double value) {
        return String.format(Locale.ROOT, "%s,%s,%d,%s,%s%n", s.setting.name, s.weights.label(), depth, kind, value);
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The table

    private static String table(List<Series> all, int n) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Jacobian JJ^T at criticality: prediction against one sampled network of"
                + " width N = %d per row (FiniteSizeRule.jacobian(L) at n = N)%n", n));
        sb.append(String.format(Locale.ROOT, "%-9s %-10s %5s %11s %11s %11s %11s %11s %8s %8s %8s  %s%n",
                "act", "weights", "L", "var exact", "L*v", "var sampled", "lambda_max", "sampled", "lam/eVar",
                "Levy", "thresh", "result"));
        for (Series s : all) {
            if (s.skipped != null) {
                sb.append(String.format(Locale.ROOT, "%-9s %-10s %5s  %s%n", s.setting.name, s.weights.label(), "-",
                        s.skipped));
                continue;
            }
            for (Point p : s.points.values()) {
                if (p.sampled == null) {
                    continue;
                }
                String result = p.failure != null ? (p.failure.equals(SIGMOID_NOT_COMPARED) ? p.failure
                        : "FAILED: " + p.failure) : p.comparison.passed() ? "pass"
                        : "FAIL (" + String.join("; ", p.comparison.breaches()) + ")";
                sb.append(String.format(Locale.ROOT, "%-9s %-10s %5d %11.6g %11.6g %11.6g %11.6g %11.6g %8s %8s %8s"
                        + "  %s%n", s.setting.name, s.weights.label(), p.depth, p.variance, p.closedForm,
                        p.sampledVariance, p.lambdaMax, max(p.sampled), ratio(p),
                        p.comparison == null ? "-" : String.format(Locale.ROOT, "%.4f", p.comparison.levy()),
                        p.comparison == null ? "-" : String.format(Locale.ROOT, "%.4f",
                                p.comparison.thresholds().levy()), result));
            }
        }
        return sb.toString();
    }

    private static String tableCsv(List<Series> all, int n) {
        StringBuilder sb = new StringBuilder("activation,weights,depth,sigma_w2,sigma_b2,q_nu,mu2_over_mu1_squared,"
                + "per_layer_variance,variance,closed_form_variance,sampled_variance,lambda_max,"
                + "lambda_max_over_e_variance,width,sampled_lambda_max,levy,levy_threshold,passed,breaches,failure\n");
        for (Series s : all) {
            Setting st = s.setting;
            if (s.skipped != null) {
                sb.append(String.format(Locale.ROOT, "%s,%s,,%s,%s,%s,,,,,,,,%d,,,,,,\"%s\"%n", st.name,
                        s.weights.label(), st.sigmaW2, st.sigmaB2, st.qNu, n, s.skipped));
                continue;
            }
            for (Point p : s.points.values()) {
                if (p.sampled == null) {
                    continue;
                }
                Comparison c = p.comparison;
                sb.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s,%s,%s,%s,\"%s\","
                                + "\"%s\"%n", st.name, s.weights.label(), p.depth, st.sigmaW2, st.sigmaB2, st.qNu,
                        s.perLayer + 1 + s.weights.s1(), s.perLayer, blank(p.variance), p.closedForm,
                        p.sampledVariance, blank(p.lambdaMax), blank(p.lambdaMax / (Math.E * p.closedForm)), n,
                        max(p.sampled), c == null ? "" : c.levy(), c == null ? "" : c.thresholds().levy(),
                        c == null ? "" : c.passed(), c == null ? "" : String.join("; ", c.breaches()),
                        p.failure == null ? "" : p.failure.replace("\"", "'")));
            }
        }
        return sb.toString();
    }

    /** λ_max / (e·L·v) as text, "-" where v = 0 (linear, orthogonal). */
    private static String ratio(Point p) {
        double ratio = p.lambdaMax / (Math.E * p.closedForm);
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.4f", ratio) : "-";
    }

    private static String blank(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "" : String.valueOf(value);
    }

    private void progress(String format, Object... args) {
        err.printf(Locale.ROOT, "freeprob: spectral-universality: " + format + "%n", args);
        err.flush();
    }
}
