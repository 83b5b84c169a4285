package io.github.freeprob.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.freeprob.inversion.InversionDiagnostics;
import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.measure.Support;
import io.github.freeprob.network.SingularValues;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * The printable result of a spectrum computation: atoms, support, density and CDF on a grid, moments and diagnostics;
 * rendered as a table, CSV or JSON.
 */
final class SpectrumReport {

    /** The grid extends this fraction of the spread (of log x, on a geometric grid) beyond the support and the atoms. */
    static final double MARGIN = 0.05;
    /**
     * A geometric grid over a law reaching down to 0 starts where the law's positive part has this fraction of its
     * mass below (the 10⁻⁶ quantile of the positive part), but not below {@link #LOG_GRID_FLOOR} times its top.
     */
    static final double LOG_GRID_TAIL = 1e-6;
    /**
     * The lowest start of a geometric grid, relative to its top: 150 decades is more than a picture resolves, and it
     * keeps the grid far from the subnormal numbers (where the density's subordination solve was seen to stall: the
     * Jacobian of tanh at L = 1000 at x = 2·10⁻³¹³); the CDF at the first point says how much lies below.
     */
    static final double LOG_GRID_FLOOR = 1e-150;
    /** Moments reported, m_1 … m_{@value}. */
    static final int MOMENTS = 8;
    /** Working precision of the exact moment engine (decimal digits). */
    static final int EXACT_DIGITS = 34;
    /** How the moments from the exact engine are labelled. */
    static final String EXACT_SOURCE = "exact moment engine (" + EXACT_DIGITS + " digits)";

    final String name;
    final String axis;
    final List<Atom> atoms;
    final List<Interval> support;
    final double[] x;
    final double[] density;
    /** F on the grid; null for a density evaluated straight from G ({@link #ofDensity}). */
    final double[] cdf;
    final double[] moments;
    /** Whether {@link #x} is geometric (uniform in log x): the picture then has a logarithmic x axis. */
    final boolean geometric;
    final Map<String, Object> diagnostics;
    /** Further top-level fields (JSON) and summary lines (table), after the support. */
    final Map<String, Object> extra = new LinkedHashMap<>();
    /** Per-layer summaries: the JSON field "layers" and a table after the summary; empty when not asked for. */
    final List<Map<String, Object>> layers = new ArrayList<>();
    /**
     * The inverted law of the eigenvalues (of the Gram matrix, for singular values): what {@code validate} compares;
     * null for {@link #ofDensity}.
     */
    final Spectrum eigenvalueLaw;
    /** Reference moments m_0 … m_{@value #MOMENTS} of {@link #eigenvalueLaw}. */
    final double[] eigenvalueMoments;

    private SpectrumReport(String name, String axis, List<Atom> atoms, Support support, double[] x, boolean geometric,
                           double[] density, double[] cdf, double[] moments, Map<String, Object> diagnostics,
                           Spectrum eigenvalueLaw, double[] eigenvalueMoments) {
        this.eigenvalueLaw = eigenvalueLaw;
        this.eigenvalueMoments = eigenvalueMoments == null ? null : eigenvalueMoments.clone();
        this.name = name;
        this.axis = axis;
        this.atoms = List.copyOf(atoms);
        this.support = support.intervals();
        this.x = x;
        this.geometric = geometric;
        this.density = density;
        this.cdf = cdf;
        this.moments = moments;
        this.diagnostics = diagnostics;
    }

    /**
     * Inverts a law and reports it, with its moments from the exact engine where the law has one.
     *
     * @param name   how the law is named in the output
     * @param law    the measure
     * @param route  the route, for the diagnostics
     * @param grid   the grid the density and CDF are reported on
     * @return the report
     * @throws IllegalArgumentException for a geometric grid over a law that charges the negative axis
     */
    static SpectrumReport compute(String name, Measure law, String route, Grid grid) {
        long start = System.nanoTime();
        Spectrum spectrum = StieltjesInversion.invert(law);
        double[] exact;
        String momentSource;
        try {
            exact = law.exactMoments(MOMENTS, Precision.ofDigits(EXACT_DIGITS)).toDoubleArray();
            momentSource = EXACT_SOURCE;
        } catch (UnsupportedOperationException e) {
            exact = law.moments(MOMENTS);
            momentSource = "double precision";
        }
        return of(name, spectrum, exact, momentSource, route, grid, start);
    }

