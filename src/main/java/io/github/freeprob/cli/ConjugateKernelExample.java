package io.github.freeprob.cli;

import io.github.freeprob.network.Activation;
import io.github.freeprob.network.ConjugateKernel;
import io.github.freeprob.network.NormalizedActivation;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.sampling.Matrix;
import io.github.freeprob.sampling.SampledConjugateKernel;
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
import java.util.Arrays;
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
 * {@code freeprob example conjugate-kernel}: conjugate-kernel spectra layer by layer, after Fan and Wang, "Spectra of
 * the conjugate kernel and neural tangent kernel for linear-width neural networks", NeurIPS 2020.
 *
 * <p>Writes to the output folder: {@code layers-<activation>.png} (the predicted law μ_ℓ of K_ℓ = X_ℓᵀX_ℓ/d_ℓ for
 * ℓ = 0 … 3, widths n/γ_ℓ with γ = 1; 0.5, 2, 1, over the eigenvalues of one sampled network, for tanh and relu),
 * {@code depth.png} (the variance v_ℓ = γ + b_φ² v_{ℓ−1} of μ_ℓ against depth for activations with different b_φ, with
 * sampled values, and relu's μ_ℓ approaching its fixed point), the CSV behind each, and {@code table.csv} (also
 * printed).
 */
@Command(name = "conjugate-kernel", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Conjugate-kernel spectra (Fan and Wang, NeurIPS 2020): the law of K_l = X_l^T X_l/d_l per layer"
                + " for tanh and relu against a sampled network, and how b_phi = (E phi'(xi))^2 sets the growth of its"
                + " variance with depth.",
            "Writes PNG pictures, the CSV behind each and table.csv to --out; prints the table."},
        footer = {"", "Example: freeprob example conjugate-kernel --quick --out /tmp/ck"})
final class ConjugateKernelExample implements Callable<Integer> {

