/** Shown when models/ holds no prepared vector set: what to run to get one. */
export function NoVectors() {
  return (
    <p role="alert" className="rounded border border-red-400 p-3 text-sm">
      No prepared vectors found in <code>models/</code>. Run <code>npm run prepare:glove</code> (it runs automatically on <code>npm install</code>) and reload.
    </p>
  );
}
