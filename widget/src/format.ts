// How the selector says things in the customer's language: its own few words, prices in the
// session's currency, delivery days, distances and opening hours, all through Intl.

export interface Words {
  free: string;
  postalCode: string;
  update: string;
  chooseDelivery: string;
  delivery: (n: number, of: number) => string;
  extras: string;
  openingHours: string;
  walk: (distance: string, minutes: number) => string;
  days: (earliest: number, latest: number) => string;
  loadFailed: string;
  retry: string;
  nothingOffered: string;
  updating: string;
  chosen: string;
  closed: string;
  saveFailed: string;
  showAll: (n: number) => string;
  loading: string;
}

const EN: Words = {
  loading: "Loading delivery options…",
  free: "Free",
  postalCode: "Postal code",
  update: "Update",
  chooseDelivery: "Choose how your order is delivered",
  delivery: (n, of) => `Delivery ${n} of ${of}`,
  extras: "Extras",
  openingHours: "Opening hours",
  walk: (d, m) => `${d}, ${m} min walk`,
  days: (a, b) => (a === b ? `${a} days` : `${a}–${b} days`),
  loadFailed: "The delivery options could not be loaded.",
  retry: "Try again",
  nothingOffered: "No delivery option is available for this order and address.",
  updating: "Updating…",
  chosen: "Your delivery",
  closed: "closed",
  saveFailed: "Your choice could not be saved; please try again.",
  showAll: (n) => `Show all ${n}`,
};

const SV: Words = {
  loading: "Hämtar leveransalternativ…",
  free: "Gratis",
  postalCode: "Postnummer",
  update: "Uppdatera",
  chooseDelivery: "Välj hur din order levereras",
  delivery: (n, of) => `Leverans ${n} av ${of}`,
  extras: "Tillval",
  openingHours: "Öppettider",
  walk: (d, m) => `${d}, ${m} min promenad`,
  days: (a, b) => (a === b ? `${a} dagar` : `${a}–${b} dagar`),
  loadFailed: "Leveransalternativen kunde inte hämtas.",
  retry: "Försök igen",
  nothingOffered: "Inget leveranssätt finns för den här ordern och adressen.",
  updating: "Uppdaterar…",
  chosen: "Din leverans",
  closed: "stängt",
  saveFailed: "Ditt val kunde inte sparas; försök igen.",
  showAll: (n) => `Visa alla ${n}`,
};

const NB: Words = {
  ...EN,
  loading: "Henter leveringsalternativer…",
  showAll: (n) => `Vis alle ${n}`,
  free: "Gratis",
  postalCode: "Postnummer",
  update: "Oppdater",
  chooseDelivery: "Velg hvordan bestillingen leveres",
  delivery: (n, of) => `Levering ${n} av ${of}`,
  extras: "Tillegg",
  openingHours: "Åpningstider",
  walk: (d, m) => `${d}, ${m} min å gå`,
  days: (a, b) => (a === b ? `${a} dager` : `${a}–${b} dager`),
  loadFailed: "Leveringsalternativene kunne ikke hentes.",
  retry: "Prøv igjen",
  nothingOffered: "Ingen leveringsmåte er tilgjengelig for denne bestillingen og adressen.",
  updating: "Oppdaterer…",
  chosen: "Din levering",
  closed: "stengt",
};

const DA: Words = {
  ...EN,
  loading: "Henter leveringsmuligheder…",
  showAll: (n) => `Vis alle ${n}`,
  free: "Gratis",
  postalCode: "Postnummer",
  update: "Opdater",
  chooseDelivery: "Vælg hvordan din ordre leveres",
  delivery: (n, of) => `Levering ${n} af ${of}`,
  extras: "Tilvalg",
  openingHours: "Åbningstider",
  walk: (d, m) => `${d}, ${m} min gang`,
  days: (a, b) => (a === b ? `${a} dage` : `${a}–${b} dage`),
  loadFailed: "Leveringsmulighederne kunne ikke hentes.",
  retry: "Prøv igen",
  nothingOffered: "Der er ingen leveringsmulighed for denne ordre og adresse.",
  updating: "Opdaterer…",
  chosen: "Din levering",
  closed: "lukket",
};

