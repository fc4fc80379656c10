// The admin console: a small page over the admin JSON API (Admin.Api/Console/AdminConsole.cs says why).
// The key lives in this module's memory only. Every text from the API is put in the page with textContent,
// never as markup; the CSP allows no inline script or style anyway.

const state = { key: null, actor: null, scopes: [], page: 1, search: '', view: 0 };
const main = document.getElementById('main');
const status = document.getElementById('status');
const signInForm = document.getElementById('sign-in');

/** An element with attributes and children (strings become text nodes). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value != null) element.setAttribute(name, value);
  }
  for (const child of children.flat(Infinity)) if (child != null) element.append(child);
  return element;
}

const can = scope => state.scopes.includes(scope);

/** Calls the admin API; resolves to { ok, status, body }. A problem+json body is returned as it is. */
async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${state.key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (response.status === 401 && state.key) signOut('Your credential is no longer valid: sign in again.');
  return { ok: response.ok, status: response.status, body: json };
}

/** The API's own words for a refusal: the problem's detail (admin API), else its error code. */
const problemText = result => result.body?.detail ?? result.body?.error_description ?? result.body?.error ?? `HTTP ${result.status}`;

function say(message) { status.textContent = message; }

/** A new view begins: an answer for an older one that arrives after it is dropped (see current()). */
const begin = () => ++state.view;
const current = view => view === state.view;

function show(...children) {
  // A section a view leaves out is null: replaceChildren would print it as the text "null".
  main.replaceChildren(...children.filter(child => child != null));
  const heading = main.querySelector('h2');
  if (heading) { heading.tabIndex = -1; heading.focus(); }
}

/** Asks in a modal dialog; resolves true when confirmed. */
function confirmAction(message, action) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = message;
  document.getElementById('confirm-yes').textContent = action;
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
  });
}

/** A secret shown once, with a button that copies it. */
function secretPanel(label, value) {
  const output = h('output', { id: 'new-secret' }, value);
  return h('section', { class: 'secret', 'aria-label': label },
    h('p', {}, h('strong', {}, label), ' — shown once: store it now, it is not shown again.'),
    output, ' ',
    h('button', { type: 'button', id: 'copy-secret', onclick: async () => {
      try { await navigator.clipboard.writeText(value); say('Copied to the clipboard.'); } catch { say('Copy failed: select the text and copy it.'); }
    } }, 'Copy'));
}

