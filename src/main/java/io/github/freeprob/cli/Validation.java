package io.github.freeprob.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.validation.Comparison;
import io.github.freeprob.validation.FiniteSizeRule;
import io.github.freeprob.validation.Thresholds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every {@code validate} form does once it has a prediction and a sampler: draw S matrices from one seeded
 * generator, pool their eigenvalues, compare them with the prediction ({@link Comparison}) under a finite-size rule,
 * print the distances next to their thresholds, and draw the predicted density over a histogram of the sample.
 * Files are written only after everything is computed, atomically.
 */
final class Validation {

    /** Exit status when a distance exceeds its threshold (0: all within; 1: numerical failure; 2: bad input). */
    static final int BREACH = 3;
    /** Progress lines go to stderr when S·N is at least this (a draw then takes of the order of a second or more). */
    static final long PROGRESS_MIN = 1000;
    /** Histogram bins when --bins is not given: √(pooled count), clamped to this range. */
    static final int MIN_BINS = 20;
    static final int MAX_BINS = 120;

    /** How thresholds are evaluated: at the matrix size N, or at the pooled count S·N. */
    enum Scope {
        /** Ensembles: the finite-N bias does not average out over draws, so the rule is taken at N. */
        WIDTH,
        /** Networks: the rule was measured on pooled draws, c·n^(−½) at n = S·N (docs/validation.md). */
        POOLED
    }

    private final String law;
    private final String sampled;
    private final Map<String, Object> context;
    private final SpectrumReport prediction;
    private final SamplingOptions options;
    private final String ruleName;
    private final FiniteSizeRule rule;
    private final Scope scope;
    private final boolean singularValues;

    /**
     * @param law            how the predicted law is named
     * @param sampled        what is sampled (the matrix model)
     * @param context        further leading JSON fields (the network, its mean field)
     * @param prediction     the prediction, as {@code spectrum} computes it
     * @param options        --width, --samples, --seed, --threshold-scale, --bins, --log-y, --log-x
     * @param ruleName       "ensemble" or "network"
     * @param rule           the finite-size rule
     * @param scope          where the rule is evaluated
     * @param singularValues whether the report and the picture are of singular values s = √λ (the distances are
     *                       always those of the eigenvalues λ, where the thresholds were measured)
     */
    Validation(String law, String sampled, Map<String, Object> context, SpectrumReport prediction,
               SamplingOptions options, String ruleName, FiniteSizeRule rule, Scope scope, boolean singularValues) {
        this.law = law;
        this.sampled = sampled;
        this.context = context;
        this.prediction = prediction;
        this.options = options;
        this.ruleName = ruleName;
        this.rule = rule;
        this.scope = scope;
        this.singularValues = singularValues;
    }

    /**
     * Samples, compares, prints and draws.
     *
     * @param spec    the command, for its output streams
     * @param draw    the eigenvalues of one N×N matrix drawn with the given generator
     * @param format  --format
     * @param output  --output, or null
     * @param plot    --plot, or null
     * @param started {@link System#nanoTime()} when the prediction began
     * @return 0 when every distance is within its threshold, {@link #BREACH} otherwise
     */
    int run(CommandSpec spec, Function<RandomGenerator, double[]> draw, OutputFormat format, Path output, Path plot,
            long started) {
        double predictionSeconds = (System.nanoTime() - started) / 1e9;
        int n = options.width;
        int s = options.samples;
        PrintWriter err = spec.commandLine().getErr();
        boolean progress = (long) n * s >= PROGRESS_MIN;
        RandomGenerator random = new SplittableRandom(options.seed);
        double[] pooled = new double[n * s];
        long sampling = System.nanoTime();
        for (int k = 0; k < s; k++) {
            long t = System.nanoTime();
            if (progress) {
                err.printf(Locale.ROOT, "freeprob: validate: drawing matrix %d/%d (N = %d) ...%n", k + 1, s, n);
                err.flush();
            }
            double[] e = draw.apply(random);
            System.arraycopy(e, 0, pooled, k * n, n);
            if (progress) {
                err.printf(Locale.ROOT, "freeprob: validate: matrix %d/%d done in %.1f s%n", k + 1, s,
                        (System.nanoTime() - t) / 1e9);
                err.flush();
            }
        }
        double samplingSeconds = (System.nanoTime() - sampling) / 1e9;
        long comparing = System.nanoTime();
        int at = scope == Scope.WIDTH ? n : n * s;
        Thresholds thresholds = rule.at(at).scaled(options.thresholdScale);
        Comparison comparison = Comparison.of(prediction.eigenvalueLaw, prediction.eigenvalueMoments, pooled,
                thresholds);
        double comparisonSeconds = (System.nanoTime() - comparing) / 1e9;

        Map<String, Object> map = asMap(comparison, at);
        Map<String, Object> seconds = new LinkedHashMap<>();
        seconds.put("prediction", predictionSeconds);
        seconds.put("sampling", samplingSeconds);
        seconds.put("comparison", comparisonSeconds);
        map.put("seconds", seconds);
        String text = switch (format) {
            case JSON -> json(map);
            case CSV -> csv(comparison);
            case TABLE -> table(comparison, at, samplingSeconds);
        };
        XYChart chart = plot == null ? null : chart(comparison, pooled);
        Outputs.emit(spec, text, output, chart, plot);
        if (comparison.passed()) {
            return 0;
        }
        err.println("freeprob: validation failed: " + String.join("; ", comparison.breaches()));
        err.flush();
        return BREACH;
    }

