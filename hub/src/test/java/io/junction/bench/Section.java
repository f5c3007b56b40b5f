package io.junction.bench;

import java.util.List;

/** One part of bin/bench ({@code tcp}, {@code ws}, ...): starts what it needs, measures, returns its tables. */
interface Section {

  /** The name on the command line. */
  String name();

  List<Table> run(Bench bench) throws Exception;
}
