package io.junction.client.cli;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends a process and what it started: {@code sh -c} does not pass signals on to its children, which would outlive
 * it. SIGTERM first, SIGKILL to those still there after {@link #GRACE_MS}. The children are found with
 * {@code ProcessHandle} (Java 9), through reflection since this module is Java 8 bytecode; on Java 8 only the
 * process itself is ended.
 */
final class ProcessTree {

  /** How long the processes have after SIGTERM. */
  static final long GRACE_MS = 2000;

  private ProcessTree() {
  }

  static void end(Process p) {
    List<Object> children = descendants(p); // before the parent goes: then they belong to init
    p.destroy();
    for (Object c : children) {
      call(c, "destroy");
    }
    long deadline = System.currentTimeMillis() + GRACE_MS;
    try {
      p.waitFor(GRACE_MS, TimeUnit.MILLISECONDS);
      // ProcessHandle.onExit() of a process that is not our child polls with waits of up to seconds: ask oftener
      while (anyAlive(children) && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    p.destroyForcibly();
    for (Object c : children) {
      call(c, "destroyForcibly");
    }
  }

  private static boolean anyAlive(List<Object> handles) {
    for (Object h : handles) {
      if (Boolean.TRUE.equals(call(h, "isAlive"))) {
        return true;
      }
    }
    return false;
  }

  /** The {@code ProcessHandle}s of every process {@code p} started, or none before Java 9. */
  private static List<Object> descendants(Process p) {
    try {
      Object stream = Process.class.getMethod("descendants").invoke(p);
      List<Object> all = new ArrayList<>();
      ((java.util.stream.Stream<?>) stream).forEach(all::add);
      return all;
    } catch (ReflectiveOperationException | RuntimeException java8) {
      return Collections.emptyList();
    }
  }

  /** Calls a method of {@code ProcessHandle} on {@code handle}; {@code null} when it fails (the process is gone). */
  private static Object call(Object handle, String method) {
    try {
      Method m = Class.forName("java.lang.ProcessHandle").getMethod(method);
      return m.invoke(handle);
    } catch (ReflectiveOperationException | RuntimeException gone) {
      return null;
    }
  }
}
