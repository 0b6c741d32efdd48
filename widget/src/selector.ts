// The shipping selector: rendered into the merchant's checkout page by the html_snippet of a
// SIW or Delivery Checkout session. It shows what each delivery is offered, in the customer's
// language, lets the customer choose (by mouse or keyboard), and tells the page through its
// JavaScript API (`window[object_id]`): a command queue, suspend/resume, and events.

import { Api, type Addon, type Category, type Delivery, type Option, type Session } from "./api.js";
import { days, distance, majorUnits, money, weekdays, wordsFor, type Words } from "./format.js";
import { STYLE } from "./style.js";

type EventName = "loaded" | "data_changed" | "no_shipping_options";
type Listener = (data: unknown) => void;

/// What the page can do with a selector.
export interface SelectorApi {
  /// Makes the selector inert (visibly) while the page changes the session.
  suspend(): void;
  /// Reads the session again and shows its fresh state; ends a suspension.
  resume(): Promise<void>;
  /// Calls `listener` on every `event`; returns a function that stops it.
  on(event: EventName, listener: Listener): () => void;
}

/// What the page hears about a delivery's selection.
export interface Selection {
  delivery_id: string;
  delivery_type: string;
  category_id: string;
  category_name: string;
  carrier_product: string;
  external_method_id: string;
  option_id: string;
  price: number;
  currency: string;
  location: { id: string; external_id: string; name: string } | null;
  addons: string[];
}

type Command = (api: SelectorApi) => void;
/// `window[object_id]`: the snippet's stub queues commands in `q`; the selector's replacement
/// runs them at once and says so with `selector`.
type Queue = ((command: Command) => void) & { q?: Command[]; selector?: boolean };

/// How many pickup points a category shows before "show all".
const FOLDED_POINTS = 3;

class Selector implements SelectorApi {
  private session?: Session;
  private status: "loading" | "ready" | "error" = "loading";
  private suspended = false;
  /// How many reads and saves are queued or running.
  private pending = 0;
  /// Every read and save runs after the one before, so an answer never overtakes a later one
  /// (a resume's fresh read lands after the save in flight, and each save sends the etag the
  /// one before it left).
  private chain: Promise<void> = Promise.resolve();
  /// Numbers the customer's choices; a choice superseded before it ran is not sent.
  private choiceSeq = 0;
  private notice = "";
  private readonly listeners = new Map<EventName, Set<Listener>>();
  /// What `loaded` said, for listeners that arrive after it.
  private loadedWith: unknown;
  /// The selections the page last heard of (`loaded` or `data_changed`). Changes are told
  /// against these, not against the state a save started from: a save superseded while in
  /// flight tells nothing, and the one after it starts from the superseded one's answer, so
  /// comparing with that would swallow the change (two quick clicks on one control did).
  private announced: Selection[] = [];
  /// Whether the last state showed had nothing to offer, so `no_shipping_options` fires once
  /// per time the offer becomes empty.
  private empty = false;
  /// Categories whose whole list of options the customer asked to see.
  private readonly unfolded = new Set<string>();
  /// The control that had the focus before a re-render took it away.
  private focusKey: string | undefined;
  /// Where the focus goes on the next render, when a control moves it on purpose.
  private focusNext: string | undefined;
  /// A postal code typed but not yet sent, kept across re-renders.
  private postalDraft: string | undefined;
  /// Where notices are announced: kept across re-renders, so a notice is read out once.
  private readonly live: HTMLElement;
  private readonly view: HTMLElement;

  /// `name` prefixes the ids and radio group names rendered: the session's id, unique on the
  /// page even when two selectors share the default container id.
  constructor(
    private readonly root: HTMLElement,
    private readonly api: Api,
    private readonly name: string,
  ) {
    this.live = el("div", "hcs-live");
    this.live.setAttribute("role", "status");
    this.live.setAttribute("aria-live", "polite");
    this.view = el("div", "hcs-view");
    document.addEventListener("focusin", (event) => {
      // The customer moved on: a later re-render must not pull the focus back.
      if (!this.root.contains(event.target as Node)) this.focusKey = undefined;
    });
  }

