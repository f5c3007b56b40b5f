package io.junction.client;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library is Java 8 bytecode (class file version 52), so Android and Java 8 can load it. */
class BytecodeTest {

  @Test
  void everyClassOfTheLibraryIsJava8Bytecode() throws Exception {
    List<Path> classes;
    try (Stream<Path> all = Files.walk(Path.of("target/classes"))) {
      classes = all.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
    }
    assertTrue(classes.size() > 20, "classes found: " + classes.size());
    for (Path c : classes) {
      try (InputStream in = Files.newInputStream(c); DataInputStream data = new DataInputStream(in)) {
        assertEquals(0xCAFEBABE, data.readInt());
        data.readUnsignedShort();
        assertEquals(52, data.readUnsignedShort(), c::toString);
      }
    }
  }
}
