package io.github.freeprob.cli;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.NtkLayer;
import io.github.freeprob.network.NtkSpectrum;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
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
 * {@code freeprob example ntk}: the third example of issue 6, after Hayase and Karakida, "The spectrum of Fisher
 * information of deep networks achieving dynamical isometry", AISTATS 2021.
 *
 * <p>Writes to the output folder: {@code ntk-density-<activation>.png} (the predicted law of the one-input NTK Θ_L
 * for several depths, relu and tanh with orthogonal weights, over histograms of sampled networks),
 * {@code lambda-max.png} (λ_max of Θ_ℓ against depth, with the slope of a straight-line fit),
 * {@code learning-rate.png} (the stable learning-rate bound 2/λ_max against depth), the CSV behind each, and
 * {@code table.csv} (also printed). A depth whose prediction throws {@link ConvergenceException} is reported in the
 * table and drawn as its sampled histogram alone; the run continues.
 */
@Command(name = "ntk", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"NTK spectrum of deep networks (Hayase and Karakida, AISTATS 2021): the one-input neural"
                + " tangent kernel's eigenvalue density per depth for relu and critical tanh with orthogonal weights"
                + " against sampled networks, λ_max against depth (linear for critical tanh, about ℓ² for relu) and"
                + " the learning-rate bound"
                + " 2/λ_max.",
            "Writes PNG pictures, the CSV behind each and table.csv to --out; prints the table."},
        footer = {"", "Example: freeprob example ntk --quick --out /tmp/ntk"})
final class NtkExample implements Callable<Integer> {