    private String ruleText(int at) {
        return ruleName + " rule c*N^-p at " + (scope == Scope.WIDTH ? "N = " : "n = S*N = ") + at
                + (options.thresholdScale == 1 ? "" : ", times --threshold-scale " + options.thresholdScale);
    }

    private Map<String, Object> asMap(Comparison c, int at) {
        Thresholds t = c.thresholds();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("law", law);
        map.put("sampled", sampled);
        map.putAll(context);
        map.put("width", options.width);
        map.put("samples", options.samples);
        map.put("seed", options.seed);
        map.put("eigenvalues", c.size());
        map.put("compared", singularValues ? "eigenvalues of JJ^T (s^2), where the thresholds were measured"
                : "eigenvalues");
        map.put("rule", ruleText(at));
        map.put("thresholdScale", options.thresholdScale);
        Map<String, Object> distances = new LinkedHashMap<>();
        distances.put("levy", entry(c.levy(), t.levy()));
        distances.put("wasserstein1", c.wasserstein());
        distances.put("relativeWasserstein1", entry(c.relativeWasserstein(), t.relativeWasserstein()));
        double[] moments = c.momentErrors();
        List<Map<String, Object>> momentList = new ArrayList<>();
        for (int k = 0; k < moments.length; k++) {
            Map<String, Object> m = entry(moments[k], t.relativeMoment());
            m.put("order", k + 1);
            m.put("predicted", prediction.eigenvalueMoments[k + 1]);
            momentList.add(m);
        }
        distances.put("relativeMomentErrors", momentList);
        Map<String, Object> edge = entry(Math.abs(c.relativeEdgeError()), t.relativeEdge());
        edge.put("lambdaMax", c.largestEigenvalue());
        edge.put("predictedEdge", c.upperEdge());
        edge.put("signedRelativeError", c.relativeEdgeError());
        distances.put("edge", edge);
        map.put("distances", distances);
        map.put("passed", c.passed());
        map.put("breaches", c.breaches());
        Map<String, Object> predicted = new LinkedHashMap<>();
        List<Map<String, Object>> atoms = new ArrayList<>();
        for (Atom atom : prediction.eigenvalueLaw.atoms()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("location", atom.location());
            a.put("mass", atom.mass());
            atoms.add(a);
        }
        predicted.put("atoms", atoms);
        List<double[]> support = new ArrayList<>();
        for (Interval interval : prediction.eigenvalueLaw.support().intervals()) {
            support.add(new double[] {interval.lo(), interval.hi()});
        }
        predicted.put("support", support);
        predicted.put("densityResolved", prediction.diagnostics.get("densityResolved"));
        map.put("prediction", predicted);
        return map;
    }