  on(event: EventName, listener: Listener): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(event, set);
    if (event === "loaded" && this.loadedWith !== undefined) {
      const data = this.loadedWith;
      queueMicrotask(() => this.call(listener, data));
    }
    return () => set.delete(listener);
  }

  private call(listener: Listener, data: unknown): void {
    try {
      listener(data);
    } catch (e) {
      // A listener of the page's failing must not break the selector.
      setTimeout(() => {
        throw e;
      });
    }
  }

  private emit(event: EventName, data: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) this.call(listener, data);
  }

  suspend(): void {
    this.suspended = true;
    this.render();
  }

  resume(): Promise<void> {
    return this.serial(async () => {
      await this.read();
      this.suspended = false;
      this.render();
      this.afterChange();
    });
  }

  /// The first read, and the retry after an error.
  load(): Promise<void> {
    return this.serial(async () => {
      await this.read();
      this.render();
      this.afterChange();
    });
  }

  private serial(work: () => Promise<void>): Promise<void> {
    this.pending++;
    const run = this.chain.then(work).finally(() => {
      // The last render ran inside `work`, while this was still pending.
      if (--this.pending === 0) this.view.querySelector(".hcs-root")?.removeAttribute("aria-busy");
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /// Reads the session; an unreachable service leaves the error state.
  private async read(): Promise<void> {
    try {
      this.session = await this.api.get();
      this.status = "ready";
    } catch {
      this.status = "error";
    }
  }

  /// Tells the page what changed since it last heard: `loaded` after the first read, `data_changed`
  /// per delivery whose selection changed, `no_shipping_options` when the offer became empty.
  private afterChange(): void {
    const session = this.session;
    if (this.status !== "ready" || !session) return;
    if (this.loadedWith === undefined) {
      this.loadedWith = { session: session.name, selections: this.selections() };
      this.emit("loaded", this.loadedWith);
    } else {
      this.announce(this.announced);
    }
    this.announced = this.selections();
    const empty =
      session.state !== "COMPLETED" &&
      session.deliveries.every((d) => (d.delivery_categories ?? []).length === 0);
    if (empty && !this.empty) {
      this.emit("no_shipping_options", {
        session: session.name,
        reasons: session.deliveries.map((d) => d.no_offer_reasons ?? []),
      });
    }
    this.empty = empty;
  }

  private locale(): string {
    return this.session?.purchase.locales?.[0] ?? navigator.language ?? "en";
  }

  private words(): Words {
    return wordsFor([...(this.session?.purchase.locales ?? []), navigator.language ?? "en"]);
  }

  /// What each delivery ships with now: the chosen option, else the preselected one.
  private selections(): Selection[] {
    const session = this.session;
    if (!session) return [];
    return session.deliveries.flatMap((d) => {
      const picked = selected(d);
      return picked ? [selectionOf(d, picked.category, picked.option, session.purchase.currency_code)] : [];
    });
  }

  /// A `data_changed` per delivery whose selection differs from `before`; a delivery that lost
  /// its selection (nothing is offered any more) is announced with `option_id: null`.
  private announce(before: Selection[]): void {
    const now = this.selections();
    const ids = new Set([...before, ...now].map((s) => s.delivery_id));
    for (const id of ids) {
      const was = before.find((b) => b.delivery_id === id);
      const is = now.find((n) => n.delivery_id === id);
      const changed = {
        option: was?.option_id !== is?.option_id,
        category: was?.category_id !== is?.category_id,
        carrier_product: was?.carrier_product !== is?.carrier_product,
        location: (was?.location?.id ?? null) !== (is?.location?.id ?? null),
        addons: (was?.addons ?? []).join() !== (is?.addons ?? []).join(),
        price: was?.price !== is?.price,
      };
      if (!Object.values(changed).some(Boolean)) continue;
      this.emit("data_changed", { ...(is ?? lostSelection(id)), changed });
    }
  }

  /// Runs a save after whatever is in flight; a failed one (a stale etag, a lost connection)
  /// shows what is stored now, with a notice.
  private act(work: () => Promise<Session>, superseded: () => boolean = () => false): void {
    if (this.suspended) return;
    void this.serial(async () => {
      if (superseded()) return;
      this.notice = "";
      try {
        this.session = await work();
      } catch {
        this.notice = this.words().saveFailed;
        await this.read();
      }
      // A later choice is queued: show its result, not this one's, so nothing flickers back.
      if (superseded()) return;
      this.render();
      this.afterChange();
    });
    this.render();
  }

  private choose(delivery: Delivery, option: Option, addons: string[]): void {
    const mine = ++this.choiceSeq;
    this.act(
      () => this.api.choose(delivery.id, option.id, addons, this.session?.etag),
      () => mine !== this.choiceSeq,
    );
  }

  private render(): void {
    const words = this.words();
    const root = el("div", "hcs-root");
    root.lang = this.locale();
    if (this.status === "loading") {
      root.append(skeleton(words));
    } else if (this.status === "error" || !this.session) {
      const box = el("div", "hcs-state hcs-error");
      box.setAttribute("role", "alert");
      box.append(el("p", "", words.loadFailed));
      const retry = el("button", "hcs-button", words.retry);
      retry.type = "button";
      retry.dataset.key = "retry";
      retry.addEventListener("click", () => {
        this.status = "loading";
        this.render();
        void this.load();
      });
      box.append(retry);
      root.append(box);
    } else {
      this.renderSession(root, this.session, words);
    }
    if (this.pending > 0) root.setAttribute("aria-busy", "true");
    if (this.suspended) {
      // Inert while the page changes the session: visibly, and for every input.
      root.classList.add("hcs-inert");
      for (const input of Array.from(root.querySelectorAll("input, button"))) {
        (input as HTMLInputElement).disabled = true;
      }
      const overlay = el("div", "hcs-overlay", words.updating);
      overlay.setAttribute("role", "status");
      root.append(overlay);
    }
    if (this.live.textContent !== this.notice) this.live.textContent = this.notice;
    // Keep the focus where the customer left it across a re-render; a control disabled while
    // suspended cannot hold it, so it returns when the selector resumes.
    const focused = document.activeElement as HTMLElement | null;
    const key = this.focusNext ?? (focused && this.root.contains(focused) ? focused.dataset.key : undefined);
    this.focusNext = undefined;
    if (key) this.focusKey = key;
    this.view.replaceChildren(root);
    if (!this.root.contains(this.view)) this.root.replaceChildren(this.live, this.view);
    if (this.focusKey) {
      const target = this.root.querySelector(`[data-key="${cssEscape(this.focusKey)}"]`) as HTMLInputElement | null;
      if (!target) {
        this.focusKey = undefined;
      } else if (!target.disabled) {
        target.focus();
        this.focusKey = undefined;
      }
    }
  }

  private renderSession(root: HTMLElement, session: Session, words: Words): void {
    const completed = session.state === "COMPLETED";
    if (!completed) root.append(this.searchForm(session, words));
    // Shown here, announced once by the live region.
    if (this.notice) root.append(el("p", "hcs-notice", this.notice));
    const deliveries = session.deliveries;
    deliveries.forEach((delivery, i) => {
      const section = el("section", "hcs-delivery");
      if (deliveries.length > 1) {
        const title = el("h3", "hcs-delivery-title", words.delivery(i + 1, deliveries.length));
        title.id = `${this.name}-d${i}-title`;
        section.append(title);
        const items = el("ul", "hcs-items");
        for (const line of delivery.line_items) {
          items.append(el("li", "", line.quantity > 1 ? `${line.quantity} × ${line.title}` : line.title));
        }
        section.append(items);
      }
      if (completed) {
        section.append(this.summary(delivery, session, words));
      } else if ((delivery.delivery_categories ?? []).length === 0) {
        const empty = el("p", "hcs-state hcs-empty", words.nothingOffered);
        empty.setAttribute("role", "status");
        section.append(empty);
      } else {
        section.append(this.choices(delivery, session, words, i));
      }
      root.append(section);
    });
  }

  private searchForm(session: Session, words: Words): HTMLElement {
    const form = el("form", "hcs-search");
    const id = `${this.name}-postal`;
    const label = el("label", "", words.postalCode);
    label.htmlFor = id;
    const input = el("input", "hcs-input");
    input.id = id;
    input.name = "postal_code";
    input.autocomplete = "postal-code";
    input.inputMode = "text";
    input.dataset.key = "postal";
    input.value = this.postalDraft ?? session.search_address?.postal_code ?? "";
    input.addEventListener("input", () => {
      this.postalDraft = input.value;
    });
    const button = el("button", "hcs-button", words.update);
    button.type = "submit";
    form.append(label, input, button);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const code = input.value.trim();
      if (!code) return;
      this.postalDraft = undefined;
      const country = session.search_address?.country_code ?? session.purchase.country_code;
      this.act(() => this.api.postalCode(country, code));
    });
    return form;
  }

  private choices(delivery: Delivery, session: Session, words: Words, index: number): HTMLElement {
    const locale = this.locale();
    const currency = session.purchase.currency_code;
    const fieldset = el("fieldset", "hcs-choices");
    const group = `${this.name}-d${index}`;
    const legend = el("legend", "hcs-legend", words.chooseDelivery);
    legend.id = `${group}-legend`;
    fieldset.append(legend);
    if (session.deliveries.length > 1) {
      // "Delivery 2 of 3, choose how…": each delivery's radio group is told apart.
      fieldset.setAttribute("aria-labelledby", `${group}-title ${legend.id}`);
    }
    const picked = selected(delivery);
    const categories = [...(delivery.delivery_categories ?? [])].sort((a, b) => a.sort_order - b.sort_order);
    for (const category of categories) {
      const block = el("div", "hcs-category");
      const heading = el("h4", "hcs-category-name", category.display_name);
      heading.id = `${group}-${category.id}`;
      block.setAttribute("role", "group");
      block.setAttribute("aria-labelledby", heading.id);
      block.append(heading);
      const options = nearestFirst(category.delivery_options);
      // A long list of pickup points shows the nearest few (and the chosen one) until asked.
      const key = `${index}:${category.id}`;
      const folded = options.length > FOLDED_POINTS + 1 && !this.unfolded.has(key);
      const shown = folded
        ? options.filter((o, i) => i < FOLDED_POINTS || o.id === picked?.option.id)
        : options;
      for (const option of shown) {
        const checked = picked?.option.id === option.id;
        const label = el("label", `hcs-option${checked ? " hcs-checked" : ""}`);
        const radio = el("input", "hcs-radio");
        radio.type = "radio";
        radio.name = group;
        radio.value = option.id;
        radio.checked = checked;
        radio.dataset.key = `${group}:${option.id}`;
        radio.addEventListener("change", () => {
          if (radio.checked) {
            // The category's preselected addons come along; the customer changes them below.
            const addons = category.addons
              .filter((a) => a.preselected && (option.supported_addon_ids ?? []).includes(a.id))
              .map((a) => a.id);
            this.choose(delivery, option, addons);
          }
        });
        const body = el("span", "hcs-option-body");
        const head = el("span", "hcs-option-head");
        head.append(
          el("span", "hcs-carrier", productName(option)),
          el("span", "hcs-price", money(option.price, currency, locale, words)),
        );
        body.append(head);
        const eta = estimate(option, locale, words);
        if (eta) body.append(el("span", "hcs-eta", eta));
        const point = option.pickup_location;
        if (point) {
          body.append(el("span", "hcs-point", point.title));
          const address = point.visiting_contact?.address;
          if (address) {
            body.append(
              el(
                "span",
                "hcs-address",
                [address.address_lines.join(", "), [address.postal_code, address.city].filter(Boolean).join(" ")]
                  .filter(Boolean)
                  .join(", "),
              ),
            );
          }
          const walk = point.distances?.walking;
          if (walk) {
            body.append(el("span", "hcs-distance", words.walk(distance(Number(walk.meters), locale), Number(walk.minutes))));
          }
        }
        label.append(radio, body);
        block.append(label);
        // The chosen point's opening hours, outside its label: a disclosure is a control of its
        // own, and one per point would put a tab stop before every option.
        const hours = checked && point ? openingHours(point.operational_hours, locale, words) : undefined;
        if (hours) block.append(hours);
      }
      if (folded) {
        const more = el("button", "hcs-more", words.showAll(options.length));
        more.type = "button";
        more.dataset.key = `more:${key}`;
        more.addEventListener("click", () => {
          this.unfolded.add(key);
          // The button goes away; the focus moves to the first point it revealed.
          const revealed = options.find((o, i) => i >= FOLDED_POINTS && o.id !== picked?.option.id);
          if (revealed) this.focusNext = `${group}:${revealed.id}`;
          this.render();
        });
        block.append(more);
      }
      if (picked?.category.id === category.id && category.addons.length > 0) {
        block.append(this.addons(delivery, category, picked.option, words));
      }
      fieldset.append(block);
    }
    return fieldset;
  }

  private addons(delivery: Delivery, category: Category, option: Option, words: Words): HTMLElement {
    const locale = this.locale();
    const currency = this.session?.purchase.currency_code ?? "SEK";
    const box = el("fieldset", "hcs-addons");
    box.append(el("legend", "hcs-legend", words.extras));
    const current = chosenAddons(category, option);
    for (const addon of category.addons.filter((a) => (option.supported_addon_ids ?? []).includes(a.id))) {
      const label = el("label", "hcs-addon");
      const check = el("input", "hcs-check");
      check.type = "checkbox";
      check.checked = current.includes(addon.id);
      check.dataset.key = `${delivery.id}:addon:${addon.id}`;
      check.addEventListener("change", () => {
        const next = check.checked ? [...current, addon.id] : current.filter((a) => a !== addon.id);
        this.choose(delivery, option, next);
      });
      label.append(check, el("span", "hcs-addon-name", addon.display_name), el("span", "hcs-price", money(addon.price, currency, locale, words)));
      box.append(label);
    }
    return box;
  }

  private summary(delivery: Delivery, session: Session, words: Words): HTMLElement {
    const locale = this.locale();
    const box = el("div", "hcs-summary");
    box.append(el("h4", "hcs-category-name", words.chosen));
    const picked = selected(delivery);
    if (!picked) return box;
    const { category, option } = picked;
    box.append(
      el("p", "hcs-carrier", `${category.display_name}: ${productName(option)}`),
      el("p", "hcs-price", money(option.price, session.purchase.currency_code, locale, words)),
    );
    const eta = estimate(option, locale, words);
    if (eta) box.append(el("p", "hcs-eta", eta));
    if (option.pickup_location) box.append(el("p", "hcs-point", option.pickup_location.title));
    const addons = category.addons.filter((a: Addon) => a.chosen);
    if (addons.length > 0) box.append(el("p", "hcs-addon-name", addons.map((a) => a.display_name).join(", ")));
    return box;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/// "PostNord MyPack Collect"; a product already named after its carrier is not named twice.
function productName(option: Option): string {
  const { name, product_name } = option.carrier;
  return product_name.toLowerCase().startsWith(name.toLowerCase()) ? product_name : `${name} ${product_name}`;
}

function cssEscape(text: string): string {
  return typeof CSS !== "undefined" && CSS.escape ? CSS.escape(text) : text.replace(/["\\]/g, "\\$&");
}

function skeleton(words: Words): HTMLElement {
  const box = el("div", "hcs-skeleton");
  box.setAttribute("role", "status");
  box.setAttribute("aria-label", words.loading);
  box.append(el("i", ""), el("i", ""), el("i", ""));
  return box;
}

/// What `data_changed` says of a delivery that no longer has a selection.
function lostSelection(deliveryId: string): Record<keyof Selection, unknown> {
  return {
    delivery_id: deliveryId,
    delivery_type: null,
    category_id: null,
    category_name: null,
    carrier_product: null,
    external_method_id: null,
    option_id: null,
    price: null,
    currency: null,
    location: null,
    addons: [],
  };
}

function selected(d: Delivery): { category: Category; option: Option } | undefined {
  const categories = d.delivery_categories ?? [];
  for (const want of [(o: Option) => o.chosen, (o: Option) => o.preselected]) {
    for (const category of categories) {
      const option = category.delivery_options.find(want);
      if (option) return { category, option };
    }
  }
  return undefined;
}

function chosenAddons(category: Category, option: Option): string[] {
  const chosen = category.addons.filter((a) => a.chosen).map((a) => a.id);
  return option.chosen || chosen.length > 0
    ? chosen
    : category.addons.filter((a) => a.preselected && (option.supported_addon_ids ?? []).includes(a.id)).map((a) => a.id);
}

function selectionOf(d: Delivery, category: Category, option: Option, currency: string): Selection {
  const point = option.pickup_location;
  return {
    delivery_id: d.id,
    delivery_type: category.delivery_type,
    category_id: category.id,
    category_name: category.display_name,
    carrier_product: option.carrier.product_id,
    external_method_id: option.carrier.external_id,
    option_id: option.id,
    price: majorUnits(option.price, currency),
    currency,
    location: point ? { id: point.id, external_id: point.external_id, name: point.title } : null,
    addons: chosenAddons(category, option),
  };
}

/// Pickup points nearest first (by walking distance); other options as the rules sorted them.
function nearestFirst(options: Option[]): Option[] {
  const meters = (o: Option) => Number(o.pickup_location?.distances?.walking?.meters ?? Number.POSITIVE_INFINITY);
  return [...options].sort((a, b) => (a.pickup_location && b.pickup_location ? meters(a) - meters(b) : 0));
}

function estimate(option: Option, locale: string, words: Words): string | undefined {
  const absolute = option.etd.absolute;
  if (absolute?.earliest_time && absolute.latest_time) {
    return days(absolute.earliest_time, absolute.latest_time, locale);
  }
  const relative = option.etd.relative;
  if (relative?.earliest !== undefined && relative.latest !== undefined) {
    return words.days(relative.earliest, relative.latest);
  }
  return option.etd.custom?.text;
}

type Hours = NonNullable<NonNullable<Option["pickup_location"]>["operational_hours"]>;

function openingHours(hours: Hours | undefined, locale: string, words: Words): HTMLElement | undefined {
  if (!hours) return undefined;
  const names = weekdays(locale);
  const days = [hours.monday, hours.tuesday, hours.wednesday, hours.thursday, hours.friday, hours.saturday, hours.sunday];
  if (days.every((d) => d.length === 0) && hours.free_text.length === 0) return undefined;
  const details = el("details", "hcs-hours");
  details.append(el("summary", "", words.openingHours));
  const list = el("dl", "");
  days.forEach((intervals, i) => {
    list.append(el("dt", "", names[i] ?? ""), el("dd", "", intervals.length > 0 ? intervals.join(", ") : words.closed));
  });
  details.append(list);
  for (const line of hours.free_text) details.append(el("p", "", line));
  return details;
}

/// The snippet's command queue (or a selector's API that replaced it, on a second boot).
function isQueue(value: unknown): value is Queue {
  if (typeof value !== "function") return false;
  const queue = value as Queue;
  return Array.isArray(queue.q) || queue.selector === true;
}

/// Starts the selector the snippet's script tag names, and hands the page its API.
function boot(script: HTMLScriptElement): void {
  const { container, object, session, token, api } = script.dataset;
  if (!container || !object || !session || !token || !api) return;
  // The container of this session: found by the session, so two snippets that both kept the
  // default container id still render each into its own.
  const root =
    document.querySelector<HTMLElement>(`.hcs[data-session="${cssEscape(session)}"]`) ??
    document.getElementById(container);
  if (!root) return;
  if (!document.getElementById("hcs-style")) {
    const style = document.createElement("style");
    style.id = "hcs-style";
    style.textContent = STYLE;
    document.head.append(style);
  }
  const selector = new Selector(root, new Api(api.replace(/\/$/, ""), session, token), `hcs-${session}`);
  const handle: SelectorApi = {
    suspend: () => selector.suspend(),
    resume: () => selector.resume(),
    on: (event, listener) => selector.on(event, listener),
  };
  const global = window as unknown as Record<string, unknown>;
  const existing = global[object];
  if (object in window && !isQueue(existing)) {
    // The page already uses this name for something else; replacing it could break the page.
    console.error(`shipping selector: window.${object} is not its command queue; choose another object_id`);
    void selector.load();
    return;
  }
  const queued = isQueue(existing) ? (existing.q ?? []) : [];
  const run: Queue = (command) => {
    try {
      command(handle);
    } catch (e) {
      setTimeout(() => {
        throw e;
      });
    }
  };
  run.selector = true;
  global[object] = run;
  // Commands queued before the script arrived run now, so their listeners hear `loaded`.
  for (const command of queued) run(command);
  void selector.load();
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement) boot(current);
