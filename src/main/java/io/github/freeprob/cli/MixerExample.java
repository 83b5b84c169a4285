package io.github.freeprob.cli;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.EffectiveWidth;
import io.github.freeprob.network.Mixer;
import io.github.freeprob.network.MixerSpectrum;
import io.github.freeprob.network.Mixing;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.precision.Precision;
import io.github.freeprob.sampling.SampledMixer;
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
 * {@code freeprob example mixer}: the MLP-Mixer as a wide sparse MLP (Hayase and Karakida, ICML 2024; seed 000). For a
 * linear and a relu mixer with Gaussian weights, one block (four steps) on S×C feature matrices, the sampled Jacobian
 * spectra of the dense MLP of width SC, the random-permuted mixer and the plain mixer are drawn against the free and
 * the tensor predictions ({@code docs/mixer.md}).
 *
 * <p>Writes {@code mixer-<activation>.png} (three panels each), {@code effective-width.png} (m = SC at fixed Ω against
 * C, with C* = (Ω/γ)^{1/3}), the CSV behind each, and {@code table.csv} (also printed): every sample's Lévy distance,
 * relative W₁ and m₂ against both predictions, with the {@link FiniteSizeRule#MIXER} thresholds.
 */
@Command(name = "mixer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"MLP-Mixer versus its random-permuted twin (Hayase and Karakida, ICML 2024): Jacobian spectra of"
                + " the dense MLP of width S*C, the random-permuted mixer and the plain mixer against the free and the"
                + " tensor (classical product) predictions, for linear and relu steps with Gaussian weights; and the"
                + " effective width S*C at a fixed number of connections.",
            "Writes PNG pictures, the CSV behind each and table.csv to --out; prints the table."},
        footer = {"", "Example: freeprob example mixer --quick --out /tmp/mixer"})
final class MixerExample implements Callable<Integer> {

