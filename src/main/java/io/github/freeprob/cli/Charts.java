package io.github.freeprob.cli;

import io.github.freeprob.measure.Atom;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

    private Charts() {
    }

    static XYChart densityChart(String title, String axis, double[] x, double[] density, List<Atom> atoms) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(axis)
                .yAxisTitle("density ρ(x)").build();
        style(chart);
        double max = 0;
        for (double d : density) {
            max = Math.max(max, d);
        }
        boolean continuous = max > 0;
        if (continuous) {
            XYSeries series = chart.addSeries("density", x, density);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineWidth(2f);
        }
        addAtoms(chart, atoms, continuous ? max : 1, continuous);
        if (!continuous) {
            chart.setYAxisTitle("mass");
        }
        return chart;
    }

    /** Atoms as spikes: height proportional to mass (scaled to 80% of the density's maximum beside a density). */
    static void addAtoms(XYChart chart, List<Atom> atoms, double densityMax, boolean continuous) {
        double largest = 0;
        for (Atom atom : atoms) {
            largest = Math.max(largest, atom.mass());
        }
        for (Atom atom : atoms) {
            double height = continuous ? 0.8 * densityMax * atom.mass() / largest : atom.mass();
            XYSeries spike = chart.addSeries(String.format(Locale.ROOT, "atom at %.4g, mass %.4g", atom.location(),
                    atom.mass()), new double[] {atom.location(), atom.location()}, new double[] {0, height});
            spike.setMarker(SeriesMarkers.CIRCLE);
            spike.setLineStyle(new BasicStroke(2.5f));
            spike.setLineColor(new Color(200, 40, 40));
            spike.setMarkerColor(new Color(200, 40, 40));
        }
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
