// The page's calls to the playground API. Every error comes back as { error } in the user's language.

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

async function request(method, path, body) {
  const res = await fetch(`/playground/api${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(data.error || `HTTP ${res.status}`, res.status);
  return data;
}

export const api = {
  bootstrap: (lang) => request('GET', `/bootstrap?lang=${lang}`),
  conversation: (key, lang) => request('GET', `/conversations/${encodeURIComponent(key)}?lang=${lang}`),
  send: (key, as, text, lang) => request('POST', `/conversations/${encodeURIComponent(key)}/messages`, { as, text, lang }),
  execute: (key, activityId, as, action, lang) =>
    request('POST', `/conversations/${encodeURIComponent(key)}/activities/${encodeURIComponent(activityId)}/execute`, { as, action, lang }),
  simulate: (as, lang) => request('POST', '/simulate', { as, lang }),
  addSchool: (key, lang) => request('POST', `/schools/${encodeURIComponent(key)}?lang=${lang}`, { lang }),
};

/** Subscribes to the server's event stream; EventSource reconnects by itself. */
export function listen(onEvent, onState) {
  const source = new EventSource('/playground/api/events');
  source.onopen = () => onState('connected');
  source.onerror = () => onState('disconnected');
  source.onmessage = (e) => {
    try {
      onEvent(JSON.parse(e.data));
    } catch {
      // A malformed event is dropped; the next full load shows the truth.
    }
  };
  return source;
}
