package io.github.freeprob.convolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import java.util.function.DoubleFunction;
import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;

/**
 * The warm-started walk that Stieltjes inversion uses for its bisections ({@link Measure#boundaryWalk()}, by
 * {@link Subordination#solveNear}) against cold solves and a closed form, on the midpoints of a bisection that closes
 * in on an edge from both sides, where the boundary value is worst conditioned (|∂T/∂w| → 1). The inversion-level
 * effect, the edge found, is held by the accuracy table's edge rows ({@code AccuracyTest}).
 */
class BoundaryWalkTest {

    /**
     * semicircle(1) ⊞ semicircle(1) = semicircle(2), edge 2√2: the midpoints of a bisection of
     * [2√2 − 10⁻², 2√2 + 10⁻²] toward the edge, 45 of them (down to 10⁻¹⁵ of the bracket). Each walked value equals
     * the cold solve's to (10⁻¹² + 10⁻¹⁴/√d) relative at distance d from the edge: both solve w = T(w) to 10⁻¹⁴, and
     * next to a square-root edge the conditioning 1/|1 − ∂T/∂w| ~ d^{−1/2} magnifies that (measured: 1e-10 at
     * d = 1.2e-12). A wrong fixed point would differ in Im G by the density itself, about √d/π, above that bound for
     * d &gt; 10⁻¹⁴. Against the closed form G = (z − √(z² − 8))/4, to 10⁻⁷ at d ≥ 10⁻⁸ (the solver's own accuracy
     * next to the edge).
     */
    @Test
    void bisectionMidpointsMatchColdSolvesAndTheClosedForm() {
        Measure sum = FreeConvolution.additive(Laws.semicircle(1), Laws.semicircle(1));
        Measure exact = Laws.semicircle(2);
        double edge = 2 * Math.sqrt(2);
        DoubleFunction<Complex> walk = sum.boundaryWalk();
        double outside = edge + 1e-2;
        double inside = edge - 1e-2;
        int compared = 0;
        for (int k = 0; k < 45; k++) {
            double mid = 0.5 * (outside + inside);
            Complex walked = walk.apply(mid);
            Complex cold = sum.cauchyUpper(new Complex(mid, 0.0));
            double distance = Math.abs(mid - edge);
            assertThat(walked.subtract(cold).norm()).as("walk against cold solve at %s", mid)
                    .isLessThanOrEqualTo((1e-12 + 1e-14 / Math.sqrt(distance)) * cold.norm());
            if (distance >= 1e-8) {
                Complex closed = exact.cauchy(new Complex(mid, 0.0));
                assertThat(walked.subtract(closed).norm()).as("walk against the closed form at %s", mid)
                        .isLessThanOrEqualTo(1e-7 * closed.norm());
                compared++;
            }
            // Bisection on the closed form's own side test, so that the midpoints alternate around the edge.
            if (mid > edge) {
                outside = mid;
            } else {
                inside = mid;
            }
        }
        assertThat(compared).isGreaterThan(15);
    }

    /**
     * mp(1) ⊠ mp(1), whose upper edge is 27/4 (the Fuss–Catalan law): the same bisection; walked values against cold
     * solves to 10⁻⁸ relative (the multiplicative equation's rounding is larger, and so is the edge's conditioning).
     */
    @Test
    void multiplicativeBisectionMatchesColdSolves() {
        Measure product = FreeConvolution.multiplicative(Laws.marchenkoPastur(1), Laws.marchenkoPastur(1));
        double edge = 27.0 / 4;
        DoubleFunction<Complex> walk = product.boundaryWalk();
        double outside = edge + 1e-2;
        double inside = edge - 1e-2;
        for (int k = 0; k < 40; k++) {
            double mid = 0.5 * (outside + inside);
            Complex walked = walk.apply(mid);
            Complex cold = product.cauchyUpper(new Complex(mid, 0.0));
            assertThat(walked.subtract(cold).norm()).as("walk against cold solve at %s", mid)
                    .isLessThanOrEqualTo(1e-8 * cold.norm());
            if (mid > edge) {
                outside = mid;
            } else {
                inside = mid;
            }
        }
    }
}
