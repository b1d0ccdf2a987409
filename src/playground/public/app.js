// The playground page: pick a persona, talk to the bot in their personal chat, watch the team
// channel. All survey behaviour comes from the bot; this page only draws what it sends and
// hands clicks and typed text back, the way a Teams client does.
import { api, listen } from './api.js';
import { markdownToHtml, plainTextToHtml } from './markdown.js';
import { renderAdaptiveCard } from './render-card.js';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const $ = (id) => document.getElementById(id);

const state = {
  lang: 'nl',
  strings: {},
  /** Every school of the tenant (from the server), each with its people and channel key. */
  schools: [],
  /** The school on screen: its people on the left, its team channel on the right. */
  school: { key: '', name: '', team: '', channelKey: 'channel', added: true, personas: [] },
  personas: [],
  bot: { name: 'Zorgspiegel' },
  current: undefined,
  /** Activity versions on screen, per conversation key, so a late push never overwrites a newer card. */
  versions: {},
  unread: new Set(),
};

// ---------- strings ----------
function lookup(path) {
  return path.split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), state.strings);
}

/** `{{param}}` interpolation and i18next-style plurals (`key_one` / `key_other`). */
function t(path, params = {}) {
  let text = lookup(path);
  if (typeof params.count === 'number') {
    const form = new Intl.PluralRules(state.lang).select(params.count);
    text = lookup(`${path}_${form}`) ?? lookup(`${path}_other`) ?? text;
  }
  if (typeof text !== 'string') return path;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name) => (params[name] === undefined ? '' : String(params[name])));
}

