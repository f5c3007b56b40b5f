package io.junction.bridge;

/** One address a session registered, with the grant that decides which messages it receives. */
final class Subscription {

  final Session<?> session;
  final String address;
  final AccessPolicy.Grant grant;
  Topic topic;
  Topic.Group group;

  Subscription(Session<?> session, String address, AccessPolicy.Grant grant) {
    this.session = session;
    this.address = address;
    this.grant = grant;
  }

  boolean accepts(Delivery d) {
    return grant.all() || grant.permits(d.bodyObject());
  }
}
