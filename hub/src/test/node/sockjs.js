// The official browser client (@vertx/eventbus-bridge-client.js with sockjs-client), unchanged, under Node.
// Usage: node sockjs.js HTTP_PORT TRANSPORT          checks over one SockJS transport
//        node sockjs.js HTTP_PORT TRANSPORT relay    republishes scope.lobby.chain.in to .out, tagged via:sockjs
'use strict';
const EventBus = require('@vertx/eventbus-bridge-client.js');
const checks = require('./checks');

const [port, transport, mode] = process.argv.slice(2);
const eb = new EventBus('http://127.0.0.1:' + port + '/eventbus', { transports: [transport] });
eb.enableReconnect(false);

if (mode === 'relay') {
  eb.onopen = () => {
    eb.registerHandler('scope.lobby.chain.in', (err, msg) => {
      if (err) return console.log('FAIL ' + JSON.stringify(err));
      eb.publish('scope.lobby.chain.out', Object.assign({}, msg.body, { via: 'sockjs' }));
    });
    // replies come in order, so once echo answers, the registration above is in place
    eb.send('hub.echo', 'ready', () => console.log('READY'));
  };
  eb.onclose = () => process.exit(0);
} else {
  const { ok, fail } = checks(['publish-subscribe', 'request-reply', 'answer-a-request', 'no-handlers', 'access-denied'],
    () => eb.close());

  eb.onerror = (err) => {
    if (err && err.type === 'err' && err.body === 'access_denied' && err.code === 2001) ok('access-denied');
    else fail('unexpected error ' + JSON.stringify(err));
  };

  eb.onopen = () => {
    eb.registerHandler('scope.lobby.compat.' + transport, (err, msg) => {
      if (err) return fail('handler error ' + JSON.stringify(err));
      if (msg.type === 'rec' && msg.body.n === 1) ok('publish-subscribe');
    });
    eb.publish('scope.lobby.compat.' + transport, { n: 1 });

    eb.send('hub.echo', { echo: transport }, (err, reply) => {
      if (err) return fail('echo failed ' + JSON.stringify(err));
      if (reply.body.echo === transport) ok('request-reply');
    });

    eb.registerHandler('scope.lobby.compat.service.' + transport, (err, msg) => msg.reply({ answer: msg.body.q * 2 }));
    eb.send('scope.lobby.compat.service.' + transport, { q: 21 }, (err, reply) => {
      if (err) return fail('service failed ' + JSON.stringify(err));
      if (reply.body.answer === 42) ok('answer-a-request');
    });

    eb.send('scope.lobby.compat.nobody', {}, (err) => {
      if (err && err.failureType === 'NO_HANDLERS') ok('no-handlers');
      else fail('expected NO_HANDLERS, got ' + JSON.stringify(err));
    });

    eb.publish('secret.compat', {});
  };
}
