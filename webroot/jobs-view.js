/*
 * How the jobs panel (jobs.js) draws a job: a row of the list, or the result of a lookup, each with a .token,
 * .command, .status, .progress (while busy: a bar and the percent, or the progress as JSON), .response or .reason
 * (once finished), and its buttons (.cancel while busy, .confirm, .forget for a token the hub no longer knows).
 * The element's data-status is the job's status, for styles and tests.
 */
(function () {
  'use strict';

  function span(cls, text) {
    var s = document.createElement('span');
    s.className = cls;
    if (text) s.textContent = text;
    return s;
  }

  function button(cls, text, title, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = cls;
    b.textContent = text;
    b.title = title;
    b.addEventListener('click', onClick);
    return b;
  }

  /* A new row for token; actions has the cancel, confirm and forget functions of its buttons. */
  function row(token, actions) {
    var li = document.createElement('li');
    li.dataset.token = token;
    var code = document.createElement('code');
    code.className = 'token';
    li.appendChild(code);
    li.appendChild(span('command'));
    li.appendChild(span('status'));
    li.appendChild(progress());
    li.appendChild(span('response'));
    li.appendChild(span('reason'));
    var buttons = span('buttons');
    buttons.appendChild(button('cancel', 'Cancel', 'stop the job: it ends aborted, reason cancelled', actions.cancel));
    buttons.appendChild(button('confirm', 'Confirm', 'tell the hub you have the result: it forgets the job', actions.confirm));
    buttons.appendChild(button('forget', 'Remove', 'take it off this list', actions.forget));
    li.appendChild(buttons);
    return li;
  }

  function progress() {
    var s = span('progress');
    var bar = document.createElement('progress');
    bar.max = 100;
    s.appendChild(bar);
    s.appendChild(span('percent'));
    return s;
  }

  /* Shows status ({token, command, status, finished, progress?, response?, reason?}) in el. */
  function fill(el, status) {
    el.hidden = false;
    el.dataset.status = status.status;
    set(el, '.token', status.token);
    set(el, '.command', status.command || '');
    set(el, '.status', status.status);
    fillProgress(el.querySelector('.progress'), status.finished ? undefined : status.progress);
    set(el, '.response', status.status === 'success' ? JSON.stringify(status.response) : '');
    set(el, '.reason', status.reason || '');
    show(el, '.cancel', !status.finished);
    show(el, '.confirm', status.status !== 'unknown' && status.status !== 'confirmed');
    show(el, '.forget', status.status === 'unknown');
  }

  function fillProgress(el, p) {
    var percent = p && typeof p.percent === 'number' ? Math.max(0, Math.min(100, p.percent)) : null;
    var bar = el.querySelector('progress');
    bar.hidden = percent === null;
    if (percent !== null) bar.value = percent;
    el.querySelector('.percent').textContent = percent !== null ? percent + '%' : p === undefined ? '' : JSON.stringify(p);
    el.hidden = p === undefined;
  }

  function set(el, selector, text) {
    var e = el.querySelector(selector);
    if (!e) return;
    e.textContent = text;
    e.hidden = text === '';
  }

  function show(el, selector, visible) {
    var e = el.querySelector(selector);
    if (e) e.hidden = !visible;
  }

  function hide(el) {
    el.hidden = true;
  }

  window.junctionJobsView = { row: row, fill: fill, hide: hide };
}());
