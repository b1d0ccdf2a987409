// Draws an Adaptive Card with the official renderer, styled to match the page. Button clicks go
// back to the app through `handlers`; Show-cards and toggles are handled by the renderer itself.
import { markdownToHtml } from './markdown.js';

const AC = window.AdaptiveCards;

const FONT = '"Segoe UI", "Inter", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif';
const foreground = (normal, subtle) => ({ default: normal, subtle });

const hostConfig = new AC.HostConfig({
  supportsInteractivity: true,
  fontTypes: {
    default: { fontFamily: FONT, fontSizes: { small: 12, default: 14, medium: 16, large: 19, extraLarge: 23 }, fontWeights: { lighter: 300, default: 400, bolder: 650 } },
    monospace: { fontFamily: 'ui-monospace, Consolas, monospace', fontSizes: { small: 12, default: 14, medium: 16, large: 19, extraLarge: 23 }, fontWeights: { lighter: 300, default: 400, bolder: 650 } },
  },
  spacing: { small: 4, default: 10, medium: 16, large: 22, extraLarge: 30, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#e3ddd2' },
  imageSizes: { small: 40, medium: 80, large: 160 },
  containerStyles: {
    default: {
      backgroundColor: '#ffffff',
      foregroundColors: {
        default: foreground('#1f2a30', '#4c5a61'),
        dark: foreground('#1f2a30', '#4c5a61'),
        light: foreground('#6b777d', '#8a949a'),
        accent: foreground('#1d6b72', '#2c7f86'),
        good: foreground('#2e7d4f', '#3c8c5d'),
        warning: foreground('#8a5a0c', '#98620f'),
        attention: foreground('#b3261e', '#c0392b'),
      },
    },
    emphasis: {
      backgroundColor: '#f5f1ea',
      foregroundColors: {
        default: foreground('#1f2a30', '#4c5a61'),
        dark: foreground('#1f2a30', '#4c5a61'),
        light: foreground('#6b777d', '#8a949a'),
        accent: foreground('#1d6b72', '#2c7f86'),
        good: foreground('#2e7d4f', '#3c8c5d'),
        warning: foreground('#8a5a0c', '#98620f'),
        attention: foreground('#b3261e', '#c0392b'),
      },
    },
    accent: { backgroundColor: '#e2f0ee', foregroundColors: { default: foreground('#134f55', '#1d6b72') } },
    good: { backgroundColor: '#e6f2ea', foregroundColors: { default: foreground('#1f4d31', '#2e7d4f') } },
    attention: { backgroundColor: '#fdecea', foregroundColors: { default: foreground('#7d1a14', '#b3261e') } },
    warning: { backgroundColor: '#fdf3e1', foregroundColors: { default: foreground('#6b4608', '#8a5a0c') } },
  },
  actions: {
    maxActions: 8,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 12, style: 'emphasis' },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    iconPlacement: 'leftOfTitle',
    iconSize: 16,
  },
  adaptiveCard: { allowCustomStyle: true },
  inputs: { label: { inputSpacing: 'small', requiredInputs: { suffix: ' *', suffixColor: 'attention' }, optionalInputs: {} }, errorMessage: { size: 'small', spacing: 'small' } },
  factSet: { title: { weight: 'bolder', wrap: true, maxWidth: 180 }, value: { wrap: true }, spacing: 10 },
  textBlock: { headingLevel: 3 },
});

AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdownToHtml(text);
  result.didProcess = true;
};

/**
 * The days question's running total, updated as the person chooses. Teams cards have no live
 * expressions (there the question has an "update the total" button, which also works here); a
 * browser can do better. The button's data names the inputs and carries the wording.
 */
function showTotalLive(card, data, lang) {
  const ids = data.live.split(',').filter(Boolean);
  const inputs = ids.map((id) => card.getElementById(id)).filter(Boolean);
  const total = card.getElementById(`${ids[0]?.split('.')[0]}.total`)?.renderedElement;
  if (!inputs.length || !total) return;
  total.setAttribute('aria-live', 'polite');
  const number = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-BE', { maximumFractionDigits: 1 });
  const update = () => {
    const sum = inputs.reduce((s, input) => s + (Number.parseFloat(input.value ?? '') || 0), 0);
    total.textContent = sum > 0 ? `${data.liveHint} ${String(data.liveTotal).replace('{total}', number.format(sum))}` : data.liveHint;
  };
  for (const input of inputs) {
    const before = input.onValueChanged;
    input.onValueChanged = (sender) => {
      before?.(sender);
      update();
    };
  }
}

/**
 * Renders `content` (an Adaptive Card JSON) and returns its element, or throws when the card
 * cannot be parsed. `handlers.execute({ id, verb, data })` receives Action.Execute clicks with the
 * card's input values merged into `data`, exactly what Teams puts in the invoke.
 * `lang` ("nl"/"en", the page's language) is the locale the card's {{DATE()}}/{{TIME()}} functions
 * render in, as Teams renders them in its own language; the time zone is the browser's.
 */
export function renderAdaptiveCard(content, handlers, lang) {
  const card = new AC.AdaptiveCard();
  card.hostConfig = hostConfig;
  card.onExecuteAction = (action) => {
    if (action instanceof AC.ExecuteAction) {
      handlers.execute({ id: action.id, verb: action.verb, data: action.data ?? {} });
    } else if (action instanceof AC.OpenUrlAction) {
      if (action.url) window.open(action.url, '_blank', 'noopener');
    } else {
      handlers.unsupported(action.getJsonTypeName());
    }
  };
  const context = new AC.SerializationContext();
  card.parse(content, context);
  if (lang && !card.lang) card.lang = lang;
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    console.warn('adaptive card:', event.message);
  }
  const element = card.render();
  if (!element) throw new Error('the card rendered nothing');
  for (const action of card.getAllActions()) {
    if (action instanceof AC.ExecuteAction && action.verb === 'updateTotal' && typeof action.data?.live === 'string') showTotalLive(card, action.data, lang);
  }
  // A button's tooltip says what it is for ("Antwoorden wijzigen — A1. …"); the renderer only
  // uses it as the accessible name when there is no title, so repeated buttons would read alike.
  for (const button of element.querySelectorAll('button[title]')) {
    const label = button.getAttribute('aria-label');
    const tooltip = button.getAttribute('title');
    if (tooltip && label !== tooltip && tooltip.startsWith(label ?? '')) button.setAttribute('aria-label', tooltip);
  }
  return element;
}
