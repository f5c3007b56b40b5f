// The Node TCP client of the Vert.x TCP event-bus bridge, unchanged, against a Junction node.
// Usage: node tcp.js TCP_PORT
'use strict';
const EventBus = require('vertx3-tcp-eventbus-client/lib/tcp-vertx-eventbus.js');
const checks = require('./checks');

const eb = new EventBus('127.0.0.1', Number(process.argv[2]));
const { ok, fail } = checks(['publish-subscribe', 'request-reply', 'answer-a-request', 'no-handlers', 'access-denied'],
  () => eb.transport.destroy());

eb.onerror = (err) => {
  if (err && err.type === 'err' && err.message === 'access_denied' && err.error === 'access_denied') ok('access-denied');
  else fail('unexpected error ' + JSON.stringify(err));
};

eb.onopen = () => {
  eb.registerHandler('scope.lobby.compat.tcp', (err, msg) => {
    if (err) return fail('handler error ' + JSON.stringify(err));
    if (msg.body && msg.body.n === 1 && msg.address === 'scope.lobby.compat.tcp') ok('publish-subscribe');
  });
  eb.publish('scope.lobby.compat.tcp', { n: 1 });

  eb.send('hub.echo', { echo: 'x' }, (err, reply) => {
    if (err) return fail('echo failed ' + JSON.stringify(err));
    if (reply.body.echo === 'x') ok('request-reply');
  });

  // this client serves a request the hub routes to it, and is also the requester
  eb.registerHandler('scope.lobby.compat.service', (err, msg) => msg.reply({ answer: msg.body.q * 2 }));
  eb.send('scope.lobby.compat.service', { q: 21 }, (err, reply) => {
    if (err) return fail('service failed ' + JSON.stringify(err));
    if (reply.body.answer === 42) ok('answer-a-request');
  });

  eb.send('scope.lobby.compat.nobody', {}, (err) => {
    if (err && err.failureType === 'NO_HANDLERS') ok('no-handlers');
    else fail('expected NO_HANDLERS, got ' + JSON.stringify(err));
  });

  eb.publish('secret.compat', {});
};
