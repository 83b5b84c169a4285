package io.github.freeprob.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.freeprob.measure.Atom;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Pictures: the log₁₀ x form of a density chart, and titles that fit the picture. */
class ChartsTest {

    /**
     * On a log₁₀ axis the curve is the density of log₁₀ x, ln(10)·x·ρ(x), at log₁₀ x; an atom above 0 is drawn at the
     * log₁₀ of its location and labelled with the location itself; an atom at 0 is named in the axis title.
     */
    @Test
    void logAxisShowsTheDensityOfLog10X() {
        double[] x = {0.1, 1, 10};
        double[] density = {2, 0.5, 0.01};
        XYChart chart = Charts.densityChart("t", "x (eigenvalue)", x, density,
                List.of(new Atom(0, 0.25), new Atom(100, 0.125)), true, 0.03);
        XYSeries curve = chart.getSeriesMap().get("density");
        double[] shownX = curve.getXData();
        double[] shownY = curve.getYData();
        for (int i = 0; i < x.length; i++) {
            assertThat(shownX[i]).isCloseTo(Math.log10(x[i]), offset(1e-15));
            assertThat(shownY[i]).isCloseTo(Math.log(10) * x[i] * density[i], offset(1e-15));
        }
        XYSeries atom = chart.getSeriesMap().get("atom at 100.0, mass 0.1250");
        assertThat(atom).isNotNull();
        assertThat(atom.getXData()).containsExactly(2.0, 2.0);
        assertThat(chart.getSeriesMap()).hasSize(2);
        assertThat(chart.getXAxisTitle()).isEqualTo("log₁₀ x (eigenvalue); atom at 0.000 of mass 0.2500 not drawn;"
                + " mass 0.0300 below 10^-1.0 not drawn");
        XYChart nothingBelow = Charts.densityChart("t", "x", x, density, List.of(), true, 0.5e-4);
        assertThat(nothingBelow.getXAxisTitle()).isEqualTo("log₁₀ x");
        XYChart linear = Charts.densityChart("t", "x", x, density, List.of(new Atom(0, 0.25)), false, 0);
        assertThat(linear.getSeriesMap().get("density").getXData()).containsExactly(x);
        assertThat(linear.getSeriesMap()).hasSize(2);
    }

    /**
     * A title that does not fit the picture in the default font is set in a smaller one in which it fits; one too long
     * even at the smallest size is cut and ends in "…"; a short one keeps the styler's font.
     */
    @Test
    void titlesFitThePicture() {
        XYChart chart = flat("short");
        Font standard = new XYChart(10, 10).getStyler().getChartTitleFont();
        assertThat(chart.getStyler().getChartTitleFont().getSize2D()).isEqualTo(standard.getSize2D());
        assertThat(chart.getTitle()).isEqualTo("short");

        String longer = "eigenvalues of JJ^T: " + "tanh, orthogonal weights, sigma_w^2 = 1.3939616283140792, ".repeat(2);
        XYChart shrunk = flat(longer);
        Font font = shrunk.getStyler().getChartTitleFont();
        assertThat(shrunk.getTitle()).isEqualTo(longer);
        assertThat(font.getSize2D()).isLessThan(standard.getSize2D()).isGreaterThanOrEqualTo(Charts.MIN_TITLE_POINTS);
        assertThat(width(font, longer)).isLessThanOrEqualTo(Charts.WIDTH - 2 * Charts.TITLE_PADDING);

        String tooLong = longer.repeat(4);
        XYChart cut = flat(tooLong);
        assertThat(cut.getTitle()).endsWith("…").hasSizeLessThan(tooLong.length());
        assertThat(tooLong).startsWith(cut.getTitle().substring(0, cut.getTitle().length() - 1));
        assertThat(cut.getStyler().getChartTitleFont().getSize2D()).isEqualTo(Charts.MIN_TITLE_POINTS);
        assertThat(width(cut.getStyler().getChartTitleFont(), cut.getTitle()))
                .isLessThanOrEqualTo(Charts.WIDTH - 2 * Charts.TITLE_PADDING);
    }

