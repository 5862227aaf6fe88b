// Which country's helplines to show when neither the address nor the partner's page named
// one and the young person has not chosen one yet.
//
// The browser's language is not a hint: it says what someone reads, not where they are (many
// Belgian teenagers have phones set to en-US). The time zone is: it follows where the device
// is. Belgium where it says nothing (UTC, or none), as the product is for Belgium first; the
// international services for a time zone outside the countries listed.

/** Time zones of each listed country; US and Canada share America/ and are listed in full. */
const ZONES = {
  BE: ["Europe/Brussels"],
  NL: ["Europe/Amsterdam"],
  FR: ["Europe/Paris"],
  LU: ["Europe/Luxembourg"],
  DE: ["Europe/Berlin", "Europe/Busingen"],
  GB: ["Europe/London", "Europe/Belfast", "GB", "GB-Eire"],
  IE: ["Europe/Dublin", "Eire"],
  US: [
    "America/New_York", "America/Detroit", "America/Chicago", "America/Menominee", "America/Denver", "America/Boise",
    "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "America/Juneau", "America/Sitka",
    "America/Metlakatla", "America/Yakutat", "America/Nome", "America/Adak", "Pacific/Honolulu",
    "America/Indiana/", "America/Kentucky/", "America/North_Dakota/", "US/",
  ],
  CA: [
    "America/Toronto", "America/Montreal", "America/Vancouver", "America/Edmonton", "America/Winnipeg",
    "America/Halifax", "America/St_Johns", "America/Regina", "America/Moncton", "America/Glace_Bay",
    "America/Goose_Bay", "America/Whitehorse", "America/Dawson", "America/Yellowknife", "America/Iqaluit",
    "America/Rankin_Inlet", "America/Cambridge_Bay", "America/Inuvik", "America/Swift_Current",
    "America/Creston", "America/Dawson_Creek", "America/Fort_Nelson", "America/Atikokan",
    "America/Blanc-Sablon", "America/Thunder_Bay", "America/Nipigon", "America/Rainy_River", "Canada/",
  ],
  AU: ["Australia/"],
};

// Names that say nothing about where the device is.
const NO_PLACE = /^(UTC|GMT|Etc\/|Universal$|Zulu$|Factory$)/;

/** The country a time zone name points to (a name ending in "/" covers a whole area). */
export function countryFromTimeZone(zone) {
  if (typeof zone !== "string" || !zone || NO_PLACE.test(zone)) return "BE";
  for (const [country, zones] of Object.entries(ZONES)) {
    if (zones.some((z) => (z.endsWith("/") ? zone.startsWith(z) : zone === z))) return country;
  }
  return "INT";
}

/** The device's time zone name, or null where the browser does not give it. */
export function deviceTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
  } catch {
    return null;
  }
}
