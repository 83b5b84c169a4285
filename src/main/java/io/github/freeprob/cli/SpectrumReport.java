package io.github.freeprob.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.freeprob.inversion.InversionDiagnostics;
import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The printable result of a spectrum computation: atoms, support, density and CDF on a grid, moments and diagnostics;
 * rendered as a table, CSV or JSON.
 */
final class SpectrumReport {

    /** The grid extends this fraction of the spread beyond the support and the atoms. */
    static final double MARGIN = 0.05;

    final String name;
    final List<Atom> atoms;
    final List<Interval> support;
    final double[] x;
    final double[] density;
    final double[] cdf;
    final double[] moments;
    final Map<String, Object> diagnostics;
    final Map<String, Object> extra = new LinkedHashMap<>();
    final Spectrum spectrum;

    private SpectrumReport(String name, Spectrum spectrum, double[] x, double[] density, double[] cdf,
                           double[] moments, Map<String, Object> diagnostics) {
        this.name = name;
        this.spectrum = spectrum;
        this.atoms = spectrum.atoms();
        this.support = spectrum.support().intervals();
        this.x = x;
        this.density = density;
        this.cdf = cdf;
        this.moments = moments;
        this.diagnostics = diagnostics;
    }

    /**
     * @param name   how the law is named in the output
     * @param law    the measure
     * @param route  the route, for the diagnostics
     * @param points grid size
     * @return the report
     */
    static SpectrumReport compute(String name, Measure law, String route, int points) {
        long start = System.nanoTime();
        Spectrum spectrum = StieltjesInversion.invert(law);
        Interval hull = hull(spectrum);
        double width = hull.width() > 0 ? hull.width() : Math.max(1, Math.abs(hull.center()));
        double lo = hull.lo() - MARGIN * width;
        double hi = hull.hi() + MARGIN * width;
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = points == 1 ? 0.5 * (lo + hi) : lo + (hi - lo) * i / (points - 1);
        }
        double[] density = spectrum.density(x);
        double[] cdf = new double[points];
        for (int i = 0; i < points; i++) {
            cdf[i] = spectrum.cdf(x[i]);
        }
        double[] exact;
        String momentSource;
        try {
            exact = law.exactMoments(8, Precision.ofDigits(34)).toDoubleArray();
            momentSource = "exact moment engine (34 digits)";
        } catch (UnsupportedOperationException e) {
            exact = law.moments(8);
            momentSource = "double precision";
        }
        double[] fromDensity = spectrum.moments(8);
        double check = 0;
        for (int k = 1; k <= 8; k++) {
            check = Math.max(check, Math.abs(fromDensity[k] - exact[k]) / Math.max(1, Math.abs(exact[k])));
        }
        double[] moments = java.util.Arrays.copyOfRange(exact, 1, 9);
        InversionDiagnostics d = spectrum.diagnostics();
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("route", route);
        diagnostics.put("seconds", (System.nanoTime() - start) / 1e9);
        diagnostics.put("cauchyEvaluations", d.evaluations());
        diagnostics.put("totalMass", d.totalMass());
        diagnostics.put("massDefect", Math.abs(d.totalMass() - 1));
        diagnostics.put("atomMassErrors", d.atomMassErrors());
        diagnostics.put("chebyshevCoefficients", d.chebyshevLengths());
        diagnostics.put("chebyshevTails", d.chebyshevTails());
        diagnostics.put("densityResolved", d.resolved());
        diagnostics.put("momentsSource", momentSource);
        diagnostics.put("momentsOfDensityMaxRelativeError", check);
        return new SpectrumReport(name, spectrum, x, density, cdf, moments, diagnostics);
    }

    private static Interval hull(Spectrum spectrum) {
        Interval hull = spectrum.support().hull().orElse(null);
        for (Atom atom : spectrum.atoms()) {
            hull = hull == null ? Interval.of(atom.location(), atom.location()) : hull.span(atom.location());
        }
        return hull;
    }

    String render(OutputFormat format) {
        return switch (format) {
            case JSON -> json();
            case CSV -> csv();
            case TABLE -> table();
        };
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("law", name);
        List<Map<String, Object>> atomList = new ArrayList<>();
        for (Atom atom : atoms) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("location", atom.location());
            entry.put("mass", atom.mass());
            atomList.add(entry);
        }
        map.put("atoms", atomList);
        List<double[]> intervals = new ArrayList<>();
        for (Interval interval : support) {
            intervals.add(new double[] {interval.lo(), interval.hi()});
        }
        map.put("support", intervals);
        map.putAll(extra);
        map.put("x", x);
        map.put("density", density);
        map.put("cdf", cdf);
        map.put("moments", moments);
        map.put("diagnostics", diagnostics);
        return map;
    }

    String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(asMap()) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not render JSON: " + e.getMessage(), e);
        }
    }

    String csv() {
        StringBuilder sb = new StringBuilder("x,density,cdf\n");
        for (int i = 0; i < x.length; i++) {
            sb.append(x[i]).append(',').append(density[i]).append(',').append(cdf[i]).append('\n');
        }
        return sb.toString();
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append('\n');
        for (Map.Entry<String, Object> entry : extra.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %-10s %s%n", entry.getKey(), tableValue(entry.getValue())));
        }
        sb.append(String.format(Locale.ROOT, "  support    %s%n", support));
        if (atoms.isEmpty()) {
            sb.append("  atoms      none\n");
        }
        for (Atom atom : atoms) {
            sb.append(String.format(Locale.ROOT, "  atom       x = %.12g   mass %.12g%n", atom.location(), atom.mass()));
        }
        sb.append("  moments   ");
        for (int k = 0; k < moments.length; k++) {
            sb.append(String.format(Locale.ROOT, " m%d=%.10g", k + 1, moments[k]));
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "  mass       %.15f (atoms + continuous part); %s%n",
                (double) diagnostics.get("totalMass"), "route " + diagnostics.get("route")));
        sb.append(String.format(Locale.ROOT, "  %14s %16s %16s%n", "x", "density", "cdf"));
        int step = Math.max(1, x.length / 25);
        for (int i = 0; i < x.length; i += step) {
            sb.append(String.format(Locale.ROOT, "  %14.8g %16.10g %16.12f%n", x[i], density[i], cdf[i]));
        }
        return sb.toString();
    }

    private static String tableValue(Object value) {
        if (value instanceof double[] array) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < array.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                if (i == 6 && array.length > 10) {
                    sb.append("..., ").append(String.format(Locale.ROOT, "%.8g", array[array.length - 1]));
                    break;
                }
                sb.append(String.format(Locale.ROOT, "%.8g", array[i]));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(value);
    }
}
