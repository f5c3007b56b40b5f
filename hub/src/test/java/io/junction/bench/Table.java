package io.junction.bench;

import java.util.ArrayList;
import java.util.List;

/** A markdown table with a title and notes under it, as bin/bench prints its results. */
final class Table {

  private final String title;
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Table(String title, List<String> header) {
    this.title = title;
    this.header = header;
  }

  Table(String title, String... header) {
    this(title, List.of(header));
  }

  void row(List<String> cells) {
    rows.add(cells);
  }

  void row(String... cells) {
    row(List.of(cells));
  }

  void note(String note) {
    notes.add(note);
  }

  String markdown() {
    StringBuilder sb = new StringBuilder("### ").append(title).append("\n\n| ");
    sb.append(String.join(" | ", header)).append(" |\n|");
    for (int i = 0; i < header.size(); i++) {
      sb.append(i == 0 ? "---|" : "---:|");
    }
    sb.append('\n');
    for (List<String> r : rows) {
      sb.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    for (String n : notes) {
      sb.append('\n').append(n).append('\n');
    }
    return sb.toString();
  }
}
