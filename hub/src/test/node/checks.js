// Tiny harness for the compatibility scripts: named checks, one line each, exit 0 when all passed.
'use strict';

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