    private static Map<String, Object> entry(double value, double threshold) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        m.put("threshold", threshold);
        m.put("passed", value <= threshold);
        return m;
    }

    private static String json(Map<String, Object> map) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(map) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not render JSON: " + e.getMessage(), e);
        }
    }

    /** CSV rows: quantity, value, threshold (empty when none), passed. */
    private String csv(Comparison c) {
        Thresholds t = c.thresholds();
        StringBuilder sb = new StringBuilder("quantity,value,threshold,passed\n");
        row(sb, "levy", c.levy(), t.levy());
        sb.append("wasserstein1,").append(c.wasserstein()).append(",,\n");
        row(sb, "relative_wasserstein1", c.relativeWasserstein(), t.relativeWasserstein());
        double[] moments = c.momentErrors();
        for (int k = 0; k < moments.length; k++) {
            row(sb, "relative_error_m" + (k + 1), moments[k], t.relativeMoment());
        }
        sb.append("lambda_max,").append(c.largestEigenvalue()).append(",,\n");
        sb.append("predicted_edge,").append(c.upperEdge()).append(",,\n");
        row(sb, "relative_edge_error", Math.abs(c.relativeEdgeError()), t.relativeEdge());
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double value, double threshold) {
        sb.append(name).append(',').append(value).append(',').append(threshold).append(',')
                .append(value <= threshold).append('\n');
    }

    private String table(Comparison c, int at, double samplingSeconds) {
        Thresholds t = c.thresholds();
        StringBuilder sb = new StringBuilder();
        sb.append("validate: ").append(law).append('\n');
        sb.append("  sampled    ").append(sampled).append('\n');
        sb.append(String.format(Locale.ROOT, "  draws      S = %d of N = %d (%d eigenvalues pooled), seed %d, %.2f s%n",
                options.samples, options.width, c.size(), options.seed, samplingSeconds));
        sb.append("  thresholds ").append(ruleText(at)).append('\n');
        if (singularValues) {
            sb.append("  compared   eigenvalues of JJ^T (s^2); the picture shows singular values\n");
        }
        sb.append(String.format(Locale.ROOT, "  %-24s %12s %12s%n", "distance", "value", "threshold"));
        line(sb, "Levy", c.levy(), t.levy());
        sb.append(String.format(Locale.ROOT, "  %-24s %12.4g %12s%n", "W1", c.wasserstein(), "-"));
        line(sb, "relative W1", c.relativeWasserstein(), t.relativeWasserstein());
        double[] moments = c.momentErrors();
        for (int k = 0; k < moments.length; k++) {
            line(sb, "relative error of m_" + (k + 1), moments[k], t.relativeMoment());
        }
        line(sb, "relative edge error", Math.abs(c.relativeEdgeError()), t.relativeEdge());
        sb.append(String.format(Locale.ROOT, "  %-24s %12.6g vs predicted edge %.6g%n", "lambda_max",
                c.largestEigenvalue(), c.upperEdge()));
        List<String> breaches = c.breaches();
        sb.append(breaches.isEmpty() ? "  result     PASSED: every distance within its threshold\n"
                : "  result     FAILED: " + String.join("; ", breaches) + "\n");
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, double value, double threshold) {
        sb.append(String.format(Locale.ROOT, "  %-24s %12.4g %12.4g  %s%n", name, value, threshold,
                value <= threshold ? "ok" : "EXCEEDED"));
    }

    private XYChart chart(Comparison c, double[] eigenvalues) {
        double[] values = eigenvalues.clone();
        if (singularValues) {
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.sqrt(Math.max(0, values[i]));
            }
        }
        int bins = options.bins != null ? options.bins
                : (int) Math.max(MIN_BINS, Math.min(MAX_BINS, Math.round(Math.sqrt(values.length))));
        String sampleLabel = String.format(Locale.ROOT, "sampled %s: N = %d, S = %d, seed %d",
                singularValues ? "singular values" : "eigenvalues", options.width, options.samples, options.seed);
        String densityLabel = String.format(Locale.ROOT, "predicted density: %s (Levy %.3g, rel. W1 %.3g)",
                c.passed() ? "passed" : "FAILED", c.levy(), c.relativeWasserstein());
        // a symmetric eigensolver's eigenvalues carry errors up to about N·ε·max|λ| (N the matrix size): below that
        // a sampled eigenvalue is 0 blurred by rounding (singular values: the square root of that level)
        double largest = 0;
        for (double v : eigenvalues) {
            largest = Math.max(largest, Math.abs(v));
        }
        double zeroLevel = options.width * Math.ulp(1.0) * largest;
        return Charts.validationChart("validate: " + law, prediction.axis, prediction.x, prediction.density,
                prediction.atoms, values, bins, options.logY, options.logX,
                singularValues ? Math.sqrt(zeroLevel) : zeroLevel, sampleLabel, densityLabel);
    }
}
