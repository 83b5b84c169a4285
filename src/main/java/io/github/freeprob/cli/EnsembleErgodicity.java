package io.github.freeprob.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.sampling.ErgodicEnsembles;
import io.github.freeprob.sampling.SpectralErgodicity;
import io.github.freeprob.sampling.SpectralErgodicity.Binning;
import io.github.freeprob.sampling.SpectralErgodicity.Ergodicity;
import io.github.freeprob.validation.ErgodicityLimit;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The ensemble forms of {@code freeprob ergodicity}: one or two ensembles of sampled matrices, their ergodicity
 * measures Ω on common bins, their mean bin fractions against the limit laws' bin masses, and (for two) the spectral
 * ergodicity distance.
 */
final class EnsembleErgodicity {

    /** Colours of the first and second ensemble in the picture. */
    private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(214, 39, 40)};

    /**
     * One ensemble to measure.
     *
     * @param name    the law, in words
     * @param sampled what is sampled, in words
     * @param width   N
     * @param limit   the predicted limit law of every member
     * @param member  draws one member's eigenvalues
     */
    record Ensemble(String name, String sampled, int width, Spectrum limit, ErgodicEnsembles.Member member) {
    }

    private EnsembleErgodicity() {
    }

    /** Samples, measures and writes; every file only after everything is computed. */
    static int run(CommandSpec spec, List<Ensemble> ensembles, ErgodicityOptions options, OutputOptions output,
                   Map<String, Object> context) {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(options.seed);
        List<double[][]> spectra = new ArrayList<>();
        for (Ensemble e : ensembles) {
            spectra.add(options.mixing == 1
                    ? ErgodicEnsembles.sample(e.member(), e.width(), options.members, random)
                    : ErgodicEnsembles.mixed(e.member(), e.width(), options.mixing, options.members, random));
        }
        Binning binning = Binning.spanning(options.bins, spectra.stream().flatMap(java.util.Arrays::stream)
                .toArray(double[][]::new));
        Map<String, Object> map = new LinkedHashMap<>(context);
        map.put("members", options.members);
        map.put("mixing", options.mixing);
        map.put("seed", options.seed);
        map.put("shift", options.shift);
        map.put("bins", binning.bins());
        map.put("edges", binning.edges());
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Ergodicity> measured = new ArrayList<>();
        List<double[]> predicted = new ArrayList<>();
        for (int i = 0; i < ensembles.size(); i++) {
            Ensemble e = ensembles.get(i);
            Ergodicity erg = SpectralErgodicity.measure(spectra.get(i), binning);
            double[] masses = ErgodicityLimit.binMasses(e.limit(), binning);
            measured.add(erg);
            predicted.add(masses);
            int typical = (int) Math.max(2, Math.round(e.width() * options.mixing));
            double tv = ErgodicityLimit.totalVariation(erg.mean(), masses);
            double threshold = ErgodicityLimit.MEAN_RULE.at(typical);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("law", e.name());
            row.put("sampled", e.sampled());
            row.put("width", e.width());
            row.put("omegaTotal", erg.total());
            row.put("omegaLimit", 0.0);
            row.put("omega", erg.omega());
            row.put("meanFractions", erg.mean());
            row.put("predictedMasses", masses);
            row.put("totalVariation", tv);
            row.put("totalVariationThreshold", threshold);
            row.put("withinThreshold", tv <= threshold);
            rows.add(row);
        }
        map.put("ensembles", rows);
        if (ensembles.size() == 2) {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("distance", SpectralErgodicity.distance(measured.get(0), measured.get(1), options.shift));
            pair.put("meanJeffreys", SpectralErgodicity.symmetricKl(measured.get(0).mean(), measured.get(1).mean(),
                    options.shift));
            pair.put("predictedJeffreys", SpectralErgodicity.symmetricKl(predicted.get(0), predicted.get(1),
                    options.shift));
            map.put("pair", pair);
        }
        map.put("seconds", (System.nanoTime() - start) / 1e9);
        String text = switch (output.format) {
            case TABLE -> table(map, rows, binning);
            case CSV -> csv(rows, binning);
            case JSON -> json(map);
        };
        XYChart chart = options.plot == null ? null : chart(ensembles, measured, predicted, binning, options);
        Outputs.emit(spec, text, output.output, chart, options.plot);
        return 0;
    }

    private static String table(Map<String, Object> map, List<Map<String, Object>> rows, Binning binning) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "spectral ergodicity: M = %s members, mixing p = %s, %d bins on [%s, %s],"
                + " seed %s, shift %s%n", map.get("members"), map.get("mixing"), binning.bins(), binning.lo(),
                binning.hi(), map.get("seed"), map.get("shift")));
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> r = rows.get(i);
            s.append(String.format(Locale.ROOT, "ensemble %d   %s%n  sampled    %s, N = %s%n", i + 1, r.get("law"),
                    r.get("sampled"), r.get("width")));
            s.append(String.format(Locale.ROOT, "  Omega      %.6g (sum over bins; limit 0: the members share"
                    + " their limit law)%n", (double) r.get("omegaTotal")));
            s.append(String.format(Locale.ROOT, "  TV(mean fractions, limit masses) %.4g, threshold %.4g: %s%n",
                    (double) r.get("totalVariation"), (double) r.get("totalVariationThreshold"),
                    (boolean) r.get("withinThreshold") ? "ok" : "ABOVE"));
        }
        if (map.containsKey("pair")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> pair = (Map<String, Object>) map.get("pair");
            s.append(String.format(Locale.ROOT, "distance D(Omega_1, Omega_2) = %.6g bits; symmetric KL of the mean"
                    + " fractions %.6g, of the limit masses %.6g%n", (double) pair.get("distance"),
                    (double) pair.get("meanJeffreys"), (double) pair.get("predictedJeffreys")));
        }
        s.append(String.format(Locale.ROOT, "%4s %12s %12s", "bin", "lo", "hi"));
        for (int i = 0; i < rows.size(); i++) {
            s.append(String.format(Locale.ROOT, " %12s %12s %12s", "mean_" + (i + 1), "limit_" + (i + 1),
                    "Omega_" + (i + 1)));
        }
        s.append('\n');
        double[] edges = binning.edges();
        for (int k = 0; k < binning.bins(); k++) {
            s.append(String.format(Locale.ROOT, "%4d %12.6g %12.6g", k, edges[k], edges[k + 1]));
            for (Map<String, Object> r : rows) {
                s.append(String.format(Locale.ROOT, " %12.6g %12.6g %12.4g", ((double[]) r.get("meanFractions"))[k],
                        ((double[]) r.get("predictedMasses"))[k], ((double[]) r.get("omega"))[k]));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String csv(List<Map<String, Object>> rows, Binning binning) {
        StringBuilder s = new StringBuilder("ensemble,bin,lo,hi,mean_fraction,limit_mass,omega\n");
        double[] edges = binning.edges();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> r = rows.get(i);
            for (int k = 0; k < binning.bins(); k++) {
                s.append(i + 1).append(',').append(k).append(',').append(edges[k]).append(',').append(edges[k + 1])
                        .append(',').append(((double[]) r.get("meanFractions"))[k]).append(',')
                        .append(((double[]) r.get("predictedMasses"))[k]).append(',')
                        .append(((double[]) r.get("omega"))[k]).append('\n');
            }
        }
        return s.toString();
    }

    static String json(Map<String, Object> map) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(map) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON: " + e.getMessage(), e);
        }
    }

    private static XYChart chart(List<Ensemble> ensembles, List<Ergodicity> measured, List<double[]> predicted,
                                 Binning binning, ErgodicityOptions options) {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title(String.format(Locale.ROOT, "Mean bin fractions of M = %d members against the limit law's"
                        + " bin masses", options.members))
                .xAxisTitle("eigenvalue λ").yAxisTitle("fraction of the eigenvalues in the bin").build();
        Charts.style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        double[] edges = binning.edges();
        double[] centres = new double[binning.bins()];
        for (int k = 0; k < centres.length; k++) {
            centres[k] = 0.5 * (edges[k] + edges[k + 1]);
        }
        for (int i = 0; i < ensembles.size(); i++) {
            Ensemble e = ensembles.get(i);
            double[] mean = measured.get(i).mean();
            double[] sx = new double[2 * centres.length];
            double[] sy = new double[2 * centres.length];
            for (int k = 0; k < centres.length; k++) {
                sx[2 * k] = edges[k];
                sx[2 * k + 1] = edges[k + 1];
                sy[2 * k] = mean[k];
                sy[2 * k + 1] = mean[k];
            }
            XYSeries steps = chart.addSeries(String.format(Locale.ROOT, "%s, N = %d: sampled mean (Ω = %.3g)",
                    e.name(), e.width(), measured.get(i).total()), sx, sy);
            steps.setMarker(SeriesMarkers.NONE);
            steps.setLineColor(COLOURS[i % COLOURS.length]);
            steps.setLineWidth(2f);
            XYSeries limit = chart.addSeries(String.format(Locale.ROOT, "%s, N = %d: limit law's bin masses", e.name(),
                    e.width()), centres, predicted.get(i));
            limit.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            limit.setMarker(SeriesMarkers.CIRCLE);
            limit.setMarkerColor(COLOURS[i % COLOURS.length]);
        }
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }
}
