// Reads a field's access category from the @access directive: the field's own wins over its
// type's. A field with neither has no category (and is withheld).
import { getDirective } from "@graphql-tools/utils";
import { isIntrospectionType, isObjectType, type GraphQLSchema } from "graphql";
import { isAccessCategory, type AccessCategory } from "./categories.ts";

type Directable = Parameters<typeof getDirective>[1];

export function fieldCategory(
  schema: GraphQLSchema,
  typeName: string,
  field: Directable,
): AccessCategory | undefined {
  const own: unknown = getDirective(schema, field, "access")?.[0]?.["category"];
  if (isAccessCategory(own)) return own;
  const type = schema.getType(typeName);
  if (!type || !isObjectType(type)) return undefined;
  const inherited: unknown = getDirective(schema, type, "access")?.[0]?.["category"];
  return isAccessCategory(inherited) ? inherited : undefined;
}

/** Every object field (as Type.field) that declares no category: the start-up check. */
export function uncategorisedFields(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!fieldCategory(schema, type.name, field)) missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing.sort();
}
