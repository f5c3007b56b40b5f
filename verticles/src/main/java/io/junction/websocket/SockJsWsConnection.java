package io.junction.websocket;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.junction.bridge.BatchedWriter;
import io.junction.bridge.BridgeCore;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.JsonText;
import io.junction.bridge.Wire;
import io.vertx.core.buffer.Buffer;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.ServerWebSocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * SockJS's {@code websocket} transport ({@code /eventbus/SERVER/SESSION/websocket}), the one the official browser
 * client uses: {@code o} when opened, {@code h} every {@value #HEARTBEAT_MS} ms, the envelopes of one event-loop
 * turn in one {@code a[...]} frame, {@code c[code,"reason"]} before a close. The client sends arrays of envelopes
 * as JSON strings; each envelope counts against {@code limits.max_frame_bytes}.
 */
final class SockJsWsConnection extends WsConnection {

  static final long HEARTBEAT_MS = 25_000;
  private static final JsonFactory JSON = new JsonFactory();

  private final int maxEnvelope;
  private long lastHeartbeat = System.nanoTime();

  SockJsWsConnection(ServerWebSocket ws, ChannelHandlerContext chctx, BridgeCore core) {
    // an array of escaped envelopes: room for one envelope of the limit, escaped, plus framing
    super(ws, new BatchedWriter(core, chctx, HEADROOM, SockJsWsConnection::arrayFrame), core.limits().maxFrameBytes() * 2 + 1024);
    this.maxEnvelope = core.limits().maxFrameBytes();
    ws.writeTextMessage("o");
  }

  /** Room for the largest WebSocket frame header and the {@code a} of {@code a[}. */
  private static final int HEADROOM = 11;

  /**
   * One batch ({@code ,"e1","e2"...} from the headroom on) as one SockJS frame {@code a["e1","e2"...]} in one
   * WebSocket text frame, in place: the first comma becomes {@code [}, {@code a} and the frame header go before it.
   */
  private static io.netty.buffer.ByteBuf arrayFrame(io.netty.buffer.ByteBuf batch) {
    int start = batch.readerIndex();
    batch.setByte(start, '[');
    batch.writeByte(']');
    int payload = batch.readableBytes() + 1;
    int header = WsFrames.headerLength(payload);
    int at = start - 1 - header;
    WsFrames.writeTextHeader(batch, at, payload);
    batch.setByte(start - 1, 'a');
    return batch.readerIndex(at);
  }

  @Override
  protected void received(Buffer message) {
    try (JsonParser p = JSON.createParser(message.getBytes())) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_STRING) {
        envelope(p.getText());
        return;
      }
      if (t != JsonToken.START_ARRAY) {
        throw new IOException("a SockJS message is a JSON array of strings");
      }
      while ((t = p.nextToken()) == JsonToken.VALUE_STRING && !session.isClosed()) {
        envelope(p.getText());
      }
      if (t != JsonToken.END_ARRAY && !session.isClosed()) {
        throw new IOException("a SockJS message is a JSON array of strings");
      }
    } catch (IOException e) {
      session.error(ErrorCode.INVALID_JSON, "not a SockJS message: " + e.getMessage());
    }
  }

  private void envelope(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxEnvelope) {
      session.error(ErrorCode.FRAME_TOO_LARGE, "message of " + bytes.length + " bytes; the limit is " + maxEnvelope);
    } else {
      session.receive(bytes);
    }
  }

  @Override
  public void tick(long now) {
    if (now - lastHeartbeat >= HEARTBEAT_MS * 1_000_000L) {
      lastHeartbeat = now;
      out.flush();
      ws.writeTextMessage("h");
    }
  }

  @Override
  public Wire<Buffer> wire() {
    return SockJsWsWire.INSTANCE;
  }

  @Override
  public String transport() {
    return "sockjs";
  }

  @Override
  public void close(ErrorCode reason) {
    out.flush();
    StringBuilder c = new StringBuilder("c[").append(reason.closeCode()).append(',');
    ws.writeTextMessage(JsonText.quote(c, reason.id()).append(']').toString());
    ws.close((short) reason.closeCode(), reason.id());
  }
}
