// The event stream: a snapshot, then every change. The browser's EventSource reconnects by itself and sends
// Last-Event-ID, so the server replays what was missed (or sends a new snapshot when it cannot).

export function connect(url, handlers) {
  let source;
  let retry = 1000;
  const open = () => {
    source = new EventSource(url);
    source.onopen = () => { retry = 1000; handlers.status(true); };
    source.onerror = () => {
      handlers.status(false);
      if (source.readyState === EventSource.CLOSED) {
        // Refused (a wrong token, the node restarting): EventSource gives up, so we try again later.
        setTimeout(open, retry);
        retry = Math.min(retry * 2, 30000);
      }
    };
    for (const name of ['snapshot', 'device', 'hint', 'mailbox', 'sites']) {
      source.addEventListener(name, e => handlers.event(name, JSON.parse(e.data)));
    }
  };
  open();
  return { close: () => source.close() };
}
