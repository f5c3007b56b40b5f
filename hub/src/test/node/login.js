// Logging in with the official clients, unchanged: by a login frame, and (browser client) by ?token= in the URL;
// then each reads its own inbox.
// Usage: node login.js tcp TCP_PORT USER PASSWORD
//        node login.js TRANSPORT HTTP_PORT USER PASSWORD TOKEN     (TRANSPORT: a SockJS transport)
'use strict';
const checks = require('./checks');

const [transport, port, user, password, token] = process.argv.slice(2);

function inbox(eb, done) {
  eb.registerHandler('user.' + user, (err, msg) => {
    if (err) return fail('inbox error ' + JSON.stringify(err));
    if (msg.body && msg.body.to === user) done();
  });
  eb.publish('user.' + user, { to: user });
}

const names = transport === 'tcp' ? ['login-by-frame', 'own-inbox', 'wrong-password']
  : ['login-by-frame', 'own-inbox', 'token-in-url', 'wrong-password'];
const open = [];
const { ok, fail } = checks(names, () => open.forEach((close) => close()));

if (transport === 'tcp') {
  const EventBus = require('vertx3-tcp-eventbus-client/lib/tcp-vertx-eventbus.js');
  const eb = new EventBus('127.0.0.1', Number(port));
  open.push(() => eb.transport.destroy());
  eb.onopen = () => {
    eb.send('hub.auth.login', { username: user, password: password + '-wrong' }, (err) => {
      if (err && err.failureCode === 2002) ok('wrong-password');
      else fail('expected auth_failed, got ' + JSON.stringify(err));
      eb.send('hub.auth.login', { username: user, password }, (err2, reply) => {
        if (err2 || reply.body.user !== user) return fail('login failed ' + JSON.stringify(err2));
        ok('login-by-frame');
        inbox(eb, () => ok('own-inbox'));
      });
    });
  };
} else {
  const EventBus = require('@vertx/eventbus-bridge-client.js');
  const base = 'http://127.0.0.1:' + port + '/eventbus';
  const byFrame = new EventBus(base, { transports: [transport] });
  byFrame.enableReconnect(false);
  open.push(() => byFrame.close());
  byFrame.onopen = () => {
    byFrame.send('hub.auth.login', { username: user, password: password + '-wrong' }, (err) => {
      if (err && err.failureCode === 2002) ok('wrong-password');
      else fail('expected auth_failed, got ' + JSON.stringify(err));
      byFrame.send('hub.auth.login', { username: user, password }, (err2, reply) => {
        if (err2 || reply.body.user !== user) return fail('login failed ' + JSON.stringify(err2));
        ok('login-by-frame');
        inbox(byFrame, () => ok('own-inbox'));
      });
    });
  };
  const byToken = new EventBus(base + '?token=' + encodeURIComponent(token), { transports: [transport] });
  byToken.enableReconnect(false);
  open.push(() => byToken.close());
  byToken.onopen = () => {
    byToken.send('hub.auth.whoami', {}, (err, reply) => {
      if (!err && reply.body.user === user) ok('token-in-url');
      else fail('whoami with ?token= said ' + JSON.stringify(err || reply.body));
    });
  };
}