    /** The fixed point of critical tanh (as in Pennington, Schoenholz and Ganguli's spectra). */
    static final double TANH_Q_STAR = 1.0 / 64;
    /** Moments handed to the comparison: m_0 … m_{K+1} with K = 4 compared. */
    static final int COMPARED_MOMENTS = 5;
    static final int DENSITY_POINTS = 1200;
    static final int BINS = 40;
    static final int PANEL_WIDTH = 820;
    static final int PANEL_HEIGHT = 520;
    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(44, 160, 44), new Color(255, 127, 14),
        new Color(214, 39, 40), new Color(148, 103, 189)};

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default out/ntk)")
    Path out = Path.of("out", "ntk");

    @Option(names = "--quick", description = "small run: N = 100, depths 2 and 4 (6 to 10 s instead of"
            + " 35 to 45 s)")
    boolean quick;

    @Option(names = "--width", paramLabel = "N", description = "width N of the sampled networks (default 200, 100"
            + " with --quick)")
    Integer width;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of the sampled networks (default 1)")
    long seed = 1;

    private PrintWriter err;

    /** One network setting with orthogonal weights: φ with its (σ_w², σ_b²) and q¹ (NaN: start at q*). */
    record Setting(String name, Activation activation, double sigmaW2, double sigmaB2, double q1, int[] depths,
                   String description) {

        Network network(int depth) {
            Network network = Network.of(activation, WeightDistribution.ORTHOGONAL, sigmaW2, sigmaB2, depth);
            return Double.isNaN(q1) ? network : network.withFirstVariance(q1);
        }
    }

    /** One (setting, depth): the prediction (or why it failed) and the sample. */
    static final class Curve {
        final Setting setting;
        final int depth;
        NtkSpectrum ntk;
        NtkLayer last;
        Comparison comparison;
        String failure;
        double[] sampled;
        double seconds;

        Curve(Setting setting, int depth) {
            this.setting = setting;
            this.depth = depth;
        }

        String label() {
            return setting.name + " L=" + depth;
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
        Files.createDirectories(folder);

        List<Setting> settings = settings(quick);
        List<Curve> curves = new ArrayList<>();
        List<List<Curve>> bySetting = new ArrayList<>();
        for (Setting setting : settings) {
            List<Curve> own = new ArrayList<>();
            for (int depth : setting.depths) {
                own.add(curve(setting, depth, n));
            }
            densityPicture(folder, setting, own, n);
            curves.addAll(own);
            bySetting.add(own);
        }
        String slopes = depthPictures(folder, settings, bySetting, n);

        String table = table(curves, n);
        AtomicFiles.writeString(folder.resolve("table.csv"), tableCsv(curves, n));
        stdout.print(table);
        stdout.print(slopes);
        stdout.printf(Locale.ROOT, "wrote ntk-density-{relu,tanh}, lambda-max, learning-rate (.png and .csv) and"
                + " table.csv to %s in %.1f s%n", folder, (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return 0;
    }

    /** relu (σ_w² = 2, σ_b² = 0, q¹ = 1) and tanh at criticality, q* = 1/64; both with orthogonal weights. */
    static List<Setting> settings(boolean quick) {
        double[] tanh = MeanField.criticalPoint(Activation.tanh(), TANH_Q_STAR);
        int[] reluDepths = quick ? new int[] {2, 4} : new int[] {2, 4, 8, 16};
        int[] tanhDepths = quick ? new int[] {2, 4} : new int[] {2, 4, 8, 16};
        return List.of(
                new Setting("relu", Activation.relu(), 2, 0, 1, reluDepths, "σ_w² = 2, σ_b² = 0, q¹ = 1"),
                new Setting("tanh", Activation.tanh(), tanh[0], tanh[1], Double.NaN, tanhDepths,
                        String.format(Locale.ROOT, "critical, q* = 1/64: σ_w² = %.6g, σ_b² = %.3g", tanh[0],
                                tanh[1])));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Predictions and samples

    private Curve curve(Setting setting, int depth, int n) {
        Curve curve = new Curve(setting, depth);
        Network network = setting.network(depth);
        long start = System.nanoTime();
        progress("%s: predicting ...", curve.label());
        curve.sampled = sample(network, n);
        try {
            curve.ntk = NtkSpectrum.of(network);
            curve.last = curve.ntk.last();
            double[] moments = curve.ntk.exactMoments(COMPARED_MOMENTS, Precision.ofDigits(40)).toDoubleArray();
            curve.comparison = Comparison.of(curve.ntk.spectrum(), moments, curve.sampled,
                    FiniteSizeRule.ntk(depth));
        } catch (ConvergenceException | ArithmeticException e) {
            curve.failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            curve.ntk = null;
            curve.last = null;
            progress("%s: prediction FAILED: %s", curve.label(), curve.failure);
        }
        curve.seconds = (System.nanoTime() - start) / 1e9;
        progress("%s: done in %.1f s", curve.label(), curve.seconds);
        return curve;
    }

    private double[] sample(Network network, int n) {
        long start = System.nanoTime();
        String key = network + " N=" + n;
        double[] eigenvalues = SampledNetwork.sample(network, n, new SplittableRandom(seed * 1_000_003L
                + key.hashCode())).ntkEigenvalues();
        progress("  sampled %s in %.1f s", key, (System.nanoTime() - start) / 1e9);
        return eigenvalues;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. Densities per depth

    private void densityPicture(Path folder, Setting setting, List<Curve> curves, int n) {
        StringBuilder csv = new StringBuilder("depth,kind,lambda,value\n");
        List<BufferedImage> panels = new ArrayList<>();
        for (int k = 0; k < curves.size(); k++) {
            panels.add(BitmapEncoder.getBufferedImage(panel(setting, curves.get(k), PALETTE[k % PALETTE.length], n,
                    csv)));
        }
        String title = "NTK spectrum of deep " + setting.name + " networks at initialisation, orthogonal weights, "
                + setting.description + " (after Hayase & Karakida, AISTATS 2021)";
        String subtitle = "Θ_L = ∂h_L/∂θ (∂h_L/∂θ)ᵀ: the N×N one-input NTK of the pre-activations h_L, NTK"
                + " parameterisation. Their recursion μ_{ℓ+1} = (q_ℓ + σ²·)_*(ν_ℓ ⊠ μ_ℓ) is ours with their q_ℓ = our"
                + " q^{ℓ+1} (docs/networks.md §4, §6).";
        String subtitle2 = String.format(Locale.ROOT, "Line: free-probability density of Θ_L; spikes: its atoms"
                + " (drawn at 90%% of the axis, mass in the legend); filled steps: eigenvalues of one sampled network"
                + " of width N = %d, seed %d.", n, seed);
        ExamplePictures.writeGrid(folder.resolve("ntk-density-" + setting.name + ".png"), panels, title, subtitle, subtitle2);
        AtomicFiles.writeString(folder.resolve("ntk-density-" + setting.name + ".csv"), csv.toString());
    }

    private XYChart panel(Setting setting, Curve c, Color color, int n, StringBuilder csv) {
        double lo = Math.min(min(c.sampled), c.last != null ? c.last.lambdaMin() : Double.POSITIVE_INFINITY);
        double hi = Math.max(max(c.sampled), c.last != null ? c.last.lambdaMax() : 0);
        double pad = 0.06 * (hi - lo) + 1e-12 * hi;
        lo = Math.max(0, lo - pad);
        hi = hi + pad;
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(String.format(Locale.ROOT, "%s, depth L = %d%s", setting.name, c.depth,
                        c.failure != null ? " (prediction failed: see table)" : ""))
                .xAxisTitle("eigenvalue λ of Θ_L").yAxisTitle("density").build();
        Charts.style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        List<Atom> atoms = c.last != null ? c.last.atoms() : List.of();
        double binWidth = (hi - lo) / BINS;
        double[] heights = new double[BINS];
        for (double v : c.sampled) {
            int j = (int) Math.floor((v - lo) / binWidth);
            if (j >= 0 && j < BINS) {
                heights[j] += 1.0 / c.sampled.length / binWidth;
            }
        }
        // a finite network's atom is smeared over a few bins (its q fluctuates): those bins do not set the axis
        double histogramTop = 0;
        double allTop = 0;
        double[] stepX = new double[2 * BINS + 2];
        double[] stepY = new double[2 * BINS + 2];
        stepX[0] = lo;
        stepX[2 * BINS + 1] = hi;
        for (int j = 0; j < BINS; j++) {
            double a = lo + j * binWidth;
            double b = lo + (j + 1) * binWidth;   // the next bin's a exactly: the x data must not descend
            stepX[2 * j + 1] = a;
            stepX[2 * j + 2] = b;
            stepY[2 * j + 1] = heights[j];
            stepY[2 * j + 2] = heights[j];
            csv.append(String.format(Locale.ROOT, "%d,histogram,%s,%s%n", c.depth, 0.5 * (a + b), heights[j]));
            stepX[2 * BINS + 1] = Math.max(hi, b);
            boolean nearAtom = false;
            for (Atom atom : atoms) {
                nearAtom |= Math.abs(atom.location() - 0.5 * (a + b)) < 4 * binWidth;
            }
            allTop = Math.max(allTop, heights[j]);
            if (!nearAtom) {
                histogramTop = Math.max(histogramTop, heights[j]);
            }
        }
        XYSeries histogram = chart.addSeries(String.format(Locale.ROOT, "sampled, N = %d (%d bins)", n, BINS),
                stepX, stepY);
        histogram.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        histogram.setMarker(SeriesMarkers.NONE);
        histogram.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
        histogram.setLineColor(color);
        histogram.setLineWidth(0.8f);
        double yTop = histogramTop;
        boolean continuous = false;
        if (c.ntk != null) {
            double[] grid = new double[DENSITY_POINTS];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = lo + (hi - lo) * i / (grid.length - 1);
            }
            double[] rho = c.ntk.density(grid);
            for (int i = 0; i < grid.length; i++) {
                rho[i] = Double.isFinite(rho[i]) ? rho[i] : 0;
                csv.append(String.format(Locale.ROOT, "%d,density,%s,%s%n", c.depth, grid[i], rho[i]));
            }
            double densityMax = max(rho);
            continuous = densityMax > 0;
            if (continuous) {
                // an inverse square-root edge would flatten the rest: the axis follows the sample's scale
                yTop = Math.max(yTop, histogramTop > 0 ? Math.min(densityMax, 1.5 * histogramTop) : densityMax);
                XYSeries line = chart.addSeries("predicted density", grid, rho);
                line.setMarker(SeriesMarkers.NONE);
                line.setLineWidth(2.4f);
                line.setLineColor(Color.BLACK);
            }
        }
        if (!continuous) {
            yTop = allTop;   // purely atomic: the clumps of the sample show where the atoms are
        }
        if (!(yTop > 0)) {
            yTop = 1;
        }
        for (Atom atom : atoms) {
            csv.append(String.format(Locale.ROOT, "%d,atom,%s,%s%n", c.depth, atom.location(), atom.mass()));
            double x = atom.location();
            XYSeries spike = chart.addSeries(String.format(Locale.ROOT, "atom at λ = %.4g, mass %.4g", x,
                    atom.mass()), new double[] {x, x}, new double[] {0, 0.9 * yTop});
            spike.setMarker(SeriesMarkers.DIAMOND);
            spike.setMarkerColor(new Color(200, 40, 40));
            spike.setLineColor(new Color(200, 40, 40));
            spike.setLineStyle(new BasicStroke(3.5f));
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.15 * yTop);
        chart.getStyler().setXAxisMin(lo);
        chart.getStyler().setXAxisMax(hi);
        chart.getStyler().setYAxisDecimalPattern(yTop < 0.1 ? "0.#####" : "0.###");
        chart.getStyler().setXAxisDecimalPattern(hi < 0.1 ? "0.####" : "0.##");
        return chart;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. and 3. λ_max and the learning-rate bound against depth

    private String depthPictures(Path folder, List<Setting> settings, List<List<Curve>> bySetting, int n) {
        XYChart rate = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("Stable learning-rate bound η < 2/λ_max(Θ_ℓ) against depth ℓ, orthogonal weights (log axis)")
                .xAxisTitle("depth ℓ").yAxisTitle("2/λ_max(Θ_ℓ)").build();
        Charts.style(rate);
        rate.getStyler().setMarkerSize(10);
        rate.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        rate.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        rate.getStyler().setXAxisMin(0.0);
        rate.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        rate.getStyler().setYAxisLogarithmic(true);
        List<BufferedImage> lambdaPanels = new ArrayList<>();
        StringBuilder csv = new StringBuilder("activation,depth,kind,lambda_max,learning_rate_bound\n");
        StringBuilder slopes = new StringBuilder();
        for (int k = 0; k < settings.size(); k++) {
            Setting setting = settings.get(k);
            Color color = PALETTE[k == 0 ? 3 : 0];
            XYChart lambda = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                    .xAxisTitle("depth ℓ").yAxisTitle("λ_max(Θ_ℓ)").build();
            Charts.style(lambda);
            lambda.getStyler().setMarkerSize(10);
            lambda.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            lambda.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            lambda.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            lambda.getStyler().setXAxisMin(0.0);
            lambda.getStyler().setYAxisMin(0.0);
            lambda.setTitle(setting.name + ", " + setting.description);
            // the deepest successful run carries every shallower layer's summary
            NtkSpectrum deepest = null;
            for (Curve c : bySetting.get(k)) {
                if (c.ntk != null) {
                    deepest = c.ntk;
                }
            }
            if (deepest != null) {
                double[] byLayer = deepest.lambdaMaxByLayer();
                double[] ls = new double[byLayer.length];
                double[] bound = new double[byLayer.length];
                double[] logL = new double[byLayer.length];
                double[] logLambda = new double[byLayer.length];
                for (int i = 0; i < byLayer.length; i++) {
                    ls[i] = i + 1;
                    bound[i] = 2 / byLayer[i];
                    logL[i] = Math.log(ls[i]);
                    logLambda[i] = Math.log(byLayer[i]);
                    csv.append(String.format(Locale.ROOT, "%s,%d,predicted,%s,%s%n", setting.name, i + 1, byLayer[i],
                            bound[i]));
                }
                double[] fit = fit(ls, byLayer);
                // the growth exponent from the deeper half of the layers: 1 is linear
                int half = byLayer.length / 2;
                double[] power = fit(java.util.Arrays.copyOfRange(logL, half, byLayer.length),
                        java.util.Arrays.copyOfRange(logLambda, half, byLayer.length));
                slopes.append(String.format(Locale.ROOT, "%s: lambda_max(Theta_l) ~ %.6g + %.6g l (least squares over"
                        + " l = 1..%d); growth exponent d log lambda_max / d log l = %.3f over l = %d..%d%n",
                        setting.name, fit[0], fit[1], byLayer.length, power[1], half + 1, byLayer.length));
                csv.append(String.format(Locale.ROOT, "%s,,fit_intercept_slope,%s,%s%n", setting.name, fit[0], fit[1]));
                csv.append(String.format(Locale.ROOT, "%s,,growth_exponent,%s,%n", setting.name, power[1]));
                XYSeries line = lambda.addSeries("predicted λ_max (edge of the limit law)", ls, byLayer);
                line.setMarker(SeriesMarkers.CIRCLE);
                line.setLineColor(color);
                line.setMarkerColor(color);
                line.setLineWidth(2.2f);
                double[] fitted = new double[ls.length];
                for (int i = 0; i < ls.length; i++) {
                    fitted[i] = fit[0] + fit[1] * ls[i];
                }
                XYSeries fitLine = lambda.addSeries(String.format(Locale.ROOT, "straight-line fit: %.4g + %.4g ℓ"
                        + " (growth exponent %.2f)", fit[0], fit[1], power[1]), ls, fitted);
                fitLine.setMarker(SeriesMarkers.NONE);
                fitLine.setLineColor(Color.GRAY);
                fitLine.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {7f, 4f}, 0f));
                XYSeries rateLine = rate.addSeries(setting.name + " predicted 2/λ_max", ls, bound);
                rateLine.setMarker(SeriesMarkers.CIRCLE);
                rateLine.setLineColor(color);
                rateLine.setMarkerColor(color);
                rateLine.setLineWidth(2.2f);
            } else {
                slopes.append(setting.name + ": no prediction (every depth failed)\n");
            }
            List<Curve> own = bySetting.get(k);
            double[] sx = new double[own.size()];
            double[] sy = new double[own.size()];
            double[] sr = new double[own.size()];
            for (int i = 0; i < own.size(); i++) {
                sx[i] = own.get(i).depth;
                sy[i] = max(own.get(i).sampled);
                sr[i] = 2 / sy[i];
                csv.append(String.format(Locale.ROOT, "%s,%d,sampled_N%d,%s,%s%n", setting.name, own.get(i).depth, n,
                        sy[i], sr[i]));
            }
            XYSeries points = lambda.addSeries(String.format(Locale.ROOT, "largest sampled eigenvalue, N = %d", n),
                    sx, sy);
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.SQUARE);
            points.setMarkerColor(Color.BLACK);
            XYSeries ratePoints = rate.addSeries(String.format(Locale.ROOT, "%s sampled 2/λ_max, N = %d",
                    setting.name, n), sx, sr);
            ratePoints.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            ratePoints.setMarker(SeriesMarkers.SQUARE);
            ratePoints.setMarkerColor(color.darker());
            lambdaPanels.add(BitmapEncoder.getBufferedImage(lambda));
        }
        ExamplePictures.writeGrid(folder.resolve("lambda-max.png"), lambdaPanels,
                "Largest NTK eigenvalue against depth (after Hayase & Karakida, AISTATS 2021: linear in depth under"
                        + " dynamical isometry)",
                "Θ_ℓ: the N×N one-input NTK of h_ℓ in the NTK parameterisation, orthogonal weights. Critical tanh"
                        + " at small q* is dynamically isometric: λ_max grows linearly; relu is not: λ_max grows"
                        + " about as ℓ².",
                String.format(Locale.ROOT, "Lines: the free-probability λ_max per layer (one NtkSpectrum run,"
                        + " lambdaMaxByLayer()); dashed: least-squares line; squares: one sampled network of width"
                        + " N = %d per depth, seed %d.", n, seed));
        ExamplePictures.writeWithBanner(folder.resolve("learning-rate.png"), BitmapEncoder.getBufferedImage(rate),
                "Largest stable learning rate 2/λ_max against depth (after Hayase & Karakida, AISTATS 2021)",
                "Convention: full-batch gradient descent on the squared loss ½‖f − y‖² summed over the N outputs,"
                        + " f = h_L, linearised at",
                "initialisation: stable iff η < 2/λ_max(Θ). Averaged over the outputs the bound is 2N/λ_max; the"
                        + " seed's 1/λ_max is for monotone convergence.");
        AtomicFiles.writeString(folder.resolve("lambda-max.csv"), csv.toString());
        AtomicFiles.writeString(folder.resolve("learning-rate.csv"), csv.toString());
        return slopes.toString();
    }

    /** Least-squares straight line: {intercept, slope}. */
    static double[] fit(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxx > 0 ? sxy / sxx : Double.NaN;
        return new double[] {my - slope * mx, slope};
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The table

    private static String table(List<Curve> curves, int n) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "NTK Theta_L, orthogonal weights: prediction against one sampled network"
                + " of width N = %d per row (FiniteSizeRule.ntk(L) at n = N)%n", n));
        sb.append(String.format(Locale.ROOT, "%-6s %4s %11s %11s %10s %11s %10s %9s %9s  %s%n", "act", "L",
                "lambda_min", "lambda_max", "cond", "2/lam_max", "mom.err", "Levy", "thresh", "result"));
        for (Curve c : curves) {
            if (c.failure != null) {
                sb.append(String.format(Locale.ROOT, "%-6s %4d %11s %11s %10s %11s %10s %9s %9s  FAILED: %s%n",
                        c.setting.name, c.depth, "-", "-", "-", "-", "-", "-", "-", c.failure));
                continue;
            }
            NtkLayer last = c.last;
            String result = c.comparison.passed() ? "pass" : "FAIL (" + String.join("; ",
                    c.comparison.breaches()) + ")";
            sb.append(String.format(Locale.ROOT, "%-6s %4d %11.6g %11.6g %10.5g %11.6g %10.2e %9.4f %9.4f  %s%n",
                    c.setting.name, c.depth, last.lambdaMin(), last.lambdaMax(), last.conditionNumber(),
                    last.learningRateBound(), last.momentError(), c.comparison.levy(),
                    c.comparison.thresholds().levy(), result));
        }
        return sb.toString();
    }

    private static String tableCsv(List<Curve> curves, int n) {
        StringBuilder sb = new StringBuilder("activation,weights,depth,sigma_w2,sigma_b2,q1,lambda_min,lambda_max,"
                + "condition_number,learning_rate_bound,moment_error,atoms,width,sampled_lambda_max,levy,"
                + "levy_threshold,passed,breaches,failure\n");
        for (Curve c : curves) {
            Setting s = c.setting;
            String q1 = Double.isNaN(s.q1) ? "q*" : String.valueOf(s.q1);
            if (c.failure != null) {
                sb.append(String.format(Locale.ROOT, "%s,orthogonal,%d,%s,%s,%s,,,,,,,%d,%s,,,,,\"%s\"%n", s.name,
                        c.depth, s.sigmaW2, s.sigmaB2, q1, n, max(c.sampled), c.failure.replace("\"", "'")));
                continue;
            }
            NtkLayer last = c.last;
            List<String> atoms = new ArrayList<>();
            for (Atom atom : last.atoms()) {
                atoms.add(atom.location() + ":" + atom.mass());
            }
            sb.append(String.format(Locale.ROOT, "%s,orthogonal,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s,%s,%s,%s,\"%s\",%n",
                    s.name, c.depth, s.sigmaW2, s.sigmaB2, q1, last.lambdaMin(), last.lambdaMax(),
                    last.conditionNumber(), last.learningRateBound(), last.momentError(), String.join(";", atoms), n,
                    c.comparison.largestEigenvalue(), c.comparison.levy(), c.comparison.thresholds().levy(),
                    c.comparison.passed(), String.join("; ", c.comparison.breaches())));
        }
        return sb.toString();
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private void progress(String format, Object... args) {
        err.printf(Locale.ROOT, "freeprob: ntk: " + format + "%n", args);
        err.flush();
    }
}
