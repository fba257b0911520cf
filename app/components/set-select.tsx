/** The vector-set menu, shown only when models/ holds more than one set. */
export function SetSelect({ sets, value, onChange }: { sets: { name: string; title: string }[]; value: string; onChange: (name: string) => void }) {
  if (sets.length <= 1) return null;
  return (
    <label className="flex items-center gap-1">
      Vectors
      <select data-testid="set-select" value={value} onChange={(e) => onChange(e.target.value)} className="rounded border border-zinc-300 bg-transparent px-1 dark:border-zinc-700">
        {sets.map((s) => (
          <option key={s.name} value={s.name}>
            {s.title}
          </option>
        ))}
      </select>
    </label>
  );
}
