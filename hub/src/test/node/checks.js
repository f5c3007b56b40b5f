// Tiny harness for the compatibility scripts: named checks, one line each, exit 0 when all passed.
'use strict';

// vertx-web closes the connection after every answer to a SockJS poll without saying so (no Connection: close).
// Node's keep-alive agent (the default since Node 19) may hand that closing connection to the next request, which
// then fails and ends the session; browsers resend such requests, Node does not. Sending "Connection: close"
// instead is no cure: vertx-web then shuts the session down. So these scripts ask for keep-alive but never reuse
// a connection (see docs/protocol.md, "SockJS polling and HTTP clients").
const http = require('http');
const agent = new http.Agent({ keepAlive: true });
agent.on('free', (socket) => socket.destroy());
http.globalAgent = agent;

module.exports = function checks(names, onDone) {
  const done = new Set();
  const timer = setTimeout(() => fail('timed out; passed: ' + [...done].join(', ')), 30000);
  function ok(name) {
    if (!names.includes(name)) fail('unexpected check ' + name);
    if (done.has(name)) return;
    done.add(name);
    console.log('OK ' + name);
    if (done.size === names.length) {
      clearTimeout(timer);
      onDone();
      process.exit(0);
    }
  }
  function fail(message) {
    console.log('FAIL ' + message);
    process.exit(1);
  }
  return { ok, fail };
};