    /**
     * Reports an inverted law whose reference moments are known.
     *
     * @param name         how the law is named in the output
     * @param spectrum     its Stieltjes inversion
     * @param exact        reference moments m_0 … m_8 (the density's moments are checked against them)
     * @param momentSource where {@code exact} comes from
     * @param route        the route, for the diagnostics
     * @param grid         the grid the density and CDF are reported on
     * @param start        {@link System#nanoTime()} when the computation began
     * @return the report
     * @throws IllegalArgumentException for a geometric grid over a law that charges the negative axis
     */
    static SpectrumReport of(String name, Spectrum spectrum, double[] exact, String momentSource, String route,
                             Grid grid, long start) {
        double[] x = points(grid, spectrum.support(), spectrum.atoms(), spectrum::cdf, "x");
        double[] density = grid.evaluation().blocks(x, spectrum::density);
        double[] cdf = grid.evaluation().map(x, spectrum::cdf);
        double check = maxRelativeError(spectrum.moments(MOMENTS), exact, 1);
        Map<String, Object> diagnostics = diagnostics(spectrum.diagnostics(), route, start, momentSource, check);
        return new SpectrumReport(name, "x (eigenvalue)", spectrum.atoms(), spectrum.support(), x, grid.geometric(),
                density, cdf, Arrays.copyOfRange(exact, 1, MOMENTS + 1), diagnostics, spectrum, exact);
    }

    /**
     * Reports the law of the singular values s = √λ from that of the eigenvalues λ ≥ 0 of the Gram matrix. Its moments
     * E[s^k] come from the Gauss rules of the compact eigenvalue law; the even ones, E[s^{2k}] = E[λ^k], are checked
     * against the eigenvalues' reference moments.
     *
     * @param exactEigenvalueMoments reference moments E[λ^k], k = 0 … 8
     * @param grid                   the grid the density and CDF are reported on
     */
    static SpectrumReport ofSingularValues(String name, SingularValues law, double[] exactEigenvalueMoments,
                                           String route, Grid grid, long start) {
        double[] x = points(grid, law.support(), law.atoms(), law::cdf, "s");
        double[] density = grid.evaluation().blocks(x, law::density);
        double[] cdf = grid.evaluation().map(x, law::cdf);
        double[] moments = law.moments(MOMENTS);
        double check = 0;
        for (int k = 1; 2 * k <= MOMENTS; k++) {
            check = Math.max(check, Math.abs(moments[2 * k] - exactEigenvalueMoments[k])
                    / Math.max(1, Math.abs(exactEigenvalueMoments[k])));
        }
        Map<String, Object> diagnostics = diagnostics(law.eigenvalues().diagnostics(), route, start,
                "Gauss rules of the compact eigenvalue law; even orders checked against the eigenvalues' "
                        + EXACT_SOURCE, check);
        return new SpectrumReport(name, "s (singular value)", law.atoms(), law.support(), x, grid.geometric(), density,
                cdf, Arrays.copyOfRange(moments, 1, MOMENTS + 1), diagnostics, law.eigenvalues(),
                exactEigenvalueMoments);
    }

    /**
     * Reports a density evaluated straight from G on a grid over an interval known to hold all but a negligible part of
     * the law, without a Stieltjes inversion: no atoms, support or CDF (JSON and CSV leave them out), and no check of
     * the density's moments; the reference moments are still printed.
     *
     * @param name       how the law is named in the output
     * @param hull       an interval that holds the law (but for a stated mass above it); its lower end must be above 0
     *                   for a geometric grid
     * @param grid       the grid the density is reported on
     * @param density    the density at given points (in any order)
     * @param exact      reference moments m_0 … m_8
     * @param route      how the density was computed, for the diagnostics
     * @param start      {@link System#nanoTime()} when the computation began
     */
    static SpectrumReport ofDensity(String name, Interval hull, Grid grid, UnaryOperator<double[]> density,
                                    double[] exact, String route, long start) {
        double[] x = points(grid, Support.of(hull), List.of(), t -> {
            throw new IllegalArgumentException("--log-x needs a grid above 0 here, but it starts at " + hull.lo());
        }, "x");
        double[] values = density.apply(x);
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("route", route);
        diagnostics.put("seconds", (System.nanoTime() - start) / 1e9);
        diagnostics.put("trapezoidMass", trapezoid(x, values));
        diagnostics.put("momentsSource", EXACT_SOURCE);
        return new SpectrumReport(name, "x (eigenvalue)", List.of(), Support.empty(), x, grid.geometric(), values,
                null, Arrays.copyOfRange(exact, 1, MOMENTS + 1), diagnostics, null, null);
    }

