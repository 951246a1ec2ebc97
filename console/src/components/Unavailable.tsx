// What a screen says when this hub does not serve the operation it needs yet.
export function NotServedYet({ operation, what }: { operation: string; what: string }) {
  return (
    <div className="notice notice-info" role="status" data-testid="not-served">
      <p>
        <strong>Not available on this hub yet.</strong> {what} needs the hub&apos;s{" "}
        <code>{operation}</code> operation (contract version 2), which this hub does not serve. The
        screen will work as soon as the hub is updated; nothing else is affected.
      </p>
    </div>
  );
}

export function ErrorNotice({
  errors,
}: {
  errors: readonly { message: string; extensions?: Record<string, unknown> }[];
}) {
  const shown = errors.filter((e) => e.extensions?.["code"] !== "WITHHELD");
  if (shown.length === 0) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>The hub refused this:</strong>
      </p>
      <ul>
        {shown.map((e, i) => (
          <li key={i}>
            {e.message}
            {e.extensions?.["code"] ? ` (${String(e.extensions["code"])})` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
