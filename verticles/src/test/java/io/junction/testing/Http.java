package io.junction.testing;

import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The JDK's HTTP client against a node's HTTP port, with a Server-Sent Events reader. */
public final class Http {

  private final int port;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Http(int port) {
    this.port = port;
  }

  public HttpResponse<String> get(String path) {
    return call(HttpRequest.newBuilder(uri(path)).GET());
  }

  public HttpResponse<String> post(String path, String body) {
    return call(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A POST with {@code Authorization: Bearer token}. */
  public HttpResponse<String> post(String path, String body, String token) {
    return call(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
      .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A GET with {@code Authorization: Bearer token}. */
  public HttpResponse<String> get(String path, String token) {
    return call(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET());
  }

  public HttpResponse<String> call(HttpRequest.Builder req) {
    try {
      return client.send(req.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("HTTP call failed", e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Opens {@code GET /api/subscribe/{address}}; the stream's lines are queued. */
  public Sse subscribe(String address) {
    try {
      HttpResponse<InputStream> resp = client.send(HttpRequest.newBuilder(uri("/api/subscribe/" + address)).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
      return new Sse(resp);
    } catch (Exception e) {
      throw new AssertionError("SSE subscribe failed", e);
    }
  }

  /** An open Server-Sent Events stream. */
  public static final class Sse implements AutoCloseable {
    public final HttpResponse<InputStream> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Sse(HttpResponse<InputStream> response) {
      this.response = response;
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            lines.add(line);
          }
        } catch (Exception e) {
          // stream closed
        }
        lines.add("<eof>");
      }, "sse-test-client");
      reader.setDaemon(true);
      reader.start();
    }

    public int status() {
      return response.statusCode();
    }

    /** The next line that starts with {@code prefix}, waiting up to 10 s. */
    public String nextLine(String prefix) {
      long deadline = System.currentTimeMillis() + 10_000;
      try {
        while (true) {
          String line = lines.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
          assertNotNull(line, "no line starting with '" + prefix + "' within 10 s");
          if (line.startsWith(prefix)) {
            return line;
          }
          if (line.equals("<eof>")) {
            lines.add(line);
            throw new AssertionError("the stream ended before a line starting with '" + prefix + "'");
          }
        }
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    /** The next {@code data:} event as JSON. */
    public JsonObject nextEvent() {
      return new JsonObject(nextLine("data: ").substring("data: ".length()));
    }

    @Override
    public void close() {
      try {
        response.body().close();
      } catch (Exception ignored) {
        // closing anyway
      }
    }
  }
}
