package io.junction.classic;

import io.junction.bridge.ErrorCode;
import io.junction.bridge.Payload;
import io.junction.bridge.Wire;
import io.vertx.core.json.JsonObject;

/**
 * What the session writes to a classic connection, before the connection turns it into the classic reply it
 * answers: {@code {"reply": ADDRESS, "body": ...}}, {@code {"reply": ADDRESS, "error": ID}} or {@code {"error": ID}}.
 */
final class ClassicWire extends Wire<JsonObject> {

  static final ClassicWire INSTANCE = new ClassicWire();

  private ClassicWire() {
  }

  @Override
  public JsonObject message(String address, byte[] headers, Payload body, String replyAddress, boolean send) {
    return new JsonObject().put("reply", address).put("body", body.asJsonObject());
  }

  @Override
  public JsonObject error(ErrorCode code, String detail) {
    return new JsonObject().put("error", code.id()).put("detail", detail);
  }

  @Override
  public JsonObject failure(String replyAddress, String sourceAddress, int failureCode, String failureType, String message,
                            ErrorCode code) {
    return new JsonObject().put("reply", replyAddress).put("error", code == null ? failureType : code.id()).put("detail", message);
  }

  @Override
  public JsonObject pong() {
    return null;
  }
}