function applyStaticText() {
  document.documentElement.lang = state.lang;
  document.title = t('page.title');
  for (const el of document.querySelectorAll('[data-text]')) el.textContent = t(el.dataset.text);
  for (const button of document.querySelectorAll('.lang-switch button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
    button.setAttribute('aria-label', t(button.dataset.lang === 'nl' ? 'page.languageNl' : 'page.languageEn'));
  }
  $('school-name').textContent = state.school.name;
  $('channel-heading').textContent = t('school.channelHeading', { team: state.school.team });
  $('channel-input-label').textContent = t('chat.channelInputLabel', { bot: state.bot.name });
  $('channel-input').placeholder = t('chat.placeholder');
  $('chat-input').placeholder = t('chat.placeholder');
}

// ---------- small helpers ----------
function initials(name) {
  return name
    .split(/\s+/)
    .filter((part) => /^[A-ZÀ-Ý]/.test(part))
    .map((part) => part[0])
    .slice(0, 2)
    .join('');
}

function time(iso) {
  return new Intl.DateTimeFormat(state.lang === 'en' ? 'en-GB' : 'nl-BE', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

function persona(key) {
  return state.personas.find((p) => p.key === key);
}

/** Anyone of any school (a message in a chat names its writer). */
function anyPersona(key) {
  for (const school of state.schools) {
    const p = school.personas.find((x) => x.key === key);
    if (p) return p;
  }
  return undefined;
}

function schoolOfPersona(key) {
  return state.schools.find((school) => school.personas.some((p) => p.key === key));
}

function announce(text) {
  const el = $('announcer');
  el.textContent = '';
  // A fresh text node each time so screen readers announce repeated messages too.
  window.setTimeout(() => (el.textContent = text), 50);
}

function toast(text, kind = 'info') {
  const el = document.createElement('div');
  el.className = `toast ${kind}`;
  el.textContent = text;
  $('toasts').append(el);
  window.setTimeout(() => el.remove(), kind === 'error' ? 9000 : 6000);
}

function setConnection(status) {
  const el = $('connection');
  el.dataset.state = status;
  el.textContent = t(`status.${status}`);
}

function showBanner(text) {
  const banner = $('banner');
  banner.hidden = !text;
  banner.textContent = text ?? '';
}

// ---------- personas ----------
function renderPersonas() {
  const list = $('personas');
  list.replaceChildren();
  for (const p of state.personas) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'persona';
    button.dataset.persona = p.key;
    button.setAttribute('aria-pressed', String(p.key === state.current));
    const avatar = document.createElement('span');
    avatar.className = 'avatar';
    avatar.dataset.group = p.group;
    avatar.setAttribute('aria-hidden', 'true');
    avatar.textContent = initials(p.name);
    const text = document.createElement('span');
    text.className = 'persona-text';
    const name = document.createElement('span');
    name.className = 'persona-name';
    name.append(p.name);
    if (p.coordinator) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = t('school.coordinator');
      name.append(' ', badge);
    }
    if (state.unread.has(p.key)) {
      const dot = document.createElement('span');
      dot.className = 'unread';
      dot.textContent = t('chat.unread');
      name.append(' ', dot);
    }
    const role = document.createElement('span');
    role.className = 'persona-role';
    role.textContent = `${t(`personas.${p.key}`)} · ${t(`groups.${p.group}`)}`;
    text.append(name, role);
    button.append(avatar, text);
    button.addEventListener('click', () => selectPersona(p.key));
    li.append(button);
    list.append(li);
  }
  // On a phone the list scrolls sideways: keep the chosen person in view without moving the page.
  const chosen = list.querySelector('[aria-pressed="true"]');
  if (chosen && list.scrollWidth > list.clientWidth) list.scrollLeft = Math.max(0, chosen.offsetLeft - 12);
}

function renderChatHeader() {
  const p = persona(state.current);
  if (!p) return;
  const avatar = $('chat-avatar');
  avatar.dataset.group = p.group;
  avatar.textContent = initials(p.name);
  $('chat-heading').textContent = t('chat.heading', { bot: state.bot.name });
  $('chat-sub').textContent = `${t('school.you', { name: p.name })} · ${t(`personas.${p.key}`)}`;
  $('chat-input-label').textContent = t('chat.inputLabel', { bot: state.bot.name });
  $('simulate').hidden = !p.coordinator;
  renderChips(p);
}

function renderChips(p) {
  const chips = $('chat-chips');
  chips.replaceChildren();
  chips.setAttribute('aria-label', t('chat.suggestions'));
  const commands = p.coordinator ? ['newRound', 'status', 'remind', 'close', 'publish', 'help'] : ['help'];
  for (const command of commands) {
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = 'chip';
    chip.textContent = t(`commands.${command}`);
    chip.addEventListener('click', () => send('personal', t(`commands.${command}`)));
    chips.append(chip);
  }
}

// ---------- schools ----------
/** A button per school the app has been added to, and one to add the next (as adding the app to that team). */
function renderSchools() {
  const added = state.schools.filter((s) => s.added);
  const next = state.schools.find((s) => !s.added);
  $('school-switch').hidden = state.schools.length < 2;
  const tabs = $('school-tabs');
  tabs.replaceChildren();
  tabs.hidden = added.length < 2;
  for (const school of added) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'school-tab';
    button.dataset.school = school.key;
    button.setAttribute('aria-pressed', String(school.key === state.school.key));
    button.textContent = school.name;
    button.addEventListener('click', () => void selectSchool(school.key));
    tabs.append(button);
  }
  const add = $('add-school');
  const hint = $('add-school-hint');
  add.hidden = hint.hidden = !next;
  if (next) {
    const coordinator = next.personas.find((p) => p.coordinator);
    add.dataset.school = next.key;
    add.textContent = t('school.add', { school: next.name });
    hint.textContent = t('school.addHint', { school: next.name, name: coordinator?.name ?? '' });
  }
}

async function addSchool() {
  const add = $('add-school');
  const school = state.schools.find((s) => s.key === add.dataset.school);
  if (!school) return;
  add.disabled = true;
  add.setAttribute('aria-busy', 'true');
  add.textContent = t('school.adding', { school: school.name });
  try {
    const { school: added } = await api.addSchool(school.key, state.lang);
    Object.assign(school, added);
    const coordinator = school.personas.find((p) => p.coordinator);
    toast(t('school.added', { school: school.name, name: coordinator?.name ?? '' }));
    await selectSchool(school.key);
  } catch (e) {
    toast(e.message, 'error');
    renderSchools();
  } finally {
    add.disabled = false;
    add.removeAttribute('aria-busy');
  }
}

