package io.junction.testing;

import io.junction.bridge.AccessPolicy;
import io.junction.bridge.AccessRule;
import io.junction.bridge.BridgeCore;
import io.junction.bridge.Limits;
import io.junction.bridge.LocalNode;
import io.junction.bridge.NodeState;
import io.junction.echo.EchoVerticle;
import io.junction.http.HttpOptions;
import io.junction.http.HttpVerticle;
import io.junction.tcp.TcpBridgeVerticle;
import io.junction.tcp.TcpOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A standalone node in the test's JVM: real TCP and HTTP servers on free ports, the default access policy
 * (anonymous clients may use {@code scope.lobby.*} and send to {@code hub.echo}) plus {@code test.open.*}.
 */
public final class TestHub implements AutoCloseable {

  /** The default rules of conf/hub.json, and test.open.* for tests that need a second open address space. */
  public static final AccessPolicy POLICY = new AccessPolicy(
    List.of(AccessRule.address("hub.echo"), AccessRule.regex("scope\\.lobby\\..+"), AccessRule.regex("test\\.open\\..+")),
    List.of(AccessRule.regex("scope\\.lobby\\..+"), AccessRule.regex("test\\.open\\..+")));

  public final Vertx vertx;
  public final BridgeCore core;
  public final LocalNode node;

  private TestHub(Vertx vertx, BridgeCore core, LocalNode node) {
    this.vertx = vertx;
    this.core = core;
    this.node = node;
  }

  public static TestHub start() {
    return start(l -> { });
  }

  public static TestHub start(Consumer<Limits> limits) {
    return start(limits, POLICY);
  }

  public static TestHub start(Consumer<Limits> limits, AccessPolicy policy) {
    return start(limits, policy, h -> { });
  }

  public static TestHub start(Consumer<Limits> limits, AccessPolicy policy, Consumer<HttpOptions> httpOptions) {
    Limits l = new Limits();
    limits.accept(l);
    Vertx vertx = Vertx.vertx();
    LocalNode node = new LocalNode("test");
    BridgeCore core = new BridgeCore(vertx, l, policy, node);
    try {
      vertx.deployVerticle(new EchoVerticle()).await(10, TimeUnit.SECONDS);
      HttpOptions http = new HttpOptions();
      http.setPort(0).setHost("127.0.0.1");
      http.setSseHeartbeatSeconds(1);
      httpOptions.accept(http);
      vertx.deployVerticle(() -> new HttpVerticle(core, http), new DeploymentOptions().setInstances(http.effectiveInstances()))
        .await(10, TimeUnit.SECONDS);
      TcpOptions tcp = new TcpOptions();
      tcp.setPort(0).setHost("127.0.0.1");
      vertx.deployVerticle(() -> new TcpBridgeVerticle(core, tcp), new DeploymentOptions().setInstances(2)).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new AssertionError("test hub did not start", e);
    }
    node.setState(NodeState.UP);
    return new TestHub(vertx, core, node);
  }

  public int tcpPort() {
    return core.port("tcp");
  }

  public int httpPort() {
    return core.port("http");
  }

  public TcpClient tcp() {
    return TcpClient.connect(tcpPort());
  }

  public WsClient ws() {
    return WsClient.connect(httpPort());
  }

  public Http http() {
    return new Http(httpPort());
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