const FI: Words = {
  ...EN,
  loading: "Ladataan toimitusvaihtoehtoja…",
  showAll: (n) => `Näytä kaikki ${n}`,
  free: "Ilmainen",
  postalCode: "Postinumero",
  update: "Päivitä",
  chooseDelivery: "Valitse toimitustapa",
  delivery: (n, of) => `Toimitus ${n}/${of}`,
  extras: "Lisäpalvelut",
  openingHours: "Aukioloajat",
  walk: (d, m) => `${d}, ${m} min kävelyä`,
  days: (a, b) => (a === b ? `${a} päivää` : `${a}–${b} päivää`),
  loadFailed: "Toimitusvaihtoehtoja ei voitu ladata.",
  retry: "Yritä uudelleen",
  nothingOffered: "Tälle tilaukselle ja osoitteelle ei ole toimitustapaa.",
  updating: "Päivitetään…",
  chosen: "Toimituksesi",
  closed: "suljettu",
};

const DE: Words = {
  ...EN,
  loading: "Lieferoptionen werden geladen…",
  showAll: (n) => `Alle ${n} anzeigen`,
  free: "Kostenlos",
  postalCode: "Postleitzahl",
  update: "Aktualisieren",
  chooseDelivery: "Wählen Sie die Lieferart",
  delivery: (n, of) => `Lieferung ${n} von ${of}`,
  extras: "Zusatzleistungen",
  openingHours: "Öffnungszeiten",
  walk: (d, m) => `${d}, ${m} Min. zu Fuß`,
  days: (a, b) => (a === b ? `${a} Tage` : `${a}–${b} Tage`),
  loadFailed: "Die Lieferoptionen konnten nicht geladen werden.",
  retry: "Erneut versuchen",
  nothingOffered: "Für diese Bestellung und Adresse gibt es keine Lieferart.",
  updating: "Wird aktualisiert…",
  chosen: "Ihre Lieferung",
  closed: "geschlossen",
};

const WORDS: Record<string, Words> = { en: EN, sv: SV, nb: NB, no: NB, nn: NB, da: DA, fi: FI, de: DE };

/// The words of the first of `locales` the selector speaks, English otherwise.
export function wordsFor(locales: readonly string[]): Words {
  for (const locale of locales) {
    const words = WORDS[locale.split("-")[0]?.toLowerCase() ?? ""];
    if (words) return words;
  }
  return EN;
}

/// Minor units of `currency` as the customer reads them: "49,00 kr", or the word for free.
export function money(minor: string, currency: string, locale: string, words: Words): string {
  const units = Number(minor);
  if (units === 0) return words.free;
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(units / 10 ** digits);
}

/// Minor units of `currency` as a number in major units, for the merchant's page.
export function majorUnits(minor: string, currency: string): number {
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return Number(minor) / 10 ** digits;
}

const HOUR = 3_600_000;

/// The days a window covers, as the customer reads them: "Wed 3 Dec – Thu 4 Dec". The window's
/// ends are the start and the end of local days where the goods ship from (shown here in UTC),
/// so moving each half a day inwards names those days in any zone within twelve hours of UTC.
export function days(earliest: string, latest: string, locale: string): string {
  const from = new Date(Date.parse(earliest) + 12 * HOUR);
  const to = new Date(Date.parse(latest) - 12 * HOUR);
  const format = new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  if (to.getTime() <= from.getTime() || format.format(from) === format.format(to)) {
    return format.format(from);
  }
  const ranged = format as Intl.DateTimeFormat & {
    formatRange?: (a: Date, b: Date) => string;
  };
  return ranged.formatRange
    ? ranged.formatRange(from, to)
    : `${format.format(from)} – ${format.format(to)}`;
}

/// A walking distance: "650 m" or "1.2 km".
export function distance(meters: number, locale: string): string {
  if (meters < 1000) {
    return new Intl.NumberFormat(locale, { style: "unit", unit: "meter", maximumFractionDigits: 0 }).format(
      Math.round(meters / 10) * 10,
    );
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: "kilometer",
    maximumFractionDigits: 1,
  }).format(meters / 1000);
}

/// The weekday names, Monday first, in `locale`.
export function weekdays(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  // 2024-01-01 was a Monday.
  return [0, 1, 2, 3, 4, 5, 6].map((i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}
