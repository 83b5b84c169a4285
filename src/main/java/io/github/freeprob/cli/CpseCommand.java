package io.github.freeprob.cli;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.network.LayerSpectra;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.sampling.ErgodicEnsembles;
import io.github.freeprob.sampling.SampledNetwork;
import io.github.freeprob.sampling.SpectralErgodicity;
import io.github.freeprob.sampling.SpectralErgodicity.Binning;
import io.github.freeprob.sampling.SpectralErgodicity.Cascade;
import io.github.freeprob.validation.ErgodicityLimit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code freeprob ergodicity cpse}: cascading periodic spectral ergodicity across the layers of one sampled network
 * of width N, with its free-probability limit from the layers' limit laws ({@link LayerSpectra},
 * {@link ErgodicityLimit#cascade}).
 */
@Command(name = "cpse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cascading periodic spectral ergodicity of the layer matrices of one sampled network: for"
                + " l = 1 ... L the first l layers form an ensemble with measure Omega^(l), d_l = D(Omega^(l-1),"
                + " Omega^(l)) and cPSE = mean of log10 d_l; next to each, its N -> infinity limit from the layers'"
                + " limit laws.",
            "Layer matrices: weights (W_l W_l^T, as Suzen et al.; i.i.d. across layers, limit 0) or jacobian"
                    + " (D_l W_l W_l^T D_l, whose law changes with q^l)."},
        footer = {"", "Example: freeprob ergodicity cpse --activation hard_tanh --weights gaussian --sigma-w2 1.5"
                + " --sigma-b2 0.05 --q1 3 --depth 8 --width 200 --layer-matrix jacobian"})
final class CpseCommand implements Callable<Integer> {

    /** Which matrix of a layer is its layer matrix. */
    enum LayerMatrix {
        WEIGHTS, JACOBIAN;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private NetworkOptions networkOptions;

    @Option(names = "--weights", required = true, converter = NetworkOptions.WeightsConverter.class,
            paramLabel = "orthogonal|gaussian", description = "weights sigma_w O (O Haar) or i.i.d. N(0, sigma_w^2/N)")
    private WeightDistribution weights;

    @Option(names = "--layer-matrix", paramLabel = "weights|jacobian", defaultValue = "weights",
            converter = LayerMatrixConverter.class,
            description = "weights (W_l W_l^T, default) or jacobian (D_l W_l W_l^T D_l)")
    private LayerMatrix layerMatrix;

    @Mixin
    private ErgodicityOptions options;

    @Mixin
    private OutputOptions outputOptions;

    /**
     * A sampled cascade and its limit.
     *
     * @param cascade     the sampled cascade
     * @param omegaLimit  Σ_k Ω^(ℓ)_∞,k, ℓ = 1 … L
     * @param omegaSample Σ_k Ω^(ℓ)_k, ℓ = 1 … L
     * @param dLimit      d_ℓ^∞, ℓ = 2 … L
     */
    record Result(Cascade cascade, double[] omegaSample, double[] omegaLimit, double[] dLimit) {

        /** @return the limit cPSE, mean of log₁₀ d_ℓ^∞ */
        double cpseLimit() {
            return Arrays.stream(dLimit).map(Math::log10).average().orElseThrow();
        }
    }

    /**
     * Samples one network of width N (SplittableRandom(seed)), takes its layer spectra, and computes the cascade and
     * its limit on the same bins.
     */
    static Result compute(Network network, LayerMatrix matrix, int width, int bins, double shift, long seed) {
        return compute(network, matrix, width, bins, shift, seed, laws(network, matrix));
    }

    /** @return the limit law of each layer matrix, ℓ = 1 … L (inverted once) */
    static List<Spectrum> laws(Network network, LayerMatrix matrix) {
        if (network.depth() < 2) {
            throw new IllegalArgumentException("--depth must be >= 2 for a cascade, but was " + network.depth());
        }
        LayerSpectra layers = LayerSpectra.of(network);
        List<Spectrum> laws = new ArrayList<>();
        Spectrum weightLaw = matrix == LayerMatrix.WEIGHTS ? StieltjesInversion.invert(layers.weightLaw()) : null;
        for (int l = 1; l <= network.depth(); l++) {
            laws.add(weightLaw != null ? weightLaw : StieltjesInversion.invert(layers.layerJacobianLaw(l)));
        }
        return laws;
    }

