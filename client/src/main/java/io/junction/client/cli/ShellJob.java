package io.junction.client.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.client.JobTask;
import io.junction.client.JobWorker;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code job worker --exec SHELL_COMMAND}: runs each job as {@code sh -c SHELL_COMMAND}, with the job's arguments
 * (one line of JSON) on stdin and {@code JUNCTION_JOB_TOKEN} and {@code JUNCTION_JOB_COMMAND} in the environment.
 * Exit 0: the response is stdout, parsed when it is JSON, else the trimmed text. Any other exit fails the job
 * with the reason {@code exit N: LAST LINE OF STDERR}. A cancelled job's process is ended ({@link ProcessTree}),
 * and so are those still running when the worker closes. Thread-safe: jobs run at once, each on its own thread.
 */
final class ShellJob implements JobWorker, AutoCloseable {

  private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final String command;
  private final ExecutorService pipes;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();

  ShellJob(String command) {
    this.command = command;
    AtomicInteger n = new AtomicInteger();
    this.pipes = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "junction-exec-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** A job that ended with another exit code than 0. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String reason) {
      super(reason);
    }
  }

  @Override
  public Object run(JobTask task) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", command);
    pb.environment().put("JUNCTION_JOB_TOKEN", task.token());
    pb.environment().put("JUNCTION_JOB_COMMAND", task.command());
    Process p = pb.start();
    running.add(p);
    try {
      Future<byte[]> out = pipes.submit(() -> readAll(p.getInputStream()));
      Future<String> err = pipes.submit(() -> lastLine(p.getErrorStream()));
      pipes.submit(() -> feed(p.getOutputStream(), task.args().toString() + "\n"));
      int exit = p.waitFor();
      byte[] stdout = out.get();
      String lastErr = err.get();
      if (exit != 0) {
        throw new Failed("exit " + exit + (lastErr.isEmpty() ? "" : ": " + lastErr));
      }
      return response(stdout);
    } catch (InterruptedException | RuntimeException cancelledOrClosing) {
      ProcessTree.end(p);
      throw cancelledOrClosing;
    } finally {
      running.remove(p);
    }
  }

  /** The response for this output: its JSON value when it is exactly one, else the trimmed text. */
  static Object response(byte[] stdout) {
    String text = new String(stdout, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      return text;
    }
    try {
      return STRICT.readTree(text);
    } catch (IOException notJson) {
      return text;
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try (InputStream i = in) {
      int n;
      while ((n = i.read(buf)) >= 0) {
        all.write(buf, 0, n);
      }
    }
    return all.toByteArray();
  }

  private static String lastLine(InputStream in) throws IOException {
    String last = "";
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.trim().isEmpty()) {
          last = line.trim();
        }
      }
    }
    return last;
  }

  /** Writes the arguments; a command that does not read them may have closed its stdin, which is fine. */
  private static Void feed(OutputStream stdin, String args) {
    try (OutputStream o = stdin) {
      o.write(args.getBytes(StandardCharsets.UTF_8));
    } catch (IOException unread) {
      // the command exited or closed its input without reading it
    }
    return null;
  }

  /** Ends the processes of jobs still running, then the threads that read and write their pipes. */
  @Override
  public void close() {
    for (Process p : running) {
      ProcessTree.end(p);
    }
    pipes.shutdownNow();
  }
}
