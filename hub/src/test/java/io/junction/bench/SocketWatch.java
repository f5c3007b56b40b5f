package io.junction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Watches one server-side socket of a server process, to time when the server closes a client that is not
 * reading (such a client cannot see the close: nothing it has not read reaches it). The socket is found once in
 * /proc/net/tcp{,6} by its ports, then its file descriptor in /proc/&lt;pid&gt;/fd, which is polled cheaply.
 */
final class SocketWatch {

  private final Path fd;
  private final String link;

  private SocketWatch(Path fd, String link) {
    this.fd = fd;
    this.link = link;
  }

  /** The server's socket of the connection from {@code clientPort}, or {@code null} if it cannot be found. */
  static SocketWatch find(long pid, int serverPort, int clientPort) throws IOException {
    String inode = null;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[1].endsWith(":" + hex(serverPort)) && f[2].endsWith(":" + hex(clientPort))) {
          inode = f[9];
        }
      }
    }
    if (inode == null) {
      return null;
    }
    String link = "socket:[" + inode + "]";
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      for (Path p : (Iterable<Path>) fds::iterator) {
        try {
          if (Files.readSymbolicLink(p).toString().equals(link)) {
            return new SocketWatch(p, link);
          }
        } catch (IOException ignored) {
          // closed meanwhile
        }
      }
    }
    return null;
  }

  private static String hex(int port) {
    return String.format("%04X", port);
  }

  /** Whether the server still holds the socket open. */
  boolean open() {
    try {
      return Files.readSymbolicLink(fd).toString().equals(link);
    } catch (IOException e) {
      return false;
    }
  }
}
