package io.junction.bridge;

import io.vertx.core.AsyncResult;
import io.vertx.core.eventbus.Message;

/**
 * One session's requests, both ways: those the client made (bounded by {@code limits.max_inflight_requests}, each
 * answered at its reply address with the reply or the failure), and those it received and has not answered
 * (remembered so that only this client may answer them). Event-loop confined, like its session.
 */
final class Requests<F> {

  private final BridgeCore core;
  private final Session<F> session;
  private final Limits limits;
  private final PendingReplies pending;
  private int inflight;

  Requests(BridgeCore core, Session<F> session) {
    this.core = core;
    this.session = session;
    this.limits = core.limits();
    this.pending = new PendingReplies(limits);
  }

  /** The client's request {@code f} (a send with a reply address), after the checks. */
  void request(Frame f) {
    core.checkAddress(f.replyAddress);
    if (inflight >= limits.maxInflightRequests()) {
      throw new BridgeException(ErrorCode.TOO_MANY_REQUESTS, limits.maxInflightRequests() + " requests are waiting for replies");
    }
    String replyTo = f.replyAddress;
    String target = f.address;
    LocalService service = core.localService(target);
    if (service != null) {
      core.checkSend(session.access(), target, f.body);
      Payload reply = service.answer(f.body);
      byte[] headers = JsonText.headers(core.deliveryOptions(f.headers, session.user()).getHeaders());
      session.write(new Delivery(replyTo, headers, reply, null, true).frame(session.wire()));
      return;
    }
    core.request(session.access(), f.address, f.body, f.headers).onComplete(ar -> replied(replyTo, target, ar));
    inflight++;
  }

  /**
   * If {@code f} answers a request this client received, answers it (a reply, a failure, or a reply that itself
   * expects a reply) and returns true.
   */
  boolean answer(Frame f) {
    Message<Object> asked = pending.take(f.address);
    if (asked == null) {
      return false;
    }
    if (f.failureCode != null) {
      asked.fail(f.failureCode, f.failureMessage == null ? "" : f.failureMessage);
    } else if (f.replyAddress == null) {
      asked.reply(f.body, core.deliveryOptions(f.headers, session.user()));
    } else {
      core.checkAddress(f.replyAddress);
      String replyTo = f.replyAddress;
      asked.replyAndRequest(f.body, core.deliveryOptions(f.headers, session.user())).onComplete(ar -> replied(replyTo, f.address, ar));
      inflight++;
    }
    return true;
  }

  private void replied(String replyTo, String target, AsyncResult<Message<Object>> ar) {
    inflight--;
    if (session.closing()) {
      return;
    }
    if (ar.failed()) {
      session.write(Replies.failure(session.wire(), replyTo, target, ar.cause()));
      return;
    }
    Message<Object> reply = ar.result();
    if (reply.replyAddress() == null || track(reply)) {
      session.write(Delivery.to(replyTo, reply).frame(session.wire()));
    }
  }

  /**
   * Remembers a request delivered to this client so it may answer it; when the client already holds
   * {@code limits.max_pending_replies}, fails it for its requester instead and returns false.
   */
  boolean track(Message<Object> m) {
    if (pending.add(m)) {
      return true;
    }
    m.fail(ErrorCode.TOO_MANY_PENDING_REPLIES.code(), "the client holds too many unanswered requests");
    session.once(ErrorCode.TOO_MANY_PENDING_REPLIES, "holds " + limits.maxPendingReplies() + " unanswered requests; failing new ones");
    return false;
  }

  void expire(long now) {
    pending.expire(now);
  }

  /** The client is gone: its unanswered requests fail at once. */
  void failAll() {
    pending.failAll();
  }
}