    static final int DENSITY_POINTS = 1000;
    static final int BINS = 50;
    /**
     * The λ axis spans this fraction of the largest eigenvalue up to it (five decades); the mass below (atoms at 0,
     * rounding) is compared in the legend.
     */
    static final double LOG_RANGE = 1e-5;
    static final int PANEL_WIDTH = 760;
    static final int PANEL_HEIGHT = 520;
    /** Connections per layer Ω = 2^19 and γ = 4 for the effective-width picture (Ω of the seed's accuracy panel). */
    static final double OMEGA = 1 << 19;
    static final double GAMMA = 4;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default out/mixer)")
    Path out = Path.of("out", "mixer");

    @Option(names = "--quick", description = "small run: S = C = 12, 6 draws per sampled mixer (too few for the"
            + " rule to reject the free law for the plain mixer)")
    boolean quick;

    @Option(names = "--side", paramLabel = "S", description = "tokens S = channels C (default 16, 12 with --quick)")
    Integer side;

    @Option(names = "--draws", paramLabel = "K", description = "draws pooled per sampled mixer (default 16, 6 with"
            + " --quick)")
    Integer draws;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of the samples (default 1)")
    long seed = 1;

    private PrintWriter err;

    /** One activation with Gaussian weights, one block. */
    record Setting(String name, Activation activation, double sigmaW2, String description) {
        Mixer mixer(int side) {
            Network network = Network.of(activation, WeightDistribution.GAUSSIAN, sigmaW2, 0, Mixer.depthOf(1))
                    .withFirstVariance(1);
            return Mixer.of(network, side, side);
        }
    }

    /** One sampled mixer against both predictions. */
    record Row(Setting setting, Mixing mixing, double[] sample, Comparison free, Comparison tensor,
               double sampledM2, double freeM2, double tensorM2) {
    }

    @Override
    public Integer call() throws Exception {
        err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        int s = side != null ? side : quick ? 12 : 16;
        int k = draws != null ? draws : quick ? 6 : 16;
        if (s < 2 || s > 60) {
            throw new IllegalArgumentException("--side must be in [2, 60], but was " + s);
        }
        if (k < 1) {
            throw new IllegalArgumentException("--draws must be >= 1, but was " + k);
        }
        long start = System.nanoTime();
        Path folder = out.toAbsolutePath();
        Files.createDirectories(folder);
        List<Setting> settings = List.of(
                new Setting("linear", Activation.linear(), 1, "linear, σ_w² = 1"),
                new Setting("relu", Activation.relu(), 2, "relu, σ_w² = 2, σ_b² = 0"));
        List<Row> rows = new ArrayList<>();
        for (Setting setting : settings) {
            rows.addAll(setting(folder, setting, s, k));
        }
        effectiveWidthPicture(folder);
        String table = table(rows, s, k);
        AtomicFiles.writeString(folder.resolve("table.csv"), tableCsv(rows, s, k));
        stdout.print(table);
        stdout.printf(Locale.ROOT, "wrote mixer-linear, mixer-relu, effective-width (.png and .csv) and table.csv to"
                + " %s in %.1f s%n", folder, (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return 0;
    }

    private List<Row> setting(Path folder, Setting setting, int side, int draws) {
        Mixer mixer = setting.mixer(side);
        progress("%s: predicting (free and tensor) ...", setting.name);
        MixerSpectrum prediction = MixerSpectrum.of(mixer);
        Precision precision = Precision.ofDigits(SpectrumReport.EXACT_DIGITS);
        Spectrum free = prediction.free().spectrum();
        double[] freeMoments = prediction.exactMoments(Mixing.PERMUTED, 5, precision).toDoubleArray();
        Spectrum tensor = prediction.tensorSpectrum();
        double[] tensorMoments = prediction.exactMoments(Mixing.PLAIN, 5, precision).toDoubleArray();
        int n = mixer.effectiveWidth();
        List<Row> rows = new ArrayList<>();
        List<BufferedImage> panels = new ArrayList<>();
        StringBuilder csv = new StringBuilder("mixer,kind,lambda,value\n");
        double hi = Math.max(Distances.upperEdge(free), Distances.upperEdge(tensor));
        for (Mixing mixing : List.of(Mixing.DENSE, Mixing.PERMUTED, Mixing.PLAIN)) {
            long t = System.nanoTime();
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + (setting.name + mixing).hashCode());
            double[] sample = new double[draws * n];
            for (int d = 0; d < draws; d++) {
                System.arraycopy(SampledMixer.sample(mixer, mixing, random).jacobianEigenvalues(), 0, sample, d * n, n);
            }
            progress("  sampled %d %s mixers of width N = %d in %.1f s", draws, mixing, n, (System.nanoTime() - t) / 1e9);
            Comparison againstFree = Comparison.of(free, freeMoments, sample, FiniteSizeRule.MIXER);
            Comparison againstTensor = Comparison.of(tensor, tensorMoments, sample, FiniteSizeRule.MIXER);
            double m2 = Distances.empiricalMoments(sample, 2)[2];
            Row row = new Row(setting, mixing, sample, againstFree, againstTensor, m2, freeMoments[2],
                    tensorMoments[2]);
            rows.add(row);
            for (double v : sample) {
                hi = Math.max(hi, v);
            }
            panels.add(null);
        }
        for (int i = 0; i < rows.size(); i++) {
            panels.set(i, BitmapEncoder.getBufferedImage(panel(rows.get(i), prediction, hi, n, draws, csv)));
        }
        ExamplePictures.writeSideBySide(folder.resolve("mixer-" + setting.name + ".png"), panels,
                "Jacobian spectra of one MLP-Mixer block as a wide sparse MLP: " + setting.description
                        + ", Gaussian weights, S = C = " + side + " (after Hayase & Karakida, ICML 2024)",
                "x = vec(X), X an S×C matrix; J = D₄M₄D₃M₃D₂M₂D₁M₁ with token steps I_C ⊗ W and channel steps Vᵀ ⊗ I_S"
                        + " (plain) or J₁(I_S ⊗ V)J₂ (random-permuted, J₁, J₂ uniform permutations); dense: N×N"
                        + " weights, N = SC.",
                String.format(Locale.ROOT, "Black: free prediction ⊠_ℓ (σ_w²ν_ℓ ⊠ mp(1)); red: tensor"
                        + " prediction, the law of XY for independent X, Y from the two legs (each ⊠ of 2 steps)."
                        + " Steps: eigenvalues of %d sampled mixers pooled, seed %d; y: density of log₁₀ λ (areas are"
                        + " probabilities).", draws, seed),
                "Linear steps: the tensor law is exact for the plain mixer. relu: neither law is exact for the plain"
                        + " mixer (docs/mixer.md); the free law holds for the dense and the permuted one.");
        AtomicFiles.writeString(folder.resolve("mixer-" + setting.name + ".csv"), csv.toString());
        return rows;
    }

    /**
     * One panel on a log λ axis: the density of log₁₀ λ (ρ(λ)·λ·ln 10, so that areas are probabilities), predicted
     * (free and tensor) over a histogram of log₁₀ of the sampled eigenvalues on the axis (sampled fraction of all
     * eigenvalues per unit of log₁₀ λ). The mass below the axis (atoms at 0, rounding, the far lower tail) is compared
     * in the legend: predicted by the CDFs, sampled by counting.
     */
    private XYChart panel(Row row, MixerSpectrum prediction, double hi, int n, int draws, StringBuilder csv) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(String.format(Locale.ROOT, "%s: Lévy to free %.3f%s, to tensor %.3f%s", title(row.mixing),
                        row.free.levy(), row.free.passed() ? " (pass)" : " (FAIL)", row.tensor.levy(),
                        row.tensor.passed() ? " (pass)" : " (FAIL)"))
                .xAxisTitle("eigenvalue λ of JJᵀ (log axis)").yAxisTitle("density of log₁₀ λ").build();
        Charts.style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setXAxisLogarithmic(true);
        double lo = LOG_RANGE * hi;
        double uLo = Math.log10(lo);
        double uHi = Math.log10(hi);
        double binWidth = (uHi - uLo) / BINS;
        double[] heights = new double[BINS];
        int below = 0;
        for (double v : row.sample) {
            if (!(v >= lo)) {
                below++;
                continue;
            }
            int j = (int) Math.floor((Math.log10(v) - uLo) / binWidth);
            heights[Math.max(0, Math.min(BINS - 1, j))] += 1.0 / row.sample.length / binWidth;
        }
        double histogramTop = 0;
        double[] stepX = new double[2 * BINS + 2];
        double[] stepY = new double[2 * BINS + 2];
        stepX[0] = lo;
        stepX[2 * BINS + 1] = hi;
        for (int j = 0; j < BINS; j++) {
            double a = uLo + j * binWidth;
            double b = uLo + (j + 1) * binWidth;
            stepX[2 * j + 1] = Math.pow(10, a);
            stepX[2 * j + 2] = Math.pow(10, b);
            stepY[2 * j + 1] = heights[j];
            stepY[2 * j + 2] = heights[j];
            csv.append(String.format(Locale.ROOT, "%s,histogram_log10,%s,%s%n", row.mixing, Math.pow(10, 0.5 * (a + b)),
                    heights[j]));
            histogramTop = Math.max(histogramTop, heights[j]);
        }
        stepX[2 * BINS + 1] = Math.max(hi, stepX[2 * BINS]);
        XYSeries histogram = chart.addSeries(String.format(Locale.ROOT, "sampled: %d × N = %d eigenvalues", draws,
                n), stepX, stepY);
        histogram.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        histogram.setMarker(SeriesMarkers.NONE);
        histogram.setFillColor(new Color(120, 160, 220, 120));
        histogram.setLineColor(new Color(70, 110, 180));
        histogram.setLineWidth(0.8f);
        double[] grid = new double[DENSITY_POINTS];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = Math.pow(10, uLo + (uHi - uLo) * (i + 0.5) / grid.length);
        }
        double[] free = clean(prediction.free().density(grid));
        double[] tensor = clean(prediction.tensorDensity(grid));
        double curveTop = 0;
        for (int i = 0; i < grid.length; i++) {
            free[i] *= grid[i] * Math.log(10);
            tensor[i] *= grid[i] * Math.log(10);
            curveTop = Math.max(curveTop, Math.max(free[i], tensor[i]));
            csv.append(String.format(Locale.ROOT, "%s,free_density_log10,%s,%s%n", row.mixing, grid[i], free[i]));
            csv.append(String.format(Locale.ROOT, "%s,tensor_density_log10,%s,%s%n", row.mixing, grid[i], tensor[i]));
        }
        double top = 1.25 * Math.max(histogramTop, curveTop);
        XYSeries freeLine = chart.addSeries("free prediction (dense MLP, permuted mixer)", grid, free);
        freeLine.setMarker(SeriesMarkers.NONE);
        freeLine.setLineWidth(2.4f);
        freeLine.setLineColor(Color.BLACK);
        XYSeries tensorLine = chart.addSeries("tensor prediction (plain mixer)", grid, tensor);
        tensorLine.setMarker(SeriesMarkers.NONE);
        tensorLine.setLineWidth(2.4f);
        tensorLine.setLineColor(new Color(200, 40, 40));
        tensorLine.setLineStyle(new BasicStroke(2.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 5f}, 0f));
        // Mass below the axis (atoms at 0 included): predicted by the CDFs, sampled by counting.
        double freeBelow = prediction.free().spectrum().cdf(lo);
        double tensorBelow = prediction.tensorSpectrum().cdf(lo);
        double sampledBelow = (double) below / row.sample.length;
        csv.append(String.format(Locale.ROOT, "%s,mass_below_axis,%s,free %s tensor %s sampled %s%n", row.mixing, lo,
                freeBelow, tensorBelow, sampledBelow));
        XYSeries note = chart.addSeries(String.format(Locale.ROOT, "P(λ < %.1e), off the axis%s: free %.3f,"
                + " tensor %.3f, sampled %.3f", lo, atZero(prediction.free().atoms()) > 0 ? " (atoms at 0 included)"
                        : "", freeBelow, tensorBelow, sampledBelow), new double[] {lo}, new double[] {0});
        note.setMarker(SeriesMarkers.NONE);
        note.setLineColor(new Color(255, 255, 255, 0));
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(top);
        chart.getStyler().setXAxisMin(lo);
        chart.getStyler().setXAxisMax(hi);
        chart.getStyler().setYAxisDecimalPattern("0.##");
        return chart;
    }

    private static double atZero(List<Atom> atoms) {
        double mass = 0;
        for (Atom atom : atoms) {
            mass += atom.location() == 0 ? atom.mass() : 0;
        }
        return mass;
    }

    private static String title(Mixing mixing) {
        return switch (mixing) {
            case DENSE -> "dense MLP";
            case PERMUTED -> "random-permuted mixer";
            case PLAIN -> "plain MLP-Mixer";
        };
    }

    private static double[] clean(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isFinite(out[i]) ? Math.max(0, out[i]) : 0;
        }
        return out;
    }

    private void effectiveWidthPicture(Path folder) {
        double cStar = EffectiveWidth.optimalSide(OMEGA, GAMMA);
        int points = 400;
        double[] c = new double[points];
        double[] m = new double[points];
        StringBuilder csv = new StringBuilder("channels_C,tokens_S,effective_width_m\n");
        for (int i = 0; i < points; i++) {
            c[i] = Math.exp(Math.log(2) + (Math.log(40 * cStar) - Math.log(2)) * i / (points - 1));
            double s = EffectiveWidth.tokensFor(c[i], OMEGA, GAMMA);
            m[i] = s * c[i];
            csv.append(c[i]).append(',').append(s).append(',').append(m[i]).append('\n');
        }
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title(String.format(Locale.ROOT, "Effective width m = SC at fixed Ω = 2^19 connections per layer,"
                        + " γ = %.0f (log axes)", GAMMA))
                .xAxisTitle("channels C").yAxisTitle("effective width m = S·C").build();
        Charts.style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        XYSeries curve = chart.addSeries("m(C) = C·S(C), S(C) = (√(C² + 8Ω/(γC)) − C)/2", c, m);
        curve.setMarker(SeriesMarkers.NONE);
        curve.setLineWidth(2.4f);
        double mMax = EffectiveWidth.maximalWidth(OMEGA, GAMMA);
        XYSeries star = chart.addSeries(String.format(Locale.ROOT, "C* = S* = (Ω/γ)^{1/3} = %.2f, m = (Ω/γ)^{2/3} ="
                + " %.4g", cStar, mMax), new double[] {cStar}, new double[] {mMax});
        star.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        star.setMarker(SeriesMarkers.DIAMOND);
        star.setMarkerColor(new Color(200, 40, 40));
        chart.getStyler().setMarkerSize(14);
        ExamplePictures.writeWithBanner(folder.resolve("effective-width.png"), BitmapEncoder.getBufferedImage(chart),
                "Effective width of an MLP-Mixer at a fixed number of connections (seed 000; Hayase & Karakida,"
                        + " ICML 2024)",
                "Ω = γ(CS² + SC²)/2 non-zero weights per layer on average; at fixed Ω the width m = SC of the"
                        + " equivalent sparse MLP is largest at C = S.");
        AtomicFiles.writeString(folder.resolve("effective-width.csv"), csv.toString());
    }

    private static String table(List<Row> rows, int side, int draws) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Jacobian JJ^T of one mixer block, Gaussian weights, S = C = %d (N = %d),"
                + " %d draws pooled; FiniteSizeRule.MIXER at n = %d%n", side, side * side, draws, draws * side * side));
        sb.append(String.format(Locale.ROOT, "%-7s %-9s %9s %9s %9s %6s %9s %9s %6s %9s %9s %9s%n", "act", "mixer",
                "m2", "Levy/fr", "relW1/fr", "free", "Levy/ts", "relW1/ts", "tensor", "m2 free", "m2 tensor",
                "Levy thr"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-7s %-9s %9.4g %9.4f %9.4f %6s %9.4f %9.4f %6s %9.4g %9.4g %9.4f%n",
                    r.setting.name, r.mixing, r.sampledM2, r.free.levy(), r.free.relativeWasserstein(),
                    r.free.passed() ? "pass" : "FAIL", r.tensor.levy(), r.tensor.relativeWasserstein(),
                    r.tensor.passed() ? "pass" : "FAIL", r.freeM2, r.tensorM2, r.free.thresholds().levy()));
        }
        return sb.toString();
    }

    private static String tableCsv(List<Row> rows, int side, int draws) {
        StringBuilder sb = new StringBuilder("activation,mixer,side,draws,sampled_m2,free_m2,tensor_m2,levy_free,"
                + "rel_w1_free,"
                + "passed_free,breaches_free,levy_tensor,rel_w1_tensor,passed_tensor,breaches_tensor,levy_threshold\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s,%s,%s,%s,%s,\"%s\",%s,%s,%s,\"%s\",%s%n",
                    r.setting.name, r.mixing, side, draws, r.sampledM2, r.freeM2, r.tensorM2, r.free.levy(),
                    r.free.relativeWasserstein(), r.free.passed(),
                    String.join("; ", r.free.breaches()), r.tensor.levy(), r.tensor.relativeWasserstein(),
                    r.tensor.passed(), String.join("; ", r.tensor.breaches()), r.free.thresholds().levy()));
        }
        return sb.toString();
    }

    private void progress(String format, Object... args) {
        err.printf(Locale.ROOT, "freeprob: mixer: " + format + "%n", args);
        err.flush();
    }
}
