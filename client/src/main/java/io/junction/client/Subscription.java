package io.junction.client;

import java.util.concurrent.CompletableFuture;

/**
 * One handler's subscription to an address. Several subscriptions of one client to one address share one
 * registration at the hub. Subscriptions survive reconnects: they are registered again before the
 * {@code RESUBSCRIBED} event. Thread-safe.
 */
public interface Subscription {

  String address();

  /**
   * Completes when the hub has the registration in place across its cluster; fails with a
   * {@link JunctionException} when the hub refuses it (for example {@code access_denied}), and then the
   * subscription is void.
   */
  CompletableFuture<Void> ready();

  /** Stops the deliveries to this handler; the hub registration goes when its last handler goes. Idempotent. */
  void unsubscribe();

  boolean isActive();
}
