/*
 * The Junction console: log in, subscribe, publish and send requests over SockJS with the official Vert.x
 * event-bus client, and see messages and errors as they arrive. Plain browser JavaScript, no build step, nothing
 * from a CDN. The token of a login is kept in sessionStorage (this tab only) and logs in again after a reconnect
 * or a reload; logging out forgets it and reconnects anonymously (the hub has one login per connection).
 * Other panels (scope.js) use the connection through window.junctionConsole, defined at the end.
 */
(function () {
  'use strict';

  var MAX_ENTRIES = 500;
  var $ = function (id) { return document.getElementById(id); };
  var bus = null;
  var subscriptions = {};   // address -> handler function
  var TOKEN_KEY = 'junction.token';
  var openListeners = [];
  var closeListeners = [];
  var acks = 0;

  function connect() {
    var url = location.protocol + '//' + location.host + '/eventbus';
    $('endpoint').textContent = url;
    bus = new EventBus(url, { vertxbus_ping_interval: 5000 });
    bus.enableReconnect(true);
    setStatus('connecting', 'connecting');
    bus.onopen = function () {
      setStatus('open', 'open');
      var token = sessionStorage.getItem(TOKEN_KEY);
      if (token) {
        // the hub handles a connection's frames in order: the registrations below wait for this login
        login({ token: token }, true);
      } else {
        showIdentity(null);
      }
      // the client forgets its handlers on every new connection: register ours again
      Object.keys(subscriptions).forEach(register);
      openListeners.forEach(function (fn) { fn(); });
    };
    bus.onclose = function (e) {
      var why = e && e.reason ? ' (' + e.reason + ')' : '';
      setStatus('closed', 'closed' + why + ', reconnecting');
      log('info', 'connection closed' + why, null, null);
      closeListeners.forEach(function (fn) { fn(); });
    };
    bus.onerror = function (err) {
      log('error', describeError(err), null, err);
    };
  }

  function login(credentials, again) {
    bus.send('hub.auth.login', credentials, function (err, reply) {
      if (err) {
        if (again) {
          sessionStorage.removeItem(TOKEN_KEY);
          log('error', 'the saved login was refused (' + describeError(err) + '); log in again', null, null);
        } else {
          $('login-error').textContent = describeError(err);
        }
        showIdentity(null);
        return;
      }
      var me = reply.body;
      if (me.token) sessionStorage.setItem(TOKEN_KEY, me.token);
      $('login-error').textContent = '';
      $('login-password').value = '';
      showIdentity(me);
      if (!again) log('info', 'logged in as ' + me.user, null, null);
    });
  }

  function showIdentity(me) {
    var el = $('identity');
    el.textContent = me ? me.user + (me.roles && me.roles.length ? ' (' + me.roles.join(', ') + ')' : '') : 'anonymous';
    el.className = me ? 'identity user' : 'identity';
    $('login-form').hidden = !!me;
    $('logout-btn').hidden = !me;
  }

  function logout() {
    sessionStorage.removeItem(TOKEN_KEY);
    log('info', 'logged out', null, null);
    bus.enableReconnect(false);
    bus.onclose = null;
    bus.close();
    closeListeners.forEach(function (fn) { fn(); });
    connect();
  }

  function setStatus(cls, text) {
    var el = $('status');
    el.className = 'status ' + cls;
    el.textContent = text;
    var open = cls === 'open';
    ['subscribe-btn', 'publish-btn', 'send-btn', 'login-btn'].forEach(function (id) { $(id).disabled = !open; });
  }

  function describeError(err) {
    if (!err) return 'error';
    var id = err.error || err.body || err.failureType || 'error';
    var detail = err.detail || err.message;
    return detail && detail !== id ? id + ': ' + detail : id;
  }

  function parseBody(id) {
    var text = $(id).value.trim();
    if (text === '') return null;
    try {
      return { value: JSON.parse(text) };
    } catch (e) {
      log('error', 'the body is not valid JSON: ' + e.message, null, null);
      $(id).focus();
      return undefined;
    }
  }

  /*
   * A register or publish frame with a replyAddress: the hub acknowledges it there, or refuses it there, so the
   * callback learns the outcome (a Junction extension, see docs/protocol.md). The official client never sends one,
   * so this files the callback in its reply table the way its send() does.
   */
  function acknowledged(type, address, body, callback) {
    var replyAddress = 'console.ack.' + (++acks);
    var frame = { type: type, address: address, headers: {}, replyAddress: replyAddress };
    if (type === 'publish') frame.body = body;
    bus.replyHandlers[replyAddress] = callback;
    bus.sockJSConn.send(JSON.stringify(frame));
  }

  /*
   * Adds handler for address, as bus.registerHandler does, and tells the callback whether the hub took the
   * registration (err is its refusal). An address this page registered already needs no new frame.
   */
  function registerAcked(address, handler, callback) {
    if (bus.handlers[address]) {
      bus.handlers[address].push(handler);
      callback(null);
      return;
    }
    var b = bus;
    b.handlers[address] = [handler];
    acknowledged('register', address, null, function (err) {
      if (err) forgetHandler(b, address, handler);
      callback(err);
    });
  }

  /* Removes handler without telling the hub: for a registration it refused. */
  function forgetHandler(b, address, handler) {
    var list = b.handlers[address] || [];
    var i = list.indexOf(handler);
    if (i !== -1) list.splice(i, 1);
    if (list.length === 0) delete b.handlers[address];
  }

  function register(address) {
    bus.registerHandler(address, subscriptions[address]);
  }

  function subscribe(address) {
    if (subscriptions[address]) {
      log('info', 'already subscribed to ' + address, null, null);
      return;
    }
    subscriptions[address] = function (err, msg) {
      if (err) log('error', describeError(err), address, err);
      else log('message', address, msg.address, msg.body, msg.headers);
    };
    register(address);
    renderSubscriptions();
    log('info', 'subscribed to ' + address, null, null);
  }

  function unsubscribe(address) {
    var handler = subscriptions[address];
    if (!handler) return;
    delete subscriptions[address];
    if (bus.state === EventBus.OPEN) bus.unregisterHandler(address, handler);
    renderSubscriptions();
    log('info', 'unsubscribed from ' + address, null, null);
  }

  function renderSubscriptions() {
    var list = $('subscriptions');
    list.textContent = '';
    Object.keys(subscriptions).sort().forEach(function (address) {
      var li = document.createElement('li');
      li.textContent = address;
      li.dataset.address = address;
      var x = document.createElement('button');
      x.type = 'button';
      x.title = 'unsubscribe';
      x.textContent = '\u00d7';
      x.addEventListener('click', function () { unsubscribe(address); });
      li.appendChild(x);
      list.appendChild(li);
    });
  }

  function log(kind, title, address, body, headers) {
    var li = document.createElement('li');
    li.className = kind;
    if (address) li.dataset.address = address;
    var meta = document.createElement('div');
    meta.className = 'meta';
    var k = document.createElement('span');
    k.className = 'kind';
    k.textContent = kind;
    meta.appendChild(k);
    meta.appendChild(document.createTextNode(new Date().toLocaleTimeString() + '  ' + title));
    li.appendChild(meta);
    if (body !== null && body !== undefined) {
      var pre = document.createElement('pre');
      pre.className = 'body';
      pre.textContent = JSON.stringify(body, null, 2);
      li.appendChild(pre);
    }
    if (headers && Object.keys(headers).length) {
      var h = document.createElement('div');
      h.className = 'meta';
      h.textContent = 'headers ' + JSON.stringify(headers);
      li.appendChild(h);
    }
    var logEl = $('log');
    logEl.insertBefore(li, logEl.firstChild);
    while (logEl.children.length > MAX_ENTRIES) logEl.removeChild(logEl.lastChild);
  }

  $('subscribe-form').addEventListener('submit', function (e) {
    e.preventDefault();
    subscribe($('subscribe-address').value.trim());
  });

  $('publish-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var body = parseBody('publish-body');
    if (body === undefined) return;
    bus.publish($('publish-address').value.trim(), body === null ? null : body.value);
  });

  $('send-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var body = parseBody('send-body');
    if (body === undefined) return;
    var address = $('send-address').value.trim();
    var started = performance.now();
    bus.send(address, body === null ? null : body.value, function (err, reply) {
      var ms = Math.round(performance.now() - started);
      if (err) log('error', 'request to ' + address + ' failed: ' + describeError(err), address, err);
      else log('reply', 'from ' + address + ' in ' + ms + ' ms', address, reply.body, reply.headers);
    });
  });

  $('login-form').addEventListener('submit', function (e) {
    e.preventDefault();
    login({ username: $('login-user').value.trim(), password: $('login-password').value }, false);
  });

  $('logout-btn').addEventListener('click', logout);

  $('clear-btn').addEventListener('click', function () { $('log').textContent = ''; });

  /* What other panels use; bus() is the current client (a logout replaces it). Listeners run after the console's own. */
  window.junctionConsole = {
    bus: function () { return bus; },
    isOpen: function () { return bus !== null && bus.state === EventBus.OPEN; },
    registerAcked: registerAcked,
    publishAcked: function (address, body, callback) { acknowledged('publish', address, body, callback); },
    describeError: describeError,
    log: log,
    onOpen: function (fn) { openListeners.push(fn); },
    onClose: function (fn) { closeListeners.push(fn); }
  };

  // after every script ran, so the other panels' listeners are in place for the first open
  document.addEventListener('DOMContentLoaded', connect);
}());
