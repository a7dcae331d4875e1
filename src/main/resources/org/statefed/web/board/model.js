// What the board knows: devices, hints and mailboxes by name, the sites, and which keys changed since the
// last frame. Events carry whole values (not deltas), so applying one twice shows the same.

const RANK = { INVALID: 0, UNKNOWN: 1, UNAVAILABLE: 2, NOT_INUSE: 3, ONHOLD: 4, RINGING: 5, INUSE: 6, BUSY: 7, RINGINUSE: 8 };
const IN_USE_LIKE = new Set(['INUSE', 'BUSY', 'ONHOLD']);

/** Asterisk's aggregation of several states of one device (DeviceState.Aggregator in Java). */
export function aggregate(states) {
  let state = 'INVALID';
  let ringing = false;
  let inUse = false;
  for (const next of states) {
    if (next === 'RINGING') ringing = true;
    else if (IN_USE_LIKE.has(next)) inUse = true;
    if (ringing && inUse) state = 'RINGINUSE';
    else if (RANK[next] > RANK[state]) state = next;
  }
  return state;
}

/** An extension state (as the API names it) as the device state whose colour it shows. */
export const EXTENSION_COLOUR = {
  'Idle': 'NOT_INUSE', 'InUse': 'INUSE', 'Busy': 'BUSY', 'Unavailable': 'UNAVAILABLE', 'Ringing': 'RINGING',
  'InUse&Ringing': 'RINGINUSE', 'Hold': 'ONHOLD', 'InUse&Hold': 'ONHOLD',
};

export class Model {
  constructor() {
    this.devices = new Map();     // name -> {aggregate, entries: Map eid -> entry}
    this.hints = new Map();       // name -> {state, devices: [..]}
    this.mailboxes = new Map();   // name -> {new, old, entries: Map eid -> entry}
    this.hintsByDevice = new Map();
    this.sites = { entityId: null, links: [], sites: [] };
    this.lastHeard = new Map();   // eid -> epoch ms of its newest entry
    this.dirty = { devices: new Set(), hints: new Set(), mailboxes: new Set(), sites: false, all: false };
  }

  snapshot(data) {
    this.devices.clear();
    this.hints.clear();
    this.mailboxes.clear();
    this.hintsByDevice.clear();
    this.lastHeard.clear();
    for (const d of data.devices) this.putDevice(d, false);
    for (const h of data.hints) this.putHint(h, false);
    for (const m of data.mailboxes) this.putMailbox(m, false);
    this.sites = data.sites;
    this.dirty.all = true;
    this.dirty.sites = true;
  }

  putDevice(d, mark = true) {
    if (d.entries.length === 0) {
      this.devices.delete(d.device);
    } else {
      const entries = new Map();
      for (const e of d.entries) {
        entries.set(e.eid, e);
        const at = Date.parse(e.updatedAt);
        if (!(this.lastHeard.get(e.eid) >= at)) this.lastHeard.set(e.eid, at);
      }
      this.devices.set(d.device, { aggregate: d.aggregate, entries });
    }
    if (mark) {
      this.dirty.devices.add(d.device);
      const hints = this.hintsByDevice.get(d.device);
      if (hints) for (const h of hints) this.dirty.hints.add(h);
    }
  }

  putHint(h, mark = true) {
    this.hints.set(h.hint, { state: h.state, devices: h.devices });
    for (const device of h.devices) {
      let set = this.hintsByDevice.get(device);
      if (!set) this.hintsByDevice.set(device, set = new Set());
      set.add(h.hint);
    }
    if (mark) this.dirty.hints.add(h.hint);
  }

  putMailbox(m, mark = true) {
    if (m.entries.length === 0) {
      this.mailboxes.delete(m.mailbox);
    } else {
      const entries = new Map();
      for (const e of m.entries) entries.set(e.eid, e);
      this.mailboxes.set(m.mailbox, { new: m.new, old: m.old, entries });
    }
    if (mark) {
      this.dirty.mailboxes.add(m.mailbox);
      // A hint of the same name (exten@context) shows the mailbox's badge.
      if (this.hints.has(m.mailbox)) this.dirty.hints.add(m.mailbox);
    }
  }

  putSites(s) {
    this.sites = s;
    this.dirty.sites = true;
  }

  /** The columns: this site first, then every remote site with an entity id, by name. */
  columns() {
    const own = this.sites.entityId;
    const cols = [{ eid: own, name: 'this site', liveness: 'online' }];
    const seen = new Set([own]);
    const remote = [...this.sites.sites].filter(s => s.eid).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const s of remote) {
      if (seen.has(s.eid)) continue;
      seen.add(s.eid);
      cols.push({ eid: s.eid, name: s.name.replace(/@.*/, ''), title: s.name, liveness: s.liveness });
    }
    return cols;
  }

  /** One site's state of a hint: the aggregate of what that site reports for the hint's devices. */
  hintAt(hint, eid) {
    const states = [];
    for (const device of hint.devices) {
      const entry = this.devices.get(device)?.entries.get(eid);
      if (entry) states.push(entry.state);
    }
    return states.length ? aggregate(states) : null;
  }

  takeDirty() {
    const d = this.dirty;
    this.dirty = { devices: new Set(), hints: new Set(), mailboxes: new Set(), sites: false, all: false };
    return d;
  }
}
