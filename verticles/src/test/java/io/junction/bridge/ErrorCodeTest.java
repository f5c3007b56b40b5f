package io.junction.bridge;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorCodeTest {

  @Test
  void idsNumbersAndCloseCodesAreUnique() {
    Set<String> ids = new HashSet<>();
    Set<Integer> numbers = new HashSet<>();
    Set<Integer> closeCodes = new HashSet<>();
    for (ErrorCode c : ErrorCode.values()) {
      assertTrue(ids.add(c.id()), c.id());
      assertTrue(numbers.add(c.code()), c.id());
      assertTrue(closeCodes.add(c.closeCode()), c.id());
      assertTrue(c.closeCode() >= 4000 && c.closeCode() <= 4999, c.id());
      assertTrue(c.code() % 1000 < 100, "close codes need the rank under 100: " + c.id());
      assertEquals(c, ErrorCode.byId(c.id()));
    }
  }
}
