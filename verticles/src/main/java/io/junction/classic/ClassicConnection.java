package io.junction.classic;

import io.junction.Addresses;
import io.junction.bridge.BridgeCore;
import io.junction.bridge.BridgeException;
import io.junction.bridge.Connection;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.LocalSessions;
import io.junction.bridge.Session;
import io.junction.bridge.Wire;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One client of the classic token server: JSON messages each followed by {@value #END}, in both directions.
 * {@code {"command": C, "token": T, "args"?: {...}}} submits job C; {@code check_status} and {@code confirm} ask
 * about token T. Each message becomes a frame of its session (a {@code hub.jobs.*} request, anonymous), and each
 * answer the classic reply {@code {"token","status","finished","response"}} ({@code {"status":"bad_command"}} for
 * a command nobody runs). The plug-in point at work: a wire, a connection, a verticle; the bridge core does the
 * rest. Event-loop confined.
 */
final class ClassicConnection implements Connection<JsonObject>, Handler<Buffer> {

  static final String END = "<end_of_message>";
  private static final byte[] END_BYTES = END.getBytes(StandardCharsets.US_ASCII);

  private final NetSocket socket;
  private final int maxMessage;
  private final Map<String, String> pending = new HashMap<>();
  private Session<JsonObject> session;
  private Buffer inbound = Buffer.buffer();
  private long next;
  private boolean broken;

  ClassicConnection(NetSocket socket, BridgeCore core) {
    this.socket = socket;
    this.maxMessage = core.limits().maxFrameBytes();
  }

  boolean start(BridgeCore core) {
    try {
      session = core.open(this);
    } catch (BridgeException e) {
      reply(new JsonObject().put("status", e.code().id()));
      socket.close();
      return false;
    }
    socket.handler(this);
    return true;
  }

  Session<JsonObject> session() {
    return session;
  }

  @Override
  public void handle(Buffer chunk) {
    if (broken) {
      return;
    }
    inbound.appendBuffer(chunk);
    int from = 0;
    int end;
    while ((end = indexOfEnd(inbound, from)) >= 0) {
      String text = inbound.getString(from, end, "UTF-8");
      from = end + END_BYTES.length;
      received(text.trim());
      if (broken || session.isClosed()) {
        return;
      }
    }
    inbound = inbound.getBuffer(from, inbound.length());
    if (inbound.length() > maxMessage + END_BYTES.length) {
      broken = true;
      session.fail(ErrorCode.FRAME_TOO_LARGE, "a classic message over " + maxMessage + " bytes");
    }
  }

  private static int indexOfEnd(Buffer b, int from) {
    outer:
    for (int i = from; i <= b.length() - END_BYTES.length; i++) {
      for (int j = 0; j < END_BYTES.length; j++) {
        if (b.getByte(i + j) != END_BYTES[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void received(String text) {
    if (text.isEmpty()) {
      return;
    }
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      reply(new JsonObject().put("status", ErrorCode.INVALID_JSON.id()));
      return;
    }
    Object command = msg.getValue("command");
    Object token = msg.getValue("token");
    if (!(command instanceof String) || token != null && !(token instanceof String)) {
      reply(new JsonObject().put("status", "bad_command"));
      return;
    }
    String address;
    JsonObject body = new JsonObject();
    switch ((String) command) {
      case "check_status":
        address = Addresses.JOBS_STATUS;
        break;
      case "confirm":
        address = Addresses.JOBS_CONFIRM;
        break;
      default:
        address = Addresses.JOBS_SUBMIT;
        body.put("command", command);
        if (msg.getValue("args") instanceof JsonObject) {
          body.put("args", msg.getJsonObject("args"));
        }
    }
    body.put("token", token);
    String replyAddress = "classic." + (++next);
    pending.put(replyAddress, (String) token);
    JsonObject frame = new JsonObject().put("type", "send").put("address", address).put("replyAddress", replyAddress)
      .put("body", body);
    session.receive(frame.toBuffer().getBytes());
  }

  @Override
  public void write(JsonObject frame) {
    String replyTo = frame.getString("reply");
    if (replyTo != null && !pending.containsKey(replyTo)) {
      return; // not an answer to this client (say, a message to its client.<id>): the protocol has no place for it
    }
    String token = replyTo == null ? null : pending.remove(replyTo);
    String error = frame.getString("error");
    if (error != null) {
      if (replyTo == null || ErrorCode.BAD_COMMAND.id().equals(error)) {
        reply(new JsonObject().put("status", ErrorCode.BAD_COMMAND.id().equals(error) ? "bad_command" : error));
      } else {
        reply(new JsonObject().put("token", token).put("status", error).put("finished", false).putNull("response"));
      }
      return;
    }
    JsonObject body = frame.getJsonObject("body", new JsonObject());
    if (body.getBoolean("confirmed", false)) {
      reply(new JsonObject().put("token", body.getString("token")).put("status", "confirmed").put("finished", true)
        .putNull("response"));
      return;
    }
    JsonObject out = new JsonObject().put("token", body.getString("token")).put("status", body.getString("status"))
      .put("finished", body.getBoolean("finished")).put("response", body.getValue("response"));
    if (body.containsKey("reason")) {
      out.put("reason", body.getString("reason"));
    }
    reply(out);
  }

  private void reply(JsonObject answer) {
    socket.write(Buffer.buffer(answer.encode()).appendBytes(END_BYTES));
  }

  @Override
  public Wire<JsonObject> wire() {
    return ClassicWire.INSTANCE;
  }

  @Override
  public String transport() {
    return "classic";
  }

  @Override
  public String remoteAddress() {
    return LocalSessions.remoteAddress(socket);
  }

  @Override
  public String remoteHost() {
    return LocalSessions.remoteHost(socket);
  }

  /** Nothing is published to a classic client (it gets answers only, never dropped): its queue is not counted. */
  @Override
  public long queuedBytes() {
    return 0;
  }

  @Override
  public void onDrain(Runnable action) {
    socket.drainHandler(v -> action.run());
  }

  @Override
  public void pause() {
    socket.pause();
  }

  @Override
  public void resume() {
    socket.resume();
  }

  @Override
  public void close(ErrorCode reason) {
    socket.close();
  }
}
