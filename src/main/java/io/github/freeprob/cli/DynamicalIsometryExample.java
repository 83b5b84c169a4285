package io.github.freeprob.cli;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.JacobianSpectrum;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.SingularValues;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.numerics.ConvergenceException;
import io.github.freeprob.precision.Precision;
import io.github.freeprob.sampling.SampledNetwork;
import io.github.freeprob.validation.Comparison;
import io.github.freeprob.validation.FiniteSizeRule;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob example dynamical-isometry}: the first example of issue 6, after Pennington, Schoenholz and Ganguli,
 * "Resurrecting the sigmoid in deep learning through dynamical isometry: theory and practice", NeurIPS 2017 (PSG).
 *
 * <p>Writes to the output folder: {@code critical-line.png} (the critical line χ = 1 of tanh in the (σ_w², σ_b²)
 * plane with points of constant q*, PSG Fig. 1 style), {@code singular-values-<activation>.png} (the predicted
 * density of the singular values of J = D_L W_L ⋯ D_1 W_1 at criticality for several depths, orthogonal and Gaussian
 * weights, over histograms of sampled networks), {@code lambda-max.png} (the largest singular value against depth for
 * tanh at several q*, PSG Fig. 4 style), the CSV behind each picture, and {@code table.csv} (also printed): predicted
 * λ_max of JJᵀ, its variance against PSG's L(μ₂/μ₁² − 1 − s₁), and the sampled Lévy distance against
 * {@link FiniteSizeRule#jacobian(int)} at its depth. A curve whose prediction throws {@link ConvergenceException} is
 * reported in the table and left out of its picture; the run continues.
 */
@Command(name = "dynamical-isometry", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Dynamical isometry (Pennington, Schoenholz and Ganguli, NeurIPS 2017): the critical line of"
                + " tanh, singular-value densities of the input-output Jacobian at criticality for linear, relu,"
                + " hard_tanh and tanh (orthogonal and Gaussian weights) against sampled networks, and the largest"
                + " singular value against depth.",
            "Writes PNG pictures, the CSV behind each and table.csv to --out; prints the table."},
        footer = {"", "Example: freeprob example dynamical-isometry --quick --out /tmp/di"})
final class DynamicalIsometryExample implements Callable<Integer> {

