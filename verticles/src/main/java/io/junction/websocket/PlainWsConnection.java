package io.junction.websocket;

import io.junction.bridge.BatchedWriter;
import io.junction.bridge.BridgeCore;
import io.junction.bridge.Wire;
import io.vertx.core.buffer.Buffer;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.ServerWebSocket;

/** The plain WebSocket endpoint: one JSON envelope per message in each direction (text frames out). */
final class PlainWsConnection extends WsConnection {

  PlainWsConnection(ServerWebSocket ws, ChannelHandlerContext chctx, BridgeCore core) {
    // WsWire's frames are whole WebSocket frames: a batch goes out as it is
    super(ws, new BatchedWriter(core, chctx), core.limits().maxFrameBytes());
  }

  @Override
  protected void received(Buffer message) {
    session.receive(message.getBytes());
  }

  @Override
  public Wire<Buffer> wire() {
    return WsWire.INSTANCE;
  }

  @Override
  public String transport() {
    return "websocket";
  }
}
