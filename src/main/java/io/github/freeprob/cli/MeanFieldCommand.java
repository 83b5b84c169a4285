package io.github.freeprob.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.ConvergenceException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob meanfield}: the mean-field theory of a network at initialisation (q*, χ, the depth scales, the
 * sequence q¹ … q^L), or with {@code --critical} the point (σ_w², σ_b²) of the critical line χ = 1 with a given q*.
 */
@Command(name = "meanfield", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Mean-field signal propagation: the fixed point q*, chi = sigma_w^2 E[phi'(h)^2] at q*, the"
                + " phase, the depth scales of variance and correlation, and with --depth the sequence q^1 ... q^L.",
            "With --critical --q-star Q: the point (sigma_w^2, sigma_b^2) of the critical line chi = 1 whose fixed"
                + " point is Q."},
        footer = {"", "Example: freeprob meanfield --activation tanh --sigma-w2 1.5 --sigma-b2 0.05 --q1 2 --depth 6",
            "         freeprob meanfield --activation tanh --critical --q-star 0.5 --format json"})
final class MeanFieldCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private NetworkOptions network;

    @Option(names = "--critical", description = "compute the critical point with fixed point --q-star instead")
    private boolean critical;

    @Option(names = "--q-star", paramLabel = "Q", description = "the fixed point q* > 0 of the critical point")
    private Double qStar;

    @Mixin
    private OutputOptions outputOptions;

    @Override
    public Integer call() {
        Map<String, Object> result = critical ? criticalPoint() : meanField();
        String text = render(result, outputOptions.format);
        if (outputOptions.output != null) {
            AtomicFiles.writeString(outputOptions.output, text);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        }
        return 0;
    }

    private Map<String, Object> criticalPoint() {
        for (String option : new String[] {"--sigma-w2", "--sigma-b2", "--depth", "--q1"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new IllegalArgumentException("--critical computes sigma_w^2 and sigma_b^2 from --q-star; leave"
                        + " out " + option);
            }
        }
        double target = Checks.positive("--q-star", NetworkOptions.require("--q-star", qStar));
        double[] point = MeanField.criticalPoint(network.activation, target);
        MeanField field = new MeanField(network.activation, point[0], point[1]);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("activation", network.activation.name());
        map.put("qStar", target);
        map.put("sigmaW2", point[0]);
        map.put("sigmaB2", point[1]);
        map.put("chi", field.chi(target));
        map.put("mapResidual", field.map(target) - target);
        return map;
    }

    private Map<String, Object> meanField() {
        if (qStar != null) {
            throw new IllegalArgumentException("--q-star is the target of --critical; without --critical the fixed"
                    + " point is computed from --sigma-w2 and --sigma-b2");
        }
        MeanField field = network.meanField();
        if (network.firstVariance != null && network.depth == null) {
            throw new IllegalArgumentException("--q1 starts the sequence q^1 ... q^L: give --depth too");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("activation", network.activation.name());
        map.put("sigmaW2", field.weightVariance());
        map.put("sigmaB2", field.biasVariance());
        double fixedPoint;
        try {
            fixedPoint = field.fixedPoint();
        } catch (ConvergenceException e) {
            if (network.depth == null) {
                throw e;
            }
            // Without q* only the sequence from --q1 exists: report it, and why there is no q*.
            fixedPoint = Double.NaN;
        }
        NetworkOptions.putFixedPoint(map, field);
        if (!Double.isNaN(fixedPoint)) {
            double chi = field.chi(fixedPoint);
            map.put("phase", chi < 1 - MeanField.CRITICAL_BAND ? "ordered"
                    : chi > 1 + MeanField.CRITICAL_BAND ? "chaotic" : "critical");
            map.put("varianceDepthScale", field.varianceDepthScale());
            map.put("correlationFixedPoint", field.correlationFixedPoint());
            map.put("correlationDepthScale", field.correlationDepthScale());
        }
        if (network.depth != null) {
            int depth = network.depth();
            double q1 = network.firstVariance();
            if (Double.isNaN(q1)) {
                q1 = field.fixedPoint();
            }
            double[] q = field.sequence(q1, depth);
            double[] chiByLayer = new double[depth];
            for (int l = 0; l < depth; l++) {
                chiByLayer[l] = field.chi(q[l]);
            }
            map.put("q", q);
            map.put("chiByLayer", chiByLayer);
        }
        return map;
    }

    static String render(Map<String, Object> map, OutputFormat format) {
        return switch (format) {
            case JSON -> json(map);
            case CSV -> csv(map);
            case TABLE -> table(map);
        };
    }

    private static String json(Map<String, Object> map) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(map) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not render JSON: " + e.getMessage(), e);
        }
    }

    /** With a sequence: columns layer, q, chi; otherwise rows quantity, value. */
    private static String csv(Map<String, Object> map) {
        StringBuilder sb = new StringBuilder();
        if (map.get("q") instanceof double[] q) {
            double[] chi = (double[]) map.get("chiByLayer");
            sb.append("layer,q,chi\n");
            for (int l = 0; l < q.length; l++) {
                sb.append(l + 1).append(',').append(q[l]).append(',').append(chi[l]).append('\n');
            }
            return sb.toString();
        }
        sb.append("quantity,value\n");
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            sb.append(entry.getKey()).append(',').append(csvValue(entry.getValue())).append('\n');
        }
        return sb.toString();
    }

    private static String csvValue(Object value) {
        String text = String.valueOf(value);
        return text.contains(",") || text.contains("\"") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String table(Map<String, Object> map) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            if (entry.getKey().equals("q") || entry.getKey().equals("chiByLayer")) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-22s %s%n", entry.getKey(), SpectrumReport.tableValue(
                    entry.getValue())));
        }
        if (map.get("q") instanceof double[] q) {
            double[] chi = (double[]) map.get("chiByLayer");
            sb.append(String.format(Locale.ROOT, "%6s %24s %24s%n", "layer", "q", "chi"));
            for (int l = 0; l < q.length; l++) {
                sb.append(String.format(Locale.ROOT, "%6d %24s %24s%n", l + 1, q[l], chi[l]));
            }
        }
        return sb.toString();
    }
}