    /** PSG's fixed point for tanh in their spectra figures. */
    static final double PSG_Q_STAR = 1.0 / 64;
    /**
     * The fixed point used for hard tanh. At PSG's q* = 1/64 the critical point is σ_w² = 1, σ_b² ≈ 1e-17: hard tanh
     * is then linear to within 1e-15 (P(|h| &gt; 1) = erfc(√32)), and the mean-field iteration for q* does not
     * converge within its budget (the map's slope at q* is 1 − 1e-15), so the example uses q* = 1/4 (p = 0.954).
     */
    static final double HARD_TANH_Q_STAR = 0.25;
    /** Range of q* along the critical line (log-spaced) and the marked points of constant q*. */
    static final double CRITICAL_Q_MIN = 1e-3;
    static final double CRITICAL_Q_MAX = 2;
    static final int CRITICAL_POINTS = 80;
    static final double[] MARKED_Q_STARS = {1.0 / 64, 0.25, 1, 2};
    /** Moments handed to the comparison: m_0 … m_{K+1} with K = 4 compared. */
    static final int COMPARED_MOMENTS = 5;
    /** Sampled singular values below this fraction of the predicted top edge count as zeros (the atom at 0). */
    static final double ZERO_FRACTION = 1e-6;
    /** A panel gets a logarithmic s axis when its curves span more than this ratio (top edge / 0.5% quantile). */
    static final double LOG_AXIS_SPREAD = 30;
    static final int DENSITY_POINTS = 1200;
    static final int BINS = 50;
    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(44, 160, 44), new Color(255, 127, 14),
        new Color(214, 39, 40), new Color(148, 103, 189)};

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default out/dynamical-isometry)")
    Path out = Path.of("out", "dynamical-isometry");

    @Option(names = "--quick", description = "small run: N = 100, depths 2 and 8 (10 to 25 s instead of about a minute)")
    boolean quick;

    @Option(names = "--width", paramLabel = "N", description = "width N of the sampled networks (default 200, 100"
            + " with --quick)")
    Integer width;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of the sampled networks (default 1)")
    long seed = 1;

    private PrintWriter err;
    private final Map<String, double[]> samples = new HashMap<>();

    /** One network setting at criticality: φ with its (σ_w², σ_b²) and q¹ (NaN: start at q*). */
    record Setting(String name, Activation activation, double sigmaW2, double sigmaB2, double q1, String description) {

        Network network(WeightDistribution weights, int depth) {
            Network network = Network.of(activation, weights, sigmaW2, sigmaB2, depth);
            return Double.isNaN(q1) ? network : network.withFirstVariance(q1);
        }
    }

    /** One (setting, weights, depth): the prediction (or why it failed) and the sample. */
    static final class Curve {
        final Setting setting;
        final WeightDistribution weights;
        final int depth;
        SingularValues singular;
        double lambdaMax = Double.NaN;
        double variance = Double.NaN;
        double psgVariance = Double.NaN;
        Comparison comparison;
        String failure;
        double[] sampled;
        double seconds;

        Curve(Setting setting, WeightDistribution weights, int depth) {
            this.setting = setting;
            this.weights = weights;
            this.depth = depth;
        }

        String label() {
            return setting.name + " " + weights.name().toLowerCase(Locale.ROOT) + " L=" + depth;
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
        long start = System.nanoTime();
        Path folder = out.toAbsolutePath();
        java.nio.file.Files.createDirectories(folder);

        criticalLine(folder);

        int[] depths = quick ? new int[] {2, 8} : new int[] {2, 8, 32, 128};
        List<Curve> curves = new ArrayList<>();
        for (Setting setting : settings()) {
            List<Curve> own = new ArrayList<>();
            for (WeightDistribution weights : WeightDistribution.values()) {
                for (int depth : depths) {
                    own.add(curve(setting, weights, depth, n));
                }
            }
            singularValuePicture(folder, setting, own, n);
            curves.addAll(own);
        }

        lambdaMax(folder, n);

        String table = table(curves, n);
        AtomicFiles.writeString(folder.resolve("table.csv"), tableCsv(curves, n));
        stdout.print(table);
        stdout.printf(Locale.ROOT, "wrote critical-line, singular-values-{linear,relu,hard_tanh,tanh}, lambda-max"
                + " (.png and .csv) and table.csv to %s in %.1f s%n", folder, (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return 0;
    }

    /** The four settings of the spectra pictures, each at χ = 1. */
    static List<Setting> settings() {
        double[] hard = MeanField.criticalPoint(Activation.hardTanh(), HARD_TANH_Q_STAR);
        double[] tanh = MeanField.criticalPoint(Activation.tanh(), PSG_Q_STAR);
        return List.of(
                new Setting("linear", Activation.linear(), 1, 0, 1, "σ_w² = 1, σ_b² = 0, q¹ = 1"),
                new Setting("relu", Activation.relu(), 2, 0, 1, "σ_w² = 2, σ_b² = 0, q¹ = 1"),
                new Setting("hard_tanh", Activation.hardTanh(), hard[0], hard[1], Double.NaN,
                        String.format(Locale.ROOT, "q* = 1/4: σ_w² = %.6g, σ_b² = %.3g", hard[0], hard[1])),
                new Setting("tanh", Activation.tanh(), tanh[0], tanh[1], Double.NaN,
                        String.format(Locale.ROOT, "q* = 1/64: σ_w² = %.6g, σ_b² = %.3g", tanh[0], tanh[1])));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. The critical line

    private void criticalLine(Path folder) {
        progress("critical line of tanh (%d points of q* in [%s, %s])", CRITICAL_POINTS, CRITICAL_Q_MIN,
                CRITICAL_Q_MAX);
        Activation tanh = Activation.tanh();
        double[] w = new double[CRITICAL_POINTS];
        double[] b = new double[CRITICAL_POINTS];
        StringBuilder csv = new StringBuilder("q_star,sigma_w2,sigma_b2,marked\n");
        double ratio = Math.log(CRITICAL_Q_MAX / CRITICAL_Q_MIN);
        for (int i = 0; i < CRITICAL_POINTS; i++) {
            double q = CRITICAL_Q_MIN * Math.exp(ratio * i / (CRITICAL_POINTS - 1));
            double[] point = MeanField.criticalPoint(tanh, q);
            w[i] = point[0];
            b[i] = point[1];
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,false%n", q, point[0], point[1]));
        }
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("Critical line χ = 1 of tanh (after Pennington, Schoenholz & Ganguli 2017, Fig. 1)")
                .xAxisTitle("weight variance σ_w²").yAxisTitle("bias variance σ_b²").build();
        Charts.style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(11);
        XYSeries line = chart.addSeries(String.format(Locale.ROOT, "χ = 1, q* from %s to %s", CRITICAL_Q_MIN,
                CRITICAL_Q_MAX), w, b);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineWidth(2.5f);
        line.setLineColor(Color.BLACK);
        for (int k = 0; k < MARKED_Q_STARS.length; k++) {
            double q = MARKED_Q_STARS[k];
            double[] point = MeanField.criticalPoint(tanh, q);
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,true%n", q, point[0], point[1]));
            XYSeries marked = chart.addSeries(String.format(Locale.ROOT, "q* = %s: σ_w² = %.4f, σ_b² = %.3g",
                    qLabel(q), point[0], point[1]), new double[] {point[0]}, new double[] {point[1]});
            marked.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marked.setMarker(SeriesMarkers.CIRCLE);
            marked.setMarkerColor(PALETTE[k % PALETTE.length]);
        }
        double xMax = w[w.length - 1];
        double yMax = b[b.length - 1];
        chart.getStyler().setXAxisMin(1.0);
        chart.getStyler().setXAxisMax(xMax * 1.02);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(yMax * 1.05);
        chart.addAnnotation(new AnnotationText("ordered (χ < 1, above the line): gradients vanish",
                1 + 0.3 * (xMax - 1), 0.6 * yMax, false));
        chart.addAnnotation(new AnnotationText("chaotic (χ > 1, below the line): gradients explode",
                1 + 0.72 * (xMax - 1), 0.12 * yMax, false));
        chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.ITALIC, 15));
        Charts.write(chart, folder.resolve("critical-line.png"));
        AtomicFiles.writeString(folder.resolve("critical-line.csv"), csv.toString());
    }

    private static String qLabel(double q) {
        if (q < 1) {
            long inverse = Math.round(1 / q);
            if (Math.abs(1 / q - inverse) < 1e-9) {
                return "1/" + inverse;
            }
        }
        return q == Math.rint(q) ? String.valueOf((long) q) : String.format(Locale.ROOT, "%.4g", q);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. Singular-value densities at criticality

    private Curve curve(Setting setting, WeightDistribution weights, int depth, int n) {
        Curve curve = new Curve(setting, weights, depth);
        Network network = setting.network(weights, depth);
        long start = System.nanoTime();
        progress("%s: predicting ...", curve.label());
        try {
            JacobianSpectrum jacobian = JacobianSpectrum.of(network);
            // λ_max (the power's real branch) and the exact moments need no inversion: kept if the inversion fails
            curve.lambdaMax = jacobian.lambdaMax();
            curve.variance = jacobian.variance();
            curve.psgVariance = jacobian.predictedVariance();
            curve.singular = jacobian.singularValues();
            curve.sampled = sample(network, n);
            double[] moments = jacobian.exactMoments(COMPARED_MOMENTS, Precision.ofDigits(40)).toDoubleArray();
            curve.comparison = Comparison.of(jacobian.spectrum(), moments, curve.sampled,
                    FiniteSizeRule.jacobian(depth));
        } catch (ConvergenceException | ArithmeticException e) {
            curve.failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            curve.singular = null;
            progress("%s: prediction FAILED: %s", curve.label(), curve.failure);
            if (curve.sampled == null) {
                curve.sampled = sample(network, n);
            }
        }
        curve.seconds = (System.nanoTime() - start) / 1e9;
        progress("%s: done in %.1f s", curve.label(), curve.seconds);
        return curve;
    }

    /** The eigenvalues of JJᵀ of one sampled network (cached: the λ_max picture reuses tanh at q* = 1/64). */
    private double[] sample(Network network, int n) {
        String key = network + " N=" + n;
        return samples.computeIfAbsent(key, k -> {
            long start = System.nanoTime();
            double[] eigenvalues = SampledNetwork.sample(network, n, new SplittableRandom(seed * 1_000_003L
                    + k.hashCode())).jacobianEigenvalues();
            progress("  sampled %s in %.1f s", k, (System.nanoTime() - start) / 1e9);
            return eigenvalues;
        });
    }

    private void singularValuePicture(Path folder, Setting setting, List<Curve> curves, int n) {
        StringBuilder csv = new StringBuilder("weights,depth,kind,s,value\n");
        List<BufferedImage> panels = new ArrayList<>();
        for (WeightDistribution weights : WeightDistribution.values()) {
            List<Curve> own = curves.stream().filter(c -> c.weights == weights).toList();
            panels.add(BitmapEncoder.getBufferedImage(panel(setting, weights, own, n, csv)));
        }
        String title = "Singular values s of J = D_L W_L ... D_1 W_1 at criticality, " + setting.name + " ("
                + setting.description + "); after Pennington, Schoenholz & Ganguli 2017, Fig. 2";
        String subtitle = String.format(Locale.ROOT, "lines: free-probability prediction (s = √λ, λ eigenvalues of"
                + " JJᵀ); dashed steps: one sampled network of width N = %d per depth, seed %d; a log axis stops at"
                + " 1e-6 s_max (the sample's rounding floor)", n, seed);
        ExamplePictures.writeSideBySide(folder.resolve("singular-values-" + setting.name + ".png"), panels, title, subtitle);
        AtomicFiles.writeString(folder.resolve("singular-values-" + setting.name + ".csv"), csv.toString());
    }

    private XYChart panel(Setting setting, WeightDistribution weights, List<Curve> curves, int n,
                          StringBuilder csv) {
        double top = 0;
        double low = Double.POSITIVE_INFINITY;
        for (Curve c : curves) {
            if (c.singular != null) {
                top = Math.max(top, Math.sqrt(c.lambdaMax));
                double zero = atZero(c.singular.atoms());
                low = Math.min(low, c.singular.quantile(zero + 0.02 * (1 - zero)));
            } else {
                top = Math.max(top, max(roots(c.sampled)));
            }
        }
        boolean log = top / low > LOG_AXIS_SPREAD;
        // sampled eigenvalues of JJᵀ below ~1e-12 λ_max are rounding (double precision), so s below 1e-6 s_max is
        // neither resolved by the sample nor drawn
        double lo = log ? Math.max(low / 2, ZERO_FRACTION * top) : 0;
        double hi = top * (log ? 1.5 : 1.05);
        String weightName = weights.name().toLowerCase(Locale.ROOT);
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title(setting.name + ", " + weightName + " weights" + (log ? " (log s axis)" : ""))
                .xAxisTitle(log ? "singular value s (log scale)" : "singular value s")
                .yAxisTitle(log ? "density of log₁₀ s: ln(10) s ρ(s)" : "density ρ(s)").build();
        Charts.style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        if (log) {
            chart.getStyler().setXAxisLogarithmic(true);
        }
        double[] grid = new double[DENSITY_POINTS];
        for (int i = 0; i < grid.length; i++) {
            double u = (double) i / (grid.length - 1);
            grid[i] = log ? lo * Math.pow(hi / lo, u) : lo + (hi - lo) * u;
        }
        double yTop = 0;
        List<java.util.function.DoubleConsumer> atomSeries = new ArrayList<>();
        for (int k = 0; k < curves.size(); k++) {
            Curve c = curves.get(k);
            Color color = PALETTE[k % PALETTE.length];
            double[] s = roots(c.sampled);
            // the histogram of the sampled singular values, in the same density units as the curve
            double[] edges = new double[BINS + 1];
            for (int j = 0; j <= BINS; j++) {
                double u = (double) j / BINS;
                edges[j] = log ? lo * Math.pow(hi / lo, u) : lo + (hi - lo) * u;
            }
            double zeroCut = ZERO_FRACTION * top;
            double[] heights = new double[BINS];
            int zeros = 0;
            for (double v : s) {
                if (v < zeroCut) {
                    zeros++;
                }
                if (v < zeroCut && c.singular != null && atZero(c.singular.atoms()) > 0) {
                    continue;
                }
                int j = bin(edges, v);
                if (j >= 0) {
                    heights[j] += 1.0 / s.length;
                }
            }
            double sampledZeroFraction = (double) zeros / s.length;
            double histogramTop = 0;
            double[] stepX = new double[2 * BINS];
            double[] stepY = new double[2 * BINS];
            for (int j = 0; j < BINS; j++) {
                double widthOfBin = log ? Math.log10(edges[j + 1] / edges[j]) : edges[j + 1] - edges[j];
                heights[j] /= widthOfBin;
                stepX[2 * j] = edges[j];
                stepX[2 * j + 1] = edges[j + 1];
                stepY[2 * j] = heights[j];
                stepY[2 * j + 1] = heights[j];
                double centre = log ? Math.sqrt(edges[j] * edges[j + 1]) : 0.5 * (edges[j] + edges[j + 1]);
                csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s%n", weightNameOf(c), c.depth,
                        log ? "histogram_log10" : "histogram", centre, heights[j]));
                histogramTop = Math.max(histogramTop, heights[j]);
            }
            yTop = Math.max(yTop, histogramTop);
            if (c.singular != null) {
                double[] rho = c.singular.density(grid);
                double[] shown = new double[grid.length];
                for (int i = 0; i < grid.length; i++) {
                    shown[i] = log ? Math.log(10) * grid[i] * rho[i] : rho[i];
                    if (!Double.isFinite(shown[i])) {
                        shown[i] = 0;
                    }
                    // an inverse square-root edge would flatten the rest: the axis follows the sample's scale
                    yTop = Math.max(yTop, Math.min(shown[i], 1.5 * histogramTop));
                    csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s%n", weightNameOf(c), c.depth,
                            log ? "density_log10" : "density", grid[i], shown[i]));
                }
                if (max(shown) > 0) {   // a purely atomic law (linear, orthogonal) has only its spikes
                    XYSeries line = chart.addSeries(String.format(Locale.ROOT, "L = %d predicted", c.depth), grid,
                            shown);
                    line.setMarker(SeriesMarkers.NONE);
                    line.setLineWidth(2.4f);
                    line.setLineColor(color);
                }
                for (Atom atom : c.singular.atoms()) {
                    csv.append(String.format(Locale.ROOT, "%s,%d,atom,%s,%s%n", weightNameOf(c), c.depth,
                            atom.location(), atom.mass()));
                    atomSeries.add(height -> addAtom(chart, c, atom, sampledZeroFraction, zeroCut, color, log, lo, height));
                }
            }
            XYSeries histogram = chart.addSeries(String.format(Locale.ROOT, "L = %d sampled%s", c.depth,
                    c.failure != null ? " (prediction failed: see table)" : ""), stepX, stepY);
            histogram.setMarker(SeriesMarkers.NONE);
            histogram.setLineWidth(1.2f);
            histogram.setLineColor(color);
            histogram.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {5f, 3f}, 0f));
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.1 * yTop);
        chart.getStyler().setXAxisMin(lo);
        chart.getStyler().setXAxisMax(hi);
        chart.getStyler().setYAxisDecimalPattern("0.##");
        for (java.util.function.DoubleConsumer atom : atomSeries) {
            atom.accept(0.9 * yTop);   // spikes at 90% of the axis, their mass in the legend
        }
        return chart;
    }

    private static void addAtom(XYChart chart, Curve c, Atom atom, double sampledZeroFraction, double zeroCut,
                                Color color, boolean log, double lo, double height) {
        boolean zero = atom.location() < ZERO_FRACTION;
        double x = log && zero ? lo : atom.location();
        String where = log && zero ? "atom at s = 0 (drawn at the left edge)" : String.format(Locale.ROOT,
                "atom at s = %.3g", atom.location());
        // the sample cannot tell the atom from continuous mass below its rounding floor: compare P(s < cut)
        String sampled = zero ? String.format(Locale.ROOT, "; P(s < %.2g) predicted %.3f, sampled %.3f", zeroCut,
                c.singular.cdf(zeroCut), sampledZeroFraction) : "";
        XYSeries spike = chart.addSeries(String.format(Locale.ROOT, "L = %d %s, mass %.4g%s", c.depth, where,
                atom.mass(), sampled), new double[] {x, x}, new double[] {0, height});
        spike.setMarker(SeriesMarkers.DIAMOND);
        spike.setMarkerColor(color);
        spike.setLineColor(color);
        spike.setLineStyle(new BasicStroke(4f));
    }

    private static String weightNameOf(Curve c) {
        return c.weights.name().toLowerCase(Locale.ROOT);
    }

    private static int bin(double[] edges, double v) {
        if (!(v >= edges[0]) || v > edges[edges.length - 1]) {
            return -1;
        }
        int j = Arrays.binarySearch(edges, v);
        j = j >= 0 ? j : -j - 2;
        return Math.min(edges.length - 2, Math.max(0, j));
    }

    private static double atZero(List<Atom> atoms) {
        double mass = 0;
        for (Atom atom : atoms) {
            if (atom.location() < ZERO_FRACTION) {
                mass += atom.mass();
            }
        }
        return mass;
    }

    private static double[] roots(double[] eigenvalues) {
        double[] s = new double[eigenvalues.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.sqrt(Math.max(0, eigenvalues[i]));
        }
        return s;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. The largest singular value against depth

    private void lambdaMax(Path folder, int n) {
        double[] qStars = quick ? new double[] {1.0 / 64, 1} : new double[] {1.0 / 64, 0.25, 1};
        int[] depths = quick ? new int[] {1, 2, 8} : new int[] {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128};
        int[] sampledDepths = quick ? new int[] {2, 8} : new int[] {2, 8, 32, 128};
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("Largest singular value of J against depth, tanh at criticality (after Pennington,"
                        + " Schoenholz & Ganguli 2017, Fig. 4)")
                .xAxisTitle(quick ? "depth L" : "depth L (log scale)").yAxisTitle("s_max = √λ_max(JJᵀ)").build();
        Charts.style(chart);
        // a log depth axis labels only decades: worth it from depth 1 to 128, not in the quick run
        chart.getStyler().setXAxisLogarithmic(!quick);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        StringBuilder csv = new StringBuilder("q_star,sigma_w2,sigma_b2,weights,depth,kind,s_max\n");
        Activation tanh = Activation.tanh();
        for (int k = 0; k < qStars.length; k++) {
            double q = qStars[k];
            double[] point = MeanField.criticalPoint(tanh, q);
            for (WeightDistribution weights : WeightDistribution.values()) {
                String name = weights.name().toLowerCase(Locale.ROOT);
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                progress("lambda_max: tanh q* = %s, %s weights, %d depths ...", qLabel(q), name, depths.length);
                for (int depth : depths) {
                    Network network = Network.of(tanh, weights, point[0], point[1], depth);
                    try {
                        double s = Math.sqrt(JacobianSpectrum.of(network).lambdaMax());
                        xs.add((double) depth);
                        ys.add(s);
                        csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,predicted,%s%n", q, point[0],
                                point[1], name, depth, s));
                    } catch (ConvergenceException | ArithmeticException e) {
                        progress("lambda_max: tanh q* = %s, %s, L = %d FAILED: %s", qLabel(q), name, depth,
                                e.getMessage());
                        csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,failed,%n", q, point[0], point[1],
                                name, depth));
                    }
                }
                Color color = PALETTE[k % PALETTE.length];
                boolean gaussian = weights == WeightDistribution.GAUSSIAN;
                if (!xs.isEmpty()) {
                    XYSeries line = chart.addSeries(String.format(Locale.ROOT, "q* = %s, %s: predicted", qLabel(q),
                            name), xs, ys);
                    line.setMarker(SeriesMarkers.NONE);
                    line.setLineColor(color);
                    line.setLineWidth(2.2f);
                    if (gaussian) {
                        line.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                                new float[] {8f, 4f}, 0f));
                    }
                }
                double[] sx = new double[sampledDepths.length];
                double[] sy = new double[sampledDepths.length];
                for (int i = 0; i < sampledDepths.length; i++) {
                    Network network = Network.of(tanh, weights, point[0], point[1], sampledDepths[i]);
                    sx[i] = sampledDepths[i];
                    sy[i] = max(roots(sample(network, n)));
                    csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,sampled_N%d,%s%n", q, point[0], point[1],
                            name, sampledDepths[i], n, sy[i]));
                }
                XYSeries points = chart.addSeries(String.format(Locale.ROOT, "q* = %s, %s: sampled, N = %d",
                        qLabel(q), name, n), sx, sy);
                points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                points.setMarker(gaussian ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
                points.setMarkerColor(color);
            }
        }
        Charts.write(chart, folder.resolve("lambda-max.png"));
        AtomicFiles.writeString(folder.resolve("lambda-max.csv"), csv.toString());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The table

    private static String table(List<Curve> curves, int n) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Jacobian JJ^T at criticality: prediction against one sampled network"
                + " of width N = %d per row (FiniteSizeRule.jacobian(L) at n = N)%n", n));
        sb.append(String.format(Locale.ROOT, "%-10s %-10s %5s %12s %12s %12s %9s %9s  %s%n", "activation",
                "weights", "L", "lambda_max", "variance", "PSG var", "Levy", "thresh", "result"));
        for (Curve c : curves) {
            if (c.failure != null) {
                sb.append(String.format(Locale.ROOT, "%-10s %-10s %5d %12.6g %12.6g %12.6g %9s %9s  FAILED: %s%n",
                        c.setting.name, weightNameOf(c), c.depth, c.lambdaMax, c.variance, c.psgVariance, "-", "-",
                        c.failure));
                continue;
            }
            String result = c.comparison.passed() ? "pass" : "FAIL (" + String.join("; ",
                    c.comparison.breaches()) + ")";
            sb.append(String.format(Locale.ROOT, "%-10s %-10s %5d %12.6g %12.6g %12.6g %9.4f %9.4f  %s%n",
                    c.setting.name, weightNameOf(c), c.depth, c.lambdaMax, c.variance, c.psgVariance,
                    c.comparison.levy(), c.comparison.thresholds().levy(), result));
        }
        return sb.toString();
    }

    private static String tableCsv(List<Curve> curves, int n) {
        StringBuilder sb = new StringBuilder("activation,weights,depth,sigma_w2,sigma_b2,q1,lambda_max,"
                + "singular_value_max,variance,psg_variance,atom_at_zero,width,sampled_lambda_max,levy,levy_threshold,"
                + "passed,breaches,failure\n");
        for (Curve c : curves) {
            Setting s = c.setting;
            String q1 = Double.isNaN(s.q1) ? "q*" : String.valueOf(s.q1);
            if (c.failure != null) {
                sb.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,,%d,%s,,,,,\"%s\"%n", s.name,
                        weightNameOf(c), c.depth, s.sigmaW2, s.sigmaB2, q1, blank(c.lambdaMax),
                        blank(Math.sqrt(c.lambdaMax)), blank(c.variance), blank(c.psgVariance), n, max(c.sampled),
                        c.failure.replace("\"", "'")));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s,%s,%s,%s,\"%s\",%n",
                    s.name, weightNameOf(c), c.depth, s.sigmaW2, s.sigmaB2, q1, c.lambdaMax,
                    Math.sqrt(c.lambdaMax), c.variance, c.psgVariance, atZero(c.singular.atoms()), n,
                    c.comparison.largestEigenvalue(), c.comparison.levy(), c.comparison.thresholds().levy(),
                    c.comparison.passed(), String.join("; ", c.comparison.breaches())));
        }
        return sb.toString();
    }

    private static String blank(double value) {
        return Double.isNaN(value) ? "" : String.valueOf(value);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void progress(String format, Object... args) {
        err.printf(Locale.ROOT, "freeprob: dynamical-isometry: " + format + "%n", args);
        err.flush();
    }
}
