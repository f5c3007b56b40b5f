package io.junction.bridge;

import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One message on its way to clients. Each wire format's frame is encoded at most once per delivery and the same
 * frame object goes to every subscriber that speaks that format. Thread-safe: frames may be encoded from several
 * event loops; a frame is immutable once published.
 */
public final class Delivery {

  private final String address;
  private final byte[] headers;
  private final Payload body;
  private final String replyAddress;
  private final boolean send;
  private final AtomicReferenceArray<Object> frames = new AtomicReferenceArray<>(Wire.MAX);
  private volatile JsonObject bodyObject;
  private volatile boolean bodyDecoded;

  public Delivery(String address, byte[] headers, Payload body, String replyAddress, boolean send) {
    this.address = address;
    this.headers = headers;
    this.body = body;
    this.replyAddress = replyAddress;
    this.send = send;
  }

  /** A delivery of an event-bus message under its own address. */
  public static Delivery of(Message<?> m) {
    return new Delivery(m.address(), JsonText.headers(m.headers()), Payload.of(m.body()), m.replyAddress(), m.isSend());
  }

  /** A delivery of an event-bus message (usually a reply) under another address, the client's reply address. */
  public static Delivery to(String address, Message<?> m) {
    return new Delivery(address, JsonText.headers(m.headers()), Payload.of(m.body()), m.replyAddress(), true);
  }

  public String replyAddress() {
    return replyAddress;
  }

  public Payload body() {
    return body;
  }

  /** This delivery's frame in the wire format {@code wire}, encoded on first use. */
  @SuppressWarnings("unchecked")
  public <F> F frame(Wire<F> wire) {
    Object f = frames.get(wire.id);
    if (f == null) {
      f = wire.message(address, headers, body, replyAddress, send);
      if (!frames.compareAndSet(wire.id, null, f)) {
        f = frames.get(wire.id);
      }
    }
    return (F) f;
  }

  /** The body when it is a JSON object (decoded once), for access rules that match on it; else {@code null}. */
  public JsonObject bodyObject() {
    if (!bodyDecoded) {
      synchronized (this) {
        if (!bodyDecoded) {
          bodyObject = body.asJsonObject();
          bodyDecoded = true;
        }
      }
    }
    return bodyObject;
  }
}