    /** γ₀ and γ₁ … γ₃ of the layer pictures: a wide layer, a narrow one (rank n/2: an atom at 0), a square one. */
    static final double INPUT_RATIO = 1;
    static final double[] LAYER_RATIOS = {0.5, 2, 1};
    /** The ratio of every layer in the depth picture. */
    static final double DEPTH_RATIO = 0.5;
    static final String[] LAYER_ACTIVATIONS = {"tanh", "relu"};
    static final String[] DEPTH_ACTIVATIONS = {"linear", "tanh", "gelu", "relu", "sigmoid"};
    static final int PANEL_WIDTH = 820;
    static final int PANEL_HEIGHT = 520;
    static final int POINTS = 800;
    static final int BINS = 50;
    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(44, 160, 44), new Color(255, 127, 14),
        new Color(214, 39, 40), new Color(148, 103, 189)};

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default out/conjugate-kernel)")
    Path out = Path.of("out", "conjugate-kernel");

    @Option(names = "--quick", description = "small run: n = 200 inputs, depth picture to L = 4")
    boolean quick;

    @Option(names = "--width", paramLabel = "N", description = "number of inputs n of the sampled networks (default"
            + " 1000, 200 with --quick)")
    Integer width;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of the sampled networks (default 1)")
    long seed = 1;

    private PrintWriter err;

    @Override
    public Integer call() {
        err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        int n = width != null ? width : quick ? 200 : 1000;
        if (n < 10 || n > SamplingOptions.MAX_WIDTH) {
            throw new IllegalArgumentException("--width must be in [10, " + SamplingOptions.MAX_WIDTH + "], but was "
                    + n);
        }
        long start = System.nanoTime();
        Path folder = out.toAbsolutePath();
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--out: cannot create " + folder + ": " + e.getMessage(), e);
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "Conjugate kernel K_l = X_l^T X_l/d_l,"
                + " gamma_0 = %s, gamma_1..3 = %s: prediction against one sampled network with n = %d inputs"
                + " (FiniteSizeRule.CONJUGATE_KERNEL at n)%n", fmt(INPUT_RATIO),
                Arrays.toString(LAYER_RATIOS), n));
        table.append(String.format(Locale.ROOT, "%-6s %2s %6s %8s %10s %10s %10s %10s %8s %8s  %s%n", "act", "l",
                "gamma", "b_phi", "var", "var(K)", "lam_max", "top(K)", "Levy", "thresh", "result"));
        StringBuilder tableCsv = new StringBuilder("activation,layer,gamma,b_phi,variance,sampled_variance,lambda_max,"
                + "sampled_lambda_max,levy,levy_threshold,relative_w1,relative_w1_threshold,moment_error,passed,"
                + "breaches\n");
        for (String name : LAYER_ACTIVATIONS) {
            layersPicture(folder, name, n, table, tableCsv);
        }
        String depthSummary = depthPicture(folder, quick ? 4 : 8, Math.min(n, 400));
        AtomicFiles.writeString(folder.resolve("table.csv"), tableCsv.toString());
        stdout.print(table);
        stdout.print(depthSummary);
        stdout.printf(Locale.ROOT, "wrote layers-{tanh,relu}, depth (.png and .csv) and table.csv to %s in %.1f s%n",
                folder, (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. Layer by layer

    private void layersPicture(Path folder, String name, int n, StringBuilder table, StringBuilder tableCsv) {
        progress("%s: predicting layers 0..%d ...", name, LAYER_RATIOS.length);
        ConjugateKernel kernel = ConjugateKernel.of(Activation.named(name), INPUT_RATIO, LAYER_RATIOS);
        progress("%s: sampling n = %d ...", name, n);
        SampledConjugateKernel sample = SampledConjugateKernel.sample(kernel, n, new SplittableRandom(seed));
        int[] widths = sample.widths();
        List<BufferedImage> panels = new ArrayList<>();
        StringBuilder csv = new StringBuilder("layer,kind,lambda,value\n");
        for (int l = 0; l <= kernel.depth(); l++) {
            double[] eigenvalues = sample.eigenvalues(l);
            double[] exact = kernel.exactMoments(l, SpectrumReport.MOMENTS, NetworkSpectrumCommand.exactPrecision())
                    .toDoubleArray();
            SpectrumReport report = SpectrumReport.of("layer " + l, kernel.spectrum(l), exact,
                    SpectrumReport.EXACT_SOURCE, NetworkSpectrumCommand.ROUTE, Grid.uniform(POINTS),
                    System.nanoTime());
            Comparison c = Comparison.of(kernel.spectrum(l), exact, eigenvalues,
                    FiniteSizeRule.CONJUGATE_KERNEL.at(n));
            String title = String.format(Locale.ROOT, "%s, layer ℓ = %d: K_%d = X_%dᵀX_%d/d_%d, γ_%d = n/d_%d = %s",
                    name, l, l, l, l, l, l, l, fmt(kernel.ratio(l)));
            XYChart chart = Charts.validationChart(title, "eigenvalue λ of K_" + l, report.x, report.density,
                    report.atoms, eigenvalues, BINS, false, false, 0,
                    String.format(Locale.ROOT, "sampled: n = %d, d_%d = %d, seed %d", n, l, widths[l], seed),
                    String.format(Locale.ROOT, "predicted μ_%d (Lévy %.3g, %s)", l, c.levy(),
                            c.passed() ? "passed" : "FAILED"));
            chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            if (report.atoms.isEmpty()) {
                // γ_ℓ = 1 gives a density that diverges like λ^(−1/2) at 0: the axis follows the histogram instead
                double top = histogramTop(eigenvalues, BINS);
                double densityTop = Arrays.stream(report.density).max().orElse(0);
                if (densityTop > 1.5 * top) {
                    chart.getStyler().setYAxisMax(1.3 * top);
                }
            }
            panels.add(BitmapEncoder.getBufferedImage(chart));
            for (int i = 0; i < report.x.length; i++) {
                csv.append(String.format(Locale.ROOT, "%d,density,%s,%s%n", l, report.x[i], report.density[i]));
            }
            for (var atom : report.atoms) {
                csv.append(String.format(Locale.ROOT, "%d,atom,%s,%s%n", l, atom.location(), atom.mass()));
            }
            for (double e : eigenvalues) {
                csv.append(String.format(Locale.ROOT, "%d,sampled,%s,%n", l, e));
            }
            double sampledVariance = variance(eigenvalues);
            double top = eigenvalues[eigenvalues.length - 1];
            String result = c.passed() ? "pass" : "FAIL (" + String.join("; ", c.breaches()) + ")";
            table.append(String.format(Locale.ROOT, "%-6s %2d %6s %8.5f %10.6g %10.6g %10.6g %10.6g %8.4f %8.4f  %s%n",
                    name, l, fmt(kernel.ratio(l)), kernel.b(), kernel.variance(l), sampledVariance,
                    kernel.lambdaMax(l), top, c.levy(), c.thresholds().levy(), result));
            tableCsv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,\"%s\"%n", name, l,
                    kernel.ratio(l), kernel.b(), kernel.variance(l), sampledVariance, kernel.lambdaMax(l), top,
                    c.levy(), c.thresholds().levy(), c.relativeWasserstein(), c.thresholds().relativeWasserstein(),
                    kernel.momentError(l), c.passed(), String.join("; ", c.breaches())));
        }
        ExamplePictures.writeGrid(folder.resolve("layers-" + name + ".png"), panels, String.format(Locale.ROOT,
                "Conjugate-kernel spectra of a %s network, layer by layer (after Fan & Wang, NeurIPS 2020)", name),
                String.format(Locale.ROOT, "n inputs with Gaussian entries, columns of norm √d₀; X_ℓ = φ̃(W_ℓ"
                        + " X_{ℓ−1}/√d_{ℓ−1}), W_ℓ N(0, 1); φ̃ = %s is %s centred and normalised under N(0, 1),"
                        + " b_φ = (E φ̃′(ξ))² = %.5f.", centred(name, kernel), name, kernel.b()),
                "Line: μ₀ = mp(γ₀), μ_ℓ = mp(γ_ℓ) ⊠ ((1 − b_φ) + b_φ·)_*μ_{ℓ−1} (free probability); spikes: atoms"
                        + " (height ∝ mass); filled steps: eigenvalues of K_ℓ of one sampled network.",
                String.format(Locale.ROOT, "Widths d_ℓ = n/γ_ℓ with n = %d: %s. Layer 2 is narrower than n, so K₂ has"
                        + " rank d₂ = n/2 and an atom of mass ½ at 0.", n, Arrays.toString(widths)));
        AtomicFiles.writeString(folder.resolve("layers-" + name + ".csv"), csv.toString());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. Depth

    private String depthPicture(Path folder, int depth, int n) {
        double[] ratios = new double[depth];
        Arrays.fill(ratios, DEPTH_RATIO);
        XYChart variance = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(String.format(Locale.ROOT, "Variance of μ_ℓ against depth, γ_ℓ = %s", fmt(DEPTH_RATIO)))
                .xAxisTitle("layer ℓ").yAxisTitle("variance v_ℓ of the eigenvalues of K_ℓ").build();
        Charts.style(variance);
        variance.getStyler().setMarkerSize(9);
        variance.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        variance.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        variance.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        variance.getStyler().setYAxisMin(0.0);
        StringBuilder csv = new StringBuilder("activation,b_phi,layer,kind,value\n");
        StringBuilder summary = new StringBuilder();
        double[] ls = new double[depth + 1];
        for (int l = 0; l <= depth; l++) {
            ls[l] = l;
        }
        for (int k = 0; k < DEPTH_ACTIVATIONS.length; k++) {
            String name = DEPTH_ACTIVATIONS[k];
            Activation activation = Activation.named(name);
            progress("depth: %s, sampling n = %d to L = %d ...", name, n, depth);
            SampledConjugateKernel sample = SampledConjugateKernel.sample(
                    NormalizedActivation.of(activation), n, withInput(ratios),
                    new SplittableRandom(seed + 17L * (k + 1)));
            double b = sample.activation().b();
            double[] predicted = new double[depth + 1];
            double[] sampled = new double[depth + 1];
            double v = DEPTH_RATIO;
            for (int l = 0; l <= depth; l++) {
                if (l > 0) {
                    v = DEPTH_RATIO + b * b * v;
                }
                predicted[l] = v;
                sampled[l] = kernelVariance(sample, l);
                csv.append(String.format(Locale.ROOT, "%s,%s,%d,predicted,%s%n", name, b, l, predicted[l]));
                csv.append(String.format(Locale.ROOT, "%s,%s,%d,sampled_n%d,%s%n", name, b, l, n, sampled[l]));
            }
            Color color = PALETTE[k % PALETTE.length];
            String limit = b < 1 - 1e-9 ? String.format(Locale.ROOT, ", → γ/(1 − b²) = %.4g", DEPTH_RATIO / (1 - b * b))
                    : ", = γ(ℓ + 1)";
            XYSeries line = variance.addSeries(String.format(Locale.ROOT, "%s, b_φ = %.4f%s", name, b, limit), ls,
                    predicted);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(color);
            line.setLineWidth(2.2f);
            XYSeries points = variance.addSeries(String.format(Locale.ROOT, "%s sampled, n = %d", name, n), ls,
                    sampled);
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.CIRCLE);
            points.setMarkerColor(color);
            points.setShowInLegend(false);   // the subtitle says what the circles are
            summary.append(String.format(Locale.ROOT, "%s: b_phi = %.6f, variance at l = %d: predicted %.6g, sampled"
                    + " %.6g%n", name, b, depth, predicted[depth], sampled[depth]));
        }

        progress("depth: relu laws to L = %d ...", depth);
        ConjugateKernel relu = ConjugateKernel.of(Activation.relu(), DEPTH_RATIO, ratios);
        XYChart laws = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(String.format(Locale.ROOT, "relu: μ_ℓ approaches a fixed point (b_φ = %.4f < 1)", relu.b()))
                .xAxisTitle("eigenvalue λ of K_ℓ").yAxisTitle("density of μ_ℓ").build();
        Charts.style(laws);
        laws.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        laws.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        laws.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        double hi = 1.05 * relu.lambdaMax(depth);
        double[] x = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = hi * (i + 0.5) / POINTS;
        }
        int shown = 0;
        for (int l = 1; l <= depth; l *= 2) {
            double[] rho = relu.spectrum(l).density(x);
            XYSeries s = laws.addSeries(String.format(Locale.ROOT, "μ_%d: variance %.4f, λ_max %.4f", l,
                    relu.variance(l), relu.lambdaMax(l)), x, rho);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(2f);
            s.setLineColor(PALETTE[shown++ % PALETTE.length]);
            for (int i = 0; i < POINTS; i++) {
                csv.append(String.format(Locale.ROOT, "relu,%s,%d,density_at_%s,%s%n", relu.b(), l, x[i], rho[i]));
            }
        }
        XYSeries mp = laws.addSeries(String.format(Locale.ROOT, "μ₀ = mp(%s), the input Gram matrix",
                fmt(DEPTH_RATIO)), x, relu.spectrum(0).density(x));
        mp.setMarker(SeriesMarkers.NONE);
        mp.setLineColor(Color.GRAY);
        mp.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {7f, 4f}, 0f));
        laws.getStyler().setYAxisMin(0.0);
        laws.getStyler().setXAxisMin(0.0);
        laws.getStyler().setXAxisMax(hi);

        ExamplePictures.writeSideBySide(folder.resolve("depth.png"), List.of(BitmapEncoder.getBufferedImage(variance),
                BitmapEncoder.getBufferedImage(laws)),
                "How b_φ = (E φ̃′(ξ))² shapes the conjugate kernel with depth (after Fan & Wang, NeurIPS 2020)",
                String.format(Locale.ROOT, "All layers of width d_ℓ = n/γ with γ = %s; μ_ℓ has mean 1 and variance"
                        + " v_ℓ = γ + b_φ² v_{ℓ−1}, v₀ = γ: linear in ℓ for a linear φ (b_φ = 1), bounded by"
                        + " γ/(1 − b_φ²) otherwise.", fmt(DEPTH_RATIO)),
                String.format(Locale.ROOT, "Left: lines from the closed form, circles (1/n) tr K_ℓ² − ((1/n) tr K_ℓ)²"
                        + " of one sampled network with n = %d inputs per activation, seed %d. Right: the"
                        + " free-probability densities of relu's μ_ℓ.", n, seed));
        AtomicFiles.writeString(folder.resolve("depth.csv"), csv.toString());
        return summary.toString();
    }

    private static double[] withInput(double[] layerRatios) {
        double[] all = new double[layerRatios.length + 1];
        all[0] = DEPTH_RATIO;
        System.arraycopy(layerRatios, 0, all, 1, layerRatios.length);
        return all;
    }

    /** (1/n) tr K² − ((1/n) tr K)² from the entries of K (no eigenvalues needed). */
    private static double kernelVariance(SampledConjugateKernel sample, int layer) {
        Matrix k = sample.kernel(layer);
        int n = k.rows();
        double trace = k.normalizedTrace();
        double square = k.frobeniusNorm();
        return square * square / n - trace * trace;
    }

    /** φ̃ in words: (φ − mean)/sd, or φ/sd when the mean is 0 to rounding (an odd φ). */
    private static String centred(String name, ConjugateKernel kernel) {
        double mean = kernel.activation().mean();
        double sd = kernel.activation().standardDeviation();
        return Math.abs(mean) < 1e-12 ? String.format(Locale.ROOT, "%s/%.4g", name, sd)
                : String.format(Locale.ROOT, "(%s − %.4g)/%.4g", name, mean, sd);
    }

    /** The tallest bar of the histogram that {@link Charts#validationChart} draws (density units). */
    private static double histogramTop(double[] sample, int bins) {
        double lo = Arrays.stream(sample).min().orElse(0);
        double hi = Arrays.stream(sample).max().orElse(1);
        double width = (hi - lo) / bins;
        double[] height = new double[bins];
        for (double v : sample) {
            height[Math.min(bins - 1, (int) ((v - lo) / width))] += 1.0 / sample.length / width;
        }
        return Arrays.stream(height).max().orElse(1);
    }

    private static double variance(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        double s = 0;
        for (double v : values) {
            s += (v - mean) * (v - mean) / values.length;
        }
        return s;
    }

    private static String fmt(double x) {
        return Checks.format(x);
    }

    private void progress(String format, Object... args) {
        err.printf(Locale.ROOT, "freeprob: conjugate-kernel: " + format + "%n", args);
        err.flush();
    }
}
