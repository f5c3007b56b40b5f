package io.junction.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Samples of a figure across runs, their medians, and how the tables print numbers and ratios. */
final class Stats {

  private final Map<String, List<Double>> samples = new LinkedHashMap<>();
  private final Map<String, List<String>> notes = new HashMap<>();
  private final Map<String, Integer> tallies = new HashMap<>();

  void add(String key, double value) {
    samples.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  void tally(String key) {
    tallies.merge(key, 1, Integer::sum);
  }

  int tallied(String key) {
    return tallies.getOrDefault(key, 0);
  }

  void note(String key, String note) {
    List<String> l = notes.computeIfAbsent(key, k -> new ArrayList<>());
    if (!l.contains(note)) {
      l.add(note);
    }
  }

  String notes(String key) {
    return String.join("; ", notes.getOrDefault(key, List.of()));
  }

  /** The median of the samples of {@code key}, NaN without any. */
  double median(String key) {
    return median(samples.getOrDefault(key, List.of()));
  }

  int count(String key) {
    return samples.getOrDefault(key, List.of()).size();
  }

  static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    v.removeIf(d -> d.isNaN());
    if (v.isEmpty()) {
      return Double.NaN;
    }
    v.sort(null);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  /** The {@code p}-th percentile (0..100) of sorted {@code values}. */
  static long percentile(long[] sorted, double p) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
    return sorted[Math.max(0, i)];
  }

  static String count(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
  }

  static String micros(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
  }

  static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", a / b);
  }

  static String kib(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
  }
}