const time = ms => (ms == null ? '—' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'));
const display = value => (value == null ? '—' : Array.isArray(value) ? (value.length ? value.join(', ') : '—') : typeof value === 'object' ? JSON.stringify(value) : String(value));

// --- Sign in and out

signInForm.addEventListener('submit', async event => {
  event.preventDefault();
  const input = document.getElementById('key');
  state.key = input.value.trim();
  input.value = '';
  const me = await api('GET', '/admin/me');
  if (!me.ok) {
    state.key = null;
    document.getElementById('sign-in-error').textContent = `Sign-in refused: ${problemText(me)}`;
    return;
  }
  state.actor = me.body.actor;
  state.scopes = me.body.scopes;
  const nav = document.getElementById('nav');
  nav.hidden = false;
  for (const button of nav.querySelectorAll('[data-scope]')) button.hidden = !can(button.dataset.scope);
  document.getElementById('caller').textContent = `${state.actor} · ${state.scopes.join(' ')}`;
  say(`Signed in as ${state.actor}.`);
  showClients();
});

function signOut(message) {
  begin();
  state.key = null;
  state.scopes = [];
  document.getElementById('nav').hidden = true;
  document.getElementById('sign-in-error').textContent = '';
  show(signInForm);
  say(message ?? 'Signed out.');
}

document.getElementById('sign-out').addEventListener('click', () => signOut());
for (const button of document.querySelectorAll('#nav [data-view]')) {
  button.addEventListener('click', () => ({ clients: showClients, create: () => showForm(null), tokens: showTokens, issuers: showIssuers, lifecycle: showLifecycle, audit: () => showAudit({}), keys: showKeys })[button.dataset.view]());
}

// --- Clients: list, search, paging, bulk delete

async function showClients() {
  const view = begin();
  const query = new URLSearchParams({ page: state.page, limit: 20 });
  if (state.search) query.set('search', state.search);
  const result = await api('GET', `/admin/clients?${query}`);
  if (!current(view)) return;
  if (!result.ok) { say(`The list could not be read: ${problemText(result)}`); return; }
  const { clients, pagination } = result.body;
  const selected = new Set();
  const searchInput = h('input', { type: 'search', id: 'search', name: 'search', value: state.search });
  const bulk = h('button', { type: 'button', class: 'danger', id: 'bulk-delete', disabled: true, onclick: async () => {
    if (!await confirmAction(`Delete ${selected.size} client(s)? This cannot be undone.`, 'Delete')) return;
    const answer = await api('DELETE', '/admin/clients/bulk', { client_ids: [...selected] });
    say(answer.ok ? `Deleted ${answer.body.deleted} of ${answer.body.requested} client(s).` : `Not deleted: ${problemText(answer)}`);
    showClients();
  } }, 'Delete selected');
  const rows = clients.map(client => h('tr', {},
    can('clients:delete') ? h('td', {}, h('input', { type: 'checkbox', 'aria-label': `Select ${client.client_name ?? client.client_id}`, onchange: event => {
      if (event.target.checked) selected.add(client.client_id); else selected.delete(client.client_id);
      bulk.disabled = selected.size === 0;
    } })) : null,
    h('td', {}, h('a', { href: `#client/${encodeURIComponent(client.client_id)}`, onclick: event => { event.preventDefault(); showClient(client.client_id); } },
      client.client_name ?? client.client_id)),
    h('td', {}, client.client_id),
    h('td', {}, time(client.created_at)),
    h('td', {}, client.update_locked || client.delete_locked ? 'locked' : '')));
  show(
    h('h2', {}, 'Clients'),
    h('form', { class: 'toolbar', role: 'search', onsubmit: event => { event.preventDefault(); state.search = searchInput.value.trim(); state.page = 1; showClients(); } },
      h('div', {}, h('label', { for: 'search' }, 'Search by name or client id'), searchInput),
      h('button', { type: 'submit' }, 'Search')),
    h('table', { id: 'clients' },
      h('caption', {}, `${pagination.total} client(s)${state.search ? ` matching “${state.search}”` : ''}`),
      h('thead', {}, h('tr', {}, can('clients:delete') ? h('th', { scope: 'col' }, 'Select') : null,
        h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Client ID'), h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, 'Locks'))),
      h('tbody', {}, rows)),
    h('div', { class: 'actions' },
      h('button', { type: 'button', disabled: !pagination.hasPrev, onclick: () => { state.page--; showClients(); } }, 'Previous page'),
      h('span', { id: 'page-info' }, `Page ${pagination.page} of ${Math.max(1, pagination.totalPages)}`),
      h('button', { type: 'button', disabled: !pagination.hasNext, onclick: () => { state.page++; showClients(); } }, 'Next page'),
      can('clients:delete') ? bulk : null));
}

// --- One client: every field, actions, audit trail

async function showClient(clientId, notice) {
  const view = begin();
  const result = await api('GET', `/admin/clients/${encodeURIComponent(clientId)}`);
  if (!current(view)) return;
  if (!result.ok) { say(`The client could not be read: ${problemText(result)}`); showClients(); return; }
  const client = result.body.client;
  const locked = client.update_locked || client.delete_locked;
  const actions = h('div', { class: 'actions' },
    can('clients:write') ? h('button', { type: 'button', id: 'edit', onclick: () => showForm(client) }, 'Edit') : null,
    can('clients:write') ? h('button', { type: 'button', id: 'lock', onclick: async () => {
      const answer = await api('PUT', `/admin/clients/${encodeURIComponent(clientId)}`, { update_locked: !locked, delete_locked: !locked });
      say(answer.ok ? (locked ? 'Unlocked: the client may update and delete its registration again.' : 'Locked: the client can no longer update or delete its registration.')
        : `Not changed: ${problemText(answer)}`);
      showClient(clientId);
    } }, locked ? 'Unlock' : 'Lock') : null,
    can('clients:write') && client.client_secret ? h('button', { type: 'button', id: 'regenerate', onclick: async () => {
      if (!await confirmAction('Regenerate the secret? Applications using the current one must be given the new one.', 'Regenerate')) return;
      const answer = await api('POST', `/admin/clients/${encodeURIComponent(clientId)}/regenerate-secret`);
      if (!answer.ok) { say(`Not regenerated: ${problemText(answer)}`); return; }
      say(answer.body.message);
      showClient(clientId, secretPanel('New client secret', answer.body.client_secret));
    } }, 'Regenerate secret') : null,
    can('clients:delete') ? h('button', { type: 'button', class: 'danger', id: 'delete', onclick: async () => {
      if (!await confirmAction(`Delete ${client.client_name ?? clientId}? Its id, secret and token stop working at once.`, 'Delete')) return;
      const answer = await api('DELETE', `/admin/clients/${encodeURIComponent(clientId)}`);
      say(answer.ok ? `Deleted ${clientId}.` : `Not deleted: ${problemText(answer)}`);
      showClients();
    } }, 'Delete') : null,
    h('button', { type: 'button', onclick: showClients }, 'Back to the list'));
  const fields = h('dl', { id: 'fields' }, Object.entries(client).flatMap(([name, value]) => [h('dt', {}, name),
    h('dd', { 'data-field': name }, name.endsWith('_at') && typeof value === 'number' ? time(value) : display(value))]));
  const [secrets, keys, audit] = await Promise.all([
    client.client_secret ? secretsSection(clientId) : null,
    client.jwks_uri == null && (client.jwks != null || client.token_endpoint_auth_method === 'private_key_jwt') ? keysSection(clientId) : null,
    can('audit:read') ? auditSection(clientId) : null,
  ]);
  if (!current(view)) return;
  show(h('h2', {}, client.client_name ?? clientId), notice ?? null, actions, fields, secrets, keys, audit);
}

// Its keys (issue 34), where it proves itself with them (private_key_jwt) and keeps them here rather than at a jwks_uri:
// the active ones are its jwks; a staged one is published when activated, so a new key can be rolled out ahead of use.
async function keysSection(clientId) {
  const path = `/admin/clients/${encodeURIComponent(clientId)}/keys`;
  const result = await api('GET', path);
  if (!result.ok) return h('p', { class: 'error' }, `The keys could not be read: ${problemText(result)}`);
  const change = (method, url, done) => async () => {
    const answer = await api(method, url);
    say(answer.ok ? done : `Not changed: ${problemText(answer)}`);
    showClient(clientId);
  };
  const jwk = h('textarea', { id: 'key-jwk', name: 'jwk', rows: 4 });
  const publish = h('input', { type: 'checkbox', id: 'key-active', name: 'active', checked: true });
  const error = h('p', { class: 'error', role: 'alert', id: 'client-key-error' });
  const add = h('form', { id: 'client-key-form', novalidate: true, onsubmit: async event => {
    event.preventDefault();
    let parsed;
    try { parsed = JSON.parse(jwk.value); } catch { error.textContent = 'jwk: not JSON; paste the public key as a JWK.'; return; }
    const answer = await api('POST', path, { jwk: parsed, active: publish.checked });
    if (!answer.ok) { error.textContent = problemText(answer); return; }
    say(`Added key ${parsed.kid}${publish.checked ? ', published in the jwks' : ', staged'}.`);
    showClient(clientId);
  } },
  h('h4', {}, 'Add a key'), h('label', { for: 'key-jwk' }, 'Public key (a JWK with a kid)'), jwk,
  h('div', {}, publish, h('label', { for: 'key-active', class: 'inline' }, 'Publish it now (else staged)')),
  error, h('button', { type: 'submit' }, 'Add key'));
  return h('section', { 'aria-labelledby': 'keys-heading' },
    h('h3', { id: 'keys-heading' }, 'Keys'),
    h('table', { id: 'client-keys' },
      h('thead', {}, h('tr', {}, ['Key id', 'Type', 'Algorithm', 'Use', 'State', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, result.body.keys.map(key => {
        const kid = encodeURIComponent(key.kid);
        return h('tr', { 'data-kid': key.kid },
          h('td', {}, key.kid), h('td', {}, key.kty), h('td', {}, key.alg ?? '—'), h('td', {}, key.use ?? '—'), h('td', {}, key.active ? 'active' : 'staged'),
          h('td', {}, can('clients:write') ? [
            h('button', { type: 'button', 'aria-label': `${key.active ? 'Deactivate' : 'Activate'} ${key.kid}`,
              onclick: change('POST', `${path}/${kid}/${key.active ? 'deactivate' : 'activate'}`, `${key.active ? 'Deactivated' : 'Activated'} ${key.kid}.`) },
              key.active ? 'Deactivate' : 'Activate'), ' ',
            h('button', { type: 'button', class: 'danger', 'aria-label': `Remove ${key.kid}`, onclick: async () => {
              if (!await confirmAction(`Remove the key ${key.kid}? Assertions signed with it stop verifying.`, 'Remove')) return;
              await change('DELETE', `${path}/${kid}`, `Removed ${key.kid}.`)();
            } }, 'Remove')] : ''));
      }))),
    can('clients:write') ? add : null);
}

// The credential set (issue 34): every secret that works now, never a value; add one (shown once), retire one.
async function secretsSection(clientId) {
  const path = `/admin/clients/${encodeURIComponent(clientId)}/secrets`;
  const result = await api('GET', path);
  if (!result.ok) return h('p', { class: 'error' }, `The secrets could not be read: ${problemText(result)}`);
  const add = h('button', { type: 'button', id: 'add-secret', onclick: async () => {
    const answer = await api('POST', path);
    if (!answer.ok) { say(`No secret added: ${problemText(answer)}`); return; }
    say(`Added secret ${answer.body.secret_id}; the others keep working as they are.`);
    showClient(clientId, secretPanel(`Secret ${answer.body.secret_id}`, answer.body.client_secret));
  } }, 'Add a secret');
  return h('section', { 'aria-labelledby': 'secrets-heading' },
    h('h3', { id: 'secrets-heading' }, 'Secrets'),
    h('table', { id: 'secrets' },
      h('thead', {}, h('tr', {}, ['Secret id', 'Created', 'Expires', 'Last used', 'Current', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, result.body.secrets.map(secret => h('tr', { 'data-secret': secret.id },
        h('td', {}, secret.id), h('td', {}, time(secret.created_at)), h('td', {}, secret.expires_at == null ? 'never' : time(secret.expires_at)),
        h('td', {}, secret.last_used_at == null ? 'never' : time(secret.last_used_at)), h('td', {}, secret.current ? 'current' : ''),
        h('td', {}, can('clients:write') && result.body.secrets.length > 1
          ? h('button', { type: 'button', class: 'danger', 'aria-label': `Retire ${secret.id}`, onclick: async () => {
            if (!await confirmAction(`Retire the secret ${secret.id}? It stops working at once.`, 'Retire')) return;
            const answer = await api('DELETE', `${path}/${encodeURIComponent(secret.id)}`);
            say(answer.ok ? `Retired ${secret.id}.` : `Not retired: ${problemText(answer)}`);
            showClient(clientId);
          } }, 'Retire') : ''))))),
    can('clients:write') ? h('div', { class: 'actions' }, add) : null);
}

async function auditSection(clientId) {
  const [trail, chain] = await Promise.all([
    api('GET', `/admin/audit?resource_id=${encodeURIComponent(clientId)}&limit=50`),
    api('GET', '/admin/audit/verify'),
  ]);
  return h('section', { 'aria-labelledby': 'audit-heading' },
    h('h3', { id: 'audit-heading' }, 'Audit trail'),
    chainVerdict(chain),
    trail.ok ? auditTable(trail.body.events) : h('p', { class: 'error' }, `The audit trail could not be read: ${problemText(trail)}`));
}

/** What GET /admin/audit/verify found, in a sentence. */
function chainVerdict(chain) {
  const verdict = !chain.ok ? `The chain could not be verified: ${problemText(chain)}`
    : chain.body.valid ? `Audit chain valid: ${chain.body.rows_checked} row(s) checked.`
    : `Audit chain broken at row ${chain.body.first_bad_seq}: ${chain.body.reason}`;
  return h('p', { id: 'chain', class: chain.body?.valid ? 'valid' : 'error' }, verdict);
}

function auditTable(events, withResource = false) {
  return h('table', { id: 'audit' },
    h('thead', {}, h('tr', {}, ['Time', 'Action', withResource ? 'Resource' : null, 'Actor', 'Outcome', 'Changed'].filter(Boolean).map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, events.map(e => h('tr', {},
      h('td', {}, time(e.timestamp)), h('td', {}, e.action), withResource ? h('td', {}, `${e.resource.type} ${e.resource.id ?? ''}`) : null,
      h('td', {}, `${e.actor.kind} ${e.actor.id ?? ''}`),
      h('td', {}, e.outcome.success ? `ok (${e.outcome.status})` : `refused (${e.outcome.status} ${e.outcome.error ?? ''})`),
      h('td', {}, (e.changes ?? []).map(c => c.field).join(', '))))));
}

// --- The audit log: every event, filtered as the API filters it, and the chain verified on request

async function showAudit(filters, page = 1, chain = null) {
  const view = begin();
  const query = new URLSearchParams({ page, limit: 50 });
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  const result = await api('GET', `/admin/audit?${query}`);
  if (!current(view)) return;
  const inputs = Object.fromEntries([['resource_id', 'Resource id'], ['actor', 'Actor id'], ['action', 'Action'], ['from', 'From'], ['to', 'To']]
    .map(([name, label]) => [name, { label, input: h('input', { type: 'text', id: `audit-${name}`, name, value: filters[name] ?? '' }) }]));
  const read = () => Object.fromEntries(Object.entries(inputs).map(([name, { input }]) => [name, input.value.trim()]));
  const form = h('form', { class: 'toolbar', id: 'audit-filters', role: 'search', onsubmit: event => { event.preventDefault(); showAudit(read()); } },
    Object.entries(inputs).map(([name, { label, input }]) => h('div', {}, h('label', { for: `audit-${name}` }, label), input)),
    h('button', { type: 'submit' }, 'Filter'));
  const verify = h('button', { type: 'button', id: 'verify-chain', onclick: async () => {
    verify.disabled = true;
    say('Verifying the audit chain…');
    const answer = await api('GET', '/admin/audit/verify');
    say(answer.ok && answer.body.valid ? 'Verified.' : 'Verification finished.');
    showAudit(read(), 1, answer); // with the filters as the form now has them
  } }, 'Verify chain');
  const pagination = result.ok ? result.body.pagination : null;
  // Which filters this page is of, said with its count: the form may already hold others, typed since.
  const applied = Object.entries(filters).filter(([, value]) => value).map(([name, value]) => `${name} ${value}`).join(', ');
  show(h('h2', {}, 'Audit log'),
    h('p', { class: 'hint' }, 'From and To take ISO 8601 times (2026-12-07T10:00:00Z) or Unix milliseconds.'),
    form,
    result.ok ? h('p', { id: 'audit-count' }, `${pagination.total} event(s)${applied ? ` where ${applied}` : ''}`)
      : h('p', { class: 'error', role: 'alert', id: 'audit-error' }, problemText(result)),
    result.ok ? auditTable(result.body.events, true) : null,
    result.ok ? h('div', { class: 'actions' },
      h('button', { type: 'button', disabled: !pagination.hasPrev, onclick: () => showAudit(filters, page - 1) }, 'Previous page'),
      h('span', {}, `Page ${pagination.page} of ${Math.max(1, pagination.totalPages)}`),
      h('button', { type: 'button', disabled: !pagination.hasNext, onclick: () => showAudit(filters, page + 1) }, 'Next page')) : null,
    h('div', { class: 'actions' }, verify), chain ? chainVerdict(chain) : null);
}

// --- Create and edit: the API's rules, the API's messages

const textFields = [
  ['client_name', 'Name', 'text'], ['scope', 'Scope', 'text', 'Space-separated scope tokens.'],
  ['client_uri', 'Client URI', 'url'], ['logo_uri', 'Logo URI', 'url'], ['tos_uri', 'Terms of service URI', 'url'], ['policy_uri', 'Privacy policy URI', 'url'],
];
const listFields = [
  ['redirect_uris', 'Redirect URIs', 'One per line.'], ['post_logout_redirect_uris', 'Post-logout redirect URIs', 'One per line.'],
  ['grant_types', 'Grant types', 'One per line: authorization_code, refresh_token, client_credentials, …'], ['contacts', 'Contacts', 'One per line.'],
];
const authMethods = ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'none'];
const flags = [['is_trusted', 'Trusted (first party)'], ['skip_consent', 'Skip consent'], ['allow_claims_without_scope', 'Claims without scope']];

function showForm(client) {
  begin();
  const editing = client != null;
  const error = h('p', { class: 'error', role: 'alert', id: 'form-error' });
  const inputs = {};
  const field = (name, label, element, hint) => [h('label', { for: `f-${name}` }, label), hint ? h('p', { class: 'hint', id: `h-${name}` }, hint) : null, element];
  const form = h('form', { id: 'client-form', novalidate: true, onsubmit: async event => {
    event.preventDefault();
    const body = {};
    for (const [name] of textFields) {
      const value = inputs[name].value.trim();
      if (value) body[name] = value;
      else if (editing && client[name] != null) body[name] = null; // emptied: cleared
    }
    for (const [name] of listFields) {
      const values = inputs[name].value.split('\n').map(v => v.trim()).filter(Boolean);
      if (values.length || editing) body[name] = values;
    }
    body.token_endpoint_auth_method = inputs.token_endpoint_auth_method.value;
    for (const [name] of flags) body[name] = inputs[name].checked;
    if (editing && body.grant_types.length === 0) delete body.grant_types;
    const answer = editing
      ? await api('PUT', `/admin/clients/${encodeURIComponent(client.client_id)}`, body)
      : await api('POST', '/admin/clients', body);
    if (!answer.ok) { error.textContent = problemText(answer); error.focus?.(); return; }
    const saved = answer.body.client;
    say(editing ? 'Saved.' : `Created ${saved.client_id}.`);
    const secret = saved.client_secret && saved.client_secret !== '***masked***' ? secretPanel('Client secret', saved.client_secret) : null;
    showClient(saved.client_id, secret);
  } },
  textFields.map(([name, label, type, hint]) => field(name, label,
    inputs[name] = h('input', { id: `f-${name}`, name, type, value: client?.[name] ?? '', 'aria-describedby': hint ? `h-${name}` : null }), hint)),
  listFields.map(([name, label, hint]) => field(name, label,
    inputs[name] = h('textarea', { id: `f-${name}`, name, rows: 3, 'aria-describedby': `h-${name}` }, (client?.[name] ?? []).join('\n')), hint)),
  field('token_endpoint_auth_method', 'Token endpoint authentication', inputs.token_endpoint_auth_method = h('select', { id: 'f-token_endpoint_auth_method', name: 'token_endpoint_auth_method' },
    authMethods.map(m => h('option', { value: m, selected: (client?.token_endpoint_auth_method ?? 'client_secret_basic') === m }, m)))),
  h('fieldset', {}, h('legend', {}, 'Admin-only flags'),
    flags.map(([name, label]) => h('div', {}, inputs[name] = h('input', { type: 'checkbox', id: `f-${name}`, name, checked: client?.[name] === true }),
      h('label', { for: `f-${name}`, class: 'inline' }, label)))),
  error,
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, editing ? 'Save' : 'Create'),
    h('button', { type: 'button', onclick: () => (editing ? showClient(client.client_id) : showClients()) }, 'Cancel')));
  show(h('h2', {}, editing ? `Edit ${client.client_name ?? client.client_id}` : 'New client'), form);
}

// --- Initial access tokens (RFC 7591 §3): who may register, how often, until when; shown once, revocable

async function showTokens(notice) {
  const view = begin();
  const result = await api('GET', '/admin/initial-access-tokens');
  if (!current(view)) return;
  if (!result.ok) { say(`The tokens could not be read: ${problemText(result)}`); return; }
  const name = h('input', { type: 'text', id: 'token-name', name: 'name' });
  const uses = h('input', { type: 'number', id: 'token-uses', name: 'max_uses', min: 1, value: 1 });
  const hours = h('input', { type: 'number', id: 'token-hours', name: 'expires_in', min: 1, value: 168 });
  const error = h('p', { class: 'error', role: 'alert', id: 'token-error' });
  const issue = h('form', { id: 'token-form', novalidate: true, onsubmit: async event => {
    event.preventDefault();
    const body = { max_uses: Number(uses.value), expires_in: Number(hours.value) * 3600 };
    if (name.value.trim()) body.name = name.value.trim();
    const answer = await api('POST', '/admin/initial-access-tokens', body);
    if (!answer.ok) { error.textContent = problemText(answer); return; }
    say(`Issued token ${answer.body.id}.`);
    showTokens(secretPanel(`Initial access token ${answer.body.name ?? answer.body.id}`, answer.body.token));
  } },
  h('h3', {}, 'New token'),
  h('label', { for: 'token-name' }, 'Name'), name,
  h('label', { for: 'token-uses' }, 'Registrations it allows'), uses,
  h('label', { for: 'token-hours' }, 'Valid for (hours)'), hours,
  error, h('button', { type: 'submit', class: 'primary' }, 'Issue token'));
  show(h('h2', {}, 'Initial access tokens'), notice ?? null,
    h('table', { id: 'tokens' },
      h('thead', {}, h('tr', {}, ['Name', 'Token id', 'Status', 'Uses left', 'Expires', 'Last used', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, result.body.initial_access_tokens.map(token => h('tr', { 'data-token': token.id },
        h('td', {}, token.name ?? '—'), h('td', {}, token.id), h('td', {}, token.status),
        h('td', {}, `${token.remaining_uses} of ${token.max_uses}`), h('td', {}, time(token.expires_at)), h('td', {}, time(token.last_used_at)),
        h('td', {}, token.status !== 'active' ? '' : h('button', { type: 'button', class: 'danger', 'aria-label': `Revoke ${token.name ?? token.id}`, onclick: async () => {
          if (!await confirmAction(`Revoke the token ${token.name ?? token.id}? Registrations with it are refused from now on.`, 'Revoke')) return;
          const answer = await api('DELETE', `/admin/initial-access-tokens/${encodeURIComponent(token.id)}`);
          say(answer.ok ? `Revoked ${token.name ?? token.id}.` : `Not revoked: ${problemText(answer)}`);
          showTokens();
        } }, 'Revoke')))))),
    issue);
}

// --- Lifecycle (issue 34): the clients expired now by their source's rule, and reaping them

async function showLifecycle(notice) {
  const view = begin();
  // A dry run changes nothing: it lists what the reaper would take now, with why and what it would do.
  const result = await api('POST', '/admin/clients/reap?dry_run=true');
  if (!current(view)) return;
  if (!result.ok) { say(`The stale clients could not be read: ${problemText(result)}`); return; }
  const { total, clients } = result.body;
  const reap = h('button', { type: 'button', class: 'danger', id: 'reap', disabled: total === 0, onclick: async () => {
    if (!await confirmAction(`Reap ${total} expired client(s) now? Each is deleted or locked as its rule says, and audited.`, 'Reap')) return;
    const answer = await api('POST', '/admin/clients/reap');
    say(answer.ok ? `Reaped ${answer.body.total} client(s)${answer.body.more ? '; more are left: reap again' : ''}.` : `Not reaped: ${problemText(answer)}`);
    showLifecycle();
  } }, 'Reap now');
  show(h('h2', {}, 'Lifecycle'), notice ?? null,
    h('p', {}, 'Registered clients expired now by their source\'s rule (Lifecycle:Sources): what the reaper takes at its next turn. Locked clients never expire.'),
    h('table', { id: 'stale' },
      h('caption', {}, `${total} client(s) would be reaped now${clients.length < total ? ` (the first ${clients.length} listed)` : ''}`),
      h('thead', {}, h('tr', {}, ['Client ID', 'Source', 'Why', 'Would be', 'Registered', 'Last used'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, clients.map(client => h('tr', { 'data-client': client.client_id },
        h('td', {}, h('a', { href: `#client/${encodeURIComponent(client.client_id)}`, onclick: event => { event.preventDefault(); showClient(client.client_id); } }, client.client_id)),
        h('td', {}, client.source), h('td', {}, client.reason === 'never_used' ? 'never used' : 'inactive'),
        h('td', {}, client.action), h('td', {}, time(client.created_at)), h('td', {}, time(client.last_used_at)))))),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'refresh-stale', onclick: () => showLifecycle() }, 'Refresh'), reap));
}

// --- Trusted software statement issuers (RFC 7591 §2.3): trust is an administrator's call

async function showIssuers() {
  const view = begin();
  const result = await api('GET', '/admin/software-statement-issuers');
  if (!current(view)) return;
  if (!result.ok) { say(`The issuers could not be read: ${problemText(result)}`); return; }
  const issuer = h('input', { type: 'text', id: 'issuer-iss', name: 'issuer' });
  const jwksUri = h('input', { type: 'url', id: 'issuer-jwks-uri', name: 'jwks_uri' });
  const jwks = h('textarea', { id: 'issuer-jwks', name: 'jwks', rows: 4 });
  const error = h('p', { class: 'error', role: 'alert', id: 'issuer-error' });
  const trust = h('form', { id: 'issuer-form', novalidate: true, onsubmit: async event => {
    event.preventDefault();
    const body = { issuer: issuer.value.trim() };
    if (jwksUri.value.trim()) body.jwks_uri = jwksUri.value.trim();
    if (jwks.value.trim()) {
      try { body.jwks = JSON.parse(jwks.value); } catch { error.textContent = 'jwks: not JSON; paste the issuer\'s JWK Set.'; return; }
    }
    const answer = await api('POST', '/admin/software-statement-issuers', body);
    if (!answer.ok) { error.textContent = problemText(answer); return; }
    say(`Trusted ${answer.body.issuer}.`);
    showIssuers();
  } },
  h('h3', {}, 'Trust an issuer'),
  h('label', { for: 'issuer-iss' }, 'Issuer (the iss of its statements)'), issuer,
  h('label', { for: 'issuer-jwks-uri' }, 'Its JWK Set URL'), jwksUri,
  h('label', { for: 'issuer-jwks' }, 'Or its JWK Set (public keys)'), jwks,
  error, h('button', { type: 'submit', class: 'primary' }, 'Trust issuer'));
  show(h('h2', {}, 'Software statement issuers'),
    h('table', { id: 'issuers' },
      h('thead', {}, h('tr', {}, ['Issuer', 'Id', 'Keys', 'Trusted since', 'By', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, result.body.issuers.map(item => h('tr', { 'data-issuer': item.id },
        h('td', {}, item.issuer), h('td', {}, item.id), h('td', {}, item.jwks_uri ?? `${item.jwks?.keys?.length ?? 0} key(s) inline`),
        h('td', {}, time(item.created_at)), h('td', {}, item.created_by ?? '—'),
        h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': `Stop trusting ${item.issuer}`, onclick: async () => {
          if (!await confirmAction(`Stop trusting ${item.issuer}? Its statements are refused from now on.`, 'Stop trusting')) return;
          const answer = await api('DELETE', `/admin/software-statement-issuers/${encodeURIComponent(item.id)}`);
          say(answer.ok ? `No longer trusted: ${item.issuer}.` : `Not removed: ${problemText(answer)}`);
          showIssuers();
        } }, 'Stop trusting')))))),
    trust);
}

// --- Admin keys

async function showKeys(notice) {
  const view = begin();
  const result = await api('GET', '/admin/keys');
  if (!current(view)) return;
  if (!result.ok) { say(`The keys could not be read: ${problemText(result)}`); return; }
  const scopes = ['clients:read', 'clients:write', 'clients:delete', 'audit:read', 'client:admin'];
  const name = h('input', { type: 'text', id: 'key-name', name: 'name' });
  const boxes = scopes.map(scope => [scope, h('input', { type: 'checkbox', id: `scope-${scope}`, value: scope })]);
  const error = h('p', { class: 'error', role: 'alert', id: 'key-error' });
  const create = h('form', { id: 'key-form', onsubmit: async event => {
    event.preventDefault();
    const answer = await api('POST', '/admin/keys', { name: name.value.trim(), scopes: boxes.filter(([, box]) => box.checked).map(([scope]) => scope) });
    if (!answer.ok) { error.textContent = problemText(answer); return; }
    say(`Created key ${answer.body.id}.`);
    showKeys(secretPanel(`Admin key ${answer.body.name}`, answer.body.key));
  } },
  h('h3', {}, 'New key'), h('label', { for: 'key-name' }, 'Name'), name,
  h('fieldset', {}, h('legend', {}, 'Scopes'), boxes.map(([scope, box]) => h('div', {}, box, h('label', { for: box.id, class: 'inline' }, scope)))),
  error, h('button', { type: 'submit', class: 'primary' }, 'Create key'));
  show(h('h2', {}, 'Admin keys'), notice ?? null,
    h('table', { id: 'keys' },
      h('thead', {}, h('tr', {}, ['Name', 'Key id', 'Scopes', 'Created', 'Status', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, result.body.keys.map(key => h('tr', {},
        h('td', {}, key.name), h('td', {}, key.id), h('td', {}, key.scopes.join(' ')), h('td', {}, time(key.created_at)),
        h('td', {}, key.revoked_at ? `revoked ${time(key.revoked_at)}` : 'active'),
        h('td', {}, key.revoked_at ? '' : h('button', { type: 'button', class: 'danger', 'aria-label': `Revoke ${key.name}`, onclick: async () => {
          if (!await confirmAction(`Revoke the key ${key.name}? It stops working at once.`, 'Revoke')) return;
          const answer = await api('DELETE', `/admin/keys/${encodeURIComponent(key.id)}`);
          say(answer.ok ? `Revoked ${key.name}.` : `Not revoked: ${problemText(answer)}`);
          showKeys();
        } }, 'Revoke')))))),
    create);
}
