package io.junction.job;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * For {@link JobStoreTest}: inserts jobs from four threads as fast as the store takes them and prints each token
 * once its insert was acknowledged, until killed. Usage: {@code JobStoreCrashWriter DB_FILE}.
 */
public final class JobStoreCrashWriter {

  private JobStoreCrashWriter() {
  }

  public static void main(String[] args) throws Exception {
    JobStore store = JobStore.open(Path.of(args[0]));
    for (int t = 0; t < 4; t++) {
      int thread = t;
      new Thread(() -> {
        for (int n = 0; ; n++) {
          String token = "t" + thread + "-" + n;
          CompletableFuture<Void> done = store.insert(Job.submitted(token, "echo", null, "{\"n\":" + n + "}", System.currentTimeMillis()));
          done.join();
          synchronized (System.out) {
            System.out.println(token);
            System.out.flush();
          }
        }
      }, "writer-" + t).start();
    }
  }
}
