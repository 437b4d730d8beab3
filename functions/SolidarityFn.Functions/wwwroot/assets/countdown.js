// The time left until a campaign's deadline, in the contributor's language: whole days while more than a day is left,
// then hours, then minutes on the last day. Intl.RelativeTimeFormat words it ("in 3 days", "dans 5 heures",
// "dentro de 12 minutos"); the deadline itself is shown beside it in the contributor's own time zone.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** {value, unit} for Intl.RelativeTimeFormat, or null once the deadline has passed. */
export function timeLeft(deadline, now) {
  const left = deadline.getTime() - now.getTime();
  if (!(left > 0)) {
    return null;
  }
  if (left >= DAY) {
    return { value: Math.floor(left / DAY), unit: 'day' };
  }
  if (left >= HOUR) {
    return { value: Math.floor(left / HOUR), unit: 'hour' };
  }
  return { value: Math.max(1, Math.ceil(left / MINUTE)), unit: 'minute' };
}

export function formatTimeLeft({ value, unit }, language) {
  try {
    return new Intl.RelativeTimeFormat(language, { numeric: 'always' }).format(value, unit);
  } catch {
    return `${value} ${unit}${value === 1 ? '' : 's'}`;
  }
}

export function formatDeadlineDate(deadline, language) {
  try {
    return new Intl.DateTimeFormat(language, {
      weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
    }).format(deadline);
  } catch {
    return deadline.toLocaleString();
  }
}
