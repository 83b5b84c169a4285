package io.github.freeprob.cli;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.convolution.Route;
import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.ConvergenceException;
import io.github.freeprob.transform.RTransform;
import io.github.freeprob.transform.STransform;
import io.github.freeprob.validation.Comparison;
import io.github.freeprob.validation.FiniteSizeRule;
import io.github.freeprob.validation.Thresholds;
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
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.complex.Complex;
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
 * {@code freeprob example gallery}: the fourth example of issue 6, the R- and S-transform pipelines of the seeds
 * (Zhou 2021, seed 001: μ → G → R, R_a + R_b → G → μ, and the same with S for ⊠) drawn step by step for four pairs,
 * beside the eigenvalues of sampled matrices A + O B Oᵀ and √A O B Oᵀ √A.
 *
 * <p>For each pair the picture {@code <pair>.png} has six panels: (0) the input laws μ_a, μ_b (Stieltjes inversion);
 * (1) their Cauchy transforms G on the line z = x + iε; (2) their R-transforms (S-transforms) on a real interval of
 * w inside every domain, with R_a + R_b (S_a S_b) and, as markers, R (S) of the result computed from its own G by the
 * subordination route, which uses no R or S; (3) G of the result on the same line, from R_a + R_b (S_a S_b) by the
 * transform route ({@link Route#TRANSFORM}), over the subordination route's G; (4) the density of the result (Stieltjes
 * inversion) over the histogram of the sampled eigenvalues; (5) the additivity (multiplicativity) residual on a log
 * axis. {@code <pair>.csv} holds every curve; {@code table.csv} (also printed) the residuals and the distances of the
 * sample from the prediction under {@link FiniteSizeRule#ENSEMBLE} at N, the rule of {@code freeprob validate}.
 *
 * <p>Where the transform route cannot reach the real axis (the inverses G⁻¹ or ψ⁻¹ of an input leave their branch
 * before G of the result reaches the axis: for an atomic input, for instance), its Stieltjes inversion throws
 * {@link ConvergenceException}: the table says so and the density drawn is the subordination route's, as the legend
 * says ({@code --quick} skips this inversion). A point of the line where the transform route fails is left out of
 * panel 3 and counted in the table: for the two-atom law ⊞ semicircle, the vertical line x = 0 passes z = i/2, where
 * G_{a⊞b} = −i/2 is a branch point of the two-atom law's R(w) = (√(1 + 4w²) − 1)/(2w).
 */
@Command(name = "gallery", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A free-convolution gallery: the R-transform pipeline μ → G → R, R_a + R_b → G → μ of ⊞ and"
                + " the S-transform pipeline of ⊠ drawn step by step for semicircle ⊞ Marchenko–Pastur, a two-atom law"
                + " ⊞ semicircle, mp ⊠ mp and mp ⊠ a two-atom law, with the eigenvalues of sampled A + O B Oᵀ and"
                + " √A O B Oᵀ √A beside each result, and the check R_{a⊞b} = R_a + R_b (S_{a⊠b} = S_a S_b).",
            "Writes one PNG per pair, the CSV behind each and table.csv to --out; prints the table."},
        footer = {"", "Example: freeprob example gallery --quick --out /tmp/gallery"})
final class GalleryExample implements Callable<Integer> {

    /** The line z = x + iε of panels 1 and 3: ε is this fraction of the width of the x range drawn. */
    static final double LINE_HEIGHT = 0.03;
    /** The x range drawn extends this fraction of its width beyond the supports and atoms of the three laws. */
    static final double X_MARGIN = 0.08;
    /** Real w drawn: this fraction of the real domain shared by both inputs and the result (whose ends are edges). */
    static final double DOMAIN_FRACTION = 0.9;
    /** Points of G on the line, of the inputs' transforms, and of the density grid. */
    static final int LINE_POINTS = 241;
    static final int TRANSFORM_POINTS = 80;
    static final int DENSITY_POINTS = 800;
    /** Every this-many-th point of the line is also computed by the transform route (markers in panel 3). */
    static final int TRANSFORM_ROUTE_STRIDE = 6;
    /** Points w where the result's own transform is computed (each a continuation through its subordination G). */
    static final int RESULT_POINTS = 16;
    static final int QUICK_RESULT_POINTS = 8;
    /** The residual panel's floor on its log axis: an exact zero is drawn there. */
    static final double RESIDUAL_FLOOR = 1e-17;
    /**
     * The real transforms are evaluated this far (relative to the scale) outside the inverted support, which is
     * accurate to about 10⁻¹³ of it: G there is real, and within O(√step) of its value at a square-root edge.
     */
    static final double EDGE_STEP = 1e-8;
    /** Histogram bins: √(pooled count), clamped to this range (as {@code validate}). */
    static final int MIN_BINS = 20;
    static final int MAX_BINS = 80;
    static final Color A_COLOR = new Color(31, 119, 180);
    static final Color B_COLOR = new Color(255, 127, 14);
    static final Color RESULT_COLOR = new Color(20, 20, 20);
    static final Color TRANSFORM_COLOR = new Color(214, 39, 40);

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default out/gallery)")
    Path out = Path.of("out", "gallery");

    @Option(names = "--quick", description = "small run: N = 200, one matrix per pair, R and S of each result at"
            + " " + QUICK_RESULT_POINTS + " points instead of " + RESULT_POINTS + ", and no Stieltjes inversion of"
            + " the transform route (about 10 s of CPU instead of 20 s)")
    boolean quick;

    @Option(names = "--width", paramLabel = "N", description = "size N of the sampled matrices (default 400, 200"
            + " with --quick)")
    Integer width;

    @Option(names = "--samples", paramLabel = "S", description = "matrices drawn and pooled per pair (default 2,"
            + " 1 with --quick); the thresholds stay those at N, as in validate")
    Integer samples;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of the sampled matrices (default 1)")
    long seed = 1;

    private PrintWriter err;

    /** The two free convolutions and their transforms. */
    enum Operation {
        ADDITIVE("⊞", "R", "+", "R_a + R_b"),
        MULTIPLICATIVE("⊠", "S", "·", "S_a S_b");

        final String symbol;
        final String transform;
        final String combine;
        final String combined;

        Operation(String symbol, String transform, String combine, String combined) {
            this.symbol = symbol;
            this.transform = transform;
            this.combine = combine;
            this.combined = combined;
        }
    }

    /**
     * One pair of the gallery: two spectrum expressions (as {@code spectrum} and {@code validate} take them) and the
     * convolution.
     */
    record Pair(String name, String a, String b, Operation operation) {

        String expression() {
            return a + " " + operation.symbol + " " + b;
        }
    }

    /** Everything computed for one pair. */
    static final class Row {
        final Pair pair;
        double height;
        double wLow;
        double wHigh;
        double residual;
        double relativeResidual;
        double[] residualW;
        double[] residualValues;
        double lineResidual;
        int lineFailures;
        int linePoints;
        double transformDensityDifference = Double.NaN;
        String transformDensityFailure;
        Comparison comparison;
        String sampled;
        double seconds;

        Row(Pair pair) {
            this.pair = pair;
        }
    }

    /** The four pairs of the gallery. */
    static List<Pair> pairs() {
        return List.of(
                new Pair("semicircle-plus-mp", "semicircle(1)", "mp(0.5)", Operation.ADDITIVE),
                new Pair("atoms-plus-semicircle", "atoms(-1:0.5, 1:0.5)", "semicircle(1)", Operation.ADDITIVE),
                new Pair("mp-times-mp", "mp(0.5)", "mp(2)", Operation.MULTIPLICATIVE),
                new Pair("mp-times-atoms", "mp(0.5)", "atoms(1:0.5, 3:0.5)", Operation.MULTIPLICATIVE));
    }

    @Override
    public Integer call() throws Exception {
        err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        int n = width != null ? width : quick ? 200 : 400;
        int s = samples != null ? samples : quick ? 1 : 2;
        if (n < 2) {
            throw new IllegalArgumentException("--width must be >= 2, but was " + n);
        }
        if (s < 1) {
            throw new IllegalArgumentException("--samples must be >= 1, but was " + s);
        }
        long start = System.nanoTime();
        Path folder = out.toAbsolutePath();
        Files.createDirectories(folder);
        List<Row> rows = new ArrayList<>();
        for (Pair pair : pairs()) {
            rows.add(pair(folder, pair, n, s));
        }
        AtomicFiles.writeString(folder.resolve("table.csv"), tableCsv(rows, n, s));
        stdout.print(table(rows, n, s));
        List<String> names = new ArrayList<>();
        for (Pair pair : pairs()) {
            names.add(pair.name);
        }
        stdout.printf(Locale.ROOT, "wrote %s (.png and .csv) and table.csv to %s in %.1f s%n",
                String.join(", ", names), folder, (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One pair: the pipeline, the sample, the picture

    private Row pair(Path folder, Pair pair, int n, int s) {
        long start = System.nanoTime();
        Row row = new Row(pair);
        progress("%s: predicting ...", pair.expression());
        ExpressionParser.Term a = ExpressionParser.parseTerm(pair.a, Route.SUBORDINATION);
        ExpressionParser.Term b = ExpressionParser.parseTerm(pair.b, Route.SUBORDINATION);
        boolean additive = pair.operation == Operation.ADDITIVE;
        Measure result = additive ? FreeConvolution.additive(a.law(), b.law())
                : FreeConvolution.multiplicative(a.law(), b.law());
        Measure transformRoute = additive ? FreeConvolution.additive(a.law(), b.law(), Route.TRANSFORM)
                : FreeConvolution.multiplicative(a.law(), b.law(), Route.TRANSFORM);
        MatrixModel model = additive ? MatrixModel.freeSum(a.model(), b.model())
                : MatrixModel.freeProduct(a.model(), b.model(), a.law().isNonNegative());
        row.sampled = model.description();
        StringBuilder csv = new StringBuilder("panel,series,x,value\n");
        Spectrum sa = StieltjesInversion.invert(a.law());
        Spectrum sb = StieltjesInversion.invert(b.law());
        SpectrumReport prediction = SpectrumReport.compute(pair.expression(), result, "subordination",
                Grid.uniform(DENSITY_POINTS));
        Spectrum sr = prediction.eigenvalueLaw;

        // the x range of every panel over the real axis (the supports and atoms of all three), and the line x + iε
        Interval span = extent(sa).span(extent(sb)).span(extent(sr));
        // rounded outwards to half a power of ten, so that the axes get round ticks
        double unit = Math.pow(10, Math.floor(Math.log10(span.width()))) / 2;
        double xLow = unit * Math.floor((span.lo() - X_MARGIN * span.width()) / unit);
        double xHigh = unit * Math.ceil((span.hi() + X_MARGIN * span.width()) / unit);
        row.height = LINE_HEIGHT * (xHigh - xLow);
        double[] line = gridWithEdges(xLow, xHigh, LINE_POINTS, sr);

        List<BufferedImage> panels = new ArrayList<>();
        panels.add(image(inputsPanel(pair, sa, sb, xLow, xHigh, csv)));
        panels.add(image(cauchyPanel(a.law(), b.law(), line, row.height, csv)));
        panels.add(image(transformPanel(pair, new Measure[] {a.law(), b.law(), result},
                new Spectrum[] {sa, sb, sr}, row, csv)));
        panels.add(image(resultCauchyPanel(pair, result, transformRoute, line, row, csv)));

        // step 4: the Stieltjes inversion, compared with the sampled matrices as validate compares them
        double[] transformDensity = quick ? null : transformDensity(transformRoute, prediction, row);
        progress("%s: sampling %d matri%s of size %d: %s", pair.expression(), s, s == 1 ? "x" : "ces", n,
                row.sampled);
        double[] pooled = sample(model, pair, n, s);
        row.comparison = Comparison.of(prediction.eigenvalueLaw, prediction.eigenvalueMoments, pooled,
                FiniteSizeRule.ENSEMBLE.at(n));
        panels.add(image(densityPanel(pair, prediction, transformDensity, pooled, n, s, row, csv)));
        panels.add(image(residualPanel(pair, row, csv)));

        String title = String.format(Locale.ROOT, "%s by the %s-transform, step by step (the pipeline of seed"
                + " 001), beside sampled %s", pair.expression(), pair.operation.transform, additive
                ? "A + O B Oᵀ" : "√A O B Oᵀ √A");
        String line1 = additive
                ? "R(w) = G⁻¹(w) − 1/w (Voiculescu); R_{a⊞b} = R_a + R_b. Panels 0–2: μ → G → R; panels 3–4: R_a + R_b →"
                        + " G → μ (transform route: solve R_a(G) + R_b(G) + 1/G = z); panel 5: the check."
                : "ψ(z) = z⁻¹G(1/z) − 1, χ = ψ⁻¹, S(w) = χ(w)(1 + w)/w; S_{a⊠b} = S_a S_b. Panels 0–2: μ → G → S;"
                        + " panels 3–4: S_a S_b → χ → ψ → G → μ (transform route); panel 5: the check.";
        String line2 = String.format(Locale.ROOT, "Colours: blue μ_a = %s, orange μ_b = %s, black the result."
                + " Sampled: %s, N = %d, %d matri%s pooled, seed %d; O Haar orthogonal.", pair.a, pair.b, row.sampled,
                n, s, s == 1 ? "x" : "ces", seed);
        ExamplePictures.writeGrid(folder.resolve(pair.name + ".png"), panels, title, line1, line2);
        AtomicFiles.writeString(folder.resolve(pair.name + ".csv"), csv.toString());
        row.seconds = (System.nanoTime() - start) / 1e9;
        progress("%s: done in %.1f s (%s)", pair.expression(), row.seconds, row.comparison.passed() ? "within the"
                + " thresholds" : "OUTSIDE the thresholds: " + String.join("; ", row.comparison.breaches()));
        return row;
    }

    /** The eigenvalues of S independent matrices of the model, pooled. */
    private double[] sample(MatrixModel model, Pair pair, int n, int s) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + pair.name.hashCode());
        double[] pooled = new double[n * s];
        for (int k = 0; k < s; k++) {
            System.arraycopy(model.sampleEigenvalues(n, random), 0, pooled, k * n, n);
        }
        return pooled;
    }

    /**
     * The transform route's density on the prediction's grid, or null (with the reason in the row) when its
     * Stieltjes inversion does not converge.
     */
    private double[] transformDensity(Measure transformRoute, SpectrumReport prediction, Row row) {
        try {
            double[] density = StieltjesInversion.invert(transformRoute).density(prediction.x);
            double difference = 0;
            double top = 0;
            for (int i = 0; i < density.length; i++) {
                difference = Math.max(difference, Math.abs(density[i] - prediction.density[i]));
                top = Math.max(top, Math.abs(prediction.density[i]));
            }
            row.transformDensityDifference = top > 0 ? difference / top : difference;
            return density;
        } catch (ConvergenceException | ArithmeticException e) {
            row.transformDensityFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            progress("%s: the transform route does not reach the real axis (%s); the density is the subordination"
                    + " route's", row.pair.expression(), row.transformDensityFailure);
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The panels

    /** Panel 0: the two inputs, densities as lines and atoms as spikes of height = mass. */
    private XYChart inputsPanel(Pair pair, Spectrum a, Spectrum b, double lo, double hi, StringBuilder csv) {
        XYChart chart = chart("0. The inputs μ_a and μ_b (Stieltjes inversion)", "x",
                "density ρ(x); spikes: atom mass");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        double[] x = gridWithEdges(lo, hi, DENSITY_POINTS, a, b);
        addLaw(chart, "μ_a", pair.a, a, x, A_COLOR, csv);
        addLaw(chart, "μ_b", pair.b, b, x, B_COLOR, csv);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMin(lo);
        chart.getStyler().setXAxisMax(hi);
        return chart;
    }

    private static void addLaw(XYChart chart, String symbol, String law, Spectrum spectrum, double[] x, Color color,
                               StringBuilder csv) {
        String name = symbol + " = " + law;
        double[] density = spectrum.density(x);
        boolean continuous = false;
        for (int i = 0; i < x.length; i++) {
            density[i] = Double.isFinite(density[i]) ? density[i] : 0;
            continuous |= density[i] > 0;
            csv.append(row("inputs", name + " density", x[i], density[i]));
        }
        if (continuous) {
            XYSeries series = chart.addSeries(name, x, density);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(color);
            series.setLineWidth(2.2f);
        }
        for (Atom atom : spectrum.atoms()) {
            csv.append(row("inputs", name + " atom", atom.location(), atom.mass()));
            XYSeries spike = chart.addSeries(String.format(Locale.ROOT, "%s: atom at %s, mass %s",
                    continuous ? symbol : name, format(atom.location()), format(atom.mass())),
                    new double[] {atom.location(), atom.location()}, new double[] {0, atom.mass()});
            spike.setMarker(SeriesMarkers.CIRCLE);
            spike.setMarkerColor(color);
            spike.setLineColor(color);
            spike.setLineStyle(new BasicStroke(3f));
        }
    }

    /** Panel 1: G_a and G_b on the line z = x + iε (step μ → G). */
    private static XYChart cauchyPanel(Measure a, Measure b, double[] line, double height, StringBuilder csv) {
        XYChart chart = chart(String.format(Locale.ROOT, "1. μ → G: Cauchy transforms on z = x + iε, ε = %.3g",
                height), "x = Re z", "G(x + iε)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        addCauchy(chart, "G_a", a, line, height, A_COLOR, csv, "cauchy");
        addCauchy(chart, "G_b", b, line, height, B_COLOR, csv, "cauchy");
        chart.getStyler().setXAxisMin(line[0]);
        chart.getStyler().setXAxisMax(line[line.length - 1]);
        return chart;
    }

    private static void addCauchy(XYChart chart, String name, Measure law, double[] line, double height,
                                  Color color, StringBuilder csv, String panel) {
        double[] im = new double[line.length];
        double[] re = new double[line.length];
        for (int i = 0; i < line.length; i++) {
            Complex g = law.cauchy(new Complex(line[i], height));
            im[i] = -g.getImaginary() / Math.PI;
            re[i] = g.getReal();
            csv.append(row(panel, "-Im " + name + "/pi", line[i], im[i]));
            csv.append(row(panel, "Re " + name, line[i], re[i]));
        }
        XYSeries imaginary = chart.addSeries("−Im " + name + "/π (smoothed density)", line, im);
        imaginary.setMarker(SeriesMarkers.NONE);
        imaginary.setLineColor(color);
        imaginary.setLineWidth(2.2f);
        XYSeries real = chart.addSeries("Re " + name, line, re);
        real.setMarker(SeriesMarkers.NONE);
        real.setLineColor(color);
        real.setLineStyle(dashed(1.8f));
    }

    /**
     * Panel 2: R (or S) of both inputs on a real interval of w inside every domain, their sum (product), and as
     * markers the transform of the result from its own G; fills the row's domain and residuals.
     */
    private XYChart transformPanel(Pair pair, Measure[] laws, Spectrum[] spectra, Row row, StringBuilder csv) {
        boolean additive = pair.operation == Operation.ADDITIVE;
        row.wLow = Double.NEGATIVE_INFINITY;
        row.wHigh = Double.POSITIVE_INFINITY;
        for (int k = 0; k < laws.length; k++) {
            double[] domain = domain(laws[k], spectra[k], additive);
            row.wLow = Math.max(row.wLow, DOMAIN_FRACTION * domain[0]);
            row.wHigh = Math.min(row.wHigh, DOMAIN_FRACTION * domain[1]);
        }
        DoubleUnaryOperator ta = transform(laws[0], additive);
        DoubleUnaryOperator tb = transform(laws[1], additive);
        DoubleUnaryOperator tr = transform(laws[2], additive);
        String t = pair.operation.transform;
        String title = additive ? "2. G → R: R(w) = G⁻¹(w) − 1/w, and R_a + R_b"
                : "2. G → S: S(w) = ψ⁻¹(w)(1 + w)/w, and S_a S_b";
        XYChart chart = chart(title, "w (real, inside the domains of all three)", t + "(w)");
        // R increases and S decreases on the real axis: the legend goes where the curves are not
        chart.getStyler().setLegendPosition(additive ? Styler.LegendPosition.InsideNW
                : Styler.LegendPosition.InsideNE);
        double[] w = wGrid(row.wLow, row.wHigh, TRANSFORM_POINTS);
        double[] va = new double[w.length];
        double[] vb = new double[w.length];
        double[] combined = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            va[i] = ta.applyAsDouble(w[i]);
            vb[i] = tb.applyAsDouble(w[i]);
            combined[i] = additive ? va[i] + vb[i] : va[i] * vb[i];
            csv.append(row("transform", t + "_a", w[i], va[i]));
            csv.append(row("transform", t + "_b", w[i], vb[i]));
            csv.append(row("transform", pair.operation.combined, w[i], combined[i]));
        }
        addLine(chart, t + "_a of μ_a", w, va, A_COLOR, 2.2f);
        addLine(chart, t + "_b of μ_b", w, vb, B_COLOR, 2.2f);
        addLine(chart, pair.operation.combined, w, combined, RESULT_COLOR, 2.6f);

        // the result's own transform at a few points: the subordination route's G inverted
        double[] wr = wGrid(row.wLow, row.wHigh, quick ? QUICK_RESULT_POINTS : RESULT_POINTS);
        double[] vr = new double[wr.length];
        double[] residual = new double[wr.length];
        row.residual = 0;
        row.relativeResidual = 0;
        for (int i = 0; i < wr.length; i++) {
            vr[i] = tr.applyAsDouble(wr[i]);
            double expected = additive ? ta.applyAsDouble(wr[i]) + tb.applyAsDouble(wr[i])
                    : ta.applyAsDouble(wr[i]) * tb.applyAsDouble(wr[i]);
            residual[i] = Math.abs(vr[i] - expected);
            row.residual = Math.max(row.residual, residual[i]);
            row.relativeResidual = Math.max(row.relativeResidual, residual[i] / Math.max(1, Math.abs(expected)));
            csv.append(row("transform", t + " of the result", wr[i], vr[i]));
            csv.append(row("residual", "|" + t + " of the result - " + pair.operation.combined + "|", wr[i],
                    residual[i]));
        }
        XYSeries markers = chart.addSeries(t + "_{a" + pair.operation.symbol + "b}: from the result's own G"
                + " (subordination)", wr, vr);
        markers.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        markers.setMarker(SeriesMarkers.SQUARE);
        markers.setMarkerColor(TRANSFORM_COLOR);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setXAxisMin(row.wLow);
        chart.getStyler().setXAxisMax(row.wHigh);
        row.residualW = wr;
        row.residualValues = residual;
        return chart;
    }

    /** Panel 3: G of the result on the line, by the transform route (markers) over the subordination route (lines). */
    private XYChart resultCauchyPanel(Pair pair, Measure result, Measure transformRoute, double[] line, Row row,
                                      StringBuilder csv) {
        String t = pair.operation.transform;
        XYChart chart = chart(String.format(Locale.ROOT, "3. %s → G_{a%sb} on z = x + iε, ε = %.3g",
                pair.operation.combined, pair.operation.symbol, row.height), "x = Re z", "G(x + iε)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        addCauchy(chart, "G_{a" + pair.operation.symbol + "b} (subordination)", result, line, row.height,
                RESULT_COLOR, csv, "result cauchy");
        List<Double> x = new ArrayList<>();
        List<Double> im = new ArrayList<>();
        List<Double> re = new ArrayList<>();
        row.lineResidual = 0;
        row.lineFailures = 0;
        row.linePoints = 0;
        double[] uniform = grid(line[0], line[line.length - 1], LINE_POINTS);
        for (int i = 0; i < uniform.length; i += TRANSFORM_ROUTE_STRIDE) {
            Complex z = new Complex(uniform[i], row.height);
            row.linePoints++;
            try {
                Complex g = transformRoute.cauchy(z);
                row.lineResidual = Math.max(row.lineResidual, g.subtract(result.cauchy(z)).norm());
                x.add(uniform[i]);
                im.add(-g.getImaginary() / Math.PI);
                re.add(g.getReal());
                csv.append(row("result cauchy", "-Im G/pi by the " + t + "-transform route", uniform[i],
                        -g.getImaginary() / Math.PI));
                csv.append(row("result cauchy", "Re G by the " + t + "-transform route", uniform[i], g.getReal()));
            } catch (ConvergenceException e) {
                row.lineFailures++;
            }
        }
        if (!x.isEmpty()) {
            String failed = row.lineFailures == 0 ? "" : String.format(Locale.ROOT, " (%d of %d points failed)",
                    row.lineFailures, row.linePoints);
            addMarkers(chart, "−Im G/π from " + pair.operation.combined + failed, x, im, SeriesMarkers.CIRCLE);
            addMarkers(chart, "Re G from " + pair.operation.combined, x, re, SeriesMarkers.DIAMOND);
        }
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setXAxisMin(line[0]);
        chart.getStyler().setXAxisMax(line[line.length - 1]);
        return chart;
    }

    /** Panel 4: the recovered density over the histogram of the sampled eigenvalues (the picture of validate). */
    private XYChart densityPanel(Pair pair, SpectrumReport prediction, double[] transformDensity, double[] pooled,
                                 int n, int s, Row row, StringBuilder csv) {
        int bins = Math.max(MIN_BINS, Math.min(MAX_BINS, (int) Math.round(Math.sqrt(pooled.length))));
        String route = transformDensity != null ? "transform and subordination routes agree"
                : row.transformDensityFailure != null ? "subordination route; the transform route fails near the axis"
                : "subordination route; the transform route's inversion is skipped with --quick";
        String sampleLabel = String.format(Locale.ROOT, "sampled %s, N = %d × %d",
                pair.operation == Operation.ADDITIVE ? "A + O B Oᵀ" : "√A O B Oᵀ √A", n, s);
        XYChart chart = Charts.validationChart("4. G → μ: density of " + pair.expression() + " over the sample",
                "x (eigenvalue)", prediction.x, prediction.density, prediction.atoms, pooled, bins, false, false, 0,
                sampleLabel, "ρ = −Im G(x + i0)/π (" + route + ")");
        for (int i = 0; i < prediction.x.length; i++) {
            csv.append(row("density", "predicted density", prediction.x[i], prediction.density[i]));
            if (transformDensity != null) {
                csv.append(row("density", "density by the transform route", prediction.x[i], transformDensity[i]));
            }
        }
        for (Atom atom : prediction.atoms) {
            csv.append(row("density", "predicted atom", atom.location(), atom.mass()));
        }
        for (double v : pooled) {
            csv.append(row("density", "sampled eigenvalue", v, Double.NaN));
        }
        if (transformDensity != null) {
            XYSeries dashed = chart.addSeries("the same by the transform route", prediction.x, transformDensity);
            dashed.setMarker(SeriesMarkers.NONE);
            dashed.setLineColor(TRANSFORM_COLOR);
            dashed.setLineStyle(dashed(2f));
        }
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        Comparison c = row.comparison;
        Thresholds t = c.thresholds();
        chart.setTitle(String.format(Locale.ROOT, "4. G → μ, over the sample: Lévy %.4f (≤ %.4f), rel. W₁ %.4f (≤"
                + " %.4f)", c.levy(), t.levy(), c.relativeWasserstein(), t.relativeWasserstein()));
        return chart;
    }

    /** Panel 5: |R_{a⊞b} − (R_a + R_b)| (or the S analogue) on a log axis. */
    private XYChart residualPanel(Pair pair, Row row, StringBuilder csv) {
        String t = pair.operation.transform;
        XYChart chart = chart("5. The check: |" + t + "_{a" + pair.operation.symbol + "b}(w) − "
                + pair.operation.combined + "| (log axis)", "w", "absolute residual");
        double[] shown = new double[row.residualValues.length];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = Math.max(RESIDUAL_FLOOR, row.residualValues[i]);
        }
        XYSeries points = chart.addSeries(String.format(Locale.ROOT, "largest %.2e (the inverses G⁻¹, ψ⁻¹ are solved"
                + " to a relative 1e-14; exact zeros drawn at %.0e)", row.residual, RESIDUAL_FLOOR), row.residualW,
                shown);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.SQUARE);
        points.setMarkerColor(TRANSFORM_COLOR);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(11);
        chart.getStyler().setYAxisMin(RESIDUAL_FLOOR / 2);
        chart.getStyler().setYAxisMax(Math.max(1e-10, 10 * row.residual));
        chart.getStyler().setXAxisMin(row.wLow);
        chart.getStyler().setXAxisMax(row.wHigh);
        return chart;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Transforms on the real axis

    /**
     * The real w where the transform is real and on the branch through 0, as (low, high) with low &lt; 0 &lt; high.
     * R: G maps (−∞, lo) onto (G(lo⁻), 0) and (hi, ∞) onto (0, G(hi⁺)), lo and hi the ends of the support. S (a law on
     * [0, ∞)): ψ = ΛG(Λ) − 1 at Λ = 1/z maps Λ &lt; 0 onto (−(1 − μ({0})), 0) and Λ &gt; hi onto (0, hi G(hi⁺) − 1).
     */
    static double[] domain(Measure law, Spectrum spectrum, boolean additive) {
        Interval hull = extent(spectrum);
        double step = EDGE_STEP * (hull.width() + Math.abs(hull.center()));
        Complex above = new Complex(hull.hi() + step, 0);
        if (additive) {
            return new double[] {law.cauchy(new Complex(hull.lo() - step, 0)).getReal(),
                law.cauchy(above).getReal()};
        }
        double atZero = 0;
        for (Atom atom : law.atoms()) {
            if (Math.abs(atom.location()) <= step) {
                atZero += atom.mass();
            }
        }
        return new double[] {-(1 - atZero), law.cauchyReduced(above).getReal()};
    }

    /** The smallest interval holding the support and the atoms of an inverted law. */
    static Interval extent(Spectrum spectrum) {
        Interval hull = spectrum.support().hull().orElse(null);
        for (Atom atom : spectrum.atoms()) {
            hull = hull == null ? Interval.of(atom.location(), atom.location()) : hull.span(atom.location());
        }
        if (hull == null) {
            throw new IllegalArgumentException("a law without support or atoms: " + spectrum.measure());
        }
        return hull;
    }

    private static DoubleUnaryOperator transform(Measure law, boolean additive) {
        if (additive) {
            RTransform r = RTransform.of(law);
            double mean = law.mean();
            return w -> w == 0 ? mean : r.at(w);   // R(0) = κ₁, the mean
        }
        STransform s = STransform.of(law);
        return s::at;
    }

    /** n points at the centres of n equal cells of [lo, hi] (none is w = 0 on a symmetric interval with n even). */
    static double[] wGrid(double lo, double hi, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = lo + (hi - lo) * (i + 0.5) / n;
        }
        return w;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The table

    private String table(List<Row> rows, int n, int s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Free-convolution gallery: transform residuals and the prediction"
                + " against %d sampled matri%s of size N = %d per pair (FiniteSizeRule.ENSEMBLE at N = %d)%n", s,
                s == 1 ? "x" : "ces", n, n));
        sb.append(String.format(Locale.ROOT, "%-40s %10s %10s %11s %8s %8s %8s %8s %8s %8s  %s%n", "pair",
                "|RS resid|", "|dG| line", "dens.route", "Levy", "thresh", "relW1", "thresh", "mom.err", "thresh",
                "result"));
        for (Row row : rows) {
            Comparison c = row.comparison;
            Thresholds t = c.thresholds();
            String density = row.transformDensityFailure != null ? "fails"
                    : Double.isNaN(row.transformDensityDifference) ? "skipped"
                    : String.format(Locale.ROOT, "%.1e", row.transformDensityDifference);
            String result = c.passed() ? "pass" : "FAIL (" + String.join("; ", c.breaches()) + ")";
            sb.append(String.format(Locale.ROOT, "%-40s %10.2e %10.2e %11s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f  %s%n",
                    row.pair.expression(), row.residual, row.lineResidual, density, c.levy(), t.levy(),
                    c.relativeWasserstein(), t.relativeWasserstein(), c.largestMomentError(), t.relativeMoment(),
                    result));
        }
        sb.append("|RS resid|: max |R_{a+b}(w) - R_a(w) - R_b(w)| (or |S_{a*b} - S_a S_b|) over the drawn w; |dG| line:"
                + " max |G by the transform route - G by subordination| on z = x + i eps; dens.route: max |rho_transform"
                + " - rho| / max rho, 'fails' where the transform route does not reach the real axis, 'skipped' with --quick\n");
        return sb.toString();
    }

    private String tableCsv(List<Row> rows, int n, int s) {
        StringBuilder sb = new StringBuilder("pair,expression,operation,width,samples,seed,sampled,w_low,w_high,"
                + "transform_residual,transform_relative_residual,line_height,line_residual,line_failures,line_points,"
                + "transform_density_difference,transform_density_failure,levy,levy_threshold,relative_wasserstein,"
                + "relative_wasserstein_threshold,moment_error,moment_threshold,edge_error,edge_threshold,passed,"
                + "breaches,seconds\n");
        for (Row row : rows) {
            Comparison c = row.comparison;
            Thresholds t = c.thresholds();
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%s,%s,%s,%s,%s,%s,%s,%d,%d,%s,%s,%s,%s,%s,%s,%s,"
                    + "%s,%s,%s,%s,%s,%.2f%n", row.pair.name, quote(row.pair.expression()),
                    row.pair.operation.name().toLowerCase(Locale.ROOT), n, s, seed, quote(row.sampled), row.wLow,
                    row.wHigh, row.residual, row.relativeResidual, row.height, row.lineResidual, row.lineFailures,
                    row.linePoints, Double.isNaN(row.transformDensityDifference) ? "" : row.transformDensityDifference,
                    row.transformDensityFailure == null ? "" : quote(row.transformDensityFailure), c.levy(), t.levy(),
                    c.relativeWasserstein(), t.relativeWasserstein(), c.largestMomentError(), t.relativeMoment(),
                    Math.abs(c.relativeEdgeError()), t.relativeEdge(), c.passed(), quote(String.join("; ",
                            c.breaches())), row.seconds));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Small helpers

    private static XYChart chart(String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title).xAxisTitle(xAxis)
                .yAxisTitle(yAxis).build();
        Charts.style(chart);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return chart;
    }

    private static void addLine(XYChart chart, String name, double[] x, double[] y, Color color, float width) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineWidth(width);
    }

    private static void addMarkers(XYChart chart, String name, List<Double> x, List<Double> y,
                                   Marker marker) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(marker);
        series.setMarkerColor(TRANSFORM_COLOR);
    }

    private static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 4f}, 0f);
    }

    private static BufferedImage image(XYChart chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    static double[] grid(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }

    /**
     * A uniform grid with the edges of the supports added: the densities are drawn up to their edges, and (an XChart
     * detail) a grid that is not equally spaced gets round axis ticks instead of ticks at every k-th grid point.
     */
    static double[] gridWithEdges(double lo, double hi, int n, Spectrum... laws) {
        List<Double> points = new ArrayList<>();
        for (double x : grid(lo, hi, n)) {
            points.add(x);
        }
        for (Spectrum law : laws) {
            for (Interval interval : law.support().intervals()) {
                for (double edge : new double[] {interval.lo(), interval.hi()}) {
                    if (edge > lo && edge < hi) {
                        points.add(edge);
                    }
                }
            }
        }
        return points.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static String row(String panel, String series, double x, double value) {
        return String.format(Locale.ROOT, "%s,%s,%s,%s%n", panel, quote(series), x, Double.isNaN(value) ? "" : value);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "'") + "\"";
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    private void progress(String format, Object... args) {
        err.printf(Locale.ROOT, "freeprob: gallery: " + format + "%n", args);
        err.flush();
    }
}
