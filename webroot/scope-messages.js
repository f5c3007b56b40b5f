/*
 * The message list of the scope panel (scope.js): each message once per seq, in seq order, whether it came from
 * history or live; messages without a seq (scopes that keep no history) in the order they came, after the others.
 */
(function () {
  'use strict';

  var MAX_MESSAGES = 200;
  var $ = function (id) { return document.getElementById(id); };
  var messages = [];         // on screen, oldest first: {seq, time, from, text}
  var seen = {};             // seq -> true

  function clear(address) {
    messages = [];
    seen = {};
    $('scope-messages').textContent = '';
    $('scope-chat-address').textContent = address;
  }

  /* Shows a message once per seq, in seq order (messages without one, from scopes without history, at the end). */
  function add(seq, time, headers, body) {
    if (seq !== null) {
      if (seen[seq]) return;
      seen[seq] = true;
    }
    var m = { seq: seq, time: time, from: sender(headers, body), text: text(body) };
    var i = messages.length;
    while (seq !== null && i > 0 && messages[i - 1].seq !== null && messages[i - 1].seq > seq) i--;
    var list = $('scope-messages');
    list.insertBefore(render(m), list.children[i] || null);
    messages.splice(i, 0, m);
    while (messages.length > MAX_MESSAGES) {
      messages.shift();
      list.removeChild(list.firstChild);
    }
    list.scrollTop = list.scrollHeight;
  }

  function sender(headers, body) {
    var user = headers && headers['junction.user'];
    var name = body && typeof body.from === 'string' ? body.from : null;
    if (name && user) return name + ' (' + user + ')';
    return name || user || 'anonymous';
  }

  function text(body) {
    return body && typeof body.text === 'string' ? body.text : String(JSON.stringify(body));
  }

  function render(m) {
    var li = document.createElement('li');
    if (m.seq !== null) li.dataset.seq = m.seq;
    li.appendChild(span('seq', m.seq !== null ? '#' + m.seq : ''));
    li.appendChild(span('time', new Date(m.time).toLocaleTimeString()));
    li.appendChild(span('from', m.from));
    li.appendChild(span('text', m.text));
    return li;
  }

  function span(cls, text) {
    var s = document.createElement('span');
    s.className = cls;
    s.textContent = text;
    return s;
  }

  window.junctionScopeMessages = { clear: clear, add: add };
}());
