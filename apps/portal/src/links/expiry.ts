const pad = (n: number) => String(n).padStart(2, "0");

/** A date field's value (YYYY-MM-DD) for a local day. */
export const dateInputValue = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** A link given "expires on" a day works to the end of that day, where the rep is. */
export const endOfDayIso = (value: string) => new Date(`${value}T23:59:59`).toISOString();

/** The day an expiry falls on, for the date field. */
export const expiryInputValue = (iso: string | null) => (iso ? dateInputValue(new Date(iso)) : "");