/** Shows a school: its people, its channel; the chosen person is `as` if they belong to it, else its coordinator. */
async function selectSchool(key, as) {
  const school = state.schools.find((s) => s.key === key && s.added);
  if (!school) return;
  state.school = school;
  state.personas = school.personas;
  applyStaticText();
  renderSchools();
  const who = school.personas.some((p) => p.key === as) ? as : (school.personas.find((p) => p.coordinator) ?? school.personas[0]).key;
  const channelKey = school.channelKey;
  $('channel-log').replaceChildren();
  await Promise.all([
    selectPersona(who),
    api.conversation(channelKey, state.lang).then(({ activities }) => {
      if (state.school.channelKey === channelKey) renderConversation(channelKey, activities);
    }),
  ]);
}

// ---------- conversations ----------
function logFor(key) {
  if (key === state.school.channelKey) return $('channel-log');
  return key === state.current ? $('chat-log') : undefined;
}

function isChannelKey(key) {
  return state.schools.some((s) => s.channelKey === key);
}

function emptyState(key) {
  const el = document.createElement('p');
  el.className = 'empty';
  el.textContent = t(isChannelKey(key) ? 'chat.emptyChannel' : 'chat.empty');
  return el;
}

function renderConversation(key, activities) {
  const log = logFor(key);
  if (!log) return;
  state.versions[key] = new Map();
  log.replaceChildren();
  if (activities.length === 0) log.append(emptyState(key));
  for (const a of activities) upsert(a, { quiet: true });
  log.scrollTop = log.scrollHeight;
}

function messageElement(a) {
  const fromUser = a.sender === 'user';
  const wrapper = document.createElement('article');
  wrapper.className = `message ${fromUser ? 'from-user' : 'from-bot'}`;
  wrapper.dataset.id = a.id;
  const who = fromUser ? anyPersona(a.personaKey) : undefined;
  const avatar = document.createElement('span');
  avatar.className = `avatar ${fromUser ? '' : 'bot'}`;
  avatar.setAttribute('aria-hidden', 'true');
  if (who) {
    avatar.dataset.group = who.group;
    avatar.textContent = initials(who.name);
  }
  const body = document.createElement('div');
  body.className = 'message-body';
  const meta = document.createElement('p');
  meta.className = 'meta';
  const name = document.createElement('strong');
  name.textContent = fromUser ? (a.from.name ?? t('chat.you')) : (a.from.name ?? state.bot.name);
  const when = document.createElement('time');
  when.dateTime = a.timestamp;
  when.textContent = time(a.timestamp);
  meta.append(name, when);
  if (a.version > 1) {
    const edited = document.createElement('span');
    edited.textContent = `· ${t('chat.edited')}`;
    meta.append(edited);
  }
  body.append(meta);
  if (a.text) {
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    // Teams strips the bot mention from what the user sees; so do we.
    const text = a.text.replace(/<at>[^<]*<\/at>\s*/g, '');
    bubble.innerHTML = a.textFormat === 'plain' || fromUser ? plainTextToHtml(text) : markdownToHtml(text);
    body.append(bubble);
  }
  for (const attachment of a.attachments) body.append(attachmentElement(a, attachment));
  wrapper.append(avatar, body);
  return wrapper;
}

function attachmentElement(a, attachment) {
  if (attachment.contentType === ADAPTIVE_CARD && attachment.content) {
    const host = document.createElement('div');
    host.className = 'card-host';
    host.tabIndex = -1;
    try {
      host.append(
        renderAdaptiveCard(attachment.content, {
          execute: (action) => execute(a, action, host),
          unsupported: () => toast(t('card.unsupported')),
        }, state.lang),
      );
      for (const img of host.querySelectorAll('img.ac-image')) makeZoomable(img);
    } catch (e) {
      console.error(e);
      host.append(cardError(t('card.renderError')));
    }
    return host;
  }
  if (attachment.contentType?.startsWith('image/') && attachment.contentUrl) {
    const img = document.createElement('img');
    img.className = 'attachment-image';
    img.src = attachment.contentUrl;
    img.alt = attachment.name ?? '';
    return img;
  }
  const p = document.createElement('p');
  p.className = 'bubble';
  p.textContent = attachment.name ?? attachment.contentType;
  return p;
}

