package io.junction.bridge;

/** The life of a node as {@code GET /health} reports it. */
public enum NodeState {
  /** Endpoints are coming up; health answers 503. */
  STARTING,
  /** Everything is deployed; health answers 200. */
  UP,
  /** Shutting down: new connections are refused, health answers 503. */
  STOPPING
}
