package io.junction.client;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Records a client's connection events, errors and messages in queues, for tests to take in order. */
final class Recorder implements ConnectionListener, ErrorListener, MessageHandler {

  final BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
  final BlockingQueue<JunctionException> errors = new LinkedBlockingQueue<>();
  final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

  @Override
  public void onEvent(ConnectionEvent event) {
    events.add(event);
  }

  @Override
  public void onError(JunctionException error) {
    errors.add(error);
  }

  @Override
  public void onMessage(Message message) {
    messages.add(message);
  }

  Options.Builder options(int... tcpPorts) {
    Options.Builder b = Options.builder().connectionListener(this).errorListener(this);
    for (int port : tcpPorts) {
      b.server("tcp://127.0.0.1:" + port);
    }
    return b;
  }

  ConnectionEvent nextEvent(ConnectionEvent.Type type) {
    return nextEvent(type, 20);
  }

  /** The next event, which must be of {@code type}; waits up to {@code seconds}. */
  ConnectionEvent nextEvent(ConnectionEvent.Type type, int seconds) {
    ConnectionEvent e = poll(events, seconds);
    assertNotNull(e, "no " + type + " event within " + seconds + " s");
    assertEquals(type, e.type(), e::toString);
    return e;
  }

  /** Skips RECONNECTING attempts; the next other event must be of {@code type}. */
  ConnectionEvent nextEventAfterAttempts(ConnectionEvent.Type type, int seconds) {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (true) {
      ConnectionEvent e = poll(events, (int) Math.max(1, (deadline - System.currentTimeMillis()) / 1000));
      assertNotNull(e, "no " + type + " event within " + seconds + " s");
      if (e.type() != ConnectionEvent.Type.RECONNECTING) {
        assertEquals(type, e.type(), e::toString);
        return e;
      }
    }
  }

  /** Skips other events until one of {@code type}; waits up to {@code seconds} in all. */
  ConnectionEvent awaitEvent(ConnectionEvent.Type type, int seconds) {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (true) {
      ConnectionEvent e = poll(events, (int) Math.max(1, (deadline - System.currentTimeMillis()) / 1000));
      assertNotNull(e, "no " + type + " event within " + seconds + " s");
      if (e.type() == type) {
        return e;
      }
    }
  }

  JunctionException nextError(ErrorId id) {
    JunctionException e = poll(errors, 20);
    assertNotNull(e, "no " + id + " error within 20 s");
    assertEquals(id, e.errorId(), e::getMessage);
    return e;
  }

  Message nextMessage() {
    Message m = poll(messages, 20);
    assertNotNull(m, "no message within 20 s");
    return m;
  }

  void expectNoMessage(long ms) {
    try {
      Message m = messages.poll(ms, TimeUnit.MILLISECONDS);
      assertNull(m, () -> "unexpected message " + m);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  void expectNoErrors() {
    assertNull(errors.peek(), () -> "unexpected error " + errors.peek());
  }

  private static <T> T poll(BlockingQueue<T> q, int seconds) {
    try {
      return q.poll(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
