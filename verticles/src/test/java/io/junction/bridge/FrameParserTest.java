package io.junction.bridge;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameParserTest {

  private static Frame parse(String json) {
    return FrameParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void rejects(String json, ErrorCode code) {
    BridgeException e = assertThrows(BridgeException.class, () -> parse(json));
    assertEquals(code, e.code(), e.detail());
  }

  @Test
  void readsEveryField() {
    Frame f = parse("{\"type\":\"send\",\"address\":\"a.b\",\"replyAddress\":\"r\",\"headers\":{\"k\":\"v\",\"n\":1,\"b\":true},"
      + "\"body\":{\"x\":[1,{\"y\":null}]},\"failureCode\":3,\"message\":\"m\",\"extra\":{\"ignored\":[1]}}");
    assertEquals(FrameType.SEND, f.type());
    assertEquals("a.b", f.address());
    assertEquals("r", f.replyAddress());
    assertEquals(Map.of("k", "v", "n", "1", "b", "true"), f.headers());
    assertEquals("{\"x\":[1,{\"y\":null}]}", f.body().text());
    assertEquals(3, f.failureCode());
    assertEquals("m", f.failureMessage());
  }

  @Test
  void keepsTheBodyBytesExactlyAsSent() {
    assertEquals("[ 1 , \"\u00e9\" ]", parse("{\"type\":\"publish\",\"address\":\"a\",\"body\":[ 1 , \"\u00e9\" ]}").body().text());
    assertEquals("{ }", parse("{\"body\":{ },\"type\":\"publish\",\"address\":\"a\"}").body().text());
  }

  @Test
  void encodesScalarBodiesAsJson() {
    assertEquals("\"a\\\"b\"", parse("{\"type\":\"publish\",\"address\":\"a\",\"body\":\"a\\\"b\"}").body().text());
    assertEquals("-1.5e3", parse("{\"type\":\"publish\",\"address\":\"a\",\"body\":-1.5e3}").body().text());
    assertEquals("false", parse("{\"type\":\"publish\",\"address\":\"a\",\"body\":false}").body().text());
    assertEquals("null", parse("{\"type\":\"publish\",\"address\":\"a\"}").body().text());
  }

  @Test
  void pingNeedsNoAddress() {
    Frame f = parse("{\"type\":\"ping\"}");
    assertEquals(FrameType.PING, f.type());
    assertNull(f.address());
  }

  @Test
  void rejectsWhatIsNotOneJsonObject() {
    rejects("", ErrorCode.INVALID_JSON);
    rejects("{", ErrorCode.INVALID_JSON);
    rejects("[]", ErrorCode.INVALID_JSON);
    rejects("\"text\"", ErrorCode.INVALID_JSON);
    rejects("{\"type\":\"ping\"}{}", ErrorCode.INVALID_JSON);
    rejects("{\"type\":\"publish\",\"address\":\"a\",\"body\":[1,}", ErrorCode.INVALID_JSON);
  }

  @Test
  void rejectsMissingOrUnknownTypes() {
    rejects("{\"address\":\"a\"}", ErrorCode.MISSING_TYPE);
    rejects("{\"type\":null}", ErrorCode.MISSING_TYPE);
    rejects("{\"type\":\"message\"}", ErrorCode.UNKNOWN_TYPE);
    rejects("{\"type\":1}", ErrorCode.INVALID_FRAME);
  }

  @Test
  void rejectsMissingAddressesAndWrongFieldTypes() {
    rejects("{\"type\":\"register\"}", ErrorCode.MISSING_ADDRESS);
    rejects("{\"type\":\"register\",\"address\":\"\"}", ErrorCode.MISSING_ADDRESS);
    rejects("{\"type\":\"register\",\"address\":5}", ErrorCode.INVALID_FRAME);
    rejects("{\"type\":\"send\",\"address\":\"a\",\"headers\":[]}", ErrorCode.INVALID_FRAME);
    rejects("{\"type\":\"send\",\"address\":\"a\",\"headers\":{\"h\":{}}}", ErrorCode.INVALID_FRAME);
    rejects("{\"type\":\"send\",\"address\":\"a\",\"failureCode\":\"x\"}", ErrorCode.INVALID_FRAME);
    rejects("{\"type\":\"send\",\"address\":\"a\",\"failureCode\":1.5}", ErrorCode.INVALID_FRAME);
  }
}