    /** The trapezoid rule for ∫ f over the (sorted) grid: the continuous mass the grid sees, to its resolution. */
    private static double trapezoid(double[] x, double[] f) {
        double sum = 0;
        for (int i = 1; i < x.length; i++) {
            sum += 0.5 * (x[i] - x[i - 1]) * (f[i] + f[i - 1]);
        }
        return sum;
    }

    /** @return whether this reports a density alone (no inversion: no atoms, support or CDF) */
    boolean densityOnly() {
        return cdf == null;
    }

    private static double maxRelativeError(double[] values, double[] reference, int from) {
        double error = 0;
        for (int k = from; k < reference.length && k < values.length; k++) {
            error = Math.max(error, Math.abs(values[k] - reference[k]) / Math.max(1, Math.abs(reference[k])));
        }
        return error;
    }

    private static Map<String, Object> diagnostics(InversionDiagnostics d, String route, long start,
                                                   String momentSource, double check) {
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
        return diagnostics;
    }

    /** The grid's points: uniform or geometric, over the support and the atoms. */
    private static double[] points(Grid grid, Support support, List<Atom> atoms, DoubleUnaryOperator cdf,
                                   String variable) {
        Interval hull = hull(support, atoms);
        return grid.geometric() ? geometricGrid(hull, cdf, grid.points(), variable) : uniformGrid(hull, grid.points());
    }

    /** The smallest interval that holds the support and the atoms. */
    private static Interval hull(Support support, List<Atom> atoms) {
        Interval hull = support.hull().orElse(null);
        for (Atom atom : atoms) {
            hull = hull == null ? Interval.of(atom.location(), atom.location()) : hull.span(atom.location());
        }
        return hull;
    }

