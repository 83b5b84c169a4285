package io.github.freeprob.validation;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.numerics.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The distances between a predicted law and one sampled spectrum, the thresholds they were held to, and the verdict.
 * Immutable.
 */
public final class Comparison {

    private final int size;
    private final double levy;
    private final double wasserstein;
    private final double relativeWasserstein;
    private final double[] momentErrors;
    private final double largestEigenvalue;
    private final double upperEdge;
    private final double relativeEdgeError;
    private final Thresholds thresholds;

    private Comparison(int size, double levy, double wasserstein, double relativeWasserstein, double[] momentErrors,
                       double largestEigenvalue, double upperEdge, double relativeEdgeError, Thresholds thresholds) {
        this.size = size;
        this.levy = levy;
        this.wasserstein = wasserstein;
        this.relativeWasserstein = relativeWasserstein;
        this.momentErrors = momentErrors;
        this.largestEigenvalue = largestEigenvalue;
        this.upperEdge = upperEdge;
        this.relativeEdgeError = relativeEdgeError;
        this.thresholds = thresholds;
    }

    /**
     * Compares a sample with its predicted law.
     *
     * @param predicted        the predicted law, inverted (CDF with atoms, support, edges)
     * @param predictedMoments m_0 … m_M of the predicted law (from its {@code Measure} or an exact engine), M ≥ K + 1
     * @param eigenvalues      the sampled spectrum
     * @param thresholds       the thresholds at this N
     * @return the comparison
     */
    public static Comparison of(Spectrum predicted, double[] predictedMoments, double[] eigenvalues,
                                Thresholds thresholds) {
        Checks.atLeast("number of eigenvalues", eigenvalues.length, 1);
        double w1 = Distances.wasserstein(predicted, eigenvalues);
        double max = Double.NEGATIVE_INFINITY;
        for (double x : eigenvalues) {
            max = Math.max(max, x);
        }
        return new Comparison(eigenvalues.length, Distances.levy(predicted, eigenvalues), w1,
                w1 / Distances.meanAbsolute(predicted),
                Distances.relativeMomentErrors(predictedMoments, eigenvalues, thresholds.moments()), max,
                Distances.upperEdge(predicted), Distances.relativeEdgeError(predicted, eigenvalues), thresholds);
    }

    /**
     * Compares a sample with its predicted law under a finite-size rule evaluated at N = number of eigenvalues.
     */
    public static Comparison of(Spectrum predicted, double[] predictedMoments, double[] eigenvalues,
                                FiniteSizeRule rule) {
        return of(predicted, predictedMoments, eigenvalues, rule.at(eigenvalues.length));
    }

    /** @return N, the number of eigenvalues */
    public int size() {
        return size;
    }

    /** @return the Lévy distance */
    public double levy() {
        return levy;
    }

    /** @return W₁ */
    public double wasserstein() {
        return wasserstein;
    }

    /** @return W₁ / E_μ|X| */
    public double relativeWasserstein() {
        return relativeWasserstein;
    }

    /** @return relative errors of m_1 … m_K (a copy) */
    public double[] momentErrors() {
        return momentErrors.clone();
    }

    /** @return the largest relative moment error */
    public double largestMomentError() {
        double max = 0;
        for (double e : momentErrors) {
            max = Math.max(max, e);
        }
        return max;
    }

    /** @return λ_max of the sample */
    public double largestEigenvalue() {
        return largestEigenvalue;
    }

    /** @return the predicted upper edge */
    public double upperEdge() {
        return upperEdge;
    }

    /** @return (λ_max − edge) / max(|edge|, E|X|) */
    public double relativeEdgeError() {
        return relativeEdgeError;
    }

    /** @return the thresholds held to */
    public Thresholds thresholds() {
        return thresholds;
    }

    /** @return the breached thresholds, each named with its value and limit (empty when all hold) */
    public List<String> breaches() {
        List<String> out = new ArrayList<>();
        check(out, "Levy distance", levy, thresholds.levy());
        check(out, "relative Wasserstein-1", relativeWasserstein, thresholds.relativeWasserstein());
        for (int k = 0; k < momentErrors.length; k++) {
            check(out, "relative error of m_" + (k + 1), momentErrors[k], thresholds.relativeMoment());
        }
        check(out, "relative edge error", Math.abs(relativeEdgeError), thresholds.relativeEdge());
        return out;
    }

    private static void check(List<String> out, String name, double value, double limit) {
        if (!(value <= limit)) {
            out.add(String.format(Locale.ROOT, "%s = %.3g > %.3g", name, value, limit));
        }
    }

    /** @return whether every distance is within its threshold */
    public boolean passed() {
        return breaches().isEmpty();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "N = %d: Levy %.3g (<= %.3g), W1 %.3g, rel W1 %.3g (<= %.3g), max moment error %.3g (<= %.3g), "
                        + "lambda_max %.5g vs edge %.5g (rel %.3g, <= %.3g)%s",
                size, levy, thresholds.levy(), wasserstein, relativeWasserstein, thresholds.relativeWasserstein(),
                largestMomentError(), thresholds.relativeMoment(), largestEigenvalue, upperEdge, relativeEdgeError,
                thresholds.relativeEdge(), passed() ? "" : " FAILED: " + breaches());
    }
}
