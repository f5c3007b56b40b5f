package io.junction.hub;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {

  @TempDir
  Path dir;

  private Path file(String json) throws Exception {
    Path f = dir.resolve("hub.json");
    Files.writeString(f, json);
    return f;
  }

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  private static List<String> problems(ConfigLoader loader, JsonObject json) {
    new HubConfig(json, loader.problems);
    return loader.problems.lines();
  }

  @Test
  void precedenceIsDefaultsFileEnvironmentPropertiesFlags() throws Exception {
    String conf = file("{\"tcp\":{\"port\":7100}}").toString();
    Map<String, String> env = Map.of("JUNCTION_TCP_PORT", "7200");
    Properties props = props("junction.tcp.port", "7300");
    Map<String, String> flags = Map.of("tcp.port", "7400");
    assertEquals(7000, port(null, Map.of(), new Properties(), Map.of()));
    assertEquals(7100, port(conf, Map.of(), new Properties(), Map.of()));
    assertEquals(7200, port(conf, env, new Properties(), Map.of()));
    assertEquals(7300, port(conf, env, props, Map.of()));
    assertEquals(7400, port(conf, env, props, flags));
  }

  private static int port(String conf, Map<String, String> env, Properties props, Map<String, String> flags) {
    ConfigLoader loader = new ConfigLoader();
    JsonObject json = loader.load(conf, env, props, flags);
    assertTrue(loader.problems.isEmpty(), loader.problems.lines()::toString);
    return json.getJsonObject("tcp").getInteger("port");
  }

  @Test
  void everyKeyCanBeSetFromTheEnvironmentAndAsAProperty() {
    ConfigLoader loader = new ConfigLoader();
    Set<String> envNames = new HashSet<>();
    for (String key : loader.keys()) {
      assertTrue(envNames.add(ConfigLoader.envName(key)), "two keys map to " + ConfigLoader.envName(key));
    }
    assertEquals("JUNCTION_TCP_PORT", ConfigLoader.envName("tcp.port"));
    assertEquals("JUNCTION_LIMITS_MAX_FRAME_BYTES", ConfigLoader.envName("limits.max_frame_bytes"));
    JsonObject json = loader.load(null,
      Map.of("JUNCTION_LIMITS_SLOW_CONSUMER", "drop", "JUNCTION_ACCESS_ANONYMOUS_SUBSCRIBE", "[{\"address\":\"a\"}]",
        "JUNCTION_ACCESS_ROLES", "{\"ops\":{\"publish\":[{\"address\":\"x\"}]}}",
        "JUNCTION_CLUSTER_ENABLED", "false"),
      props("junction.limits.max_frame_bytes", "2048", "junction.node.name", "alpha"), Map.of());
    assertTrue(loader.problems.isEmpty(), loader.problems.lines()::toString);
    HubConfig config = new HubConfig(json, loader.problems);
    assertEquals("drop", config.limits.toJson().getString("slow_consumer"));
    assertEquals(2048, config.limits.maxFrameBytes());
    assertEquals("alpha", config.nodeName);
    assertFalse(config.cluster.enabled);
    assertTrue(config.access.anonymous().subscribe("a").all());
    assertTrue(config.access.forUser("carol", List.of("ops")).publish("x").all());
    assertFalse(config.access.forUser("root", List.of("admin")).publish("y").any(), "the env var replaced the default roles");
  }

  @Test
  void unknownKeysAreProblemsWithASuggestion() throws Exception {
    ConfigLoader loader = new ConfigLoader();
    JsonObject json = loader.load(file("{\"tcp\":{\"prot\":1},\"bogus\":{}}").toString(), Map.of(),
      props("junction.http.prot", "1"), Map.of());
    List<String> lines = problems(loader, json);
    assertTrue(lines.get(0).endsWith("unknown key \"tcp.prot\" (did you mean \"tcp.port\"?)"), lines::toString);
    assertTrue(lines.get(1).endsWith("unknown key \"bogus\""), lines::toString);
    assertEquals("-Djunction.http.prot: unknown configuration key \"http.prot\" (did you mean \"http.port\"?)", lines.get(2));
  }

  @Test
  void unknownEnvironmentVariablesAreOnlyWarnedAbout() {
    ConfigLoader loader = new ConfigLoader();
    loader.load(null, Map.of("JUNCTION_SERVICE_HOST", "10.0.0.1"), new Properties(), Map.of());
    assertTrue(loader.problems.isEmpty());
    assertEquals(List.of("ignoring environment variable JUNCTION_SERVICE_HOST: no configuration key has that name"), loader.warnings);
  }

  @Test
  void wrongTypesAreProblems() throws Exception {
    ConfigLoader loader = new ConfigLoader();
    JsonObject json = loader.load(file("{\"tcp\":{\"port\":\"7000\",\"enabled\":1},\"limits\":7}").toString(),
      Map.of("JUNCTION_HTTP_PORT", "eighty"), props("junction.cluster.enabled", "yes"), Map.of());
    List<String> lines = problems(loader, json);
    assertEquals(5, lines.size(), lines::toString);
    assertTrue(lines.get(0).endsWith("tcp.port must be an integer, got string \"7000\""), lines::toString);
    assertTrue(lines.get(1).endsWith("tcp.enabled must be true or false, got number 1"), lines::toString);
    assertTrue(lines.get(2).endsWith("limits must be an object"), lines::toString);
    assertEquals("JUNCTION_HTTP_PORT: http.port must be an integer, got \"eighty\"", lines.get(3));
    assertEquals("-Djunction.cluster.enabled: cluster.enabled must be true or false, got \"yes\"", lines.get(4));
  }

  @Test
  void portsOutOfRangeAndSharedPortsAreProblems() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("tcp.port", "70000");
    flags.put("http.port", "-1");
    assertEquals(List.of("tcp.port: must be a port between 0 (any free port) and 65535, got 70000",
      "http.port: must be a port between 0 (any free port) and 65535, got -1"), flagProblems(flags));
    assertEquals(List.of("tcp.port and http.port are both 9000: two endpoints cannot share a port"),
      flagProblems(Map.of("tcp.port", "9000", "http.port", "9000")));
    assertEquals(List.of(), flagProblems(Map.of("tcp.port", "0", "http.port", "0")));
  }

  @Test
  void tlsWithoutItsFilesOrOnATakenPortIsAProblem() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("tcp.tls.enabled", "true");
    flags.put("tcp.tls.port", "8080");
    flags.put("http.tls.enabled", "true");
    flags.put("http.tls.cert_file", "/no/such/cert.pem");
    flags.put("http.tls.key_file", "/no/such/key.pem");
    flags.put("http.tls.client_auth", "maybe");
    assertEquals(List.of(
      "tcp.tls.cert_file: tcp.tls.enabled is true and needs the server certificate (PEM)",
      "tcp.tls.key_file: tcp.tls.enabled is true and needs the server's private key (PEM)",
      "http.tls.client_auth: must be none, request or required, got \"maybe\"",
      "http.tls.cert_file: cannot read /no/such/cert.pem",
      "http.tls.key_file: cannot read /no/such/key.pem",
      "tcp.tls.port and http.port are both 8080: two endpoints cannot share a port"), flagProblems(flags));
    assertEquals(List.of("tcp.enabled, tcp.tls.enabled, http.enabled and http.tls.enabled are all false: the node would have no endpoint"),
      flagProblems(Map.of("tcp.enabled", "false", "http.enabled", "false")));
  }

  @Test
  void badTokenSettingsAreProblems() {
    assertEquals(List.of("auth.token.algorithm: must be HS256, RS256 or ES256, got \"HS512\""),
      flagProblems(Map.of("auth.token.algorithm", "HS512")));
    assertEquals(List.of("auth.token.secret: an HS256 secret needs at least 32 bytes"),
      flagProblems(Map.of("auth.token.secret", "short")));
    assertEquals(List.of("auth.token.public_key: RS256 needs the public key (PEM) to check tokens; private_key too, to issue them"),
      flagProblems(Map.of("auth.token.algorithm", "RS256")));
    assertEquals(List.of("auth.token.expiry_seconds: must be between 60 and 2592000, got 5", "auth.failed_logins.max: must be between 1 and 1000, got 0"),
      flagProblems(Map.of("auth.token.expiry_seconds", "5", "auth.failed_logins.max", "0")));
  }

  private static List<String> flagProblems(Map<String, String> flags) {
    ConfigLoader loader = new ConfigLoader();
    return problems(loader, loader.load(null, Map.of(), new Properties(), flags));
  }

  @Test
  void eventLoopsDefaultToTheNumberOfCores() {
    assertEquals(Runtime.getRuntime().availableProcessors(), Nodes.config(Map.of()).eventLoops);
    assertEquals(List.of("node.event_loops: must be between 0 (one per CPU core) and 1024, got -2"),
      flagProblems(Map.of("node.event_loops", "-2")));
  }

  @Test
  void missingFilesAreProblems() {
    ConfigLoader loader = new ConfigLoader();
    JsonObject json = loader.load(dir.resolve("nope.json").toString(), Map.of(), new Properties(),
      Map.of("cluster.config", dir.resolve("nope.xml").toString()));
    List<String> lines = problems(loader, json);
    assertEquals(2, lines.size(), lines::toString);
    assertTrue(lines.get(0).endsWith("nope.json: no such file"), lines::toString);
    assertTrue(lines.get(1).startsWith("cluster.config: no such file"), lines::toString);
  }

  @Test
  void aClusterFileThatHazelcastCannotReadIsAProblem() throws Exception {
    Path xml = dir.resolve("cluster.xml");
    Files.writeString(xml, "<hazelcast><network><port>not a number</port></network></hazelcast>");
    List<String> lines = flagProblems(Map.of("cluster.config", xml.toString()));
    assertEquals(1, lines.size(), lines::toString);
    assertTrue(lines.get(0).startsWith("cluster.config: " + xml + " is not a valid Hazelcast configuration: "), lines::toString);
  }

  @Test
  void aFileThatIsNotJsonIsAProblem() throws Exception {
    ConfigLoader loader = new ConfigLoader();
    loader.load(file("{tcp: 1").toString(), Map.of(), new Properties(), Map.of());
    assertTrue(loader.problems.lines().get(0).contains("not a JSON object"), loader.problems.lines()::toString);
  }

  @Test
  void theBuiltInDefaultsAreTheRepositorysConfHubJson() throws Exception {
    assertEquals(Files.readString(Path.of("../conf/hub.json")), ConfigLoader.defaultsText());
  }
}