    /** As {@link #compute(Network, LayerMatrix, int, int, double, long)}, with the layers' limit laws given. */
    static Result compute(Network network, LayerMatrix matrix, int width, int bins, double shift, long seed,
                          List<Spectrum> laws) {
        double[][] spectra = SpectralErgodicity.periodic(sample(network, matrix, width, seed));
        return compute(spectra, Binning.spanning(bins, spectra), shift, laws);
    }

    /** @return the layer spectra of one network of width N sampled with SplittableRandom(seed) */
    static double[][] sample(Network network, LayerMatrix matrix, int width, long seed) {
        if (network.depth() < 2) {
            throw new IllegalArgumentException("--depth must be >= 2 for a cascade, but was " + network.depth());
        }
        SampledNetwork sampled = SampledNetwork.sample(network, width, new SplittableRandom(seed));
        return matrix == LayerMatrix.WEIGHTS ? ErgodicEnsembles.weightSpectra(sampled)
                : ErgodicEnsembles.layerJacobianSpectra(sampled);
    }

    /** The cascade of given layer spectra on given bins, and its limit from the layers' laws on the same bins. */
    static Result compute(double[][] spectra, Binning binning, double shift, List<Spectrum> laws) {
        Cascade cascade = SpectralErgodicity.cascade(spectra, binning, shift);
        int depth = spectra.length;
        double[][] masses = ErgodicityLimit.binMasses(laws, cascade.binning());
        double[] omegaLimit = new double[depth];
        double[] omegaSample = new double[depth];
        double[][] omegas = cascade.omegas();
        for (int l = 1; l <= depth; l++) {
            omegaLimit[l - 1] = Arrays.stream(ErgodicityLimit.omega(Arrays.copyOf(masses, l))).sum();
            omegaSample[l - 1] = Arrays.stream(omegas[l - 1]).sum();
        }
        return new Result(cascade, omegaSample, omegaLimit, ErgodicityLimit.cascade(masses, shift));
    }

    @Override
    public Integer call() {
        options.check(false);
        Network network = networkOptions.network(weights);
        long start = System.nanoTime();
        Result r = compute(network, layerMatrix, options.width, options.bins, options.shift, options.seed);
        double[] q = network.variances();
        double[] d = r.cascade().d();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("network", NetworkOptions.describe(network));
        map.put("layerMatrix", layerMatrix.label());
        map.put("width", options.width);
        map.put("seed", options.seed);
        map.put("shift", options.shift);
        map.put("bins", options.bins);
        map.put("edges", r.cascade().binning().edges());
        map.put("cpse", r.cascade().cpse());
        map.put("cpseLimit", r.cpseLimit());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int l = 1; l <= network.depth(); l++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("layer", l);
            row.put("q", q[l - 1]);
            row.put("omega", r.omegaSample()[l - 1]);
            row.put("omegaLimit", r.omegaLimit()[l - 1]);
            row.put("d", l >= 2 ? d[l - 2] : null);
            row.put("dLimit", l >= 2 ? r.dLimit()[l - 2] : null);
            rows.add(row);
        }
        map.put("layers", rows);
        map.put("seconds", (System.nanoTime() - start) / 1e9);
        String text = switch (outputOptions.format) {
            case TABLE -> table(map, rows);
            case CSV -> csv(rows);
            case JSON -> EnsembleErgodicity.json(map);
        };
        XYChart chart = options.plot == null ? null : chart(network, layerMatrix, r, options.width);
        Outputs.emit(spec, text, outputOptions.output, chart, options.plot);
        return 0;
    }

