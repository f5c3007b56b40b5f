/*
 * The jobs panel of the console: submit a command (hub.jobs.submit) and follow the jobs submitted from this page
 * on their events (jobs.TOKEN) until they finish; confirm or cancel them; look up any token (a job submitted over
 * HTTP or TCP by the same user, or anonymously by anyone) and confirm it from here. The tokens on the list are kept
 * in sessionStorage, so a reload or a reconnect follows them again. Uses the connection of console.js; rows and
 * the lookup's result are drawn by jobs-view.js.
 *
 * Following a job: register jobs.TOKEN (acknowledged), then ask hub.jobs.status once, so a job that finished before
 * the registration (the hub refuses it then) or between the submit and the registration is not missed. A job's
 * status only moves forward: once it is finished, a late busy event or answer does not bring it back.
 */
(function () {
  'use strict';

  var JOBS_KEY = 'junction.jobs';
  var hub = window.junctionConsole;
  var view = window.junctionJobsView;
  var $ = function (id) { return document.getElementById(id); };

  var jobs = Object.create(null);   // token -> {status, row, follow: {connection, handler} or null}
  var connection = 0;               // counts opens and closes: follows of an earlier connection are gone
  var checked = null;               // the token shown in the lookup's result

  function eventsAddress(token) { return 'jobs.' + token; }

  function showError(text) {
    $('jobs-error').textContent = text;
  }

  function failed(what, err) {
    var text = what + ': ' + hub.describeError(err);
    showError(text);
    hub.log('error', text, null, err);
  }

  /* A request a user asked for: its refusal is shown in the panel. */
  function request(address, body, what, done) {
    if (!hub.isOpen()) return showError(what + ': not connected');
    hub.bus().send(address, body, function (err, reply) {
      if (err) failed(what, err);
      else done(reply.body);
    });
  }

  function submit() {
    showError('');
    var command = $('jobs-command').value.trim();
    var args = parseArgs();
    if (args === undefined) return;
    var body = { command: command };
    var token = $('jobs-token').value.trim();
    if (token) body.token = token;
    if (args !== null) body.args = args;
    request('hub.jobs.submit', body, 'cannot submit ' + command, function (status) {
      hub.log('info', 'submitted job ' + status.token + ' (' + status.command + ')', null, null);
      track(status);
    });
  }

  /* The args field as an object, null when empty; undefined, with the error shown, when it is no JSON object. */
  function parseArgs() {
    var text = $('jobs-args').value.trim();
    if (text === '') return null;
    var value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return badArgs('the args are not valid JSON (' + e.message + ')');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return badArgs('the args must be a JSON object, such as {"ms": 3000}');
    }
    return value;
  }

  function badArgs(text) {
    showError(text + '; nothing was sent');
    $('jobs-args').focus();
    return undefined;
  }

  /* Puts the job of status on the list (once per token) and follows it while it is busy. */
  function track(status) {
    var job = jobs[status.token];
    if (!job) {
      job = jobs[status.token] = { status: status, row: view.row(status.token, actions(status.token)), follow: null };
      $('jobs-list').insertBefore(job.row, $('jobs-list').firstChild);
      save();
    }
    update(status);
    if (!job.status.finished) follow(job);
  }

  function actions(token) {
    return { cancel: function () { cancel(token); }, confirm: function () { confirm(token); }, forget: function () { forget(token); } };
  }

  /* A new status of a job on the list (from an event or an answer). */
  function update(status) {
    var job = jobs[status.token];
    if (!job || (job.status.finished && !status.finished)) return;
    job.status = status;
    view.fill(job.row, status);
    if (checked === status.token) view.fill($('jobs-check-result'), status);
    if (status.finished) unfollow(job);
  }

  function follow(job) {
    var token = job.status.token;
    var run = connection;
    if (!hub.isOpen() || (job.follow && job.follow.connection === run)) return;
    var handler = function (err, msg) {
      if (err) failed('events of job ' + token, err);
      else update(msg.body);
    };
    job.follow = { connection: run, handler: handler };
    hub.registerAcked(eventsAddress(token), handler, function (err) {
      if (run !== connection) return;
      // a refusal means the job finished already (or is not this user's): the status tells which
      if (err && job.follow && job.follow.handler === handler) job.follow = null;
      askStatus(token, err);
    });
  }

  function unfollow(job) {
    var f = job.follow;
    job.follow = null;
    if (f && f.connection === connection && hub.isOpen()) hub.bus().unregisterHandler(eventsAddress(job.status.token), f.handler);
  }

  /* Asks the status of a job on the list; refusal: why following it was refused, worth telling if it is busy. */
  function askStatus(token, refusal) {
    if (!jobs[token] || !hub.isOpen()) return;
    hub.bus().send('hub.jobs.status', { token: token }, function (err, reply) {
      if (!err) {
        if (refusal && !reply.body.finished) failed('cannot follow job ' + token + ' (check its token for news)', refusal);
        return update(reply.body);
      }
      if (err.failureType !== 'unknown_token') return failed('status of job ' + token, err);
      // confirmed elsewhere, expired, or another user's (after a logout): nothing more to follow
      var job = jobs[token];
      if (!job) return;
      unfollow(job);
      job.status = { token: token, command: job.status.command, status: 'unknown', finished: true,
        reason: hub.describeError(err) + ' (confirmed elsewhere, expired, or submitted as another user)' };
      view.fill(job.row, job.status);
    });
  }

  function cancel(token) {
    showError('');
    request('hub.jobs.cancel', { token: token }, 'cannot cancel job ' + token, update);
  }

  function confirm(token) {
    showError('');
    request('hub.jobs.confirm', { token: token }, 'cannot confirm job ' + token, function () {
      hub.log('info', 'confirmed job ' + token, null, null);
      forget(token);
      if (checked === token) view.fill($('jobs-check-result'), { token: token, status: 'confirmed', finished: true });
    });
  }

  /* Takes a job off the list. */
  function forget(token) {
    var job = jobs[token];
    if (!job) return;
    unfollow(job);
    job.row.parentNode.removeChild(job.row);
    delete jobs[token];
    save();
  }

  /* Looks up any token of this user (or anonymous); the result can be confirmed from there. */
  function check() {
    showError('');
    var token = $('jobs-check-token').value.trim();
    checked = null;
    view.hide($('jobs-check-result'));
    request('hub.jobs.status', { token: token }, 'cannot check ' + token, function (status) {
      checked = status.token;
      view.fill($('jobs-check-result'), status);
      update(status);   // a job on the list: its row, and from now on the result, show its latest status
    });
  }

  /* The list's tokens, oldest first. */
  function save() {
    var rows = Array.prototype.slice.call($('jobs-list').children).reverse();
    var list = rows.map(function (li) { return { token: li.dataset.token, command: jobs[li.dataset.token].status.command }; });
    sessionStorage.setItem(JOBS_KEY, JSON.stringify(list));
  }

  /* The jobs of an earlier page of this tab, on the list until their status comes. */
  function restore() {
    var list;
    try {
      list = JSON.parse(sessionStorage.getItem(JOBS_KEY)) || [];
    } catch (e) {
      list = [];
    }
    list.forEach(function (j) {
      if (j && typeof j.token === 'string') track({ token: j.token, command: j.command, status: 'checking', finished: false });
    });
  }

  function updateButtons() {
    var open = hub.isOpen();
    $('jobs-submit-btn').disabled = !open;
    $('jobs-check-btn').disabled = !open;
  }

  $('jobs-submit-form').addEventListener('submit', function (e) {
    e.preventDefault();
    submit();
  });

  $('jobs-check-form').addEventListener('submit', function (e) {
    e.preventDefault();
    check();
  });

  $('jobs-check-confirm').addEventListener('click', function () {
    if (checked) confirm(checked);
  });

  hub.onOpen(function () {
    connection++;
    updateButtons();
    Object.keys(jobs).forEach(function (t) {
      if (!jobs[t].status.finished) follow(jobs[t]);
    });
  });

  // the client forgets its handlers with the connection: follow the busy jobs again when it is back
  hub.onClose(function () {
    connection++;
    updateButtons();
    Object.keys(jobs).forEach(function (t) { jobs[t].follow = null; });
  });

  updateButtons();
  restore();
}());
