/*
 * The scope panel of the console: join a scope (hub.scope.join) with an optional display name, see its members
 * live (scope.NAME.presence), and chat on scope.NAME.chat. After a join the panel shows the scope's latest
 * messages from history (hub.scope.history), then live ones, each once (by seq). The joined scope is kept in
 * sessionStorage, so a reload or a reconnect joins it again. Uses the connection of console.js.
 *
 * State, shown as #scope-panel[data-state]: idle, joining, joined. Every join starts a new generation; callbacks
 * and events of an older one (a leave, a closed connection, another join) are ignored.
 */
(function () {
  'use strict';

  var HISTORY_SHOWN = 50;    // messages of history shown after a join
  var HISTORY_ALL = 1000;    // the largest page the hub gives
  var SCOPE_KEY = 'junction.scope';
  var hub = window.junctionConsole;
  var $ = function (id) { return document.getElementById(id); };

  var generation = 0;
  var state = 'idle';
  var current = null;        // {scope, meta, client, history, registered: [{address, handler}], members, events}
  var shownScope = null;     // the scope whose messages are on screen
  var messages = window.junctionScopeMessages;

  function chatAddress(scope) { return 'scope.' + scope + '.chat'; }
  function presenceAddress(scope) { return 'scope.' + scope + '.presence'; }

  function saved() {
    try {
      return JSON.parse(sessionStorage.getItem(SCOPE_KEY));
    } catch (e) {
      return null;
    }
  }

  function setState(next, text) {
    state = next;
    $('scope-panel').dataset.state = next;
    $('scope-state').textContent = text;
    updateButtons();
  }

  function updateButtons() {
    var open = hub.isOpen();
    $('scope-join-btn').disabled = !open || state !== 'idle';
    $('scope-leave-btn').disabled = !open || state !== 'joined';
    $('scope-send-btn').disabled = !open || state !== 'joined';
    $('scope-name').disabled = state !== 'idle';
    $('scope-meta-name').disabled = state !== 'idle';
  }

  function showError(text) {
    $('scope-error').textContent = text;
  }

  function setHistory(status, text) {
    $('scope-panel').dataset.history = status;
    $('scope-history').textContent = text;
  }

  /* Joins scope: registers presence and chat first (so no event is missed), then joins, then reads history. */
  function join(scope, meta) {
    var run = ++generation;
    current = { scope: scope, meta: meta, client: null, history: null, registered: [], members: {}, events: [] };
    if (shownScope !== scope) {
      shownScope = scope;
      messages.clear(chatAddress(scope));
    }
    showError('');
    setHistory('none', '');
    renderMembers();
    setState('joining', 'joining ' + scope + '\u2026');
    var handlers = {};
    handlers[presenceAddress(scope)] = function (err, msg) { if (run === generation) onPresence(err, msg); };
    handlers[chatAddress(scope)] = function (err, msg) { if (run === generation) onChat(err, msg); };
    registerAll(run, handlers, function (err) {
      if (err) return failed('cannot join ' + scope, err);
      hub.bus().send('hub.scope.join', meta ? { scope: scope, meta: meta } : { scope: scope }, function (err, reply) {
        if (run !== generation) return;
        if (err) return failed('cannot join ' + scope, err);
        joined(run, reply.body);
      });
    });
  }

  /* Registers every address of handlers; the callback gets the first refusal, once all have answered. */
  function registerAll(run, handlers, callback) {
    var addresses = Object.keys(handlers);
    var waiting = addresses.length;
    var refusal = null;
    var bus = hub.bus();
    addresses.forEach(function (address) {
      hub.registerAcked(address, handlers[address], function (err) {
        if (run !== generation) {
          // given up meanwhile: a registration that went through is not wanted any more
          if (!err && bus === hub.bus() && hub.isOpen()) bus.unregisterHandler(address, handlers[address]);
          return;
        }
        if (err) refusal = refusal || err;
        else current.registered.push({ address: address, handler: handlers[address] });
        if (--waiting === 0) callback(refusal);
      });
    });
  }

  function joined(run, reply) {
    current.client = reply.client;
    current.history = reply.last !== undefined;
    sessionStorage.setItem(SCOPE_KEY, JSON.stringify({ scope: current.scope, meta: current.meta }));
    (reply.members || []).forEach(function (m) { current.members[m.client] = m; });
    // events that came before the reply go on top of the snapshot, which may hold them already
    var early = current.events;
    current.events = null;
    early.forEach(applyEvent);
    renderMembers();
    $('scope-client').textContent = reply.client;
    setState('joined', 'joined ' + current.scope);
    hub.log('info', 'joined scope ' + current.scope + ' as ' + reply.client, null, null);
    loadHistory(run, reply.last);
  }

  function failed(what, err) {
    var text = what + ': ' + hub.describeError(err);
    showError(text);
    hub.log('error', text, null, err);
    sessionStorage.removeItem(SCOPE_KEY);
    release();
  }

  /* Leaves the joined scope; its members go, its messages stay on screen until another scope is joined. */
  function leave() {
    var scope = current.scope;
    sessionStorage.removeItem(SCOPE_KEY);
    hub.bus().send('hub.scope.leave', { scope: scope }, function (err) {
      if (err) showError('cannot leave ' + scope + ': ' + hub.describeError(err));
      else hub.log('info', 'left scope ' + scope, null, null);
    });
    release();
  }

  /* Forgets the membership on this side: handlers unregistered, members cleared, state idle. */
  function release() {
    generation++;
    var bus = hub.bus();
    if (current && hub.isOpen()) {
      current.registered.forEach(function (r) { bus.unregisterHandler(r.address, r.handler); });
    }
    current = null;
    $('scope-client').textContent = '';
    renderMembers();
    setState('idle', 'not joined');
  }

  function onPresence(err, msg) {
    if (err) return showError('presence of ' + current.scope + ': ' + hub.describeError(err));
    if (current.events) {
      current.events.push(msg.body);
    } else {
      applyEvent(msg.body);
      renderMembers();
    }
  }

  function applyEvent(e) {
    if (!e || !e.member) return;
    if (e.event === 'join' && !current.members[e.member.client]) current.members[e.member.client] = e.member;
    else if (e.event === 'leave') delete current.members[e.member.client];
  }

  function renderMembers() {
    var list = $('scope-members');
    list.textContent = '';
    var members = current ? Object.keys(current.members).map(function (k) { return current.members[k]; }) : [];
    members.sort(function (a, b) { return a.since - b.since; });
    members.forEach(function (m) {
      var li = document.createElement('li');
      li.dataset.client = m.client;
      if (m.client === current.client) li.className = 'me';
      li.appendChild(span('name', m.meta && typeof m.meta.name === 'string' ? m.meta.name : '\u2014'));
      li.appendChild(span('user', m.user || 'anonymous'));
      li.appendChild(span('transport', m.transport));
      li.appendChild(span('client', m.client));
      list.appendChild(li);
    });
    $('scope-member-count').textContent = current ? '(' + members.length + ')' : '';
  }

  function span(cls, text) {
    var s = document.createElement('span');
    s.className = cls;
    s.textContent = text;
    return s;
  }

  /*
   * The chat among the scope's latest HISTORY_SHOWN messages (after last - HISTORY_SHOWN), or among whatever is
   * kept when some of those are gone already.
   */
  function loadHistory(run, last) {
    if (last === undefined || last === null) return setHistory('none', 'this scope keeps no history');
    if (last < 0) return setHistory('loaded', 'no earlier messages');
    setHistory('loading', 'loading history\u2026');
    readHistory(run, Math.max(last - HISTORY_SHOWN, -1), HISTORY_SHOWN, function (err) {
      if (err && err.failureType === 'history_gone') readHistory(run, null, HISTORY_ALL, historyFailed);
      else historyFailed(err);
    });
  }

  function readHistory(run, after, limit, done) {
    var body = { scope: current.scope, limit: limit };
    if (after !== null) body.after = after;
    hub.bus().send('hub.scope.history', body, function (err, reply) {
      if (run !== generation) return;
      if (err) return done(err);
      // the history holds every topic of the scope; the panel shows its chat
      var chat = chatAddress(current.scope);
      var kept = reply.body.messages.filter(function (m) { return m.address === chat; }).slice(-HISTORY_SHOWN);
      kept.forEach(function (m) { messages.add(m.seq, m.time, m.headers, m.body); });
      setHistory('loaded', kept.length === 0 ? 'no earlier messages'
        : kept.length + ' earlier message' + (kept.length === 1 ? '' : 's') + ' from history');
      done(null);
    });
  }

  function historyFailed(err) {
    if (!err) return;
    setHistory('failed', 'no history');
    showError('history of ' + current.scope + ': ' + hub.describeError(err));
    hub.log('error', 'history of ' + current.scope + ': ' + hub.describeError(err), null, err);
  }

  function onChat(err, msg) {
    if (err) return showError(chatAddress(current.scope) + ': ' + hub.describeError(err));
    // the hub sets seq in scopes that keep history; elsewhere the header is the sender's, not a sequence number
    var seq = current.history !== false && msg.headers && msg.headers.seq !== undefined ? Number(msg.headers.seq) : null;
    messages.add(seq, Date.now(), msg.headers, msg.body);
  }

  function send() {
    var input = $('scope-text');
    var value = input.value.trim();
    if (value === '' || state !== 'joined') return;
    var name = current.meta && current.meta.name;
    var address = chatAddress(current.scope);
    hub.publishAcked(address, { text: value, from: name || current.client }, function (err) {
      if (err) showError('cannot send to ' + address + ': ' + hub.describeError(err));
    });
    input.value = '';
    showError('');
  }

  $('scope-join-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var name = $('scope-meta-name').value.trim();
    join($('scope-name').value.trim(), name ? { name: name } : null);
  });

  $('scope-leave-btn').addEventListener('click', leave);

  $('scope-send-form').addEventListener('submit', function (e) {
    e.preventDefault();
    send();
  });

  hub.onOpen(function () {
    var s = saved();
    if (s && s.scope) {
      $('scope-name').value = s.scope;
      $('scope-meta-name').value = s.meta && s.meta.name ? s.meta.name : '';
      join(s.scope, s.meta || null);
    } else {
      updateButtons();
    }
  });

  // the hub ends memberships with the connection: join again when it is back
  hub.onClose(function () {
    var s = saved();
    generation++;
    current = null;
    $('scope-client').textContent = '';
    renderMembers();
    setState('idle', s && s.scope ? 'connection lost; joining ' + s.scope + ' again when it is back' : 'not joined');
  });

  setState('idle', 'not joined');
}());
