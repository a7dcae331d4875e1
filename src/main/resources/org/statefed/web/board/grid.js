// A virtual grid: only the rows in view exist in the page (a pool of row elements reused while scrolling),
// so 10 000 devices cost what 40 do. A change updates the cells of its row if it is in view; only a change in
// which rows exist or match the filter re-sorts the list, and even then only the rows in view are redrawn.

import { EXTENSION_COLOUR } from './model.js';

const ROW_HEIGHT = 32;
const OVERSCAN = 8;

const STATE_TEXT = {
  NOT_INUSE: 'Idle', INUSE: 'In use', BUSY: 'Busy', RINGING: 'Ringing', RINGINUSE: 'Ring+In use',
  ONHOLD: 'On hold', UNAVAILABLE: 'Unavailable', INVALID: 'Invalid', UNKNOWN: 'Unknown',
};
const IDLE = new Set(['NOT_INUSE', 'UNKNOWN', 'INVALID']);

export class Grid {
  constructor(model, elements) {
    this.model = model;
    this.head = elements.head;
    this.viewport = elements.viewport;
    this.spacer = elements.spacer;
    this.rowsBox = elements.rows;
    this.count = elements.count;
    this.view = 'hints';
    this.filter = '';
    this.activeOnly = false;
    this.keys = [];          // the rows that match, sorted
    this.pool = [];          // row elements, reused
    this.shown = new Map();  // key -> row element now in view
    this.columns = [];
    this.viewport.addEventListener('scroll', () => this.renderWindow(), { passive: true });
    new ResizeObserver(() => this.renderWindow()).observe(this.viewport);
  }

  setView(view) { this.view = view; this.rebuild(); }
  setFilter(text, activeOnly) { this.filter = text.trim().toLowerCase(); this.activeOnly = activeOnly; this.refilter(); }

  table() {
    return this.view === 'hints' ? this.model.hints : this.view === 'devices' ? this.model.devices : this.model.mailboxes;
  }

  /** The colour state of a row, for the filter and the aggregate lamp. */
  aggregateOf(key, item) {
    if (this.view === 'hints') return EXTENSION_COLOUR[item.state] ?? 'UNKNOWN';
    if (this.view === 'devices') return item.aggregate;
    return item.new > 0 ? 'INUSE' : 'NOT_INUSE';
  }

  matches(key, item) {
    if (!item) return false;
    const state = this.aggregateOf(key, item);
    if (this.activeOnly && IDLE.has(state)) return false;
    if (!this.filter) return true;
    return key.toLowerCase().includes(this.filter) || state.toLowerCase() === this.filter
      || (STATE_TEXT[state] ?? '').toLowerCase() === this.filter;
  }

  /** Columns and rows from scratch: a new view, a snapshot, sites that came or went. */
  rebuild() {
    this.columns = this.model.columns();
    this.head.replaceChildren(...this.headCells());
    for (const row of this.pool) row.remove();
    this.pool = [];
    this.shown.clear();
    this.refilter();
  }

  refilter() {
    const keys = [];
    for (const [key, item] of this.table()) if (this.matches(key, item)) keys.push(key);
    keys.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
    this.keys = keys;
    this.spacer.style.height = (keys.length * ROW_HEIGHT) + 'px';
    this.count.textContent = `${keys.length} of ${this.table().size} ${this.view}`;
    this.shown.clear();
    this.renderWindow(true);
  }

  /** Applies one frame's changes to this view's rows. */
  apply(dirty) {
    const keys = this.view === 'hints' ? dirty.hints : this.view === 'devices' ? dirty.devices : dirty.mailboxes;
    let structural = false;
    for (const key of keys) {
      const item = this.table().get(key);
      const wanted = this.matches(key, item);
      const at = this.indexOf(key);
      if (wanted && at < 0) {
        this.keys.splice(-at - 1, 0, key);
        structural = true;
      } else if (!wanted && at >= 0) {
        this.keys.splice(at, 1);
        structural = true;
      } else if (wanted) {
        const row = this.shown.get(key);
        if (row) this.fill(row, key);
      }
    }
    if (structural) {
      this.spacer.style.height = (this.keys.length * ROW_HEIGHT) + 'px';
      this.count.textContent = `${this.keys.length} of ${this.table().size} ${this.view}`;
      this.shown.clear();
      this.renderWindow(true);
    }
  }

