package io.junction.bench;

import java.io.IOException;

/**
 * A thin Socket.IO 4 client over the WebSocket transport (Engine.IO 4 packets, one per text frame): {@code 40} joins
 * the default namespace, {@code 42[...]} carries events; the server's {@code 2} pings are answered with {@code 3}.
 * It speaks to {@code hub/src/test/node/bench/socketio-server.js}: event {@code sub} joins a room (acknowledged,
 * which is the sync), {@code pub} emits {@code msg} to the room.
 */
final class SocketIoClient implements BusClient {

  private final WebSocket ws;
  private int acks;

  private SocketIoClient(WebSocket ws) {
    this.ws = ws;
  }

  static Factory factory(int port) {
    return () -> {
      WebSocket ws = WebSocket.open(port, "/socket.io/?EIO=4&transport=websocket");
      try {
        if (ws.readMessage() < 0 || ws.data[ws.off] != '0') {
          throw new IOException("no Engine.IO open packet");
        }
        ws.sendText(Envelopes.ascii("40"));
        ws.flush();
        SocketIoClient c = new SocketIoClient(ws);
        while (ws.readMessage() > 0) {
          if (ws.len >= 2 && ws.data[ws.off] == '4' && ws.data[ws.off + 1] == '0') {
            return c;
          }
        }
        throw new IOException("the Socket.IO namespace was not joined");
      } catch (IOException e) {
        ws.close();
        throw e;
      }
    };
  }

  @Override
  public void subscribe(String room) throws IOException {
    ws.sendText(Envelopes.ascii("421[\"sub\",\"" + room + "\"]"));
    flush();
  }

  /** Waits for the acknowledgement of the last {@code sub}. */
  @Override
  public void sync() throws IOException {
    while (acks == 0) {
      if (read() < 0) {
        throw new IOException("Socket.IO closed before acknowledging the subscription");
      }
    }
    acks = 0;
  }

  @Override
  public byte[] publishFrame(String room, byte[] body) {
    return Envelopes.concat("42[\"pub\",\"" + room + "\",", body, "]");
  }

  @Override
  public void write(byte[] frame) throws IOException {
    ws.sendText(frame);
  }

  @Override
  public void flush() throws IOException {
    ws.flush();
  }

  @Override
  public int read() throws IOException {
    if (ws.readMessage() < 0) {
      return -1;
    }
    byte[] d = ws.data;
    if (ws.len == 1 && d[ws.off] == '2') {
      ws.sendText(Envelopes.ascii("3"));
      flush();
      return 0;
    }
    if (ws.len >= 2 && d[ws.off] == '4') {
      switch (d[ws.off + 1]) {
        case '2': return 1;
        case '3':
          acks++;
          return 1;
        case '1': return -1;
        default: return 0;
      }
    }
    return 0;
  }

  @Override
  public int localPort() {
    return ws.conn.localPort();
  }

  @Override
  public void close() {
    ws.close();
  }
}