/** Pictures on cards (the summary chart) open full size in a dialog, by mouse or keyboard. */
function makeZoomable(img) {
  img.classList.add('zoomable');
  img.tabIndex = 0;
  img.setAttribute('role', 'button');
  img.setAttribute('aria-label', `${t('card.zoomImage')}${img.alt ? `: ${img.alt}` : ''}`);
  const open = () => {
    const dialog = $('lightbox');
    $('lightbox-image').src = img.src;
    $('lightbox-image').alt = img.alt;
    dialog.showModal();
    $('lightbox-close').focus();
  };
  img.addEventListener('click', open);
  img.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  });
}

function cardError(text) {
  const p = document.createElement('p');
  p.className = 'card-error';
  p.setAttribute('role', 'alert');
  p.textContent = text;
  return p;
}

/** Adds or replaces one activity in its conversation; returns the new element (if shown). */
function upsert(a, opts = {}) {
  const log = logFor(a.conversation);
  if (!log) {
    if (a.sender === 'bot' && a.version === 1 && !isChannelKey(a.conversation)) {
      state.unread.add(a.conversation);
      renderPersonas();
    }
    return undefined;
  }
  const versions = (state.versions[a.conversation] ??= new Map());
  const shown = versions.get(a.id);
  if (shown !== undefined && shown >= a.version) return undefined;
  versions.set(a.id, a.version);
  log.querySelector('.empty')?.remove();
  const element = messageElement(a);
  const existing = log.querySelector(`[data-id="${CSS.escape(a.id)}"]`);
  const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 120;
  if (existing) {
    existing.replaceWith(element);
    if (!opts.quiet) flash(element);
  } else {
    log.append(element);
    if (nearBottom || a.sender === 'user' || !opts.quiet) log.scrollTop = log.scrollHeight;
  }
  return element;
}

function flash(element) {
  const host = element.querySelector('.card-host');
  if (!host) return;
  host.classList.add('flash');
  window.setTimeout(() => host.classList.remove('flash'), 900);
}

function removeActivity(key, id) {
  logFor(key)?.querySelector(`[data-id="${CSS.escape(id)}"]`)?.remove();
  state.versions[key]?.delete(id);
}

// ---------- actions ----------
async function execute(a, action, host) {
  host.setAttribute('aria-busy', 'true');
  host.querySelector('.card-error')?.remove();
  try {
    const { result, activity } = await api.execute(a.conversation, a.id, state.current, action, state.lang);
    if (result.type === 'error') {
      host.prepend(cardError(t('card.actionFailed', { message: result.message })));
      return;
    }
    const element = upsert(activity);
    const newHost = element?.querySelector('.card-host');
    if (newHost) {
      // The updated card starts with what matters: its progress, the next part, or what to correct.
      const log = logFor(a.conversation);
      if (log) log.scrollTop += newHost.getBoundingClientRect().top - log.getBoundingClientRect().top - 12;
      newHost.focus({ preventScroll: true });
      announce(t('chat.updatedCard'));
    }
    if (result.type === 'message' && result.text) toast(result.text);
  } catch (e) {
    host.prepend(cardError(t('card.actionFailed', { message: e.message })));
  } finally {
    host.removeAttribute('aria-busy');
  }
}

async function send(where, text) {
  const key = where === 'channel' ? state.school.channelKey : state.current;
  const input = where === 'channel' ? $('channel-input') : $('chat-input');
  if (!text.trim()) return;
  input.value = '';
  try {
    const { activity } = await api.send(key, state.current, text, state.lang);
    upsert(activity);
  } catch (e) {
    toast(e.message, 'error');
    if (!input.value) input.value = text;
  }
}

