package com.devicecreds.portal.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/** What the users saw: every navigation's time and problem, every poll's problem; safe for many threads. */
final class Samples {

    record Sample(String page, long startedNanos, double millis, Optional<String> problem) {
    }

    private final ConcurrentLinkedQueue<Sample> navigations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Sample> other = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong imagesFetched = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong imagesReused = new java.util.concurrent.atomic.AtomicLong();

    void navigation(String page, long startedNanos, Optional<String> problem) {
        navigations.add(new Sample(page, startedNanos, (System.nanoTime() - startedNanos) / 1e6, problem));
    }

    /** A sign-in, a page load, a poll or a heartbeat: counted for errors, not for navigation times. */
    /** Chart images a browser fetched, and those it showed again from its own copy. */
    void images(int fetched, int reused) {
        imagesFetched.addAndGet(fetched);
        imagesReused.addAndGet(reused);
    }

    long imagesFetched() {
        return imagesFetched.get();
    }

    long imagesReused() {
        return imagesReused.get();
    }

    void other(String what, long startedNanos, Optional<String> problem) {
        other.add(new Sample(what, startedNanos, (System.nanoTime() - startedNanos) / 1e6, problem));
    }

    List<Sample> navigations() {
        return List.copyOf(navigations);
    }

    long navigationsStartedBetween(long fromNanos, long toNanos) {
        return navigations.stream().filter(s -> s.startedNanos() >= fromNanos && s.startedNanos() < toNanos).count();
    }

    long count(String what) {
        return other.stream().filter(s -> s.page().equals(what)).count();
    }

    List<Sample> problems() {
        var all = new ArrayList<Sample>();
        navigations.stream().filter(s -> s.problem().isPresent()).forEach(all::add);
        other.stream().filter(s -> s.problem().isPresent()).forEach(all::add);
        return all;
    }

    /** Navigation times by page, in the order pages were first seen. */
    Map<String, List<Double>> millisByPage() {
        return navigations.stream().sorted(Comparator.comparingLong(Sample::startedNanos)).collect(Collectors.groupingBy(
                Sample::page, LinkedHashMap::new, Collectors.mapping(Sample::millis, Collectors.toList())));
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        var sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }
}
