package io.github.freeprob.cli;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.sampling.Ensembles;
import io.github.freeprob.sampling.ErgodicEnsembles;
import io.github.freeprob.sampling.SpectralErgodicity;
import io.github.freeprob.sampling.SpectralErgodicity.Binning;
import io.github.freeprob.sampling.SpectralErgodicity.Ergodicity;
import io.github.freeprob.validation.ErgodicityLimit;
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
 * {@code freeprob example spectral-ergodicity}: spectral ergodicity after Süzen, Weber and Cerdà (arXiv:1704.08303,
 * 2017) and cascading periodic spectral ergodicity after Süzen, Cerdà and Weber (arXiv:1911.07831, 2019), each next to
 * its large-N limit.
 *
 * <p>Writes to the output folder: {@code ergodicity-vs-size.png} (the measure Ω against N and against the ensemble
 * size M, with the leading-order ln N/N² law, and the distance between consecutive sizes), {@code cpse-depth.png}
 * (Ω^(ℓ) and d_ℓ across the depth of one sampled network for several widths, with the free-probability limit), the
 * CSV behind each, and {@code table.csv} (also printed).
 */
@Command(name = "spectral-ergodicity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Spectral ergodicity (Suzen et al. 2017) of GOE, Wishart and mixed GOE ensembles against the"
                + " matrix size N and the ensemble size M, and cascading periodic spectral ergodicity (cPSE, Suzen"
                + " et al. 2019) across the depth of a sampled hard-tanh network, each next to its large-N limit.",
            "Writes PNG pictures, the CSV behind each and table.csv to --out; prints the table."},
        footer = {"", "Example: freeprob example spectral-ergodicity --quick --out /tmp/se"})
final class SpectralErgodicityExample implements Callable<Integer> {

