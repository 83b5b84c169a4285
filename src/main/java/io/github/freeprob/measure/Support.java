package io.github.freeprob.measure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A finite union of disjoint closed intervals, sorted: the support of the absolutely continuous part of a measure.
 * It may be empty (a purely atomic measure).
 */
public final class Support {

    private static final Support EMPTY = new Support(List.of());

    private final List<Interval> intervals;

    private Support(List<Interval> intervals) {
        this.intervals = intervals;
    }

    /** @return the empty support */
    public static Support empty() {
        return EMPTY;
    }

    /** @return the union of the given intervals; overlapping or touching ones (to a few ulps) are merged */
    public static Support of(Collection<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingDouble(Interval::lo));
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            if (!merged.isEmpty() && next.lo() <= merged.get(merged.size() - 1).hi()
                    + 4 * Math.ulp(merged.get(merged.size() - 1).hi())) {
                Interval last = merged.remove(merged.size() - 1);
                merged.add(last.span(next));
            } else {
                merged.add(next);
            }
        }
        return new Support(List.copyOf(merged));
    }

    /** @return the support made of one interval */
    public static Support of(Interval interval) {
        return new Support(List.of(interval));
    }

    /** @return the intervals, sorted and disjoint */
    public List<Interval> intervals() {
        return intervals;
    }

    /** @return whether there is no interval */
    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    /** @return whether x lies in one of the intervals */
    public boolean contains(double x) {
        for (Interval interval : intervals) {
            if (interval.contains(x)) {
                return true;
            }
        }
        return false;
    }

    /** @return the smallest interval containing the whole support, if any */
    public Optional<Interval> hull() {
        if (intervals.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Interval.of(intervals.get(0).lo(), intervals.get(intervals.size() - 1).hi()));
    }

    /** @return the image under t ↦ shift + scale·t */
    public Support affine(double shift, double scale) {
        List<Interval> mapped = new ArrayList<>();
        for (Interval interval : intervals) {
            mapped.add(interval.affine(shift, scale));
        }
        return of(mapped);
    }

    /** @return the union of two supports */
    public Support union(Support other) {
        List<Interval> all = new ArrayList<>(intervals);
        all.addAll(other.intervals);
        return of(all);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Support other && intervals.equals(other.intervals);
    }

    @Override
    public int hashCode() {
        return intervals.hashCode();
    }

    @Override
    public String toString() {
        return intervals.toString();
    }
}
