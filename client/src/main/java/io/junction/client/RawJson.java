package io.junction.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A message body that already is JSON text: sent as is, never encoded again. Checked once, when made. Immutable;
 * reuse one to publish the same body many times cheaply.
 */
public final class RawJson {

  private final String text;
  private final byte[] utf8;

  private RawJson(String text) {
    this.text = text;
    this.utf8 = text.getBytes(StandardCharsets.UTF_8);
  }

  /** @throws IllegalArgumentException when {@code json} is not exactly one JSON value */
  public static RawJson of(String json) {
    try {
      Frames.MAPPER.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(json);
      if (json.trim().isEmpty()) {
        throw new IllegalArgumentException("not JSON: the text is empty");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    return new RawJson(json);
  }

  public String text() {
    return text;
  }

  /** The UTF-8 bytes; shared, never to be modified. */
  byte[] utf8() {
    return utf8;
  }

  @Override
  public String toString() {
    return text;
  }
}