  /** Binary search: the index of key, or -(insertion point) - 1. */
  indexOf(key) {
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid];
      if (k < key) lo = mid + 1; else if (k > key) hi = mid - 1; else return mid;
    }
    return -lo - 1;
  }

  renderWindow(force = false) {
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const visible = Math.ceil(this.viewport.clientHeight / ROW_HEIGHT) + 2 * OVERSCAN;
    const last = Math.min(this.keys.length, first + visible);
    if (!force && first === this.first && last === this.last) return;
    this.first = first;
    this.last = last;
    while (this.pool.length < last - first) {
      const row = this.newRow();
      this.pool.push(row);
      this.rowsBox.appendChild(row);
    }
    this.rowsBox.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const previous = this.shown;
    this.shown = new Map();
    for (let i = 0; i < this.pool.length; i++) {
      const row = this.pool[i];
      const key = this.keys[first + i];
      if (key === undefined) {
        row.hidden = true;
        continue;
      }
      row.hidden = false;
      this.shown.set(key, row);
      if (force || previous.get(key) !== row || row.dataset.key !== key) this.fill(row, key);
    }
  }

  headCells() {
    const cells = [cell('name', this.view === 'hints' ? 'Hint' : this.view === 'devices' ? 'Device' : 'Mailbox'),
      headCell('agg', this.view === 'mailboxes' ? 'New/Old' : 'Cluster')];
    for (const c of this.columns) cells.push(headCell('site', c.name, c.title));
    if (this.view === 'hints') cells.push(headCell('mwicol', 'MWI'));
    return cells;
  }

  newRow() {
    const row = document.createElement('div');
    row.className = 'row';
    const name = cell('name', '');
    row.appendChild(name);
    const agg = lampCell('agg');
    row.appendChild(agg);
    for (const c of this.columns) row.appendChild(lampCell(c.eid));
    if (this.view === 'hints') row.appendChild(cell('mwicol', ''));
    return row;
  }

  fill(row, key) {
    row.dataset.key = key;
    const item = this.table().get(key);
    const cells = row.children;
    cells[0].textContent = key;
    cells[0].title = this.view === 'hints' ? `${key}: ${item.devices.join(' & ')}` : key;
    if (this.view === 'mailboxes') {
      setBadge(cells[1], item.new, item.old);
      this.columns.forEach((c, i) => {
        const e = item.entries.get(c.eid);
        setBadge(cells[i + 2], e ? e.new : null, e ? e.old : null);
      });
      return;
    }
    setLamp(cells[1], this.aggregateOf(key, item), this.view === 'hints' ? item.state : null, false, false);
    this.columns.forEach((c, i) => {
      if (this.view === 'hints') {
        const state = this.model.hintAt(item, c.eid);
        setLamp(cells[i + 2], state, null, c.liveness !== 'online', false);
      } else {
        const e = item.entries.get(c.eid);
        setLamp(cells[i + 2], e ? e.state : null, null, e ? e.stale : false, e ? e.restored : false);
      }
    });
    if (this.view === 'hints') {
      const mailbox = this.model.mailboxes.get(key);
      const badge = cells[cells.length - 1];
      badge.textContent = '';
      if (mailbox) {
        const b = document.createElement('span');
        b.className = mailbox.new > 0 ? 'mwi' : 'mwi zero';
        b.textContent = `${mailbox.new}`;
        b.title = `${mailbox.new} new, ${mailbox.old} old messages`;
        badge.appendChild(b);
      }
    }
  }
}

function cell(kind, text) {
  const c = document.createElement('div');
  c.className = 'cell ' + kind;
  c.textContent = text;
  return c;
}

// A column heading: its words in a span, so that a narrow screen can turn them upright (board.css) and
// the whole name stays readable above a lamp-wide column; the full name is the cell's title.
function headCell(kind, text, title) {
  const c = document.createElement('div');
  c.className = 'cell ' + kind;
  c.title = title ?? text;
  const words = document.createElement('span');
  words.className = 'htext';
  words.textContent = text;
  c.appendChild(words);
  return c;
}

function lampCell(col) {
  const c = document.createElement('div');
  c.className = 'cell' + (col === 'agg' ? ' agg' : '');
  c.dataset.col = col;
  const lamp = document.createElement('i');
  lamp.className = 'lamp none';
  const label = document.createElement('span');
  label.className = 'label';
  c.append(lamp, label);
  return c;
}

function setLamp(c, state, text, stale, restored) {
  const lamp = c.firstChild;
  const label = c.lastChild;
  const cls = state ? `lamp st-${state}${stale ? ' stale' : ''}${restored ? ' restored' : ''}` : 'lamp none';
  if (lamp.className !== cls) lamp.className = cls;
  c.dataset.state = state ?? '';
  const words = state ? (text ?? STATE_TEXT[state] ?? state) : '';
  if (label.textContent !== words) label.textContent = words;
  c.title = state ? `${words}${stale ? ' (site away: may be out of date)' : ''}${restored ? ' (restored at start)' : ''}` : 'not reported';
}

function setBadge(c, n, o) {
  c.dataset.state = '';
  c.firstChild.className = n === null ? 'lamp none' : n > 0 ? 'lamp st-INUSE' : 'lamp st-NOT_INUSE';
  c.lastChild.textContent = n === null ? '' : `${n}/${o}`;
}
