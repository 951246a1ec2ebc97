// Which children a field's value is about, read from the object the field is resolved on:
// - a Child is about itself;
// - an object the services return carries `childId` (the child it is about);
// - an object returned under a child's field without one is about that child (tagged);
// - a household member who is a child known to the hub carries `memberChildId`: its fields are
//   about that child too, and are decided and recorded for both;
// - Query.child(id) opens the child it names before anything about it is loaded.
import type { RequestAccess } from "./request-access.ts";
import { isChildId } from "./request-access.ts";

export interface FieldSubject {
  /** The children the value is about, the parent's own child first. */
  children: string[];
  /** The object claims to be about a child but has no valid id: nothing is known about it. */
  unknownChild: boolean;
  /** The child a root field opens by its `id` argument. */
  opening: string | undefined;
}

const NOTHING: FieldSubject = { children: [], unknownChild: false, opening: undefined };

export function subjectOf(
  field: { isRoot: boolean; returnsChild: boolean; typeName: string },
  source: unknown,
  args: Record<string, unknown>,
  access: RequestAccess,
): FieldSubject {
  if (field.isRoot) {
    const id = args["id"];
    return field.returnsChild && isChildId(id) ? { ...NOTHING, opening: id } : NOTHING;
  }
  if (source === null || typeof source !== "object") return NOTHING;
  const s = source as Record<string, unknown>;
  const isChild = field.typeName === "Child";
  const own = isChild ? s["id"] : (s["childId"] ?? access.childOf.get(source));
  if (!isChild && (own === undefined || own === null)) return NOTHING;
  if (!isChildId(own)) return { ...NOTHING, unknownChild: true };
  const member = s["memberChildId"];
  const children = isChildId(member) && member !== own ? [own, member] : [own];
  return { ...NOTHING, children };
}
