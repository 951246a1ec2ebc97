// A rating shown as colour AND text (never colour alone), with a shape for those who cannot
// tell the colours apart.
import type { Rag } from "../graphql/types.ts";

const SHAPE: Record<Rag, string> = { RED: "▲", AMBER: "◆", GREEN: "●" };

export function RagBadge({ rag, label }: { rag: Rag | null | undefined; label?: string }) {
  if (!rag) return <span className="rag rag-none">Not rated</span>;
  return (
    <span className={`rag rag-${rag.toLowerCase()}`}>
      <span aria-hidden="true">{SHAPE[rag]} </span>
      {label ? `${label}: ` : ""}
      {rag}
    </span>
  );
}

export const RAG_ORDER: Record<Rag, number> = { RED: 0, AMBER: 1, GREEN: 2 };
export const RAG_COLOUR: Record<Rag, string> = {
  RED: "#b10e1e",
  AMBER: "#f0a000",
  GREEN: "#00703c",
};
