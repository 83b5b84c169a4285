package io.github.freeprob.cli;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.numerics.Checks;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Pictures of spectra: a density curve with the atoms drawn as vertical spikes labelled by their mass, written as PNG
 * or SVG (chosen by the file's extension), atomically.
 */
final class Charts {

    static final int WIDTH = 1000;
    static final int HEIGHT = 650;
    /** The smallest font a title is shrunk to before it is cut. */
    static final int MIN_TITLE_POINTS = 10;
    /** The smallest mass below a grid that the axis title of a log₁₀ picture names. */
    static final double NAMED_MASS_BELOW = 1e-4;
    /** Room left free at each side of a title (pixels). */
    static final int TITLE_PADDING = 20;

    private Charts() {
    }

    /**
     * The density with its atoms as spikes.
     *
     * @param logX against log₁₀ x (x > 0, a geometric grid) instead of x: the curve is then ln(10)·x·ρ(x), the density
     *             of log₁₀ x, so that equal areas still hold equal mass; atoms at x ≤ 0 cannot be drawn and are
     *             named in the axis title instead
     * @param massBelow the mass of the continuous part below x[0], named in the axis title when it is at least
     *                  {@value #NAMED_MASS_BELOW} (a law spread below the floor of a geometric grid)
     */
    static XYChart densityChart(String title, String axis, double[] x, double[] density, List<Atom> atoms,
                                boolean logX, double massBelow) {
        List<Atom> drawn = atoms;
        String xTitle = axis;
        double[] abscissa = x;
        double[] curve = density;
        if (logX) {
            Log10View view = Log10View.of(x, density, atoms);
            drawn = view.drawn();
            String below = massBelow >= NAMED_MASS_BELOW ? String.format(Locale.ROOT,
                    "; mass %.3g below 10^%.1f not drawn", massBelow, Math.log10(x[0])) : "";
            xTitle = "log₁₀ " + axis + view.undrawn() + below;
            abscissa = view.x();
            curve = view.density();
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).xAxisTitle(xTitle)
                .yAxisTitle(logX ? logDensityTitle(axis.substring(0, 1)) : "density ρ(x)").build();
        style(chart);
        fitTitle(chart, title);
        double max = 0;
        for (double d : curve) {
            max = Math.max(max, d);
        }
        boolean continuous = max > 0;
        if (continuous) {
            XYSeries series = chart.addSeries("density", abscissa, curve);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineWidth(2f);
        }
        addAtoms(chart, drawn, continuous ? max : 1, continuous, logX ? Math::log10 : DoubleUnaryOperator.identity());
        if (!continuous) {
            chart.setYAxisTitle("mass");
        }
        roundAxisEnds(chart, abscissa[0], abscissa[abscissa.length - 1]);
        if (logX) {
            chart.getStyler().setLegendVisible(!drawn.isEmpty());
        }
        return chart;
    }

    /**
     * A density and its atoms redrawn against log₁₀ x (x > 0): the points log₁₀ x, the density of log₁₀ x,
     * ln(10)·x·ρ(x), the atoms that can be drawn (above 0), and the axis-title note naming those that cannot.
     */
    private record Log10View(double[] x, double[] density, List<Atom> drawn, String undrawn) {

        static Log10View of(double[] x, double[] density, List<Atom> atoms) {
            double[] logX = new double[x.length];
            double[] logDensity = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                logX[i] = Math.log10(x[i]);
                logDensity[i] = Math.log(10) * x[i] * density[i];
            }
            StringBuilder undrawn = new StringBuilder();
            for (Atom atom : atoms) {
                if (atom.location() <= 0) {
                    undrawn.append(String.format(Locale.ROOT, "; atom at %.4g of mass %.4g not drawn",
                            atom.location(), atom.mass()));
                }
            }
            return new Log10View(logX, logDensity, atoms.stream().filter(atom -> atom.location() > 0).toList(),
                    undrawn.toString());
        }
    }

    /** The y axis title of a picture against log₁₀ v: the density of log₁₀ v. */
    private static String logDensityTitle(String v) {
        return String.format(Locale.ROOT, "density of log₁₀ %1$s: ln(10) %1$s ρ(%1$s)", v);
    }

    /**
     * Sets the x axis to run from lo to hi rounded outward to a multiple of a tenth of the power of 10 below the range,
     * with as many decimals as that multiple has, so that the ticks fall on round values (XChart otherwise starts
     * them at the first data point, with all its digits).
     */
    static void roundAxisEnds(XYChart chart, double lo, double hi) {
        double range = hi - lo;
        if (!(range > 0) || !Double.isFinite(range)) {
            return;
        }
        int exponent = (int) Math.floor(Math.log10(range)) - 1;
        double round = Math.pow(10, exponent);
        chart.getStyler().setXAxisMin(Math.floor(lo / round) * round);
        chart.getStyler().setXAxisMax(Math.ceil(hi / round) * round);
        chart.getStyler().setXAxisDecimalPattern(exponent >= 0 ? "0" : "0." + "#".repeat(-exponent));
    }

    /**
     * Sets the chart's title in the largest bold font, from the styler's size down to {@value #MIN_TITLE_POINTS}
     * points, in which it fits the picture's width; a title too long even then is cut, and ends in "…".
     */
    static void fitTitle(XYChart chart, String title) {
        Font font = chart.getStyler().getChartTitleFont();
        Graphics2D graphics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            int room = WIDTH - 2 * TITLE_PADDING;
            for (float size = font.getSize2D(); size >= MIN_TITLE_POINTS; size -= 0.5f) {
                Font candidate = font.deriveFont(size);
                if (graphics.getFontMetrics(candidate).stringWidth(title) <= room) {
                    chart.getStyler().setChartTitleFont(candidate);
                    chart.setTitle(title);
                    return;
                }
            }
            Font smallest = font.deriveFont((float) MIN_TITLE_POINTS);
            FontMetrics metrics = graphics.getFontMetrics(smallest);
            String cut = title;
            while (cut.length() > 1 && metrics.stringWidth(cut + "…") > room) {
                cut = cut.substring(0, cut.length() - 1);
            }
            chart.getStyler().setChartTitleFont(smallest);
            chart.setTitle(cut.stripTrailing() + "…");
        } finally {
            graphics.dispose();
        }
    }

    /**
     * The predicted density (line) over a histogram of sampled values (filled steps, in density units: the fraction of
     * the sample per bin divided by the bin width), with the predicted atoms as spikes labelled by their masses. The
     * bins that hold an atom are taller than the density axis, which is cut at 1.15 times the largest density or
     * atom-free bin, so that the continuous part stays readable. A prediction without a continuous part is drawn on a
     * mass axis instead (the fraction of the sample per bin, and the atoms at their masses).
     *
     * @param logY a logarithmic density axis; bins and densities below 10⁻⁴ of the largest are drawn at that floor
     * @param logX against log₁₀ x (x > 0, a geometric grid): bins uniform in log₁₀ x over the positive sample, both
     *             the histogram and the curve as densities of log₁₀ x (the curve ln(10)·x·ρ(x)), each relative to the
     *             whole sample or law; sampled values at or below {@code zeroLevel} and atoms at or below 0 are
     *             counted in the axis title instead
     * @param zeroLevel with logX: the level below which a sampled value is taken for 0 blurred by rounding
     */
    static XYChart validationChart(String title, String axis, double[] x, double[] density, List<Atom> atoms,
                                   double[] sample, int bins, boolean logY, boolean logX, double zeroLevel,
                                   String sampleLabel, String densityLabel) {
        int total = sample.length;
        String variable = axis.substring(0, 1);
        DoubleUnaryOperator abscissa = logX ? Math::log10 : DoubleUnaryOperator.identity();
        List<Atom> drawn = atoms;
        if (logX) {
            double[] positive = java.util.Arrays.stream(sample).filter(v -> v > zeroLevel).map(Math::log10)
                    .toArray();
            if (positive.length == 0) {
                throw new IllegalArgumentException("--log-x needs sampled values above 0, but all " + total
                        + " are at most the rounding level " + Checks.format(zeroLevel));
            }
            String zeros = positive.length < total ? String.format(Locale.ROOT,
                    "; %d of %d sampled values below %.2g (rounding) not drawn", total - positive.length, total,
                    zeroLevel) : "";
            Log10View view = Log10View.of(x, density, atoms);
            drawn = view.drawn();
            axis = "log₁₀ " + axis + zeros + view.undrawn();
            x = view.x();
            density = view.density();
            sample = positive;
        }
        double densityMax = 0;
        for (double d : density) {
            densityMax = Math.max(densityMax, d);
        }
        boolean continuous = densityMax > 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : sample) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!(hi > lo)) {
            lo -= 0.5;
            hi += 0.5;
        }
        double width = (hi - lo) / bins;
        double[] height = new double[bins];
        for (double v : sample) {
            height[Math.min(bins - 1, (int) ((v - lo) / width))] += 1.0 / total;
        }
        double top = densityMax;
        for (int b = 0; b < bins; b++) {
            if (continuous) {
                height[b] /= width;
            }
            boolean holdsAtom = false;
            for (Atom atom : drawn) {
                double at = abscissa.applyAsDouble(atom.location());
                holdsAtom |= at >= lo + b * width && at <= lo + (b + 1) * width;
            }
            if (!holdsAtom || !continuous) {
                top = Math.max(top, height[b]);
            }
        }
        double floor = logY ? 1e-4 * top : 0;
        double[] stepX = new double[2 * bins + 2];
        double[] stepY = new double[2 * bins + 2];
        stepX[0] = lo;
        stepY[0] = floor;
        for (int b = 0; b < bins; b++) {
            stepX[2 * b + 1] = lo + b * width;
            stepX[2 * b + 2] = lo + (b + 1) * width;
            double h = Math.max(floor, height[b]);
            stepY[2 * b + 1] = h;
            stepY[2 * b + 2] = h;
        }
        stepX[2 * bins + 1] = hi;
        stepY[2 * bins + 1] = floor;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).xAxisTitle(axis)
                .yAxisTitle(!continuous ? "mass" : logX ? logDensityTitle(variable) : "density").build();
        style(chart);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        fitTitle(chart, title);
        XYSeries histogram = chart.addSeries(sampleLabel + String.format(Locale.ROOT, ", %d bins", bins), stepX,
                stepY);
        histogram.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Area);
        histogram.setMarker(SeriesMarkers.NONE);
        histogram.setFillColor(new Color(120, 160, 220, 140));
        histogram.setLineColor(new Color(70, 110, 180));
        histogram.setLineWidth(0.8f);
        if (continuous) {
            double[] shown = density.clone();
            for (int i = 0; i < shown.length; i++) {
                shown[i] = Math.max(floor, shown[i]);
            }
            XYSeries line = chart.addSeries(densityLabel, x, shown);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineWidth(2.2f);
            line.setLineColor(new Color(20, 20, 20));
        }
        chart.getStyler().setYAxisMax(1.15 * top);
        if (logY) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(floor);
        } else {
            chart.getStyler().setYAxisMin(0.0);
        }
        addAtoms(chart, drawn, continuous ? densityMax : 1, continuous, abscissa);
        if (!logY) {
            chart.getStyler().setYAxisDecimalPattern("0.###");
        }
        chart.getStyler().setXAxisMin(Math.min(lo, x[0]));
        chart.getStyler().setXAxisMax(Math.max(hi, x[x.length - 1]));
        return chart;
    }

    /**
     * Atoms as spikes: height proportional to mass (scaled to 80% of the density's maximum beside a density), each
     * labelled by its location and mass.
     *
     * @param abscissa where an atom at x is drawn (x itself, or log₁₀ x on a log₁₀ axis)
     */
    static void addAtoms(XYChart chart, List<Atom> atoms, double densityMax, boolean continuous,
                         DoubleUnaryOperator abscissa) {
        double largest = 0;
        for (Atom atom : atoms) {
            largest = Math.max(largest, atom.mass());
        }
        for (Atom atom : atoms) {
            double height = continuous ? 0.8 * densityMax * atom.mass() / largest : atom.mass();
            XYSeries spike = chart.addSeries(String.format(Locale.ROOT, "atom at %.4g, mass %.4g", atom.location(),
                    atom.mass()), new double[] {abscissa.applyAsDouble(atom.location()),
                        abscissa.applyAsDouble(atom.location())}, new double[] {floor(chart), height});
            spike.setMarker(SeriesMarkers.CIRCLE);
            spike.setLineStyle(new BasicStroke(2.5f));
            spike.setLineColor(new Color(200, 40, 40));
            spike.setMarkerColor(new Color(200, 40, 40));
        }
    }

    /** The bottom of an atom's spike: 0, or the axis minimum on a logarithmic axis (set before the atoms). */
    private static double floor(XYChart chart) {
        Double min = chart.getStyler().getYAxisMin();
        return chart.getStyler().isYAxisLogarithmic() && min != null ? min : 0;
    }

    static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setLegendBorderColor(Color.WHITE);
        chart.getStyler().setMarkerSize(6);
    }

    /**
     * Writes the chart as PNG or SVG by the file's extension, atomically.
     *
     * @throws IllegalArgumentException for another extension
     */
    static void write(XYChart chart, Path file) {
        checkExtension(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        AtomicFiles.write(file, temporary -> {
            String base = temporary.toString();
            if (name.endsWith(".png")) {
                BitmapEncoder.saveBitmapWithDPI(chart, base, BitmapEncoder.BitmapFormat.PNG, 120);
                move(Path.of(base + ".png"), temporary);
            } else {
                VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                move(Path.of(base + ".svg"), temporary);
            }
        });
    }

    /** @throws IllegalArgumentException unless the file ends in .png or .svg */
    static void checkExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new IllegalArgumentException("plot file must end in .png or .svg, but was " + file);
        }
    }

    /** XChart appends the extension itself: move its file onto the temporary path. */
    private static void move(Path written, Path temporary) throws java.io.IOException {
        if (java.nio.file.Files.exists(written)) {
            java.nio.file.Files.move(written, temporary, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
