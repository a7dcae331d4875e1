// The lamp board: the event stream feeds the model; once per animation frame the grid applies what changed.
// A token (http_token) is given in the address after '#token=': the fragment never reaches a server or a log.

import { Model } from './model.js';
import { Grid } from './grid.js';
import { connect } from './stream.js';

const $ = id => document.getElementById(id);
const model = new Model();
const grid = new Grid(model, { head: $('head'), viewport: $('viewport'), spacer: $('spacer'), rows: $('rows'), count: $('count') });
const stats = { events: 0, snapshots: 0, frames: 0, lastSnapshotMs: 0, lastFrameMs: 0, maxFrameMs: 0 };
window.statefedBoard = { model, grid, stats };

let columnsKey = '';
let frameQueued = false;

function queueFrame() {
  if (frameQueued) return;
  frameQueued = true;
  requestAnimationFrame(frame);
}

function frame() {
  frameQueued = false;
  const start = performance.now();
  const dirty = model.takeDirty();
  if (dirty.sites) renderSites();
  const key = model.columns().map(c => c.eid + c.liveness).join(',');
  if (dirty.all || key !== columnsKey) {
    columnsKey = key;
    grid.rebuild();
  } else {
    grid.apply(dirty);
  }
  const took = performance.now() - start;
  stats.frames++;
  stats.lastFrameMs = took;
  stats.maxFrameMs = Math.max(stats.maxFrameMs, took);
  if (dirty.all) stats.lastSnapshotMs = took;
}

function renderSites() {
  const s = model.sites;
  $('site-name').textContent = s.entityId ? `· ${s.entityId}` : '';
  const chips = [];
  for (const link of s.links) {
    chips.push(chip(link.ready ? 'online' : 'away', `${link.name}: ${link.state}`, `link ${link.name}`));
  }
  for (const site of s.sites) {
    const c = chip(site.liveness, site.name.replace(/@.*/, ''), `${site.name}: ${site.description}`);
    const age = document.createElement('span');
    age.className = 'age';
    age.dataset.eid = site.eid ?? '';
    c.appendChild(age);
    chips.push(c);
  }
  $('sites').replaceChildren(...chips);
  tickAges();
}

function chip(liveness, text, title) {
  const c = document.createElement('span');
  c.className = 'chip';
  c.title = title;
  const dot = document.createElement('i');
  dot.className = `dot ${liveness}`;
  const label = document.createElement('span');
  label.textContent = text;
  c.append(dot, label);
  return c;
}

/** Each site's last-heard age, from its newest entry, ticking without the server. */
function tickAges() {
  const now = Date.now();
  for (const el of document.querySelectorAll('#sites .age')) {
    const at = model.lastHeard.get(el.dataset.eid);
    el.textContent = at ? `heard ${ago(now - at)} ago` : '';
  }
}

function ago(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

function onEvent(name, data) {
  stats.events++;
  switch (name) {
    case 'snapshot': stats.snapshots++; model.snapshot(data); break;
    case 'device': model.putDevice(data); break;
    case 'hint': model.putHint(data); break;
    case 'mailbox': model.putMailbox(data); break;
    case 'sites': model.putSites(data); break;
  }
  queueFrame();
}

function setConnected(up) {
  const c = $('conn');
  c.textContent = up ? 'live' : 'reconnecting';
  c.className = up ? 'conn up' : 'conn down';
}

for (const button of document.querySelectorAll('#tabs button')) {
  button.addEventListener('click', () => {
    for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b === button);
    grid.setView(button.dataset.view);
  });
}
let filterTimer;
const applyFilter = () => grid.setFilter($('filter').value, $('active-only').checked);
$('filter').addEventListener('input', () => { clearTimeout(filterTimer); filterTimer = setTimeout(applyFilter, 80); });
$('active-only').addEventListener('change', applyFilter);
const params = new URLSearchParams(location.search);
for (const b of document.querySelectorAll('#tabs button')) if (b.dataset.view === params.get('view')) b.click();
if (params.get('filter')) { $('filter').value = params.get('filter'); applyFilter(); }

const token = new URLSearchParams(location.hash.slice(1)).get('token');
connect('/api/events' + (token ? '?token=' + encodeURIComponent(token) : ''), { event: onEvent, status: setConnected });
setInterval(tickAges, 1000);
