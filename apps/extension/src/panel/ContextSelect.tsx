interface Option {
  value: string;
  label: string;
}

interface Props {
  /** Also the element id and test id. */
  id: string;
  label: string;
  value: string;
  /** The first option: "Automatic" with what the server inferred, when it did. */
  automatic: Option;
  options: Option[];
  onChange(value: string): void;
}

/** One line of the panel's context: deal, stage or persona, automatic unless the rep picks. */
export function ContextSelect({ id, label, value, automatic, options, onChange }: Props) {
  return (
    <div className="ps-row">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {[automatic, ...options].map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