    /**
     * A validation picture against log₁₀ x: values at or below the zero level (0 blurred by rounding) are counted in the
     * axis title, the rest binned uniformly in log₁₀ x with heights in units of the density of log₁₀ x relative to the
     * whole sample: {0, 10⁻²⁰ | 1, 10, 10, 100} with 2 bins over log₁₀ x ∈ [0, 2] gives 1/6 and 3/6 per unit of
     * log₁₀ x; the curve is ln(10)·x·ρ(x) at log₁₀ x. With nothing above the zero level the picture is refused.
     */
    @Test
    void validationAgainstLog10X() {
        double[] x = {1, 10, 100};
        double[] density = {0.2, 0.03, 0.001};
        XYChart chart = Charts.validationChart("t", "x (eigenvalue)", x, density, List.of(new Atom(0, 1.0 / 3)),
                new double[] {0, 1e-20, 1, 10, 10, 100}, 2, false, true, 1e-10, "sampled", "predicted");
        double[] heights = chart.getSeriesMap().get("sampled, 2 bins").getYData();
        double[] edges = chart.getSeriesMap().get("sampled, 2 bins").getXData();
        assertThat(edges[1]).isEqualTo(0);
        assertThat(edges[4]).isEqualTo(2);
        assertThat(heights[1]).isCloseTo(1.0 / 6, offset(1e-15));
        assertThat(heights[3]).isCloseTo(3.0 / 6, offset(1e-15));
        double[] curve = chart.getSeriesMap().get("predicted").getYData();
        double[] at = chart.getSeriesMap().get("predicted").getXData();
        for (int i = 0; i < x.length; i++) {
            assertThat(at[i]).isCloseTo(Math.log10(x[i]), offset(1e-15));
            assertThat(curve[i]).isCloseTo(Math.log(10) * x[i] * density[i], offset(1e-15));
        }
        assertThat(chart.getXAxisTitle()).isEqualTo("log₁₀ x (eigenvalue); 2 of 6 sampled values below 1.0e-10"
                + " (rounding) not drawn; atom at 0.000 of mass 0.3333 not drawn");
        assertThatThrownBy(() -> Charts.validationChart("t", "x", x, density, List.of(), new double[] {0, 1e-12}, 2,
                false, true, 1e-10, "sampled", "predicted")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--log-x needs sampled values above 0");
    }

    /**
     * The x axis ends are rounded outward to a tenth of the power of 10 below the range (75 → 1, 2.7 → 0.1, 0.14 →
     * 0.01), with the decimals of that step, so that XChart's ticks fall on round values.
     */
    @Test
    void axisEndsAreRounded() {
        XYChart chart = flat("t");
        Charts.roundAxisEnds(chart, -3.3989, 71.72);
        assertThat(chart.getStyler().getXAxisMin()).isCloseTo(-4, offset(1e-12));
        assertThat(chart.getStyler().getXAxisMax()).isCloseTo(72, offset(1e-12));
        assertThat(chart.getStyler().getXAxisDecimalPattern()).isEqualTo("0");
        Charts.roundAxisEnds(chart, 0.3976, 3.0953);
        assertThat(chart.getStyler().getXAxisMin()).isCloseTo(0.3, offset(1e-12));
        assertThat(chart.getStyler().getXAxisMax()).isCloseTo(3.1, offset(1e-12));
        assertThat(chart.getStyler().getXAxisDecimalPattern()).isEqualTo("0.#");
        Charts.roundAxisEnds(chart, -0.0695, 0.0695);
        assertThat(chart.getStyler().getXAxisMin()).isCloseTo(-0.07, offset(1e-12));
        assertThat(chart.getStyler().getXAxisMax()).isCloseTo(0.07, offset(1e-12));
        assertThat(chart.getStyler().getXAxisDecimalPattern()).isEqualTo("0.##");
    }

    /** A chart of a flat density on [0, 1] with this title. */
    private static XYChart flat(String title) {
        return Charts.densityChart(title, "x", new double[] {0, 1}, new double[] {1, 1}, List.of(), false, 0);
    }

    private static int width(Font font, String text) {
        var graphics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return graphics.getFontMetrics(font).stringWidth(text);
        } finally {
            graphics.dispose();
        }
    }
}