    static final int MEMBERS = 20;
    static final int BINS = SpectralErgodicity.DEFAULT_BINS;
    static final double MIXING = 0.8;
    static final int PANEL_WIDTH = 760;
    static final int PANEL_HEIGHT = 560;
    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
        new Color(255, 127, 14), new Color(148, 103, 189)};

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default out/spectral-ergodicity)")
    Path out = Path.of("out", "spectral-ergodicity");

    @Option(names = "--quick", description = "small run: N up to 100, depth 5, widths 50 and 100 (a few seconds)")
    boolean quick;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of the sampled ensembles (default 1)")
    long seed = 1;

    /** The network of the cascade: hard tanh, Gaussian weights, started far above its fixed point q* = 0.73. */
    static Network network(int depth) {
        return Network.of(Activation.hardTanh(), WeightDistribution.GAUSSIAN, 1.5, 0.05, depth).withFirstVariance(3);
    }

    /** One ensemble family of the first picture. */
    record Family(String name, ErgodicEnsembles.Member member, double mixing, Spectrum limit) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        long start = System.nanoTime();
        Path folder = out.toAbsolutePath();
        Files.createDirectories(folder);
        int[] sizes = quick ? new int[] {25, 50, 100} : new int[] {25, 50, 100, 200, 400};
        int[] memberCounts = quick ? new int[] {2, 5, 10, 20} : new int[] {2, 5, 10, 20, 40, 80};
        int mSize = 100;
        int depth = quick ? 5 : 12;
        int[] widths = quick ? new int[] {50, 100} : new int[] {50, 100, 200, 400};

        Spectrum semicircle = StieltjesInversion.invert(Laws.semicircle(1));
        Spectrum mp = StieltjesInversion.invert(Laws.marchenkoPastur(0.5));
        ErgodicEnsembles.Member goe = (n, r) -> Ensembles.goe(n, 1, r).symmetricEigenvalues();
        List<Family> families = List.of(
                new Family("GOE → semicircle(1)", goe, 1, semicircle),
                new Family("Wishart → mp(0.5)", (n, r) -> Ensembles.wishart(n, 0.5, r).symmetricEigenvalues(), 1,
                        mp),
                new Family(String.format(Locale.ROOT, "mixed GOE (p = %s)", MIXING), goe, MIXING, semicircle));

        StringBuilder table = new StringBuilder("part,case,N,M,layer,omega,reference,d,d_limit,tv,tv_threshold\n");
        StringBuilder sizeCsv = new StringBuilder("family,N,M,omega,leading_term,distance_to_previous_N,tv,"
                + "tv_threshold\n");
        List<BufferedImage> sizePanels = new ArrayList<>();
        XYChart omegaN = logLog("Ω against the matrix size N (M = " + MEMBERS + ")", "matrix size N",
                "Ω = Σ_k Ω_k");
        XYChart distance = logLog("Distance between consecutive sizes", "matrix size N_i",
                "D(Ω^(N_i−1), Ω^(N_i)) (bits)");
        for (int f = 0; f < families.size(); f++) {
            Family family = families.get(f);
            err.printf(Locale.ROOT, "freeprob: example spectral-ergodicity: %s%n", family.name());
            err.flush();
            SplittableRandom random = new SplittableRandom(seed + f);
            List<double[][]> bySize = new ArrayList<>();
            for (int n : sizes) {
                bySize.add(draw(family, n, MEMBERS, random));
            }
            Binning common = Binning.spanning(BINS, bySize.stream().flatMap(Arrays::stream).toArray(double[][]::new));
            double[] omega = new double[sizes.length];
            double[] d = new double[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                Binning own = Binning.spanning(BINS, bySize.get(i));
                Ergodicity e = SpectralErgodicity.measure(bySize.get(i), own);
                omega[i] = e.total();
                int typical = (int) Math.round(sizes[i] * family.mixing());
                double tv = ErgodicityLimit.totalVariation(e.mean(), ErgodicityLimit.binMasses(family.limit(), own));
                double threshold = ErgodicityLimit.MEAN_RULE.at(typical);
                if (i > 0) {
                    d[i] = SpectralErgodicity.distance(SpectralErgodicity.measure(bySize.get(i - 1), common),
                            SpectralErgodicity.measure(bySize.get(i), common), SpectralErgodicity.DEFAULT_SHIFT);
                }
                double lead = leadingTerm(typical, MEMBERS);
                sizeCsv.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%s,%s,%s%n", family.name(), sizes[i],
                        MEMBERS, omega[i], lead, i > 0 ? d[i] : "", tv, threshold));
                table.append(String.format(Locale.ROOT, "size,%s,%d,%d,,%s,%s,%s,,%s,%s%n", family.name(), sizes[i],
                        MEMBERS, omega[i], lead, i > 0 ? d[i] : "", tv, threshold));
            }
            XYSeries s = omegaN.addSeries("sampled: " + family.name(), toDouble(sizes), omega);
            s.setMarkerColor(PALETTE[f]);
            s.setLineColor(PALETTE[f]);
            XYSeries ds = distance.addSeries(family.name(), Arrays.stream(toDouble(sizes)).skip(1).toArray(),
                    Arrays.copyOfRange(d, 1, d.length));
            ds.setMarkerColor(PALETTE[f]);
            ds.setLineColor(PALETTE[f]);
        }
        double[] fine = logGrid(sizes[0], sizes[sizes.length - 1], 60);
        double[] lead = Arrays.stream(fine).map(n -> leadingTerm(n, MEMBERS)).toArray();
        XYSeries leading = omegaN.addSeries("(1 − 1/M)·2(B − 1) ln N/(π² N²) (GOE, β = 1)", fine, lead);
        leading.setMarker(SeriesMarkers.NONE);
        leading.setLineColor(Color.BLACK);
        leading.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {6, 4}, 0));

        XYChart omegaM = logLog("Ω against the ensemble size M (GOE, N = " + mSize + ")", "ensemble size M",
                "Ω = Σ_k Ω_k");
        double[] omegaByM = new double[memberCounts.length];
        SplittableRandom random = new SplittableRandom(seed + families.size());
        for (int i = 0; i < memberCounts.length; i++) {
            double[][] e = ErgodicEnsembles.sample(goe, mSize, memberCounts[i], random);
            omegaByM[i] = SpectralErgodicity.measure(e, Binning.spanning(BINS, e)).total();
            double reference = leadingTerm(mSize, memberCounts[i]);
            sizeCsv.append(String.format(Locale.ROOT, "GOE (M series),%d,%d,%s,%s,,,%n", mSize, memberCounts[i],
                    omegaByM[i], reference));
            table.append(String.format(Locale.ROOT, "members,GOE,%d,%d,,%s,%s,,,,%n", mSize, memberCounts[i],
                    omegaByM[i], reference));
        }
        XYSeries byM = omegaM.addSeries("sampled GOE", toDouble(memberCounts), omegaByM);
        byM.setMarkerColor(PALETTE[0]);
        byM.setLineColor(PALETTE[0]);
        double[] mFine = logGrid(memberCounts[0], memberCounts[memberCounts.length - 1], 60);
        XYSeries mLead = omegaM.addSeries("(1 − 1/M)·2(B − 1) ln N/(π² N²)", mFine,
                Arrays.stream(mFine).map(m -> leadingTerm(mSize, m)).toArray());
        mLead.setMarker(SeriesMarkers.NONE);
        mLead.setLineColor(Color.BLACK);
        omegaM.getStyler().setYAxisLogarithmic(false);
        omegaM.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        omegaN.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        distance.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        omegaM.getStyler().setYAxisMin(0.0);
        omegaM.getStyler().setYAxisDecimalPattern("0.0E0");
        for (XYChart c : List.of(omegaN, omegaM, distance)) {
            sizePanels.add(BitmapEncoder.getBufferedImage(c));
        }
        ExamplePictures.writeSideBySide(folder.resolve("ergodicity-vs-size.png"), sizePanels,
                "Spectral ergodicity Ω_k = (1/M) Σ_i (p_ik − p̄_k)² of sampled ensembles (Süzen et al. 2017)",
                String.format(Locale.ROOT, "p_ik: fraction of member i's eigenvalues in bin k of %d equal bins"
                        + " spanning the pooled eigenvalues; members share their limit law, so Ω → 0 (dashed: the"
                        + " leading order for β = 1).", BINS),
                "Right: the sources' approach to ergodicity, the symmetric KL sum (bits, shift 1e-9) of Ω at"
                        + " consecutive N on bins common to all N; mixed GOE: sizes ~ Binomial(N, 0.8), spectra"
                        + " extended periodically to N.");
        AtomicFiles.writeString(folder.resolve("ergodicity-vs-size.csv"), sizeCsv.toString());

        err.printf(Locale.ROOT, "freeprob: example spectral-ergodicity: cascade of %s (limit laws of %d layers)%n",
                network(depth), depth);
        err.flush();
        Network network = network(depth);
        List<Spectrum> jacobianLaws = CpseCommand.laws(network, CpseCommand.LayerMatrix.JACOBIAN);
        List<Spectrum> weightLaws = CpseCommand.laws(network, CpseCommand.LayerMatrix.WEIGHTS);
        XYChart omegaL = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title("Ω^(ℓ) of the first ℓ layer Jacobians").xAxisTitle("layer ℓ")
                .yAxisTitle("Ω^(ℓ) = Σ_k Ω_k^(ℓ)").build();
        XYChart dJ = logPanel("d_ℓ of the layer Jacobians D_ℓ W_ℓ");
        XYChart dW = logPanel("d_ℓ of the weights W_ℓ (i.i.d. layers)");
        for (XYChart c : List.of(omegaL)) {
            Charts.style(c);
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
            c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        }
        StringBuilder cpseCsv = new StringBuilder("layer_matrix,N,layer,q,omega,omega_limit,d,d_limit\n");
        double[] layersAxis = new double[depth];
        Arrays.setAll(layersAxis, i -> i + 1.0);
        double[] dAxis = Arrays.copyOfRange(layersAxis, 1, depth);
        CpseCommand.Result limitSource = null;
        // one set of bins for every width (spanning all their layer spectra), so that one limit curve serves all
        List<double[][]> jacobians = new ArrayList<>();
        List<double[][]> weights = new ArrayList<>();
        for (int n : widths) {
            jacobians.add(CpseCommand.sample(network, CpseCommand.LayerMatrix.JACOBIAN, n, seed));
            weights.add(CpseCommand.sample(network, CpseCommand.LayerMatrix.WEIGHTS, n, seed));
        }
        Binning jacobianBins = Binning.spanning(BINS, jacobians.stream().flatMap(Arrays::stream)
                .toArray(double[][]::new));
        Binning weightBins = Binning.spanning(BINS, weights.stream().flatMap(Arrays::stream)
                .toArray(double[][]::new));
        for (int w = 0; w < widths.length; w++) {
            int n = widths[w];
            CpseCommand.Result jr = CpseCommand.compute(jacobians.get(w), jacobianBins,
                    SpectralErgodicity.DEFAULT_SHIFT, jacobianLaws);
            CpseCommand.Result wr = CpseCommand.compute(weights.get(w), weightBins,
                    SpectralErgodicity.DEFAULT_SHIFT, weightLaws);
            limitSource = jr;
            appendCascade(cpseCsv, table, "jacobian", n, network, jr);
            appendCascade(cpseCsv, table, "weights", n, network, wr);
            Color colour = PALETTE[w % PALETTE.length];
            XYSeries o = omegaL.addSeries(String.format(Locale.ROOT, "sampled, N = %d", n), layersAxis,
                    jr.omegaSample());
            o.setMarkerColor(colour);
            o.setLineColor(colour);
            XYSeries dj = dJ.addSeries(String.format(Locale.ROOT, "N = %d (cPSE %.2f)", n, jr.cascade().cpse()),
                    dAxis, jr.cascade().d());
            dj.setMarkerColor(colour);
            dj.setLineColor(colour);
            XYSeries dw = dW.addSeries(String.format(Locale.ROOT, "N = %d (cPSE %.2f)", n, wr.cascade().cpse()),
                    dAxis, wr.cascade().d());
            dw.setMarkerColor(colour);
            dw.setLineColor(colour);
        }
        XYSeries ol = omegaL.addSeries("limit N → ∞", layersAxis, limitSource.omegaLimit());
        ol.setMarker(SeriesMarkers.NONE);
        ol.setLineColor(Color.BLACK);
        ol.setLineWidth(2.5f);
        XYSeries dl = dJ.addSeries(String.format(Locale.ROOT, "limit N → ∞ (cPSE %.2f)", limitSource.cpseLimit()),
                dAxis, limitSource.dLimit());
        dl.setMarker(SeriesMarkers.NONE);
        dl.setLineColor(Color.BLACK);
        dl.setLineWidth(2.5f);
        omegaL.getStyler().setYAxisMin(0.0);
        omegaL.getStyler().setYAxisDecimalPattern("0.000");
        ExamplePictures.writeSideBySide(folder.resolve("cpse-depth.png"), List.of(BitmapEncoder.getBufferedImage(
                omegaL), BitmapEncoder.getBufferedImage(dJ), BitmapEncoder.getBufferedImage(dW)),
                "Cascading periodic spectral ergodicity across depth (Süzen et al. 2019), one sampled network per"
                        + " width",
                network + ", q^ℓ from 3 down to " + String.format(Locale.ROOT, "%.3f",
                        network.variances()[depth - 1]) + "; the first ℓ layer matrices form an ensemble with"
                        + " measure Ω^(ℓ);",
                "d_ℓ = D(Ω^(ℓ−1), Ω^(ℓ)) in bits, 10 bins common to all widths. Limit: Ω and d of the layers'"
                        + " free-probability laws (σ_w²·)_*(ν_ℓ ⊠ mp(1)); the weights' layers share one law: limit 0.");
        AtomicFiles.writeString(folder.resolve("cpse-depth.csv"), cpseCsv.toString());
        AtomicFiles.writeString(folder.resolve("table.csv"), table.toString());
        stdout.print(table);
        stdout.printf(Locale.ROOT, "wrote ergodicity-vs-size, cpse-depth (.png and .csv) and table.csv to %s in"
                + " %.1f s%n", folder, (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return 0;
    }

    private double[][] draw(Family family, int n, int members, SplittableRandom random) {
        return family.mixing() == 1 ? ErgodicEnsembles.sample(family.member(), n, members, random)
                : ErgodicEnsembles.mixed(family.member(), n, family.mixing(), members, random);
    }

    /**
     * The leading order of E Σ_k Ω_k for a β = 1 ensemble: (1 − 1/M) · 2(B − 1) ln N / (π² N²) (each of the B − 1
     * inner bin edges carries a count variance ln N/π²; docs/spectral-ergodicity.md).
     */
    static double leadingTerm(double n, double members) {
        return (1 - 1 / members) * 2 * (BINS - 1) * Math.log(n) / (Math.PI * Math.PI * n * n);
    }

    private static void appendCascade(StringBuilder csv, StringBuilder table, String kind, int n, Network network,
                                      CpseCommand.Result r) {
        double[] d = r.cascade().d();
        for (int l = 1; l <= network.depth(); l++) {
            String dl = l >= 2 ? Double.toString(d[l - 2]) : "";
            String dLim = l >= 2 ? Double.toString(r.dLimit()[l - 2]) : "";
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%s,%s,%s%n", kind, n, l, network.variances()[l - 1],
                    r.omegaSample()[l - 1], r.omegaLimit()[l - 1], dl, dLim));
        }
        table.append(String.format(Locale.ROOT, "cpse,%s,%d,,%d,%s,%s,%s,%s,,%n", kind, n, network.depth(),
                r.omegaSample()[network.depth() - 1], r.omegaLimit()[network.depth() - 1], r.cascade().cpse(),
                r.cpseLimit()));
    }

    private static XYChart logLog(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle(x)
                .yAxisTitle(y).build();
        Charts.style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        return chart;
    }

    private static XYChart logPanel(String title) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle("layer ℓ").yAxisTitle("d_ℓ (bits)").build();
        Charts.style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        return chart;
    }

    private static double[] toDouble(int[] values) {
        return Arrays.stream(values).asDoubleStream().toArray();
    }

    private static double[] logGrid(double a, double b, int points) {
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = a * Math.pow(b / a, i / (points - 1.0));
        }
        return x;
    }
}