async function simulate() {
  const button = $('simulate-button');
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  const label = button.querySelector('[data-text]');
  label.textContent = t('simulate.running');
  try {
    const report = await api.simulate(state.current, state.lang);
    const lines = [];
    if (report.answered) lines.push(t('simulate.done', { count: report.answered }));
    if (report.notInvited) lines.push(t('simulate.notInvited', { count: report.notInvited }));
    if (report.failed) lines.push(t('simulate.failed', { count: report.failed }));
    toast(lines.length ? lines.join(' ') : t('simulate.nothing'), report.failed ? 'error' : 'info');
  } catch (e) {
    toast(e.message, 'error');
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    label.textContent = t('simulate.button');
  }
}

// ---------- navigation ----------
function saveLocation() {
  const url = new URL(window.location.href);
  url.searchParams.set('as', state.current);
  url.searchParams.set('lang', state.lang);
  window.history.replaceState(null, '', url);
  try {
    localStorage.setItem('zorgspiegel.playground', JSON.stringify({ as: state.current, lang: state.lang }));
  } catch {
    // Private browsing: the URL still remembers.
  }
}

async function selectPersona(key) {
  if (!persona(key)) return;
  state.current = key;
  state.unread.delete(key);
  saveLocation();
  renderPersonas();
  renderChatHeader();
  $('chat-log').replaceChildren();
  $('chat-log').setAttribute('aria-busy', 'true');
  try {
    const { activities } = await api.conversation(key, state.lang);
    if (state.current === key) renderConversation(key, activities);
  } catch (e) {
    toast(e.message, 'error');
  } finally {
    $('chat-log').removeAttribute('aria-busy');
  }
}

async function load(lang) {
  const data = await api.bootstrap(lang);
  state.lang = data.lang;
  state.strings = data.strings;
  state.schools = data.schools;
  // Keep the school on screen (a language switch), else the first one.
  state.school = state.schools.find((s) => s.key === state.school.key && s.added) ?? state.schools[0];
  state.personas = state.school.personas;
  state.bot = data.bot;
  applyStaticText();
  renderSchools();
  showBanner(data.installError);
  setConnection($('connection').dataset.state || 'connecting');
}

async function switchLanguage(lang) {
  if (lang === state.lang) return;
  await load(lang);
  saveLocation();
  renderPersonas();
  renderChatHeader();
}

function remembered() {
  const url = new URL(window.location.href);
  let saved = {};
  try {
    saved = JSON.parse(localStorage.getItem('zorgspiegel.playground') ?? '{}');
  } catch {
    saved = {};
  }
  // Dutch unless someone chose English (the switch remembers it).
  const lang = url.searchParams.get('lang') ?? saved.lang ?? 'nl';
  return { as: url.searchParams.get('as') ?? saved.as, lang: lang === 'en' ? 'en' : 'nl' };
}

async function main() {
  const start = remembered();
  await load(start.lang);
  setConnection('connecting');
  listen(
    (event) => {
      if (event.kind === 'upsert') {
        const isNew = !state.versions[event.activity.conversation]?.has(event.activity.id);
        const element = upsert(event.activity);
        if (element && isNew && event.activity.sender === 'bot') announce(t('chat.newMessage', { from: event.activity.from.name ?? state.bot.name }));
      } else if (event.kind === 'delete') removeActivity(event.conversation, event.id);
    },
    (status) => setConnection(status),
  );
  // The remembered person's school, if the app has been added to it; else the first school.
  const home = schoolOfPersona(start.as);
  await selectSchool(home?.added ? home.key : state.schools[0].key, start.as);

  $('chat-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void send('personal', $('chat-input').value);
  });
  $('channel-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void send('channel', $('channel-input').value);
  });
  $('simulate-button').addEventListener('click', () => void simulate());
  $('add-school').addEventListener('click', () => void addSchool());
  $('lightbox-close').addEventListener('click', () => $('lightbox').close());
  $('lightbox').addEventListener('click', (e) => {
    if (e.target === $('lightbox')) $('lightbox').close();
  });
  for (const button of document.querySelectorAll('.lang-switch button')) button.addEventListener('click', () => void switchLanguage(button.dataset.lang));
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  console.error(e);
  showBanner(e.message);
});
