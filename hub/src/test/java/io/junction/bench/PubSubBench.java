package io.junction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * bin/bench: Junction beside its peers (the stock Vert.x bridges, nats-server, Socket.IO), side by side in one run,
 * each server in its own process on 127.0.0.1, warmed up, medians of N runs, printed as markdown tables with ratios.
 * The workloads are those of shared/reference/peer-baselines.md; docs/benchmarks.md says what each figure means.
 * Usage: {@code bin/bench [runs] [section ...]}, sections {@code tcp ws sockjs sse cluster rr memory stall}
 * (default: all, 3 runs).
 */
public final class PubSubBench {

  private static final Map<String, Supplier<Section>> SECTIONS = new LinkedHashMap<>();

  static {
    SECTIONS.put("tcp", Sections::tcp);
    SECTIONS.put("ws", Sections::ws);
    SECTIONS.put("sockjs", Sections::sockJs);
    SECTIONS.put("sse", Sections::sse);
    SECTIONS.put("cluster", ClusterSection::new);
    SECTIONS.put("rr", RequestReplySection::new);
    SECTIONS.put("memory", MemorySection::new);
    SECTIONS.put("stall", StallSection::new);
  }

  private PubSubBench() {
  }

  public static void main(String[] args) throws Exception {
    int runs = 3;
    List<String> names = new ArrayList<>();
    for (String a : args) {
      if (a.matches("\\d+")) {
        runs = Math.max(1, Integer.parseInt(a));
      } else if (SECTIONS.containsKey(a)) {
        names.add(a);
      } else if (!a.equals("all")) {
        System.err.println("usage: bin/bench [runs] [section ...]   sections: " + String.join(" ", SECTIONS.keySet()));
        System.exit(2);
      }
    }
    if (names.isEmpty()) {
      names.addAll(SECTIONS.keySet());
    }
    Path jar = Path.of(System.getProperty("junction.hub.jar", "hub/target/junction-hub.jar"));
    Path tmp = Files.createTempDirectory("junction-bench");
    Servers servers = new Servers(jar, tmp);
    Thread cleanup = new Thread(() -> {
      servers.close();
      delete(tmp);
    }, "bench cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    Bench bench = new Bench(runs, servers, tmp);
    List<Table> tables = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    long t0 = System.nanoTime();
    Bench.log("# bin/bench %s, %d run(s), %s, %d cores, Java %s, jar %s, load average %s", String.join(" ", names),
      runs, LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE), Runtime.getRuntime().availableProcessors(),
      Runtime.version(), jar, loadAverage());
    try {
      for (String name : names) {
        long s0 = System.nanoTime();
        Bench.log("%n## %s", name);
        try {
          for (Table t : SECTIONS.get(name).get().run(bench)) {
            System.out.println();
            System.out.println(t.markdown());
            tables.add(t);
          }
        } catch (Exception e) {
          failed.add(name + ": " + e);
          Bench.log("section %s failed: %s", name, e);
          e.printStackTrace(System.out);
        } finally {
          servers.close();
        }
        Bench.log("(%s took %.0f s; load average %s)", name, (System.nanoTime() - s0) / 1e9, loadAverage());
      }
    } finally {
      Bench.log("%n# Results (%d run(s), %.0f s in all)%n", runs, (System.nanoTime() - t0) / 1e9);
      tables.forEach(t -> System.out.println(t.markdown()));
      failed.forEach(f -> System.out.println("FAILED " + f));
      servers.close();
      delete(tmp);
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
    System.exit(failed.isEmpty() ? 0 : 1);
  }

  /** The 1, 5 and 15 minute load averages: other work on the machine moves every figure. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
