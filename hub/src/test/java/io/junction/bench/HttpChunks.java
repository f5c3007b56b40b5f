package io.junction.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Minimal HTTP/1.1 for the streaming benchmark clients (SSE, xhr-streaming): write a request, read a response head,
 * then hand the chunked body to a {@link Sink} chunk by chunk, straight out of the read buffer. Also a plain GET
 * for the servers' health and monitoring pages.
 */
final class HttpChunks {

  /** Takes body bytes; returns how many messages they completed. */
  @FunctionalInterface
  interface Sink {
    int feed(byte[] b, int off, int len);
  }

  /** The status code and framing of a response. */
  record Head(int status, boolean chunked, boolean close, long contentLength) {
  }

  private HttpChunks() {
  }

  /** The body of {@code GET http://127.0.0.1:port/path}, whatever its status. */
  static String get(int port, String path) throws IOException {
    java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create("http://127.0.0.1:" + port + path)
      .toURL().openConnection();
    c.setConnectTimeout(2000);
    c.setReadTimeout(2000);
    try (java.io.InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }

  static void request(Conn c, String method, String path, String contentType, byte[] body) throws IOException {
    StringBuilder sb = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if (contentType != null) {
      sb.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (body != null) {
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    } else if (method.equals("GET")) {
      sb.append("Accept: text/event-stream\r\n");
    } else {
      sb.append("Content-Length: 0\r\n");
    }
    c.out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      c.out.write(body);
    }
    c.out.flush();
  }

  static Head head(Conn c) throws IOException {
    String status = c.in.readLine();
    if (!status.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + status);
    }
    boolean chunked = false;
    boolean close = status.startsWith("HTTP/1.0");
    long length = -1;
    for (String h = c.in.readLine(); !h.isEmpty(); h = c.in.readLine()) {
      String lower = h.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      } else if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      }
    }
    return new Head(Integer.parseInt(status.split(" ")[1]), chunked, close, length);
  }

  /** Reads and discards a non-streaming body of {@code head}. */
  static void discardBody(Conn c, Head head) throws IOException {
    if (head.chunked()) {
      while (chunk(c, (b, o, l) -> 0) >= 0) {
        // until the last chunk
      }
    } else if (head.contentLength() > 0) {
      c.in.skip(head.contentLength());
    }
  }

  /** Feeds the next chunk to {@code sink}; returns what the sink counted, or -1 after the last chunk. */
  static int chunk(Conn c, Sink sink) throws IOException {
    ByteInput in = c.in;
    String line;
    try {
      line = in.readLine();
    } catch (EOFException e) {
      return -1;
    }
    int semi = line.indexOf(';');
    long size = Long.parseLong((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
    if (size == 0) {
      while (!in.readLine().isEmpty()) {
        // trailers
      }
      return -1;
    }
    int count = 0;
    while (size > 0) {
      if (in.lim == in.pos && !in.fillSome()) {
        throw new EOFException();
      }
      int k = (int) Math.min(size, in.lim - in.pos);
      count += sink.feed(in.buf, in.pos, k);
      in.pos += k;
      size -= k;
    }
    in.readLine();
    return count;
  }
}