    /** A uniform grid over the hull, {@value #MARGIN} of the spread wider on each side. */
    private static double[] uniformGrid(Interval hull, int points) {
        double width = hull.width() > 0 ? hull.width() : Math.max(1, Math.abs(hull.center()));
        double lo = hull.lo() - MARGIN * width;
        double hi = hull.hi() + MARGIN * width;
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = lo + (hi - lo) * i / (points - 1);
        }
        return x;
    }

    /**
     * A geometric grid for a law on [0, ∞): from the lower edge of the hull, or where it is 0, from the
     * {@value #LOG_GRID_TAIL} quantile of the law's positive part (atoms at 0 set aside; found by bisection of the
     * CDF in log x), to the top; {@value #MARGIN} of the spread of log x (at most a decade) wider on
     * each side, but never below {@value #LOG_GRID_FLOOR} times the top.
     *
     * @throws IllegalArgumentException if the law charges the negative axis or is a point mass at 0
     */
    private static double[] geometricGrid(Interval hull, DoubleUnaryOperator cdf, int points, String variable) {
        if (hull.lo() < 0) {
            throw new IllegalArgumentException("--log-x needs a law on [0, inf), but it reaches down to " + variable
                    + " = " + Checks.format(hull.lo()));
        }
        double top = hull.hi();
        if (!(top > 0)) {
            throw new IllegalArgumentException("--log-x needs mass above 0, but the law is a point mass at 0");
        }
        double bottom = hull.lo() > 0 ? hull.lo() : positiveQuantile(cdf, top);
        double spread = Math.log(top / bottom);
        double margin = Math.min(MARGIN * spread, Math.log(10));
        if (!(margin > 0)) {
            margin = MARGIN * Math.log(10);
        }
        double lo = Math.max(Math.log(bottom) - margin, Math.log(LOG_GRID_FLOOR * top));
        double hi = Math.log(top) + margin;
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = Math.exp(lo + (hi - lo) * i / (points - 1));
        }
        return x;
    }

    /**
     * The point below which the positive part of a law on [0, top] has the fraction {@value #LOG_GRID_TAIL} of its
     * mass, or {@value #LOG_GRID_FLOOR}·top if more lies below that; by bisection in log x to 10⁻³ relative.
     */
    private static double positiveQuantile(DoubleUnaryOperator cdf, double top) {
        double atZero = cdf.applyAsDouble(0);
        double target = atZero + LOG_GRID_TAIL * (1 - atZero);
        double lo = Math.log(LOG_GRID_FLOOR * top);
        if (cdf.applyAsDouble(Math.exp(lo)) >= target) {
            return Math.exp(lo);
        }
        double hi = Math.log(top);
        while (hi - lo > 1e-3) {
            double mid = 0.5 * (lo + hi);
            if (cdf.applyAsDouble(Math.exp(mid)) >= target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Math.exp(hi);
    }

    /** @return the mass of the continuous part below the grid's first point: what a picture of the grid leaves out */
    double massBelowGrid() {
        if (densityOnly()) {
            return 0;
        }
        double atoms = 0;
        for (Atom atom : this.atoms) {
            if (atom.location() <= x[0]) {
                atoms += atom.mass();
            }
        }
        return Math.max(0, cdf[0] - atoms);
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
        if (densityOnly()) {
            map.putAll(extra);
            map.put("grid", geometric ? "geometric" : "uniform");
            map.put("x", x);
            map.put("density", density);
            map.put("moments", moments);
            map.put("diagnostics", diagnostics);
            return map;
        }
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
        if (!layers.isEmpty()) {
            map.put("layers", layers);
        }
        map.put("grid", geometric ? "geometric" : "uniform");
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
        if (densityOnly()) {
            StringBuilder sb = new StringBuilder("x,density\n");
            for (int i = 0; i < x.length; i++) {
                sb.append(x[i]).append(',').append(density[i]).append('\n');
            }
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder(axis.startsWith("s") ? "s,density,cdf\n" : "x,density,cdf\n");
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
        if (densityOnly()) {
            sb.append("  support, atoms and CDF not computed (the density alone, straight from G)\n");
            appendMoments(sb);
            sb.append(String.format(Locale.ROOT, "  route      %s%n", diagnostics.get("route")));
            sb.append(String.format(Locale.ROOT, "  %14s %16s%n", "x", "density"));
            int step = Math.max(1, x.length / 25);
            for (int i = 0; i < x.length; i += step) {
                sb.append(String.format(Locale.ROOT, "  %14.8g %16.10g%n", x[i], density[i]));
            }
            return sb.toString();
        }
        sb.append(String.format(Locale.ROOT, "  support    %s%n", support));
        if (atoms.isEmpty()) {
            sb.append("  atoms      none\n");
        }
        for (Atom atom : atoms) {
            sb.append(String.format(Locale.ROOT, "  atom       x = %.12g   mass %.12g%n", atom.location(), atom.mass()));
        }
        appendMoments(sb);
        sb.append(String.format(Locale.ROOT, "  mass       %.15f (atoms + continuous part); %s%n",
                (double) diagnostics.get("totalMass"), "route " + diagnostics.get("route")));
        if (!layers.isEmpty()) {
            sb.append(layerTable());
        }
        sb.append(String.format(Locale.ROOT, "  %14s %16s %16s%n", axis.substring(0, 1), "density", "cdf"));
        int step = Math.max(1, x.length / 25);
        for (int i = 0; i < x.length; i += step) {
            sb.append(String.format(Locale.ROOT, "  %14.8g %16.10g %16.12f%n", x[i], density[i], cdf[i]));
        }
        return sb.toString();
    }

    private void appendMoments(StringBuilder sb) {
        sb.append("  moments   ");
        for (int k = 0; k < moments.length; k++) {
            sb.append(String.format(Locale.ROOT, " m%d=%.10g", k + 1, moments[k]));
        }
        sb.append('\n');
    }

    /** The per-layer summaries, one line each. */
    private String layerTable() {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> layer : layers) {
            sb.append("  ").append(tableValue(layer)).append('\n');
        }
        return sb.toString();
    }

    static String tableValue(Object value) {
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
        if (value instanceof Double number) {
            return Checks.format(number);
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(entry.getKey()).append(" = ").append(tableValue(entry.getValue()));
            }
            return sb.toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (Object element : list) {
                sb.append(sb.length() > 1 ? ", " : "").append(tableValue(element));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(value);
    }
}