    private static String table(Map<String, Object> map, List<Map<String, Object>> rows) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "cPSE of %s layer matrices, N = %s, %s bins, seed %s, shift %s%n",
                map.get("layerMatrix"), map.get("width"), map.get("bins"), map.get("seed"), map.get("shift")));
        s.append(String.format(Locale.ROOT, "  cPSE       %s (limit N -> infinity: %s)%n", map.get("cpse"),
                map.get("cpseLimit")));
        s.append(String.format(Locale.ROOT, "%6s %12s %14s %14s %14s %14s%n", "layer", "q", "Omega", "Omega_limit",
                "d", "d_limit"));
        for (Map<String, Object> row : rows) {
            s.append(String.format(Locale.ROOT, "%6s %12.6g %14.6g %14.6g %14s %14s%n", row.get("layer"),
                    (double) row.get("q"), (double) row.get("omega"), (double) row.get("omegaLimit"),
                    format(row.get("d")), format(row.get("dLimit"))));
        }
        return s.toString();
    }

    private static String format(Object value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.6g", (double) value);
    }

    private static String csv(List<Map<String, Object>> rows) {
        StringBuilder s = new StringBuilder("layer,q,omega,omega_limit,d,d_limit\n");
        for (Map<String, Object> row : rows) {
            s.append(row.get("layer")).append(',').append(row.get("q")).append(',').append(row.get("omega"))
                    .append(',').append(row.get("omegaLimit")).append(',')
                    .append(row.get("d") == null ? "" : row.get("d")).append(',')
                    .append(row.get("dLimit") == null ? "" : row.get("dLimit")).append('\n');
        }
        return s.toString();
    }

    /** d_ℓ sampled and in the limit against ℓ, on a logarithmic axis (zeros are left out). */
    static XYChart chart(Network network, LayerMatrix matrix, Result r, int width) {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("cPSE: d_ℓ = D(Ω^(ℓ−1), Ω^(ℓ)) of the " + matrix.label() + " layer matrices")
                .xAxisTitle("layer ℓ of " + network).yAxisTitle("d_ℓ (bits)").build();
        Charts.style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
        String sampled = String.format(Locale.ROOT, "sampled, N = %d (cPSE %.3f)", width, r.cascade().cpse());
        String limit = String.format(Locale.ROOT, "limit N → ∞ (cPSE %.3f)", r.cpseLimit());
        boolean limitZero = Arrays.stream(r.dLimit()).allMatch(x -> x == 0);
        if (Arrays.stream(r.cascade().d()).allMatch(x -> x == 0)) {
            // nothing to draw on a logarithmic axis: identical layer spectra (e.g. orthogonal weights)
            double[] layers = new double[r.dLimit().length];
            Arrays.setAll(layers, i -> i + 2.0);
            chart.addSeries(sampled + (limitZero ? "; the limit is 0 too" : ""), layers, r.cascade().d());
            if (!limitZero) {
                chart.addSeries(limit, layers, r.dLimit()).setMarker(SeriesMarkers.NONE);
            }
            return chart;
        }
        chart.getStyler().setYAxisLogarithmic(true);
        addPositive(chart, sampled + (limitZero ? "; the limit is 0 at every layer (not drawn)" : ""),
                r.cascade().d(), SeriesMarkers.CIRCLE);
        if (!limitZero) {
            addPositive(chart, limit, r.dLimit(), SeriesMarkers.NONE);
        }
        return chart;
    }

    private static void addPositive(XYChart chart, String name, double[] d, org.knowm.xchart.style.markers.Marker m) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < d.length; i++) {
            if (d[i] > 0) {
                xs.add(i + 2.0);
                ys.add(d[i]);
            }
        }
        if (!xs.isEmpty()) {
            XYSeries series = chart.addSeries(name + (xs.size() < d.length ? " (zeros left out)" : ""), xs, ys);
            series.setMarker(m);
        }
    }

    /** Parses --layer-matrix. */
    static final class LayerMatrixConverter implements ITypeConverter<LayerMatrix> {
        @Override
        public LayerMatrix convert(String value) {
            try {
                return LayerMatrix.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--layer-matrix must be weights or jacobian, but was '" + value
                        + "'");
            }
        }
    }
}
